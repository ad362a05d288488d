-- Import batches, newest first, with how many of their values are still live and who imported or rolled back each.
SELECT b.batch_id,
       b.imported_at,
       b.file_names,
       b.sha256,
       b.rows_read,
       b.imported,
       b.updated,
       b.unchanged,
       (SELECT count(*) FROM observation o WHERE o.batch_id = b.batch_id AND NOT o.is_demo) AS values_live,
       b.rolled_back_at,
       b.imported_by,
       b.rolled_back_by
FROM import_batch b
ORDER BY b.batch_id DESC;
