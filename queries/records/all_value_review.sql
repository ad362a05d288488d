-- Every value_review row (kpi.services.migration.move_store: read from one store, read back from the other).
SELECT review_id, commune_code, quarter, move, state, reason, reviewed_at, reviewed_by FROM value_review;
