-- What a batch wrote for an indicator renamed in the catalogue, under its new code (kpi.services.remap).
UPDATE observation_history
SET indicator_code = :new
WHERE batch_id = :batch AND indicator_code = :old;
