-- Every value_evidence row (kpi.services.migration.move_store: read from one store, read back from the other).
SELECT batch_id, commune_code, indicator_code, period, sha256, file_name FROM value_evidence;
