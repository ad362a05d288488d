-- :email's draft of commune :commune for :period: indicator_code, value, note, saved_at.
SELECT indicator_code, value, note, saved_at
FROM value_draft
WHERE email = :email AND commune_code = :commune AND period = :period
ORDER BY indicator_code;
