-- The publisher's copy of value_approval: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM value_approval;
