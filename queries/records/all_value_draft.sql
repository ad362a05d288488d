-- Every value_draft row (kpi.services.migration.move_store: read from one store, read back from the other).
SELECT email, commune_code, period, indicator_code, value, note, saved_at FROM value_draft;
