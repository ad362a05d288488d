-- The publisher's copy of real_value: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM real_value;
