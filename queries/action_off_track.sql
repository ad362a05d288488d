-- The off-track indicators of a province's communes as of quarter $period (for "cần xử lý").
SELECT s.commune_code, c.name AS commune_name, s.indicator_code, i.name_vi AS indicator_name_vi,
       i.name_en AS indicator_name_en, s.latest_value, s.target_comparator, s.target_value, s.target_value_max, s.next_milestone_year
FROM indicator_score s
JOIN commune c USING (commune_code)
JOIN indicator i USING (indicator_code)
WHERE s.as_of_period = $period AND s.basis = $basis AND c.province_code = $province AND s.status = 'off_track'
ORDER BY s.commune_code, i.sort_order;
