-- Every published value (kpi.published): unit codes, indicator, period, snapshot time and source, newest snapshot
-- first, with its rank among its peers and the portal's own position as the pages show them
-- (queries/published_index.sql); is_latest marks the values the pages show. $latest: true for the latest snapshots
-- only, else all.
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
       rank() OVER (peers ORDER BY v.value DESC) AS rank,  -- as on the pages (queries/published_index.sql): equal points, equal rank
       count(*) OVER peers AS peers,
       count(*) OVER (PARTITION BY v.snapshot_id, CASE WHEN s.level = 'commune' THEN v.province_code END, v.indicator_code,
                                   v.value) AS tied,  -- units sharing the rank, itself included (2 or more: "đồng hạng")
       CASE WHEN v.indicator_code = 'dvc766_total' THEN v.portal_rank END AS portal_position,
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
WINDOW peers AS (PARTITION BY v.snapshot_id, CASE WHEN s.level = 'commune' THEN v.province_code END, v.indicator_code)
ORDER BY s.snapshot_at DESC, s.period_kind, v.province_code, v.commune_code NULLS FIRST, i.sort_order;
