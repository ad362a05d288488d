-- One published_snapshot row of another store moved into this one (kpi.services.migration.move_store), its id kept.
INSERT INTO published_snapshot (snapshot_id, publisher, document, snapshot_at, period_kind, period, level, source_file, sheet, sha256, content, rows, loaded_at, loaded_by, audit_id)
VALUES (:snapshot_id, :publisher, :document, :snapshot_at, :period_kind, :period, :level, :source_file, :sheet, :sha256, :content, :rows, :loaded_at, :loaded_by, :audit_id);
