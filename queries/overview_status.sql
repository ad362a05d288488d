-- Per indicator group: how many communes of a province are met / on track / at risk / off track / no data.
-- A commune's status in a group combines its indicators' there by majority (kpi.scoring.combined_status):
-- no data when more than half have none; else, of those with data, met / on track (met or on track) / off
-- track when more than half are, at risk otherwise.
-- $province: a code; $period: a quarter or NULL for the latest; $group: a code or NULL.
WITH chosen AS (
    SELECT coalesce($period, (SELECT value FROM build_info WHERE key = 'as_of_period')) AS period
),
counts AS (
    SELECT s.commune_code, s.group_code,
           count(*) FILTER (WHERE s.status = 'met') AS met,
           count(*) FILTER (WHERE s.status = 'on_track') AS on_track,
           count(*) FILTER (WHERE s.status = 'off_track') AS off_track,
           count(*) FILTER (WHERE s.status = 'no_data') AS no_data,
           count(*) FILTER (WHERE s.status <> 'no_data') AS scored
    FROM indicator_score s
    JOIN chosen ON s.as_of_period = chosen.period AND s.basis = $basis
    JOIN commune c USING (commune_code)
    WHERE c.province_code = $province AND ($group IS NULL OR s.group_code = $group)
    GROUP BY ALL
),
commune_group AS (
    SELECT commune_code, group_code,
           CASE WHEN 2 * no_data > scored + no_data THEN 'no_data'
                WHEN 2 * met > scored THEN 'met'
                WHEN 2 * (met + on_track) > scored THEN 'on_track'
                WHEN 2 * off_track > scored THEN 'off_track'
                ELSE 'at_risk' END AS status
    FROM counts
)
SELECT g.group_code, g.name_vi AS group_name_vi, g.name_en AS group_name_en, cg.status, count(*) AS communes
FROM commune_group cg
JOIN indicator_group g USING (group_code)
GROUP BY ALL
ORDER BY min(g.sort_order), cg.status;
