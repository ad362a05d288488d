-- The tables of an SQLite store of record (kpi.services.migration.move_store: a table it does not know refuses the move).
SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;
