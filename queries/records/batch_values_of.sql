-- The values of one batch for one indicator (kpi.services.remap.remap_values): commune and period.
SELECT commune_code, period
FROM real_value
WHERE batch_id = :batch AND indicator_code = :indicator;
