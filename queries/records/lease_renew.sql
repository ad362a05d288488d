-- Renew the snapshot lease while still holding it; no row back: it was taken over.
UPDATE publisher_lease SET expires_at = :expires_at WHERE name = :lease AND holder = :holder RETURNING name;
