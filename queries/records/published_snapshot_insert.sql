INSERT INTO published_snapshot (publisher, document, snapshot_at, period_kind, period, level, source_file, sheet, sha256,
                                content, rows, loaded_at, loaded_by, audit_id)
VALUES (:publisher, :document, :snapshot_at, :period_kind, :period, :level, :source_file, :sheet, :sha256, :content, :rows,
        :loaded_at, :loaded_by, :audit_id)
RETURNING snapshot_id;
