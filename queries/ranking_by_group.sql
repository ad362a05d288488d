-- Communes of a province ranked on one indicator group's score ($group: its code; the score is the mean
-- attainment of the group's indicators, commune_index's score_* column), with the province average, each
-- commune's gap to it, and the change and rank change since $previous (a quarter or NULL). $province, $period.
-- The columns of ranking_by_index.sql (but the national rank, which is the composite index's), so a page shows either.
WITH base AS (
    SELECT as_of_period, province_code, commune_code, missing_share, COLUMNS('^score_')
    FROM commune_index
    WHERE as_of_period IN ($period, $previous) AND basis = $basis AND province_code = $province
),
scored AS (  -- the group's score_* column of commune_index, by its name
    SELECT * EXCLUDE (score_of)
    FROM base UNPIVOT INCLUDE NULLS (value FOR score_of IN (COLUMNS('^score_')))
    WHERE score_of = 'score_' || $group
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
