-- Write one new or changed imported value of batch :batch (what it replaces was saved first).
INSERT INTO real_value (commune_code, indicator_code, period, period_end, value, source, batch_id, source_row,
                        evidence, note)
VALUES (:commune_code, :indicator_code, :period, :period_end, :value, :source, :batch, :source_row, :evidence, :note)
ON CONFLICT (commune_code, indicator_code, period) DO UPDATE SET
    period_end = excluded.period_end, value = excluded.value, source = excluded.source,
    batch_id = excluded.batch_id, source_row = excluded.source_row, evidence = excluded.evidence, note = excluded.note;
