-- Every revocation row (kpi.services.migration.move_store: read from one store, read back from the other).
SELECT email, revoked_at, reason, recorded_at FROM revocation;
