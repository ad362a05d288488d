-- Record one write in the audit log (kpi.accounts.audit.record), in the write's own transaction.
INSERT INTO audit_log (written_at, actor, role, action, detail, files, sha256, batch_id)
VALUES (:at, :actor, :role, :action, :detail, :files, :sha256, :batch)
RETURNING audit_id;
