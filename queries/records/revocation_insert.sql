-- End the sign-ins of :email issued at or before :revoked_at (seconds since 1970, UTC).
INSERT INTO revocation (email, revoked_at, reason) VALUES (:email, :revoked_at, :reason);
