-- The sources register (data/documents.csv): every document a target layer above the commune is read from, with
-- its number, date, issuer, how much of it was at hand (whole, excerpt, press report, not found) and where it was
-- read. No parameters.
SELECT d.number,
       d.title_vi,
       d.issuer,
       d.issued,
       d.layer,
       d.province_code,
       p.name AS province_name,
       d.completeness,
       d.extent_vi,
       d.extent_en,
       d.where_read,
       d.file
FROM source_document d
LEFT JOIN province p USING (province_code)
ORDER BY d.layer, d.province_code NULLS FIRST, d.data_row;
