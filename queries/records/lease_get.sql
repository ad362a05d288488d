-- The snapshot lease: who holds it and until when (seconds since 1970, UTC).
SELECT holder, expires_at FROM publisher_lease WHERE name = :lease;
