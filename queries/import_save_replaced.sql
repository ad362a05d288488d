-- Keep the real values an import is about to replace, so `rollback` can restore them.
-- `replaced` is a frame registered by kpi/importer.py: the incoming rows whose value changes.
INSERT INTO observation_history
SELECT $batch, o.commune_code, o.indicator_code, o.period, o.period_end, o.value, o.source, o.batch_id, o.source_row,
       o.evidence, o.note
FROM observation o
JOIN replaced r USING (commune_code, indicator_code, period)
WHERE NOT o.is_demo;
