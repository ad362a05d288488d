-- The evidence_file rows of a snapshot made before the store of record, in the store's columns
-- (kpi.services.migration).
SELECT sha256, media_type, size_bytes, stored_at, stored_by
FROM evidence_file;
