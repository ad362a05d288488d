-- Put back the real values that import batch $batch replaced, with their own batch and row.
INSERT INTO observation (commune_code, indicator_code, period, period_end, value, is_demo, source, batch_id, source_row,
                         evidence, note)
SELECT commune_code, indicator_code, period, period_end, value, false, source, previous_batch_id, source_row, evidence, note
FROM observation_history
WHERE batch_id = $batch;
