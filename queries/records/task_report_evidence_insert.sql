-- Link a task report to an evidence file it cites, under the name the reporter gave it.
INSERT INTO task_report_evidence (report_id, sha256, file_name)
VALUES (:report, :sha256, :file_name)
ON CONFLICT (report_id, sha256) DO NOTHING;
