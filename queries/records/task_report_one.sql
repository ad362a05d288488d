-- One task report as the store keeps it (kpi.services.remap).
SELECT report_id, task_id, commune_code, task_seq, task_wording
FROM task_report
WHERE report_id = :report;
