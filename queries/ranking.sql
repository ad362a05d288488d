-- The composite index per commune with its ranks, the province average and the gap to it. Its group scores, a column
-- each, are added by kpi.scoring.tables.ranking (queries/ranking_group_scores.sql, long, widened by kpi.scoring.widen_groups).
-- $period: an as-of quarter or NULL for the latest; $province: a code or NULL for all.
WITH chosen AS (
    SELECT coalesce($period, (SELECT value FROM build_info WHERE key = 'as_of_period')) AS period
),
demo AS (  -- only the chosen province's reports: a province's ranking need not read the nation's
    SELECT commune_code, bool_or(is_demo) AS is_demo
    FROM reported
    WHERE $province IS NULL OR commune_code IN (SELECT commune_code FROM commune WHERE province_code = $province)
    GROUP BY commune_code
)
SELECT x.province_code,
       p.name AS province_name,
       x.commune_code,
       c.name AS commune_name,
       x.as_of_period,
       x."index",
       x.indicators,
       x.missing_share,
       x.rank_province,
       x.rank_national,
       x.province_average,
       x.gap_to_province_average,
       coalesce(d.is_demo, true) AS is_demo
FROM commune_index x
JOIN chosen ON x.as_of_period = chosen.period AND x.basis = $basis
JOIN commune c USING (commune_code)
JOIN province p ON p.province_code = x.province_code
LEFT JOIN demo d USING (commune_code)
WHERE $province IS NULL OR x.province_code = $province
ORDER BY x.province_code, x.rank_province NULLS LAST, x.commune_code;
