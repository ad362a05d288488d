-- Numbers the plans state with no milestone year, held back from the targets (data/unplaced_targets.csv),
-- each with the seed line and why; a national document's (no commune) with its file and line in ../shared/documents.
-- No parameters.
SELECT u.commune_code,
       c.name AS commune_name,
       u.candidate_indicator,
       u.comparator,
       u.value,
       u.unit,
       u.seed_file,
       u.section,
       u.row_ref,
       u.seed_line,
       u.wording_vi,
       u.reason_vi,
       u.reason_en,
       u.data_file,
       u.data_row
FROM unplaced_target u
LEFT JOIN commune c USING (commune_code)
ORDER BY u.commune_code NULLS FIRST, u.data_row;
