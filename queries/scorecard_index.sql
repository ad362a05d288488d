-- One commune's composite index for $period and $previous (quarters; $previous may be NULL): index, its
-- rank in the province and nationally out of how many ranked, the province average and the gap to it.
-- $commune: a code. One row per period that has scores.
WITH periods AS (
    SELECT period FROM (VALUES ($period), ($previous)) v(period) WHERE period IS NOT NULL
),
me AS (
    SELECT province_code FROM commune WHERE commune_code = $commune
)
SELECT x.as_of_period AS period,
       x."index",
       x.rank_province,
       (SELECT count(*) FROM commune_index y
        WHERE y.as_of_period = x.as_of_period AND y.basis = x.basis AND y.province_code = x.province_code AND y."index" IS NOT NULL) AS ranked_province,
       x.rank_national,
       (SELECT count(*) FROM commune_index y
        WHERE y.as_of_period = x.as_of_period AND y.basis = x.basis AND y."index" IS NOT NULL) AS ranked_national,
       x.province_average,
       x.gap_to_province_average,
       x.indicators,
       x.missing_share
FROM commune_index x
JOIN periods p ON p.period = x.as_of_period
WHERE x.commune_code = $commune AND x.basis = $basis AND x.province_code = (SELECT province_code FROM me)
ORDER BY x.as_of_period DESC;
