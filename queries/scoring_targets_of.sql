-- scoring_targets.sql for some communes only ($communes): what a publication rescores (kpi.store.fold).
SELECT e.commune_code, e.indicator_code, e.year, t.comparator, t.value, t.value_max
FROM effective_target e
JOIN plan_target t USING (target_id)
WHERE e.commune_code IN (SELECT unnest($communes))
  AND e.commune_code IN (SELECT DISTINCT commune_code FROM observation);
