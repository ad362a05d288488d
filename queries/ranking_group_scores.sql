-- The group scores of the communes queries/ranking.sql lists (same $period, NULL for the latest; $province, a code or
-- NULL for all; $basis), long: a row per commune and group that has a score (commune_group_score), for
-- kpi.scoring.tables.ranking to widen into a column per group.
WITH chosen AS (
    SELECT coalesce($period, (SELECT value FROM build_info WHERE key = 'as_of_period')) AS period
)
SELECT s.commune_code, s.group_code, s.score
FROM commune_group_score s
JOIN chosen ON s.as_of_period = chosen.period AND s.basis = $basis
WHERE $province IS NULL OR s.commune_code IN (SELECT commune_code FROM commune WHERE province_code = $province)
ORDER BY s.commune_code, s.group_code;
