-- Reporting per commune and quarter (DHIS2's reporting rate), for province $province (NULL: every province), the
-- quarters starting from $first to $last (first days): how many indicators the commune is expected to report (those
-- with an effective target), how many of them it reported (imported, not demo) with a value in the quarter, how
-- many values in all, who imported them and when the first and last arrived. kpi.completeness adds the deadline
-- (seed 003, IV.2.1) and whether the report was on time.
WITH quarters AS (
    SELECT CAST(q AS DATE) AS quarter_start, CAST(q + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE) AS quarter_end
    FROM generate_series(CAST($first AS TIMESTAMP), CAST($last AS TIMESTAMP), INTERVAL 3 MONTH) AS g(q)
),
units AS (
    SELECT c.province_code, p.name AS province_name, c.commune_code, c.name AS commune_name
    FROM commune c
    JOIN province p USING (province_code)
    WHERE $province IS NULL OR c.province_code = $province
),
expected AS (
    SELECT commune_code, count(DISTINCT indicator_code) AS values_expected
    FROM effective_target
    GROUP BY commune_code
),
reported AS (
    SELECT o.commune_code, q.quarter_start,
           count(DISTINCT o.indicator_code) AS indicators_reported,
           count(DISTINCT o.indicator_code) FILTER (WHERE EXISTS (
               SELECT 1 FROM effective_target e
               WHERE e.commune_code = o.commune_code AND e.indicator_code = o.indicator_code)) AS values_reported,
           string_agg(DISTINCT b.imported_by, ', ' ORDER BY b.imported_by) AS reported_by,
           min(b.imported_at) AS first_reported_at,
           max(b.imported_at) AS last_reported_at
    FROM observation o
    JOIN quarters q ON o.period_end BETWEEN q.quarter_start AND q.quarter_end
    LEFT JOIN import_batch b USING (batch_id)
    WHERE NOT o.is_demo AND o.commune_code IN (SELECT commune_code FROM units)
    GROUP BY o.commune_code, q.quarter_start
)
SELECT u.province_code, u.province_name, u.commune_code, u.commune_name,
       strftime(q.quarter_start, '%Y') || '-Q' || quarter(q.quarter_start) AS quarter,
       q.quarter_end,
       coalesce(e.values_expected, 0) AS values_expected,
       coalesce(r.values_reported, 0) AS values_reported,
       coalesce(r.indicators_reported, 0) AS indicators_reported,
       r.reported_by, r.first_reported_at, r.last_reported_at
FROM units u
CROSS JOIN quarters q
LEFT JOIN expected e USING (commune_code)
LEFT JOIN reported r ON r.commune_code = u.commune_code AND r.quarter_start = q.quarter_start
ORDER BY q.quarter_start DESC, u.province_code, u.commune_code;
