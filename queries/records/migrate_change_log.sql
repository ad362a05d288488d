-- One change_log row of another store moved into this one (kpi.services.migration.move_store), its id kept.
INSERT INTO change_log (change_id, recorded_at, action, audit_id)
VALUES (:change_id, :recorded_at, :action, :audit_id);
