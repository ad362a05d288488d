-- Inputs of the scoring method: effective targets of the communes that report anything.
SELECT e.commune_code, e.indicator_code, e.year, t.comparator, t.value, t.value_max
FROM effective_target e
JOIN plan_target t USING (target_id)
WHERE e.commune_code IN (SELECT DISTINCT commune_code FROM observation);
