-- The portal's code beside the official one: the first match is kept (a later snapshot matches by it).
INSERT INTO published_unit (publisher, portal_code, unit_code, portal_id, portal_name, matched_by, first_seen_at)
VALUES (:publisher, :portal_code, :unit_code, :portal_id, :portal_name, :matched_by, :first_seen_at)
ON CONFLICT (publisher, portal_code) DO NOTHING;
