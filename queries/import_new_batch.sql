-- Record an import batch (its files, their sha256, when, and the DHIS2-style counts); returns its id.
INSERT INTO import_batch
VALUES (nextval('import_batch_id'), $files, $sha256, $imported_at, $rows_read, $imported, $updated, $unchanged, NULL)
RETURNING batch_id;
