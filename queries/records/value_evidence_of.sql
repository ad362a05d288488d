-- The evidence files of commune :commune's values for :period, as recorded: batch_id, indicator_code, period,
-- file_name, sha256, media_type, size_bytes, and the batch's rolled_back_at (the evidence route serves each:
-- /evidence/value/<batch_id>/<sha256>).
SELECT e.batch_id, e.indicator_code, e.period, e.file_name, e.sha256, f.media_type, f.size_bytes, b.rolled_back_at
FROM value_evidence e
JOIN evidence_file f ON f.sha256 = e.sha256
JOIN import_batch b ON b.batch_id = e.batch_id
WHERE e.commune_code = :commune AND e.period = :period
ORDER BY e.indicator_code, e.batch_id DESC, e.file_name;
