-- The publisher's copy of import_batch: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM import_batch;
