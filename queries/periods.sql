-- The quarters that have scores, newest first.
SELECT DISTINCT as_of_period FROM commune_index ORDER BY as_of_period DESC;
