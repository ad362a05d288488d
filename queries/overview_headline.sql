-- A province's headline figures for $period and $previous (quarters; $previous may be NULL): its index
-- (the average of its communes' composite indexes) and rank among the provinces, the commune × indicator
-- pairs by status, and its communes whose overall status is off track (their indicators combined by majority,
-- as kpi.scoring.combined_status: more than half of those with data off track, and no more than half without). $province: a code. One row per period that has scores.
-- $group (a group code or NULL): the pairs of that group only, and the province's index its communes' average
-- score for the group (commune_group_score), ranked among the provinces on it.
WITH periods AS (
    SELECT period FROM (VALUES ($period), ($previous)) v(period) WHERE period IS NOT NULL
),
province_index AS (
    SELECT x.as_of_period AS period, x.province_code, avg(coalesce(g.score, x."index")) AS province_index
    FROM commune_index x
    JOIN periods ON x.as_of_period = periods.period AND x.basis = $basis
    LEFT JOIN commune_group_score g  -- the commune's score in the group
        ON g.commune_code = x.commune_code AND g.as_of_period = x.as_of_period AND g.basis = x.basis
       AND g.group_code = $group
    WHERE CASE WHEN $group IS NULL THEN x."index" ELSE g.score END IS NOT NULL
    GROUP BY ALL
),
ranked AS (
    SELECT *,
           rank() OVER (PARTITION BY period ORDER BY province_index DESC) AS province_rank,
           count(*) OVER (PARTITION BY period) AS provinces_ranked
    FROM province_index
),
pairs AS (
    SELECT s.as_of_period AS period, s.commune_code, s.status
    FROM indicator_score s
    JOIN periods ON s.as_of_period = periods.period AND s.basis = $basis
    JOIN commune c USING (commune_code)
    WHERE c.province_code = $province AND ($group IS NULL OR s.group_code = $group)
),
overall AS (
    SELECT period, commune_code,
           CASE WHEN 2 * no_data > scored + no_data THEN 'no_data'
                WHEN 2 * met > scored THEN 'met'
                WHEN 2 * (met + on_track) > scored THEN 'on_track'
                WHEN 2 * off_track > scored THEN 'off_track'
                ELSE 'at_risk' END AS status
    FROM (SELECT period, commune_code,
                 count(*) FILTER (WHERE status = 'met') AS met,
                 count(*) FILTER (WHERE status = 'on_track') AS on_track,
                 count(*) FILTER (WHERE status = 'off_track') AS off_track,
                 count(*) FILTER (WHERE status = 'no_data') AS no_data,
                 count(*) FILTER (WHERE status <> 'no_data') AS scored
          FROM pairs GROUP BY ALL)
)
SELECT p.period,
       r.province_index,
       r.province_rank,
       r.provinces_ranked,
       count(*) AS pairs,
       count(*) FILTER (WHERE p.status = 'met') AS met,
       count(*) FILTER (WHERE p.status = 'on_track') AS on_track,
       count(*) FILTER (WHERE p.status = 'at_risk') AS at_risk,
       count(*) FILTER (WHERE p.status = 'off_track') AS off_track,
       count(*) FILTER (WHERE p.status = 'no_data') AS no_data,
       count(DISTINCT p.commune_code) AS communes,
       (SELECT count(*) FROM overall o WHERE o.period = p.period AND o.status = 'off_track') AS communes_off_track
FROM pairs p
LEFT JOIN ranked r ON r.period = p.period AND r.province_code = $province
GROUP BY p.period, r.province_index, r.province_rank, r.provinces_ranked
ORDER BY p.period DESC;
