-- After `records migrate` wrote rows with their own ids: the next id of each table follows the highest. SQLite's
-- AUTOINCREMENT does so by itself; PostgreSQL's identity columns do not (queries/records/postgresql/).
SELECT 0 AS settled;
