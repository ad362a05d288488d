-- The communes of every import batch: those of its live values, of the values it replaced, and of its changes
-- (the import and its rollback name their communes in change_commune). kpi.scope keeps a reader's batches.
SELECT batch_id, commune_code FROM real_value
UNION
SELECT batch_id, commune_code FROM observation_history
UNION
SELECT a.batch_id, cc.commune_code
FROM audit_log a
JOIN change_log c ON c.audit_id = a.audit_id
JOIN change_commune cc ON cc.change_id = c.change_id
WHERE a.batch_id IS NOT NULL;
