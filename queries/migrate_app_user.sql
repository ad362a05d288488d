-- The app_user rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT email, role, province_code, added_at, added_by
FROM app_user;
