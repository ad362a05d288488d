-- Record an evidence file stored beside the database under its sha256 (kpi.workflow.evidence): the same
-- content is one row, whoever cites it again.
INSERT INTO evidence_file (sha256, media_type, size_bytes, stored_at, stored_by)
VALUES (:sha256, :media_type, :size_bytes, :at, :by)
ON CONFLICT (sha256) DO NOTHING;
