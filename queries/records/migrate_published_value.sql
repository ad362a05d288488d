-- One published_value row of another store moved into this one (kpi.services.migration.move_store), its id kept.
INSERT INTO published_value (snapshot_id, unit_code, indicator_code, value, portal_code, source_row, portal_rank)
VALUES (:snapshot_id, :unit_code, :indicator_code, :value, :portal_code, :source_row, :portal_rank);
