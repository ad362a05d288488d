-- The real_value rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT commune_code, indicator_code, period, period_end, value, source, batch_id, source_row, evidence, note
FROM observation
WHERE NOT is_demo;
