-- Numbers the plans, province documents and national documents state with no milestone year, held back from the
-- targets (data/unplaced_targets.csv), each with why: a plan's row with its seed file and line, a document's with its
-- file and line in ../shared/documents (doc_file, doc_line); a province's row names the province, a national one
-- neither commune nor province. National rows first, then provinces', then communes'. No parameters.
SELECT u.commune_code,
       COALESCE(c.name, p.name) AS commune_name,
       u.candidate_indicator,
       u.comparator,
       u.value,
       u.unit,
       u.seed_file,
       u.province_code,
       u.section,
       u.row_ref,
       u.seed_line,
       u.doc_file,
       u.doc_line,
       u.wording_vi,
       u.reason_vi,
       u.reason_en,
       u.data_file,
       u.data_row
FROM unplaced_target u
LEFT JOIN commune c ON c.commune_code = u.commune_code
LEFT JOIN province p ON p.province_code = u.province_code
ORDER BY u.commune_code NULLS FIRST, u.province_code NULLS FIRST, u.data_row;
