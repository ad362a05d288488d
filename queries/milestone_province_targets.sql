-- The effective targets (every milestone) of the communes of $province (a code, or NULL for every
-- province), as the scoring reads them (queries/scoring_targets.sql): for scoring a page's scores against
-- the milestone chosen in the sidebar (kpi.scorecard.model.at_milestone).
SELECT e.commune_code, e.indicator_code, e.year, t.comparator, t.value, t.value_max
FROM effective_target e
JOIN plan_target t USING (target_id)
JOIN commune c ON c.commune_code = e.commune_code
WHERE $province IS NULL OR c.province_code = $province;
