-- The real (imported) values already stored, to tell new, updated and unchanged rows of an import apart.
SELECT commune_code, indicator_code, period, period_end, value AS old_value, batch_id AS old_batch
FROM observation
WHERE NOT is_demo;
