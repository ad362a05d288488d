-- Effective milestone targets of chosen communes for one indicator (markers on the trajectory chart).
-- $communes: a list of codes; $indicator.
SELECT e.commune_code, e.year, t.comparator, t.value, t.value_max, e.source_level, t.citation, t.document, t.url
FROM effective_target e
JOIN plan_target t USING (target_id)
WHERE list_contains($communes, e.commune_code) AND e.indicator_code = $indicator AND e.year IS NOT NULL
ORDER BY e.commune_code, e.year;
