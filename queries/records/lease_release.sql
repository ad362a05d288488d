-- Give the snapshot lease back.
DELETE FROM publisher_lease WHERE name = :lease AND holder = :holder;
