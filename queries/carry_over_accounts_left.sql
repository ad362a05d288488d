-- What carry_over_accounts.sql would leave behind: accounts whose province no longer exists and commune
-- editors' communes that no longer exist, described for people (kpi.carry_over.WouldDrop).
SELECT 'account' AS kind, NULL AS ref, NULL AS commune_code, '' AS commune_name,
       u.email || ' (' || u.role || coalesce(', ' || u.province_code, '') || ')' AS item, u.added_by AS by_whom, u.added_at AS at, NULL AS source
FROM previous.app_user u
WHERE u.email NOT IN (SELECT email FROM app_user)
UNION ALL
SELECT 'account', NULL, c.commune_code, '', c.email, NULL, NULL, NULL
FROM previous.user_commune c
WHERE c.email IN (SELECT email FROM app_user)
  AND NOT EXISTS (SELECT 1 FROM user_commune n WHERE n.email = c.email AND n.commune_code = c.commune_code)
ORDER BY item;
