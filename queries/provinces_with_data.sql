-- The provinces whose communes have data for the pages' commune views (the sidebar's province list marks the others
-- "chưa có số liệu"): an index of the latest quarter (reported or demo values, $basis), or the latest published
-- values of at least one of their communes (Bộ chỉ số 766, kpi.published). A province's own published total does not
-- count: every province has one (queries/published_index.sql), and the mark is about its communes.
SELECT DISTINCT province_code
FROM commune_index
WHERE basis = $basis AND as_of_period = (SELECT value FROM build_info WHERE key = 'as_of_period')
UNION
SELECT DISTINCT v.province_code
FROM published_value v
JOIN published_snapshot s USING (snapshot_id)
WHERE s.is_latest AND v.commune_code IS NOT NULL
ORDER BY province_code;
