-- A task report mapped to a task of the current plan (kpi.services.remap.remap_report).
UPDATE task_report
SET task_id = :task_id, task_seq = :seq, task_wording = :wording
WHERE report_id = :report;
