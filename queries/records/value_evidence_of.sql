-- The evidence files of commune :commune's values for :period, as recorded: batch_id, indicator_code, file_name,
-- sha256, media_type, size_bytes (the evidence route serves each: /evidence/value/<batch_id>/<sha256>).
SELECT e.batch_id, e.indicator_code, e.file_name, e.sha256, f.media_type, f.size_bytes
FROM value_evidence e
JOIN evidence_file f ON f.sha256 = e.sha256
WHERE e.commune_code = :commune AND e.period = :period
ORDER BY e.indicator_code, e.batch_id DESC, e.file_name;
