-- The publisher's copy of task_report_evidence: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM task_report_evidence;
