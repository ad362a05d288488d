-- The indicator catalogue. $group: a group code, or NULL for all.
SELECT i.indicator_code,
       i.name_vi,
       i.name_en,
       i.unit,
       i.group_code AS "group",
       g.name_vi AS group_name_vi,
       g.name_en AS group_name_en,
       i.direction,
       i.kind,
       i.lower_bound,
       i.upper_bound,
       i.definition_vi,
       i.definition_en,
       i.r71_ref
FROM indicator i
JOIN indicator_group g USING (group_code)
WHERE $group IS NULL OR i.group_code = $group
ORDER BY g.sort_order, i.sort_order;
