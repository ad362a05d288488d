-- One value_evidence row of another store moved into this one (kpi.services.migration.move_store), its id kept.
INSERT INTO value_evidence (batch_id, commune_code, indicator_code, period, sha256, file_name)
VALUES (:batch_id, :commune_code, :indicator_code, :period, :sha256, :file_name);
