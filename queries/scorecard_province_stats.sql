-- The stored scoring inputs that do not depend on a target (baseline, latest value, recent pace) of
-- every scored commune in $commune's province, as of $period on $basis: the scorecard scores them
-- against a chosen milestone (kpi.scoring.score_targets) for the commune and its province average.
SELECT s.commune_code, s.indicator_code, s.baseline, s.baseline_date, s.latest_value, s.latest_date, s.pace
FROM indicator_score s
JOIN commune c USING (commune_code)
WHERE s.as_of_period = $period AND s.basis = $basis
  AND c.province_code = (SELECT province_code FROM commune WHERE commune_code = $commune)
ORDER BY s.commune_code, s.indicator_code;
