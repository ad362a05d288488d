-- One observation_history row of a snapshot moved into the store (kpi.services.migration), its id kept.
INSERT INTO observation_history (batch_id, commune_code, indicator_code, period, period_end, value, source, previous_batch_id, source_row, evidence, note)
VALUES (:batch_id, :commune_code, :indicator_code, :period, :period_end, :value, :source, :previous_batch_id, :source_row, :evidence, :note);
