-- The published snapshots (kpi.published) the pages can show: each level and period kind's snapshot times in
-- Vietnam, newest first (the pages show the newest unless one is chosen; queries/published_index.sql).
SELECT level,
       period_kind,
       period,
       strftime(snapshot_at AT TIME ZONE 'Asia/Ho_Chi_Minh', '%Y-%m-%d %H:%M') AS snapshot_at,
       rows,
       source_file
FROM published_snapshot
WHERE $province IS NULL OR level = 'province'
   OR snapshot_id IN (SELECT snapshot_id FROM published_value WHERE province_code = $province)
ORDER BY snapshot_at DESC, level DESC, period_kind DESC;
