-- One task_report row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO task_report (report_id, task_id, commune_code, task_seq, task_wording, status, percent_complete, note, reported_at, reported_by, source, source_row, review, reviewed_at, reviewed_by, review_reason)
VALUES (:report_id, :task_id, :commune_code, :task_seq, :task_wording, :status, :percent_complete, :note, :reported_at, :reported_by, :source, :source_row, :review, :reviewed_at, :reviewed_by, :review_reason);
