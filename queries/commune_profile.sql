-- One commune's scorecard: every scored indicator with its latest value, next milestone target and its
-- citation, status, and the gap to the province average. $commune: a code; $period: a quarter or NULL.
WITH chosen AS (
    SELECT coalesce($period, (SELECT value FROM build_info WHERE key = 'as_of_period')) AS period
),
me AS (
    SELECT province_code FROM commune WHERE commune_code = $commune
),
province_avg AS (
    SELECT s.indicator_code,
           avg(s.latest_value) AS province_average_value,
           avg(s.attainment) AS province_average_attainment
    FROM indicator_score s
    JOIN chosen ON s.as_of_period = chosen.period AND s.basis = $basis
    JOIN commune c USING (commune_code)
    WHERE c.province_code = (SELECT province_code FROM me)
    GROUP BY ALL
)
SELECT s.commune_code,
       s.indicator_code,
       i.name_vi AS indicator_name_vi,
       i.name_en AS indicator_name_en,
       i.unit,
       i.unit_en,
       i.decimals,
       i.kind,
       i.direction,
       s.group_code,
       g.name_vi AS group_name_vi,
       g.name_en AS group_name_en,
       s.latest_value,
       s.latest_date,
       s.next_milestone_year,
       s.target_comparator,
       s.target_value,
       s.target_value_max,
       e.source_level,
       t.citation,
       t.flag AS target_flag,
       s.required_path_value,
       s.attainment,
       s.status,
       s.projected_value,
       s.pace AS pace_per_year,
       s.pace_needed_per_year,
       pa.province_average_value,
       s.latest_value - pa.province_average_value AS gap_to_province_average,
       pa.province_average_attainment,
       -- whether the latest value is demo data (false: a real, imported report)
       coalesce((SELECT bool_and(r.is_demo) FROM reported r
                 WHERE r.commune_code = s.commune_code AND r.indicator_code = s.indicator_code
                   AND r.period_end = s.latest_date), true) AS is_demo
FROM indicator_score s
JOIN chosen ON s.as_of_period = chosen.period AND s.basis = $basis
JOIN indicator i USING (indicator_code)
JOIN indicator_group g ON g.group_code = i.group_code
LEFT JOIN effective_target e
       ON e.commune_code = s.commune_code AND e.indicator_code = s.indicator_code
      AND (e.year = s.next_milestone_year OR (e.year IS NULL AND NOT EXISTS (
            SELECT 1 FROM effective_target x WHERE x.commune_code = s.commune_code
              AND x.indicator_code = s.indicator_code AND x.year = s.next_milestone_year)))
LEFT JOIN plan_target t USING (target_id)
LEFT JOIN province_avg pa ON pa.indicator_code = s.indicator_code
WHERE s.commune_code = $commune
ORDER BY g.sort_order, i.sort_order;
