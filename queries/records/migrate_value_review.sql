-- One value_review row of another store moved into this one (kpi.services.migration.move_store), its id kept.
INSERT INTO value_review (review_id, commune_code, quarter, move, state, reason, reviewed_at, reviewed_by)
VALUES (:review_id, :commune_code, :quarter, :move, :state, :reason, :reviewed_at, :reviewed_by);
