-- The imported values stored for one commune, to tell an import's new, updated and unchanged rows apart and
-- to refuse a period form that clashes with a stored one (kpi.importer, inside the import's transaction).
SELECT commune_code, indicator_code, period, period_end, value AS old_value, batch_id AS old_batch
FROM real_value
WHERE commune_code = :commune;
