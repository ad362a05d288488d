-- Provinces with how many communes, wards and special zones each has.
SELECT p.province_code,
       p.name AS province_name,
       p.unit_type,
       count(c.commune_code) AS units,
       count(c.commune_code) FILTER (WHERE c.unit_type = 'xã') AS communes,
       count(c.commune_code) FILTER (WHERE c.unit_type = 'phường') AS wards,
       count(c.commune_code) FILTER (WHERE c.unit_type = 'đặc khu') AS special_zones
FROM province p
LEFT JOIN commune c USING (province_code)
GROUP BY ALL
ORDER BY p.province_code;
