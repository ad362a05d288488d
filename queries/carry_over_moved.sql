-- Task reports carried over to their task's corrected wording (carry_over_workflow.sql, by number): which
-- report, of which commune and task, from what wording to what, reported by whom and when.
SELECT r.report_id, r.commune_code, c.name AS commune_name, t.seq, p.task_wording AS old_wording,
       r.task_wording AS new_wording, r.reported_by, r.reported_at
FROM task_report r
JOIN previous.task_report p USING (report_id)
JOIN task t ON t.task_id = r.task_id
JOIN commune c ON c.commune_code = r.commune_code
WHERE r.task_wording <> p.task_wording
ORDER BY r.report_id;
