-- Inputs of the scoring method: reported values (real over demo) up to $as_of (a date).
SELECT commune_code, indicator_code, period_end, value
FROM reported
WHERE period_end <= $as_of;
