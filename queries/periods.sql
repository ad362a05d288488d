-- The quarters that have scores, newest first.
SELECT DISTINCT as_of_period FROM commune_index WHERE basis = 'all' ORDER BY as_of_period DESC;
