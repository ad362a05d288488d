-- One change_commune row of another store moved into this one (kpi.services.migration.move_store), its id kept.
INSERT INTO change_commune (change_id, commune_code)
VALUES (:change_id, :commune_code);
