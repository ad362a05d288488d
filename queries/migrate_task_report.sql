-- The task_report rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT r.report_id, r.task_id, r.commune_code, t.seq AS task_seq, r.task_wording, r.status, r.percent_complete, r.note, r.reported_at, r.reported_by, r.source, r.source_row, r.review, r.reviewed_at, r.reviewed_by, r.review_reason
FROM task_report r
LEFT JOIN task t USING (task_id);
