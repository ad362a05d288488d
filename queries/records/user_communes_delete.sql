-- Take an account's communes away (before the account is removed or given a new scope).
DELETE FROM user_commune WHERE email = :email;
