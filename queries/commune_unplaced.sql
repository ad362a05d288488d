-- The units the positions leave out, with why (data/commune_positions_unplaced.csv, loaded by the build).
SELECT commune_code, reason
FROM commune_unplaced
ORDER BY commune_code;
