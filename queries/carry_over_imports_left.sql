-- What carry_over_imports.sql would leave behind: imported values (and what they replaced, kept for a
-- rollback) whose commune or indicator no longer exists, one row per batch, commune, indicator and period,
-- described for people (kpi.carry_over.WouldDrop): the build is refused rather than lose them.
WITH lost AS (
    SELECT o.batch_id, o.commune_code, o.indicator_code, o.period
    FROM previous.observation o
    WHERE NOT o.is_demo
      AND NOT EXISTS (SELECT 1 FROM observation n WHERE NOT n.is_demo AND n.commune_code = o.commune_code
                      AND n.indicator_code = o.indicator_code AND n.period = o.period)
    UNION
    SELECT h.batch_id, h.commune_code, h.indicator_code, h.period
    FROM previous.observation_history h
    WHERE NOT EXISTS (SELECT 1 FROM observation_history n WHERE n.batch_id = h.batch_id
                      AND n.commune_code = h.commune_code AND n.indicator_code = h.indicator_code AND n.period = h.period)
)
SELECT 'value' AS kind, l.batch_id AS ref, l.commune_code, coalesce(c.name, '') AS commune_name,
       l.indicator_code || ', ' || l.period AS item, b.imported_by AS by_whom, b.imported_at AS at, b.file_names AS source
FROM lost l
LEFT JOIN previous.import_batch b ON b.batch_id = l.batch_id
LEFT JOIN previous.commune c ON c.commune_code = l.commune_code
ORDER BY l.batch_id, l.commune_code, l.indicator_code, l.period;
