-- One task report as the province's review needs it, and whether it is still its task's latest report: no
-- later report of the same commune names the same task (by its wording, or by the id of the same snapshot).
SELECT r.report_id, r.task_id, r.commune_code, r.task_seq, r.task_wording, r.status, r.review,
       CASE WHEN EXISTS (SELECT 1 FROM task_report l
                         WHERE l.report_id > r.report_id AND l.commune_code = r.commune_code
                           AND (l.task_wording = r.task_wording OR l.task_id = r.task_id))
            THEN 0 ELSE 1 END AS is_latest
FROM task_report r
WHERE r.report_id = :report;
