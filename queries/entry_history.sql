-- What an entered value of commune $commune is compared with (kpi.entry.checks): the commune's own values
-- reported before the period ending $period_end (kind 'commune', oldest first), and the latest value at or before
-- it of every commune of its province, its own included (kind 'province'), per indicator: the figures
-- kpi.entry.checks.known makes for every row of an import (from the values kpi.store.reference keeps).
SELECT kind, indicator_code, value
FROM (
    SELECT 'commune' AS kind, indicator_code, value, period_end
    FROM reported
    WHERE commune_code = $commune AND period_end < $period_end
    UNION ALL
    SELECT 'province' AS kind, indicator_code, value, period_end
    FROM (
        SELECT r.indicator_code, r.value, r.period_end,
               row_number() OVER (PARTITION BY r.commune_code, r.indicator_code ORDER BY r.period_end DESC) AS n
        FROM reported r
        JOIN commune c USING (commune_code)
        WHERE c.province_code = (SELECT province_code FROM commune WHERE commune_code = $commune)
          AND r.period_end <= $period_end
    )
    WHERE n = 1
)
ORDER BY kind, indicator_code, period_end;
