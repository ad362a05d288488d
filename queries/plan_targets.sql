-- Every target row as extracted from the documents (restated and conflicting rows included).
-- $flag: only rows whose flag list contains it (restated / conflict / recurring / interpreted / undercut), or NULL.
SELECT coalesce(t.province_code, c.province_code) AS province_code,
       t.commune_code,
       c.name AS commune_name,
       t.indicator_code,
       i.name_vi AS indicator_name_vi,
       t.year,
       t.recurring,
       t.comparator,
       t.value,
       t.value_max,
       t.unit,
       t.level AS source_level,
       t.citation,
       t.seed_file,
       t.document,
       t.url,
       t.section,
       t.row_ref,
       t.wording_vi,
       t.flag,
       t.is_effective,
       t.also_cited,
       t.undercuts,
       t.note,
       t.doc_file,
       t.doc_line,
       t.data_file,
       t.data_row
FROM plan_target t
JOIN indicator i USING (indicator_code)
LEFT JOIN commune c USING (commune_code)
WHERE $flag IS NULL OR list_contains(string_split(t.flag, ','), $flag)
ORDER BY t.level, t.commune_code NULLS FIRST, t.data_file, t.data_row;
