-- Record an import batch (its files, their sha256, when, by whom, and the DHIS2-style counts); returns its id.
INSERT INTO import_batch (file_names, sha256, imported_at, rows_read, imported, updated, unchanged, imported_by)
VALUES (:files, :sha256, :imported_at, :rows_read, :imported, :updated, :unchanged, :by)
RETURNING batch_id;
