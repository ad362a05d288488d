-- The import_batch rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT batch_id, file_names, sha256, imported_at, rows_read, imported, updated, unchanged, rolled_back_at, imported_by, rolled_back_by
FROM import_batch;
