-- Per commune and indicator: latest value, next milestone target, required path, attainment, status.
-- $period: an as-of quarter ('2026-Q3') or NULL for the latest; $province / $commune / $group: a code or NULL.
WITH chosen AS (
    SELECT coalesce($period, (SELECT value FROM build_info WHERE key = 'as_of_period')) AS period
)
SELECT c.province_code,
       s.commune_code,
       c.name AS commune_name,
       s.indicator_code,
       i.name_vi AS indicator_name_vi,
       i.name_en AS indicator_name_en,
       i.unit,
       i.unit_en,
       i.decimals,
       s.group_code,
       s.as_of_period,
       s.baseline,
       s.baseline_date,
       s.latest_value,
       s.latest_date,
       s.next_milestone_year,
       s.target_comparator,
       s.target_value,
       s.target_value_max,
       s.required_path_value,
       s.attainment,
       s.status,
       s.pace AS pace_per_year,
       s.projected_value,
       s.pace_needed_per_year,
       coalesce(r.is_demo, true) AS is_demo
FROM indicator_score s
JOIN chosen ON s.as_of_period = chosen.period AND s.basis = $basis
JOIN commune c USING (commune_code)
JOIN indicator i USING (indicator_code)
LEFT JOIN reported r ON r.commune_code = s.commune_code AND r.indicator_code = s.indicator_code AND r.period_end = s.latest_date
WHERE ($province IS NULL OR c.province_code = $province)
  AND ($commune IS NULL OR s.commune_code = $commune)
  AND ($group IS NULL OR s.group_code = $group)
ORDER BY c.province_code, s.commune_code, i.sort_order;
