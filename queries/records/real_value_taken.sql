-- Whether a commune already has a value of an indicator for a period (kpi.services.remap).
SELECT batch_id
FROM real_value
WHERE commune_code = :commune AND indicator_code = :indicator AND period = :period;
