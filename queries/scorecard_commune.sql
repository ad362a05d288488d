-- One commune with its province, by code ($commune): the scorecard's heading. No row: no such commune.
SELECT c.commune_code, c.name AS commune_name, c.unit_type, c.province_code, p.name AS province_name
FROM commune c
JOIN province p USING (province_code)
WHERE c.commune_code = $commune;
