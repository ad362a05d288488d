-- What every value of an import is checked against (kpi.entry.checks.check_frame; the form's one Line has the same
-- figures, queries/entry_history.sql): for each distinct key of the registered frame entry_keys (commune_code,
-- indicator_code, period_end, year), the commune's values reported before the period (hist_n, their median, their
-- median absolute deviation, the latest), the latest value at or before the period of every commune of its
-- province (prov_n, median, MAD), read only for keys with fewer than $min_history values of their own, and, for
-- the communes whose plan makes evidence mandatory ($evidence_communes), the target for the next milestone (the
-- first milestone year >= the period's year, or the recurring one: queries/entry_form.sql's rule) with the
-- indicator's direction. One read of the snapshot per import, whatever its size.
WITH k AS (
    SELECT DISTINCT commune_code, indicator_code, period_end::DATE AS period_end, year::INTEGER AS year FROM entry_keys
),
-- The view `reported` (a real value over the demo one of its key) restricted first to what these keys can read, the
-- import's indicators in its communes' provinces: the same rows for them, without the view's anti-join over the
-- whole nation's observations (it made each import's read 150-400 ms of CPU on the national snapshot).
seen AS (
    SELECT o.*
    FROM observation o
    WHERE o.indicator_code IN (SELECT indicator_code FROM k)
      AND o.commune_code IN (SELECT c.commune_code FROM commune c
                             WHERE c.province_code IN (SELECT p.province_code FROM k JOIN commune p USING (commune_code)))
),
reported AS (
    SELECT * FROM seen o
    WHERE NOT o.is_demo
       OR NOT EXISTS (SELECT 1 FROM seen r WHERE NOT r.is_demo AND r.commune_code = o.commune_code
                                              AND r.indicator_code = o.indicator_code AND r.period_end = o.period_end)
),
hist AS (
    SELECT k.commune_code, k.indicator_code, k.period_end, r.value, r.period_end AS value_end
    FROM k
    JOIN reported r ON r.commune_code = k.commune_code AND r.indicator_code = k.indicator_code
                   AND r.period_end < k.period_end
),
hist_mid AS (
    SELECT commune_code, indicator_code, period_end, count(*) AS hist_n, median(value) AS hist_median,
           arg_max(value, value_end) AS hist_last
    FROM hist
    GROUP BY commune_code, indicator_code, period_end
),
hist_stats AS (
    SELECT m.commune_code, m.indicator_code, m.period_end, m.hist_n, m.hist_median, m.hist_last,
           median(abs(h.value - m.hist_median)) AS hist_mad
    FROM hist_mid m
    JOIN hist h USING (commune_code, indicator_code, period_end)
    GROUP BY ALL
),
thin AS (
    SELECT k.commune_code, k.indicator_code, k.period_end, c.province_code
    FROM k
    JOIN commune c USING (commune_code)
    LEFT JOIN hist_mid m USING (commune_code, indicator_code, period_end)
    WHERE coalesce(m.hist_n, 0) < $min_history
),
latest AS (
    SELECT g.province_code, g.indicator_code, g.period_end, r.commune_code, arg_max(r.value, r.period_end) AS value
    FROM (SELECT DISTINCT province_code, indicator_code, period_end FROM thin) g
    JOIN commune c ON c.province_code = g.province_code
    JOIN reported r ON r.commune_code = c.commune_code AND r.indicator_code = g.indicator_code
                   AND r.period_end <= g.period_end
    GROUP BY ALL
),
prov_mid AS (
    SELECT province_code, indicator_code, period_end, count(*) AS prov_n, median(value) AS prov_median
    FROM latest
    GROUP BY ALL
),
prov_stats AS (
    SELECT m.province_code, m.indicator_code, m.period_end, m.prov_n, m.prov_median,
           median(abs(l.value - m.prov_median)) AS prov_mad
    FROM prov_mid m
    JOIN latest l USING (province_code, indicator_code, period_end)
    GROUP BY ALL
),
targets AS (
    SELECT k.commune_code, k.indicator_code, k.period_end, t.comparator, t.value, t.value_max,
           row_number() OVER (PARTITION BY k.commune_code, k.indicator_code, k.period_end
                              ORDER BY coalesce(e.year, k.year), e.year IS NULL) AS n
    FROM k
    JOIN effective_target e ON e.commune_code = k.commune_code AND e.indicator_code = k.indicator_code
                            AND coalesce(e.year, k.year) >= k.year
    JOIN plan_target t USING (target_id)
    WHERE list_contains($evidence_communes, k.commune_code)
)
SELECT k.commune_code, k.indicator_code, k.period_end,
       h.hist_n, h.hist_median, h.hist_mad, h.hist_last,
       p.prov_n, p.prov_median, p.prov_mad,
       t.comparator AS target_comparator, t.value AS target_value, t.value_max AS target_value_max, i.direction
FROM k
JOIN indicator i USING (indicator_code)
LEFT JOIN hist_stats h USING (commune_code, indicator_code, period_end)
LEFT JOIN thin USING (commune_code, indicator_code, period_end)
LEFT JOIN prov_stats p ON p.province_code = thin.province_code AND p.indicator_code = k.indicator_code
                      AND p.period_end = k.period_end
LEFT JOIN targets t ON t.commune_code = k.commune_code AND t.indicator_code = k.indicator_code
                   AND t.period_end = k.period_end AND t.n = 1;
