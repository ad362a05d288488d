-- A batch's values of an indicator renamed in the catalogue, under its new code (kpi.services.remap).
UPDATE real_value
SET indicator_code = :new
WHERE batch_id = :batch AND indicator_code = :old;
