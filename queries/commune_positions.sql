-- Every commune's point, as the build loaded and checked it (data/commune_positions.csv, kpi.geo.Position): the map
-- (pages/map.py) and the province scorecard's map. No parameter: the pages join it to the units they show.
SELECT p.commune_code, c.province_code, p.latitude, p.longitude, p.matched_by, p.source
FROM commune_position p
JOIN commune c USING (commune_code)
ORDER BY p.commune_code;
