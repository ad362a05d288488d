-- Reported values as the dashboard uses them: a real (imported) value wins over a demo one.
-- $province / $commune / $indicator: a code or NULL for all.
SELECT c.province_code,
       r.commune_code,
       r.indicator_code,
       r.period,
       r.period_end,
       r.value,
       r.is_demo,
       r.source
FROM reported r
JOIN commune c USING (commune_code)
WHERE ($province IS NULL OR c.province_code = $province)
  AND ($commune IS NULL OR r.commune_code = $commune)
  AND ($indicator IS NULL OR r.indicator_code = $indicator)
ORDER BY c.province_code, r.commune_code, r.indicator_code, r.period_end;
