-- The snapshot lease on PostgreSQL (kpi.store.lease): a session advisory lock, held by the connection that took it
-- until it lets go or closes (its process dies, the server restarts). True if taken, false if another session holds it.
SELECT pg_try_advisory_lock(:key) AS taken;
