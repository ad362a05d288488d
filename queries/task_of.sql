-- The task of a commune's plan with a number (kpi.services.remap): its id and wording.
SELECT task_id, seq, task
FROM task
WHERE commune_code = $commune AND seq = $seq;
