-- Remove the real values an import replaces (saved first by import_save_replaced).
DELETE FROM observation o
WHERE NOT o.is_demo
  AND EXISTS (SELECT 1 FROM replaced r
              WHERE r.commune_code = o.commune_code AND r.indicator_code = o.indicator_code AND r.period = o.period);
