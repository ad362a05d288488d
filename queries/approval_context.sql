-- What a reviewer reads beside commune $commune's values for a quarter ($start to $end, milestone year $year), per
-- indicator: the commune's previous value (its latest before $start, a reported value over a demo one), the target
-- of the next milestone (the effective target of the first year >= $year, else the recurring one), and the spread
-- of the same indicator and quarter in the commune's province (each commune's latest value of the quarter, reported
-- over demo): how many communes, how many of them reported, quartiles and median. kpi.value_review flags outliers.
WITH here AS (SELECT province_code FROM commune WHERE commune_code = $commune),
best AS (
    SELECT o.commune_code, o.indicator_code, o.period, o.period_end, o.value, o.is_demo
    FROM observation o
    JOIN commune c USING (commune_code)
    WHERE c.province_code = (SELECT province_code FROM here)
    QUALIFY row_number() OVER (PARTITION BY o.commune_code, o.indicator_code, o.period_end ORDER BY o.is_demo) = 1
),
previous AS (
    SELECT indicator_code, period AS previous_period, value AS previous_value, is_demo AS previous_is_demo
    FROM best
    WHERE commune_code = $commune AND period_end < $start
    QUALIFY row_number() OVER (PARTITION BY indicator_code ORDER BY period_end DESC) = 1
),
in_quarter AS (
    SELECT commune_code, indicator_code, value, is_demo
    FROM best
    WHERE period_end BETWEEN $start AND $end
    QUALIFY row_number() OVER (PARTITION BY commune_code, indicator_code ORDER BY period_end DESC) = 1
),
spread AS (
    SELECT indicator_code, count(*) AS province_communes, count(*) FILTER (WHERE NOT is_demo) AS province_reported,
           quantile_cont(value, 0.25) AS province_q1, median(value) AS province_median,
           quantile_cont(value, 0.75) AS province_q3
    FROM in_quarter
    GROUP BY indicator_code
),
target AS (
    SELECT e.indicator_code, coalesce(e.year, $year) AS target_year, t.comparator AS target_comparator,
           t.value AS target_value, t.value_max AS target_value_max, e.source_level AS target_level
    FROM effective_target e
    JOIN plan_target t USING (target_id)
    WHERE e.commune_code = $commune AND (e.year >= $year OR e.year IS NULL)
    QUALIFY row_number() OVER (PARTITION BY e.indicator_code ORDER BY e.year NULLS LAST) = 1
)
SELECT i.indicator_code, i.name_vi AS indicator_name_vi, i.name_en AS indicator_name_en, i.unit, i.kind, i.decimals, i.direction,
       i.lower_bound, i.upper_bound, i.sort_order,
       p.previous_period, p.previous_value, p.previous_is_demo,
       t.target_year, t.target_comparator, t.target_value, t.target_value_max, t.target_level,
       s.province_communes, s.province_reported, s.province_q1, s.province_median, s.province_q3
FROM indicator i
LEFT JOIN previous p USING (indicator_code)
LEFT JOIN target t USING (indicator_code)
LEFT JOIN spread s USING (indicator_code)
ORDER BY i.sort_order;
