-- Link reports to their evidence files, registered as `links` (report_id, sha256, file_name).
INSERT INTO task_report_evidence (report_id, sha256, file_name)
SELECT report_id, sha256, file_name FROM links;
