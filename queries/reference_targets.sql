-- The effective targets of the communes $communes (those whose plan makes evidence mandatory for a met KPI,
-- kpi.entry.checks.EVIDENCE_REQUIRED), kept beside each snapshot for the checks at entry: the one for a value's next
-- milestone is the first year >= the period's year, or the recurring one (queries/entry_form.sql's rule).
SELECT e.commune_code, e.indicator_code, e.year, t.comparator, t.value, t.value_max
FROM effective_target e
JOIN plan_target t USING (target_id)
WHERE list_contains($communes, e.commune_code)
ORDER BY e.commune_code, e.indicator_code, e.year;
