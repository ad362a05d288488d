-- Put back the imported values that batch :batch replaced, with their own batch and row.
INSERT INTO real_value (commune_code, indicator_code, period, period_end, value, source, batch_id, source_row,
                        evidence, note)
SELECT commune_code, indicator_code, period, period_end, value, source, previous_batch_id, source_row, evidence, note
FROM observation_history
WHERE batch_id = :batch;
