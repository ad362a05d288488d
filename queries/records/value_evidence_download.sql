-- One evidence file of an imported value of batch :report (:sha256): the name it was imported under and the
-- value's commune, for the evidence route's scope check (kpi.web). No row: no such file.
SELECT e.file_name, f.size_bytes, e.commune_code
FROM value_evidence e
JOIN evidence_file f ON f.sha256 = e.sha256
WHERE e.batch_id = :report AND e.sha256 = :sha256
ORDER BY e.file_name
LIMIT 1;
