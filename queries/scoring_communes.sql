-- Inputs of the scoring method: the communes that report anything, with their province.
SELECT commune_code, province_code
FROM commune
WHERE commune_code IN (SELECT DISTINCT commune_code FROM observation)
ORDER BY commune_code;
