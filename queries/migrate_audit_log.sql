-- The audit_log rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT audit_id, written_at, actor, role, action, detail, files, sha256, batch_id
FROM audit_log;
