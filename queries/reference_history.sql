-- What the checks at entry compare an imported value with (kpi.store.reference keeps it beside each snapshot;
-- kpi.entry.checks.known reads it): per indicator and commune, the values reported (the view `reported`: a real
-- value over the demo one of its key), oldest first, as 'YYYY-MM-DD=value;…' (every digit a double needs: the
-- figures read back are the stored ones). $communes: the communes to read (the publisher's touched ones, an
-- unpublished file's import's provinces), or NULL for all.
SELECT r.indicator_code,
       r.commune_code,
       c.province_code,
       string_agg(strftime(r.period_end, '%Y-%m-%d') || '=' || printf('%.17g', r.value), ';' ORDER BY r.period_end) AS history
FROM reported r
JOIN commune c USING (commune_code)
WHERE $communes IS NULL OR list_contains($communes, r.commune_code)
GROUP BY ALL
ORDER BY r.indicator_code, r.commune_code;
