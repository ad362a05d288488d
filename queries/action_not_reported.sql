-- The communes of province $province with no reported (real, imported) value for the quarter ending
-- $quarter_end: they have not reported this period (demo values do not count as a report).
SELECT c.commune_code, c.name AS commune_name
FROM commune c
WHERE c.province_code = $province
  AND NOT EXISTS (
      SELECT 1 FROM observation o
      WHERE NOT o.is_demo AND o.commune_code = c.commune_code
        AND o.period_end > $quarter_end - INTERVAL 3 MONTH AND o.period_end <= $quarter_end)
ORDER BY c.commune_code;
