-- Accounts with their communes, one row per account and commune (none: commune_code NULL); :email one
-- canonical address, or NULL for all (kpi.accounts.users folds the communes).
SELECT u.email, u.role, u.province_code, c.commune_code, u.added_at, u.added_by
FROM app_user u
LEFT JOIN user_commune c ON c.email = u.email
WHERE CAST(:email AS TEXT) IS NULL OR u.email = :email
ORDER BY u.email, c.commune_code;
