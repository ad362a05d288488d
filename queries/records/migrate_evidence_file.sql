-- One evidence_file row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO evidence_file (sha256, media_type, size_bytes, stored_at, stored_by)
VALUES (:sha256, :media_type, :size_bytes, :stored_at, :stored_by);
