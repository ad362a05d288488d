-- The commune and period end of every value import batch :batch set or replaced (before its rollback): the
-- communes must be in scope, their quarters unlocked, and they are submitted again.
SELECT commune_code, period_end FROM real_value WHERE batch_id = :batch
UNION
SELECT commune_code, period_end FROM observation_history WHERE batch_id = :batch;
