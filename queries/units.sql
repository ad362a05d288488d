-- Provinces and their communes/wards (official codes after the 2025 reorganisation).
-- $province: a province code, or NULL for all.
SELECT c.province_code,
       p.name AS province_name,
       c.commune_code,
       c.name AS commune_name,
       c.unit_type
FROM commune c
JOIN province p USING (province_code)
WHERE $province IS NULL OR c.province_code = $province
ORDER BY c.province_code, c.commune_code;
