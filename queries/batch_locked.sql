-- The locked quarters whose values import batch $batch set or replaced: its rollback is refused.
SELECT DISTINCT x.commune_code, a.quarter
FROM (SELECT commune_code, period_end FROM observation WHERE batch_id = $batch AND NOT is_demo
      UNION SELECT commune_code, period_end FROM observation_history WHERE batch_id = $batch) x
JOIN value_approval a ON a.commune_code = x.commune_code
 AND a.quarter = strftime(x.period_end, '%Y') || '-Q' || quarter(x.period_end)
WHERE a.state = 'locked'
ORDER BY 1, 2;
