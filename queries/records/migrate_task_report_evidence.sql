-- One task_report_evidence row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO task_report_evidence (report_id, sha256, file_name)
VALUES (:report_id, :sha256, :file_name);
