-- One audit_log row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO audit_log (audit_id, written_at, actor, role, action, detail, files, sha256, batch_id)
VALUES (:audit_id, :written_at, :actor, :role, :action, :detail, :files, :sha256, :batch_id);
