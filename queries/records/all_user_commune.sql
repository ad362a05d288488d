-- The publisher's copy of user_commune: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM user_commune;
