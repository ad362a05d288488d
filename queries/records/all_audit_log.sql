-- The publisher's copy of audit_log: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM audit_log;
