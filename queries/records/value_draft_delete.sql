-- Remove :email's draft of commune :commune for :period (before a save replaces it, or when it is submitted).
DELETE FROM value_draft WHERE email = :email AND commune_code = :commune AND period = :period;
