-- One revocation row of another store moved into this one (kpi.services.migration.move_store), its id kept.
INSERT INTO revocation (email, revoked_at, reason, recorded_at)
VALUES (:email, :revoked_at, :reason, :recorded_at);
