-- The user_commune rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT email, commune_code
FROM user_commune;
