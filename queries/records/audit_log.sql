-- The audit log, newest first: every write with who, when, what and from which file.
SELECT audit_id, written_at, actor, role, action, detail, files, sha256, batch_id
FROM audit_log
ORDER BY audit_id DESC;
