-- The folders of saved plans that have their audit row (kpi.saved_plans.audited).
SELECT files
FROM audit_log
WHERE action = :action AND files IS NOT NULL;
