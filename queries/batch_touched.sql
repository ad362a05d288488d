-- The commune and period end of every value import batch $batch set or replaced (before a rollback).
SELECT DISTINCT commune_code, period_end
FROM (SELECT commune_code, period_end FROM observation WHERE batch_id = $batch AND NOT is_demo
      UNION SELECT commune_code, period_end FROM observation_history WHERE batch_id = $batch);
