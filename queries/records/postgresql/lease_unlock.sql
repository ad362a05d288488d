-- Let go of the snapshot lease this session holds (kpi.store.lease).
SELECT pg_advisory_unlock(:key) AS released;
