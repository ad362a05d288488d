-- One evidence file of a task report ($report, $sha256): the name it was reported under and the commune
-- (and province) it belongs to, for the evidence route's scope check (kpi.web). No row: no such file.
SELECT e.file_name, f.size_bytes, r.commune_code, c.province_code
FROM task_report_evidence e
JOIN evidence_file f USING (sha256)
JOIN task_report r USING (report_id)
JOIN commune c ON c.commune_code = r.commune_code
WHERE e.report_id = $report AND e.sha256 = $sha256
ORDER BY e.file_name
LIMIT 1;
