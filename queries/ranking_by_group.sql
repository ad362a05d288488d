-- Communes of a province ranked on one indicator group's score ($group: its code; the score is the mean
-- attainment of the group's indicators, commune_group_score), with the province average, each
-- commune's gap to it, and the change and rank change since $previous (a quarter or NULL). $province, $period.
-- The columns of ranking_by_index.sql (but the national rank, which is the composite index's), so a page shows either.
WITH scored AS (  -- every ranked commune, with its score in the group where it has one
    SELECT x.as_of_period, x.province_code, x.commune_code, x.missing_share, g.score AS value
    FROM commune_index x
    LEFT JOIN commune_group_score g
        ON g.basis = x.basis AND g.as_of_period = x.as_of_period AND g.commune_code = x.commune_code AND g.group_code = $group
    WHERE x.as_of_period IN ($period, $previous) AND x.basis = $basis AND x.province_code = $province
),
ranked AS (
    SELECT *,
           CASE WHEN value IS NOT NULL THEN rank() OVER (PARTITION BY as_of_period, value IS NULL ORDER BY value DESC) END
               AS rank_province,
           avg(value) OVER (PARTITION BY as_of_period) AS province_average
    FROM scored
)
SELECT x.province_code,
       x.commune_code,
       c.name AS commune_name,
       x.as_of_period,
       x.value,
       x.province_average,
       x.value - x.province_average AS gap_to_province_average,
       x.rank_province,
       x.missing_share,
       p.value AS previous_value,
       x.value - p.value AS change_since_previous,
       p.rank_province - x.rank_province AS rank_change
FROM ranked x
JOIN commune c USING (commune_code)
LEFT JOIN ranked p ON p.commune_code = x.commune_code AND p.as_of_period = $previous
WHERE x.as_of_period = $period
ORDER BY x.rank_province NULLS LAST, x.commune_code;
