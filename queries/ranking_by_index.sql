-- Communes of a province ranked on the composite index, with the province average, each commune's gap
-- to it, and the change since $previous (a quarter or NULL). $province, $period.
SELECT x.province_code,
       x.commune_code,
       c.name AS commune_name,
       x.as_of_period,
       x."index" AS value,
       x.province_average,
       x.gap_to_province_average,
       x.rank_province,
       x.rank_national,
       x.missing_share,
       p."index" AS previous_value,
       x."index" - p."index" AS change_since_previous,
       p.rank_province - x.rank_province AS rank_change
FROM commune_index x
JOIN commune c USING (commune_code)
LEFT JOIN commune_index p ON p.commune_code = x.commune_code AND p.as_of_period = $previous AND p.basis = x.basis
WHERE x.as_of_period = $period AND x.basis = $basis AND x.province_code = $province
ORDER BY x.rank_province NULLS LAST, x.commune_code;
