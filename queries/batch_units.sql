-- The communes (with their province) whose values import batch $batch set or replaced: a rollback
-- touches exactly these, so the one rolling back must have them all in scope.
SELECT DISTINCT x.commune_code, c.province_code
FROM (SELECT commune_code FROM observation WHERE batch_id = $batch AND NOT is_demo
      UNION SELECT commune_code FROM observation_history WHERE batch_id = $batch) x
JOIN commune c USING (commune_code)
ORDER BY x.commune_code;
