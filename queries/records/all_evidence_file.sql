-- The publisher's copy of evidence_file: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM evidence_file;
