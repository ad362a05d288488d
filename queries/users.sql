-- Accounts with their scope; $email: one address (lower case), or NULL for all.
SELECT u.email,
       u.role,
       u.province_code,
       coalesce(string_agg(c.commune_code, ',' ORDER BY c.commune_code), '') AS communes,
       u.added_at,
       u.added_by
FROM app_user u
LEFT JOIN user_commune c USING (email)
WHERE $email IS NULL OR u.email = $email
GROUP BY ALL
ORDER BY u.email;
