-- Reported values of chosen communes for one indicator, with the province average per period.
-- $communes: a list of commune codes; $indicator: an indicator code.
WITH chosen AS (
    SELECT commune_code, province_code FROM commune WHERE list_contains($communes, commune_code)
),
province_avg AS (
    SELECT c.province_code, r.period, r.period_end, avg(r.value) AS province_average
    FROM reported r
    JOIN commune c USING (commune_code)
    WHERE r.indicator_code = $indicator
      AND c.province_code IN (SELECT province_code FROM chosen)
    GROUP BY ALL
)
SELECT ch.province_code,
       r.commune_code,
       cm.name AS commune_name,
       r.indicator_code,
       r.period,
       r.period_end,
       r.value,
       r.is_demo,
       r.source,
       pa.province_average
FROM reported r
JOIN chosen ch USING (commune_code)
JOIN commune cm USING (commune_code)
LEFT JOIN province_avg pa ON pa.province_code = ch.province_code AND pa.period = r.period
WHERE r.indicator_code = $indicator
ORDER BY r.commune_code, r.period_end;
