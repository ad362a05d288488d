-- One task report with its commune's province and whether it is still its task's latest report.
SELECT r.report_id, r.task_id, r.commune_code, c.province_code, r.status, r.review,
       r.report_id = (SELECT max(l.report_id) FROM task_report l WHERE l.task_id = r.task_id) AS is_latest
FROM task_report r
JOIN commune c USING (commune_code)
WHERE r.report_id = $report;
