-- The store of record (kpi.records): created on first use, every statement idempotent.
-- revocation: an address's sign-ins issued (token iat) at or before revoked_at carry nothing (kpi.accounts.identity).
CREATE TABLE IF NOT EXISTS revocation (
    email       TEXT NOT NULL,  -- canonical address (NFKC, case folded)
    revoked_at  REAL NOT NULL,  -- seconds since 1970, UTC: sign-ins issued until then are over
    reason      TEXT NOT NULL,  -- sign-out, users remove
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX IF NOT EXISTS revocation_email ON revocation (email, revoked_at);
