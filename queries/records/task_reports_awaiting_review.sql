-- Reported completions waiting for the province's review, as soon as they are recorded: reported done, not
-- reviewed yet, and still their task's latest report (as task_report_for_review decides it).
SELECT r.report_id, r.task_id, r.commune_code, r.task_seq, r.task_wording, r.reported_at, r.reported_by, r.note
FROM task_report r
WHERE r.status = 'done' AND r.review = 'submitted'
  AND NOT EXISTS (SELECT 1 FROM task_report l
                  WHERE l.report_id > r.report_id AND l.commune_code = r.commune_code
                    AND (l.task_wording = r.task_wording OR l.task_id = r.task_id))
ORDER BY r.report_id;
