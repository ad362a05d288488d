-- The task_report_evidence rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT report_id, sha256, file_name
FROM task_report_evidence;
