-- Who holds the snapshot lease (kpi.store.lease): the holding session's application_name, which names the process
-- (purpose, pid, host, since when). A key below 2^32 is classid 0, objid KEY in pg_locks.
SELECT a.application_name AS holder, l.pid = pg_backend_pid() AS mine
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND CAST(l.objid AS BIGINT) = :key AND l.objsubid = 1
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database());
