-- Copy the accounts and the audit log of the previous database, attached as `previous`, into a fresh
-- build. An account whose province no longer exists, or a commune that no longer exists, is left
-- behind (named by carry_over_accounts_left.sql, and the build refused); the audit log is kept whole.
INSERT INTO app_user BY NAME
SELECT u.* FROM previous.app_user u
WHERE u.province_code IS NULL OR u.province_code IN (SELECT province_code FROM province);
INSERT INTO user_commune BY NAME
SELECT c.* FROM previous.user_commune c
WHERE c.email IN (SELECT email FROM app_user)
  AND c.commune_code IN (SELECT commune_code FROM commune);
INSERT INTO audit_log BY NAME SELECT * FROM previous.audit_log;
