-- One commune's group scores for $period beside its province's average of the same group score.
-- $commune: a code. One row per indicator group, in the catalogue's order.
WITH scores AS (  -- the group scores of the commune's province's communes
    SELECT s.commune_code, s.group_code, s.score
    FROM commune_group_score s
    JOIN commune_index x USING (basis, as_of_period, commune_code)
    WHERE s.as_of_period = $period AND s.basis = $basis
      AND x.province_code = (SELECT province_code FROM commune WHERE commune_code = $commune)
)
SELECT g.group_code,
       g.name_vi AS group_name_vi,
       g.name_en AS group_name_en,
       max(s.score) FILTER (WHERE s.commune_code = $commune) AS score,
       avg(s.score) AS province_average
FROM indicator_group g
LEFT JOIN scores s USING (group_code)
GROUP BY g.group_code, g.name_vi, g.name_en, g.sort_order
ORDER BY g.sort_order;
