-- The reported values of the (indicator, commune) pairs :pairs (a JSON array of [indicator_code, commune_code]).
SELECT h.indicator_code, h.commune_code, h.province_code, h.history
FROM history h
WHERE (h.indicator_code, h.commune_code) IN (SELECT value ->> 0, value ->> 1 FROM json_each(:pairs));
