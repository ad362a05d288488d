-- A person's task reports recorded after the last one the published snapshot holds (:after): what Nhiệm vụ
-- shows them as pending ("chờ cập nhật") until the next publication.
SELECT report_id, task_id, commune_code, task_seq, task_wording, status, percent_complete, note, reported_at
FROM task_report
WHERE reported_by = :email AND report_id > :after
ORDER BY report_id;
