-- Status of every commune of a province on every indicator (of a group, or all): the traffic-light grid.
-- $province, $period, $group (or NULL).
SELECT c.province_code,
       s.commune_code,
       c.name AS commune_name,
       s.indicator_code,
       i.name_vi AS indicator_name_vi,
       i.name_en AS indicator_name_en,
       s.group_code,
       s.status,
       s.latest_value,
       s.target_value,
       s.attainment,
       x.rank_province
FROM indicator_score s
JOIN commune c USING (commune_code)
JOIN indicator i USING (indicator_code)
JOIN indicator_group g ON g.group_code = s.group_code
LEFT JOIN commune_index x ON x.commune_code = s.commune_code AND x.as_of_period = s.as_of_period AND x.basis = s.basis
WHERE s.as_of_period = $period AND s.basis = $basis AND c.province_code = $province AND ($group IS NULL OR s.group_code = $group)
ORDER BY x.rank_province NULLS LAST, s.commune_code, g.sort_order, i.sort_order;
