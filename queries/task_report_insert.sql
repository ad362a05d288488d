-- Record the checked task reports registered as `reports` (task_id, status, percent_complete, note,
-- source, source_row, file_index). A report of "done" waits for the province's review.
INSERT INTO task_report (report_id, task_id, commune_code, task_wording, status, percent_complete, note,
                         reported_at, reported_by, source, source_row, review)
SELECT nextval('task_report_id'), r.task_id, t.commune_code, t.task, r.status, r.percent_complete, r.note,
       $at, $by, r.source, r.source_row, CASE WHEN r.status = 'done' THEN 'submitted' END
FROM (SELECT * FROM reports ORDER BY file_index, source_row) r
JOIN task t USING (task_id)
RETURNING report_id, task_id;
