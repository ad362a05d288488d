-- Record an evidence file stored beside the database (kpi/workflow/evidence.py); the same content is one row.
INSERT INTO evidence_file (sha256, media_type, size_bytes, stored_at, stored_by)
VALUES ($sha256, $media_type, $size_bytes, $at, $by)
ON CONFLICT DO NOTHING;
