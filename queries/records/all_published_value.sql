SELECT snapshot_id, unit_code, indicator_code, value, portal_code, source_row, portal_rank
FROM published_value ORDER BY snapshot_id, unit_code, indicator_code;
