-- Take the snapshot lease (the caller has checked it is free, expired or left by a dead process).
INSERT INTO publisher_lease (name, holder, expires_at) VALUES (:lease, :holder, :expires_at)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at;
