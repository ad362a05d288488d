-- Reported (real) values per commune and quarter with their approval state, for a province ($province)
-- or everywhere (NULL): what a reviewer approves, locks and unlocks.
SELECT c.province_code, o.commune_code, c.name AS commune_name,
       strftime(o.period_end, '%Y') || '-Q' || quarter(o.period_end) AS quarter,
       count(*) AS values_reported,
       coalesce(a.state, 'submitted') AS state,
       a.changed_at, a.changed_by
FROM observation o
JOIN commune c USING (commune_code)
LEFT JOIN value_approval a ON a.commune_code = o.commune_code
 AND a.quarter = strftime(o.period_end, '%Y') || '-Q' || quarter(o.period_end)
WHERE NOT o.is_demo AND ($province IS NULL OR c.province_code = $province)
GROUP BY ALL
ORDER BY quarter DESC, o.commune_code;
