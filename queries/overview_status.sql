-- Per indicator group: how many communes of a province are met / on track / at risk / off track / no data.
-- A commune's status in a group is the most frequent status of its indicators there (ties: the worse one).
-- $province: a code; $period: a quarter or NULL for the latest; $group: a code or NULL.
WITH chosen AS (
    SELECT coalesce($period, (SELECT value FROM build_info WHERE key = 'as_of_period')) AS period
),
counts AS (
    SELECT s.commune_code, s.group_code, s.status, count(*) AS n,
           list_position(['off_track', 'at_risk', 'no_data', 'on_track', 'met'], s.status) AS severity
    FROM indicator_score s
    JOIN chosen ON s.as_of_period = chosen.period AND s.basis = $basis
    JOIN commune c USING (commune_code)
    WHERE c.province_code = $province AND ($group IS NULL OR s.group_code = $group)
    GROUP BY ALL
),
commune_group AS (
    SELECT commune_code, group_code, status
    FROM counts
    QUALIFY row_number() OVER (PARTITION BY commune_code, group_code ORDER BY n DESC, severity) = 1
)
SELECT g.group_code, g.name_vi AS group_name_vi, g.name_en AS group_name_en, cg.status, count(*) AS communes
FROM commune_group cg
JOIN indicator_group g USING (group_code)
GROUP BY ALL
ORDER BY min(g.sort_order), cg.status;
