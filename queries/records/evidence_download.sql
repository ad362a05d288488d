-- One evidence file of a task report (:report, :sha256): the name it was reported under and the report's
-- commune, for the evidence route's scope check (kpi.web). No row: no such file.
SELECT e.file_name, f.size_bytes, r.commune_code
FROM task_report_evidence e
JOIN evidence_file f ON f.sha256 = e.sha256
JOIN task_report r ON r.report_id = e.report_id
WHERE e.report_id = :report AND e.sha256 = :sha256
ORDER BY e.file_name
LIMIT 1;
