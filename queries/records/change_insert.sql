-- A write's change row (kpi.records.changes.record), in the write's transaction.
INSERT INTO change_log (recorded_at, action, audit_id) VALUES (:recorded_at, :action, :audit_id) RETURNING change_id;
