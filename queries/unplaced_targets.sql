-- Numbers the plans (and province documents) state with no milestone year, held back from the targets
-- (data/unplaced_targets.csv), each with the seed or document line and why; a province's row names the province.
-- No parameters.
SELECT u.commune_code,
       COALESCE(c.name, p.name) AS commune_name,
       u.candidate_indicator,
       u.comparator,
       u.value,
       u.unit,
       COALESCE(NULLIF(u.seed_file, ''), u.source_file) AS seed_file,
       u.province_code,
       u.section,
       u.row_ref,
       u.seed_line,
       u.wording_vi,
       u.reason_vi,
       u.reason_en,
       u.data_file,
       u.data_row
FROM unplaced_target u
LEFT JOIN commune c ON c.commune_code = u.commune_code
LEFT JOIN province p ON p.province_code = u.province_code
ORDER BY u.commune_code NULLS LAST, u.data_row;
