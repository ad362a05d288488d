-- Import batches as the store holds them now, newest first, with how many of their values are live and
-- whether a change of theirs (the import, or its rollback) is after :through, the last change the published
-- snapshot holds: "pending" until the next publication.
SELECT b.batch_id, b.imported_at, b.file_names, b.sha256, b.rows_read, b.imported, b.updated, b.unchanged,
       (SELECT count(*) FROM real_value v WHERE v.batch_id = b.batch_id) AS values_live,
       b.rolled_back_at, b.imported_by, b.rolled_back_by,
       EXISTS (SELECT 1 FROM change_log c JOIN audit_log a ON a.audit_id = c.audit_id
               WHERE a.batch_id = b.batch_id AND c.change_id > :through) AS pending
FROM import_batch b
ORDER BY b.batch_id DESC;
