-- One commune's group scores for $period beside its province's average of the same group score.
-- $commune: a code. One row per indicator group, in the catalogue's order.
WITH scores AS (
    UNPIVOT (SELECT x.commune_code, COLUMNS('^score_')
             FROM commune_index x
             WHERE x.as_of_period = $period AND x.basis = $basis
               AND x.province_code = (SELECT province_code FROM commune WHERE commune_code = $commune))
    ON COLUMNS('^score_') INTO NAME score_column VALUE score
)
SELECT g.group_code,
       g.name_vi AS group_name_vi,
       g.name_en AS group_name_en,
       max(s.score) FILTER (WHERE s.commune_code = $commune) AS score,
       avg(s.score) AS province_average
FROM indicator_group g
LEFT JOIN scores s ON s.score_column = 'score_' || g.group_code
GROUP BY g.group_code, g.name_vi, g.name_en, g.sort_order
ORDER BY g.sort_order;
