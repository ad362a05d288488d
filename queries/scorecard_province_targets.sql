-- The effective targets (every milestone) of the communes in $commune's province, as the scoring reads
-- them (queries/scoring_targets.sql): for scoring against a chosen milestone.
SELECT e.commune_code, e.indicator_code, e.year, t.comparator, t.value, t.value_max
FROM effective_target e
JOIN plan_target t USING (target_id)
JOIN commune c ON c.commune_code = e.commune_code
WHERE c.province_code = (SELECT province_code FROM commune WHERE commune_code = $commune);
