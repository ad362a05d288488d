-- The publisher's copy of task_report: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM task_report;
