-- Each commune's effective target per indicator and milestone (own, else province, else national),
-- with the citation of the plan row it comes from. $province / $commune: a code or NULL for all.
SELECT e.province_code,
       e.commune_code,
       c.name AS commune_name,
       e.indicator_code,
       i.name_vi AS indicator_name_vi,
       e.year,
       e.recurring,
       t.comparator,
       t.value,
       t.value_max,
       t.unit,
       e.source_level,
       t.citation,
       t.document,
       t.url,
       t.flag,
       t.also_cited,
       t.data_file,
       t.data_row
FROM effective_target e
JOIN commune c USING (commune_code)
JOIN indicator i USING (indicator_code)
JOIN plan_target t USING (target_id)
WHERE ($province IS NULL OR e.province_code = $province)
  AND ($commune IS NULL OR e.commune_code = $commune)
ORDER BY e.province_code, e.commune_code, i.sort_order, e.year NULLS FIRST;
