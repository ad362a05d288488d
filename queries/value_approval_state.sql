-- The approval state of a commune's values for a quarter (no row: nothing reported, or only demo values).
SELECT a.state, c.province_code, EXISTS (
           SELECT 1 FROM observation o
           WHERE NOT o.is_demo AND o.commune_code = $commune
             AND strftime(o.period_end, '%Y') || '-Q' || quarter(o.period_end) = $quarter) AS has_reports
FROM commune c
LEFT JOIN value_approval a ON a.commune_code = c.commune_code AND a.quarter = $quarter
WHERE c.commune_code = $commune;
