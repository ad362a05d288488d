-- The publisher's copy of app_user: every row, as the snapshot mirrors it (kpi.store.fold).
SELECT * FROM app_user;
