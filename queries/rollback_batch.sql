-- An import batch as `rollback` needs it: whether it was rolled back, how many of its values are live, how
-- many values it replaced, and the later batches (not rolled back) that replaced some of its values.
SELECT b.rolled_back_at IS NOT NULL AS rolled_back,
       (SELECT count(*) FROM observation o WHERE o.batch_id = b.batch_id AND NOT o.is_demo) AS live_values,
       (SELECT count(*) FROM observation_history h WHERE h.batch_id = b.batch_id) AS replaced_values,
       (SELECT list(DISTINCT h.batch_id ORDER BY h.batch_id)
        FROM observation_history h JOIN import_batch later ON later.batch_id = h.batch_id
        WHERE h.previous_batch_id = b.batch_id AND later.rolled_back_at IS NULL) AS replaced_by
FROM import_batch b
WHERE b.batch_id = $batch;
