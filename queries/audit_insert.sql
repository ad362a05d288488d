-- Record one write in the audit log (kpi.accounts.audit.record).
INSERT INTO audit_log (audit_id, written_at, actor, role, action, detail, files, sha256, batch_id)
VALUES (nextval('audit_id'), $at, $actor, $role, $action, $detail, $files, $sha256, $batch);
