-- Communes of a province ranked on one indicator (best first, in the indicator's direction), with the
-- province average, each commune's difference from it, and the change since $previous (a quarter or NULL).
-- $province, $indicator, $period: codes / a quarter.
WITH cur AS (
    SELECT s.*, c.name AS commune_name, c.province_code, i.direction
    FROM indicator_score s
    JOIN commune c USING (commune_code)
    JOIN indicator i USING (indicator_code)
    WHERE s.as_of_period = $period AND s.basis = $basis AND c.province_code = $province AND s.indicator_code = $indicator
),
ranked AS (
    SELECT *,
           avg(latest_value) OVER () AS province_average,
           rank() OVER (ORDER BY CASE WHEN direction = 'lower' THEN -latest_value ELSE latest_value END DESC NULLS LAST) AS rank_province
    FROM cur
),
prev AS (
    SELECT s.commune_code, s.latest_value AS previous_value,
           rank() OVER (ORDER BY CASE WHEN i.direction = 'lower' THEN -s.latest_value ELSE s.latest_value END DESC NULLS LAST) AS previous_rank
    FROM indicator_score s
    JOIN commune c USING (commune_code)
    JOIN indicator i USING (indicator_code)
    WHERE s.as_of_period = $previous AND s.basis = $basis AND c.province_code = $province AND s.indicator_code = $indicator
)
SELECT r.province_code,
       r.commune_code,
       r.commune_name,
       r.indicator_code,
       r.as_of_period,
       r.latest_value AS value,
       r.province_average,
       r.latest_value - r.province_average AS gap_to_province_average,
       r.rank_province,
       r.attainment,
       r.status,
       r.pace AS pace_per_year,
       r.pace_needed_per_year,
       p.previous_value,
       r.latest_value - p.previous_value AS change_since_previous,
       p.previous_rank - r.rank_province AS rank_change
FROM ranked r
LEFT JOIN prev p USING (commune_code)
ORDER BY r.rank_province, r.commune_code;
