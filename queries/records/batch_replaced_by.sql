-- The later batches (not rolled back) that replaced some of import batch :batch's values: roll those back first.
SELECT DISTINCT h.batch_id
FROM observation_history h
JOIN import_batch later ON later.batch_id = h.batch_id
WHERE h.previous_batch_id = :batch AND later.rolled_back_at IS NULL
ORDER BY h.batch_id;
