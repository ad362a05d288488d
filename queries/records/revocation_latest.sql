-- The latest revocation of :email (seconds since 1970, UTC), NULL if none.
SELECT max(revoked_at) FROM revocation WHERE email = :email;
