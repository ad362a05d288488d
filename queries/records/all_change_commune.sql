-- Every change_commune row (kpi.services.migration.move_store: read from one store, read back from the other).
SELECT change_id, commune_code FROM change_commune;
