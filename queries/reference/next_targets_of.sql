-- The effective targets of the communes :communes (a JSON array) whose plan makes evidence mandatory.
SELECT commune_code, indicator_code, year, comparator, value, value_max
FROM next_target
WHERE commune_code IN (SELECT value FROM json_each(:communes));
