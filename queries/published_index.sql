-- Bộ chỉ số 766 on the pages (kpi.published.view): one row per unit and indicator of one snapshot of a level
-- ('province': the 34 provinces; 'commune': the communes and wards where the portal lists them) and period kind
-- ('year', 'month'), with the unit's rank and the average among its peers (a commune among its province's
-- communes, a province among all provinces) and the change since the previous snapshot of the same period and
-- level. Rank: among the peers, equal points equal rank (1, 2, 2, 4); tied says how many share it. portal_position:
-- the portal's own row number (ROW_STT) of the unit's total as published, kept beside the rank, not in its place:
-- the portal orders equal totals by a rule of its own, and its list of a province's communes holds the province's
-- departments too (An Giang: 117 rows for 102 communes and wards), so it can exceed the rank. $at: the snapshot's time in Vietnam ('YYYY-MM-DD HH:MM', queries/published_snapshots.sql), or NULL for the
-- newest. $province: a province's communes (NULL: all); provinces are always all, to be compared.
WITH chosen AS (
    SELECT *
    FROM published_snapshot
    WHERE level = $level AND period_kind = $period_kind
      AND ($at IS NULL OR strftime(snapshot_at AT TIME ZONE 'Asia/Ho_Chi_Minh', '%Y-%m-%d %H:%M') = $at)
    ORDER BY snapshot_at DESC
    LIMIT 1
),
previous AS (
    SELECT s.snapshot_id, s.snapshot_at
    FROM published_snapshot s
    JOIN chosen c ON s.publisher = c.publisher AND s.level = c.level AND s.period_kind = c.period_kind
                 AND s.period = c.period AND s.snapshot_at < c.snapshot_at
    ORDER BY s.snapshot_at DESC
    LIMIT 1
),
ranked AS (
    SELECT v.province_code,
           p.name AS province_name,
           v.commune_code,
           coalesce(m.name, p.name) AS unit_name,
           v.indicator_code,
           i.name_vi AS indicator_name_vi,
           i.name_en AS indicator_name_en,
           i.sort_order,
           i.maximum,
           v.value AS points,
           rank() OVER (peers ORDER BY v.value DESC) AS rank,  -- competition rank: equal points, equal rank
           count(*) OVER (PARTITION BY CASE WHEN c.level = 'commune' THEN v.province_code END, v.indicator_code, v.value)
               AS tied,  -- the units with these points among the peers (itself included): 2 or more, "đồng hạng"
           CASE WHEN v.indicator_code = 'dvc766_total' THEN v.portal_rank END AS portal_position,  -- ROW_STT, by total
           count(*) OVER peers AS peers,
           avg(v.value) OVER peers AS peer_average,
           o.value AS previous_points,
           v.value - o.value AS change,
           c.level,
           c.period_kind,
           c.period,
           strftime(c.snapshot_at AT TIME ZONE 'Asia/Ho_Chi_Minh', '%Y-%m-%d %H:%M') AS snapshot_at,
           strftime(b.snapshot_at AT TIME ZONE 'Asia/Ho_Chi_Minh', '%Y-%m-%d %H:%M') AS previous_at,
           c.publisher,
           c.document
    FROM published_value v
    JOIN chosen c USING (snapshot_id)
    JOIN indicator i USING (indicator_code)
    JOIN province p ON p.province_code = v.province_code
    LEFT JOIN commune m ON m.commune_code = v.commune_code
    LEFT JOIN previous b ON true
    LEFT JOIN published_value o ON o.snapshot_id = b.snapshot_id AND o.unit_code = v.unit_code
                               AND o.indicator_code = v.indicator_code
    WINDOW peers AS (PARTITION BY CASE WHEN c.level = 'commune' THEN v.province_code END, v.indicator_code)
)
SELECT *
FROM ranked
WHERE level = 'province' OR $province IS NULL OR province_code = $province
ORDER BY province_code, commune_code NULLS FIRST, sort_order;
