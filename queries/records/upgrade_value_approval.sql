-- A store made before a reviewer could return values: value_approval's state check without 'returned',
-- rebuilt with it, every row kept (kpi.records.store runs this once, in one transaction, when the table's
-- definition lacks it). value_review is in schema.sql (CREATE TABLE IF NOT EXISTS).
BEGIN IMMEDIATE;
CREATE TABLE value_approval_upgrade (
    commune_code TEXT NOT NULL,
    quarter      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('submitted', 'returned', 'approved', 'locked')),
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    PRIMARY KEY (commune_code, quarter)
);
INSERT INTO value_approval_upgrade SELECT commune_code, quarter, state, changed_at, changed_by FROM value_approval;
DROP TABLE value_approval;
ALTER TABLE value_approval_upgrade RENAME TO value_approval;
COMMIT;
