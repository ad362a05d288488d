-- Every published value (kpi.published): unit codes, indicator, period, snapshot time and source, newest snapshot
-- first; is_latest marks the values the pages show. $latest: true for the latest snapshots only, else all.
SELECT v.province_code,
       v.commune_code,
       coalesce(c.name, p.name) AS unit_name,
       v.portal_code,
       v.indicator_code,
       i.name_vi AS indicator_name_vi,
       i.unit,
       s.period_kind,
       s.period,
       strftime(s.snapshot_at AT TIME ZONE 'Asia/Ho_Chi_Minh', '%Y-%m-%d %H:%M') AS snapshot_at,
       v.value AS points,
       s.is_latest,
       s.publisher,
       s.document,
       s.source_file || ' (' || s.sheet || ', dòng ' || v.source_row || ')' AS source_file
FROM published_value v
JOIN published_snapshot s USING (snapshot_id)
JOIN indicator i USING (indicator_code)
JOIN province p ON p.province_code = v.province_code
LEFT JOIN commune c ON c.commune_code = v.commune_code
WHERE NOT $latest OR s.is_latest
ORDER BY s.snapshot_at DESC, s.period_kind, v.province_code, v.commune_code NULLS FIRST, i.sort_order;
