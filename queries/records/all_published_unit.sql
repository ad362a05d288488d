SELECT publisher, portal_code, unit_code, portal_id, portal_name, matched_by, first_seen_at
FROM published_unit ORDER BY publisher, portal_code;
