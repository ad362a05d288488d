-- The changes after a snapshot's: the last change id, how many, the oldest's time.
SELECT max(change_id) AS last, count(*) AS writes, min(recorded_at) AS first_recorded_at
FROM change_log
WHERE change_id > :through;
