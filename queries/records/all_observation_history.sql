-- The publisher's copy of observation_history: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM observation_history;
