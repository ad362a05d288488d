-- One real_value row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO real_value (commune_code, indicator_code, period, period_end, value, source, batch_id, source_row, evidence, note)
VALUES (:commune_code, :indicator_code, :period, :period_end, :value, :source, :batch_id, :source_row, :evidence, :note);
