-- Record one checked task report (kpi.services.tasks). The task is named by its id in the snapshot the
-- reporter saw AND by commune, number and wording, so the publisher finds it again in later builds. A report
-- of "done" waits for the province's review.
INSERT INTO task_report (task_id, commune_code, task_seq, task_wording, status, percent_complete, note, reported_at,
                         reported_by, source, source_row, review)
VALUES (:task_id, :commune_code, :task_seq, :task_wording, :status, :percent_complete, :note, :at, :by, :source,
        :source_row, CASE WHEN :status = 'done' THEN 'submitted' END)
RETURNING report_id;
