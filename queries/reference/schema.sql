-- What an import is checked against, kept beside each published snapshot (kpi.store.reference): a small SQLite
-- file an import opens in a millisecond, where opening the DuckDB snapshot costs 15-20 ms of CPU before any query.
-- Written by the snapshot's publisher (in full by a build, a publication's touched communes patched into a copy of
-- the previous one), never changed after it is renamed into place.
CREATE TABLE indicator (
    indicator_code TEXT PRIMARY KEY,
    lower_bound    REAL,
    upper_bound    REAL,
    unit           TEXT,
    kind           TEXT,
    direction      TEXT
) WITHOUT ROWID;
CREATE TABLE unit (
    seq            INTEGER PRIMARY KEY,  -- queries/units.sql's order
    commune_code   TEXT NOT NULL UNIQUE,
    province_code  TEXT NOT NULL,
    commune_name   TEXT NOT NULL
);
CREATE TABLE history (
    indicator_code TEXT NOT NULL,
    commune_code   TEXT NOT NULL,
    province_code  TEXT NOT NULL,
    history        TEXT NOT NULL,  -- queries/reference_history.sql
    PRIMARY KEY (indicator_code, commune_code)
) WITHOUT ROWID;
CREATE INDEX history_by_province ON history (indicator_code, province_code);
CREATE TABLE next_target (
    commune_code   TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    year           INTEGER,
    comparator     TEXT,
    value          REAL,
    value_max      REAL
);
CREATE INDEX next_target_by_key ON next_target (commune_code, indicator_code);
