-- One commune's effective target for milestone $year, per indicator: the target of that year, else the
-- recurring one; with its level (commune / province / national) and citation. $commune: a code.
SELECT e.indicator_code,
       coalesce(e.year, $year) AS year,
       t.comparator,
       t.value,
       t.value_max,
       e.source_level,
       t.citation,
       t.document,
       t.url,
       t.data_file,
       t.data_row
FROM effective_target e
JOIN plan_target t USING (target_id)
WHERE e.commune_code = $commune
  AND (e.year = $year OR (e.year IS NULL AND NOT EXISTS (
        SELECT 1 FROM effective_target x
        WHERE x.commune_code = e.commune_code AND x.indicator_code = e.indicator_code AND x.year = $year)))
ORDER BY e.indicator_code;
