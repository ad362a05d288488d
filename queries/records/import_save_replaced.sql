-- Keep the imported value an import is about to replace (one key), so `rollback` can restore it.
INSERT INTO observation_history (batch_id, commune_code, indicator_code, period, period_end, value, source,
                                 previous_batch_id, source_row, evidence, note)
SELECT :batch, commune_code, indicator_code, period, period_end, value, source, batch_id, source_row, evidence, note
FROM real_value
WHERE commune_code = :commune_code AND indicator_code = :indicator_code AND period = :period;
