-- One import_batch row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO import_batch (batch_id, file_names, sha256, imported_at, rows_read, imported, updated, unchanged, rolled_back_at, imported_by, rolled_back_by)
VALUES (:batch_id, :file_names, :sha256, :imported_at, :rows_read, :imported, :updated, :unchanged, :rolled_back_at, :imported_by, :rolled_back_by);
