-- The reported values of every commune of the (indicator, province) pairs :pairs (a JSON array of
-- [indicator_code, province_code]): the spread a commune with too short a history of its own is judged by.
SELECT h.indicator_code, h.commune_code, h.province_code, h.history
FROM json_each(:pairs) j
JOIN history h INDEXED BY history_by_province ON h.indicator_code = j.value ->> 0 AND h.province_code = j.value ->> 1;
