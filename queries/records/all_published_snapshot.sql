SELECT snapshot_id, publisher, document, snapshot_at, period_kind, period, level, source_file, sheet, sha256, content, rows,
       loaded_at, loaded_by, audit_id
FROM published_snapshot ORDER BY snapshot_id;
