-- The observation_history rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT batch_id, commune_code, indicator_code, period, period_end, value, source, previous_batch_id, source_row, evidence, note
FROM observation_history;
