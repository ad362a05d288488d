-- The entry form of commune $commune for the period ending $period_end (kpi.entry.form): every indicator a
-- commune reports, its own plan's first (own_plan), then the inherited ones, each with its unit, kind,
-- direction and bounds; its target for the next milestone (the first milestone year >= $year, or the recurring
-- one: scoring.next_targets' rule) with the level it comes from; its last value before the period, the value
-- already reported for the period, and how many values the commune reported before.
WITH targets AS (
    SELECT e.indicator_code, coalesce(e.year, $year) AS year, t.comparator, t.value, t.value_max, e.source_level,
           row_number() OVER (PARTITION BY e.indicator_code
                              ORDER BY coalesce(e.year, $year), e.year IS NULL) AS n
    FROM effective_target e
    JOIN plan_target t USING (target_id)
    WHERE e.commune_code = $commune AND coalesce(e.year, $year) >= $year
),
before AS (
    SELECT indicator_code, period, value,
           row_number() OVER (PARTITION BY indicator_code ORDER BY period_end DESC) AS n,
           count(*) OVER (PARTITION BY indicator_code) AS reports
    FROM reported
    WHERE commune_code = $commune AND period_end < $period_end
),
now AS (
    SELECT indicator_code, value FROM reported WHERE commune_code = $commune AND period_end = $period_end
),
own AS (
    SELECT DISTINCT indicator_code FROM plan_target WHERE level = 'commune' AND commune_code = $commune
)
SELECT (SELECT name FROM commune WHERE commune_code = $commune) AS commune_name,
       i.indicator_code,
       i.name_vi,
       i.name_en,
       i.unit,
       i.unit_en,
       i.decimals,
       i.kind,
       i.direction,
       i.lower_bound,
       i.upper_bound,
       o.indicator_code IS NOT NULL AS own_plan,
       t.year AS target_year,
       t.comparator AS target_comparator,
       t.value AS target_value,
       t.value_max AS target_value_max,
       t.source_level AS target_level,
       b.value AS last_value,
       b.period AS last_period,
       coalesce(b.reports, 0) AS reports,
       n.value AS reported_value
FROM indicator i
JOIN indicator_group g USING (group_code)
LEFT JOIN own o USING (indicator_code)
LEFT JOIN targets t ON t.indicator_code = i.indicator_code AND t.n = 1
LEFT JOIN before b ON b.indicator_code = i.indicator_code AND b.n = 1
LEFT JOIN now n ON n.indicator_code = i.indicator_code
WHERE i.scope = 'commune'
ORDER BY o.indicator_code IS NULL, t.value IS NULL, g.sort_order, i.sort_order;
