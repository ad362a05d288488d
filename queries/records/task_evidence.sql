-- The evidence files of one task report (:report), recorded or published: the names the reporter gave and
-- the stored content's sha256.
SELECT e.report_id, e.file_name, e.sha256, f.media_type, f.size_bytes
FROM task_report_evidence e
JOIN evidence_file f ON f.sha256 = e.sha256
WHERE e.report_id = :report
ORDER BY e.file_name;
