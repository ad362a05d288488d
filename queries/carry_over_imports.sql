-- Copy the imported (real) reports of the previous database, attached as `previous`, into a fresh
-- build: import batches, their values and what they replaced. Values whose commune or indicator no
-- longer exists are left behind (named by carry_over_imports_left.sql, and the build refused).
INSERT INTO import_batch BY NAME SELECT * FROM previous.import_batch;
INSERT INTO observation BY NAME
SELECT o.* FROM previous.observation o
WHERE NOT o.is_demo
  AND o.commune_code IN (SELECT commune_code FROM commune)
  AND o.indicator_code IN (SELECT indicator_code FROM indicator);
INSERT INTO observation_history BY NAME
SELECT h.* FROM previous.observation_history h
WHERE h.commune_code IN (SELECT commune_code FROM commune)
  AND h.indicator_code IN (SELECT indicator_code FROM indicator);
