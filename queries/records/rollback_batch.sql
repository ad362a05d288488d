-- An import batch as `rollback` needs it: whether it was rolled back, how many of its values are live, how
-- many values it replaced.
SELECT b.rolled_back_at IS NOT NULL AS rolled_back,
       (SELECT count(*) FROM real_value v WHERE v.batch_id = b.batch_id) AS live_values,
       (SELECT count(*) FROM observation_history h WHERE h.batch_id = b.batch_id) AS replaced_values
FROM import_batch b
WHERE b.batch_id = :batch;
