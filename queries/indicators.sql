-- The indicator catalogue. $group: a group code, or NULL for all. $scope: 'commune' (the default, kpi.db.DEFAULTS:
-- the indicators a commune is measured on), 'national' (national in nature, never inherited), 'published' (Bộ chỉ số
-- 766: published by the national portal, kpi.published), or NULL for all.
SELECT i.indicator_code,
       i.name_vi,
       i.name_en,
       i.unit,
       i.unit_en,
       i.decimals,
       i.group_code AS "group",
       g.name_vi AS group_name_vi,
       g.name_en AS group_name_en,
       i.direction,
       i.kind,
       i.lower_bound,
       i.upper_bound,
       i.definition_vi,
       i.definition_en,
       i.r71_ref,
       i.scope,
       i.maximum,
       i.citation,
       coalesce(nullif(i.short_vi, ''), i.name_vi) AS short_vi,  -- the name where room is narrow (the status grid)
       coalesce(nullif(i.short_en, ''), i.name_en) AS short_en
FROM indicator i
JOIN indicator_group g USING (group_code)
WHERE ($scope IS NULL OR i.scope = $scope) AND ($group IS NULL OR i.group_code = $group)
ORDER BY i.scope, g.sort_order, i.sort_order;
