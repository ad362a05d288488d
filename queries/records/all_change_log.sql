-- Every change_log row (kpi.services.migration.move_store: read from one store, read back from the other).
SELECT change_id, recorded_at, action, audit_id FROM change_log;
