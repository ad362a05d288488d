-- One published_unit row of another store moved into this one (kpi.services.migration.move_store), its id kept.
INSERT INTO published_unit (publisher, portal_code, unit_code, portal_id, portal_name, matched_by, first_seen_at)
VALUES (:publisher, :portal_code, :unit_code, :portal_id, :portal_name, :matched_by, :first_seen_at);
