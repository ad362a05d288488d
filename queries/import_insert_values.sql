-- Write an import's new and changed rows as real values of batch $batch.
-- `writes` is a frame registered by kpi/importer.py.
INSERT INTO observation (commune_code, indicator_code, period, period_end, value, is_demo, source, batch_id, source_row,
                         evidence, note)
SELECT commune_code, indicator_code, period, period_end, value, false, source, $batch, source_row, evidence, note
FROM writes;
