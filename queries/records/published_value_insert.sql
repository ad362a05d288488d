INSERT INTO published_value (snapshot_id, unit_code, indicator_code, value, portal_code, source_row, portal_rank)
VALUES (:snapshot_id, :unit_code, :indicator_code, :value, :portal_code, :source_row, :portal_rank);
