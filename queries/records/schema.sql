-- The store of record (kpi.records): everything people enter, one short transaction per write. The DuckDB
-- snapshot the pages read is derived from data/ + demo values + these tables (kpi.store.publisher), which
-- mirror the people's tables of queries/schema.sql column for column. Created on first use; every statement
-- idempotent. Portable SQL: TEXT, INTEGER, REAL; times are TEXT in ISO 8601 with their UTC offset, written
-- by Python (kpi.records.stamp), never by the engine's clock; booleans are 0/1.

-- Accounts (kpi.accounts): a person is known by the canonical address (NFKC, case folded) their identity
-- provider vouches for.
CREATE TABLE IF NOT EXISTS app_user (
    email         TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'commune_editor', 'province_reviewer', 'admin')),
    province_code TEXT,
    added_at      TEXT NOT NULL,
    added_by      TEXT NOT NULL,
    CHECK ((role = 'province_reviewer') = (province_code IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS user_commune (
    email        TEXT NOT NULL REFERENCES app_user (email) ON DELETE CASCADE,
    commune_code TEXT NOT NULL,
    PRIMARY KEY (email, commune_code)
);

-- revocation: an address's sign-ins issued (token iat) at or before revoked_at carry nothing (kpi.accounts.identity).
CREATE TABLE IF NOT EXISTS revocation (
    email       TEXT NOT NULL,  -- canonical address (NFKC, case folded)
    revoked_at  REAL NOT NULL,  -- seconds since 1970, UTC: sign-ins issued until then are over
    reason      TEXT NOT NULL,  -- sign-out, users remove
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX IF NOT EXISTS revocation_email ON revocation (email, revoked_at);

-- Every write: who, when, what, from which file (DHIS2's audit).
CREATE TABLE IF NOT EXISTS audit_log (
    audit_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    written_at TEXT NOT NULL,
    actor      TEXT NOT NULL,
    role       TEXT NOT NULL,
    action     TEXT NOT NULL,
    detail     TEXT NOT NULL,
    files      TEXT,
    sha256     TEXT,
    batch_id   INTEGER
);

-- Imported values (DuckDB's observation rows with is_demo = false), their batches and what each replaced.
CREATE TABLE IF NOT EXISTS import_batch (
    batch_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    file_names     TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    imported_at    TEXT NOT NULL,
    rows_read      INTEGER NOT NULL,
    imported       INTEGER NOT NULL,
    updated        INTEGER NOT NULL,
    unchanged      INTEGER NOT NULL,
    rolled_back_at TEXT,
    imported_by    TEXT,
    rolled_back_by TEXT
);

CREATE TABLE IF NOT EXISTS real_value (
    commune_code   TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    period         TEXT NOT NULL,
    period_end     TEXT NOT NULL,  -- ISO date
    value          REAL NOT NULL,
    source         TEXT NOT NULL,  -- the import batch's file name
    batch_id       INTEGER NOT NULL REFERENCES import_batch (batch_id),
    source_row     INTEGER,
    evidence       TEXT,
    note           TEXT,
    PRIMARY KEY (commune_code, indicator_code, period)
);
CREATE INDEX IF NOT EXISTS real_value_batch ON real_value (batch_id);

CREATE TABLE IF NOT EXISTS observation_history (
    batch_id          INTEGER NOT NULL REFERENCES import_batch (batch_id),
    commune_code      TEXT NOT NULL,
    indicator_code    TEXT NOT NULL,
    period            TEXT NOT NULL,
    period_end        TEXT NOT NULL,
    value             REAL NOT NULL,
    source            TEXT NOT NULL,
    previous_batch_id INTEGER,
    source_row        INTEGER,
    evidence          TEXT,
    note              TEXT,
    PRIMARY KEY (batch_id, commune_code, indicator_code, period)
);

-- The monitoring workflow of seed 003, section IV.2 (kpi.workflow). Evidence content is stored beside the
-- database under its sha256 (kpi.workflow.evidence); these rows say which report cites which file.
CREATE TABLE IF NOT EXISTS evidence_file (
    sha256     TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
    stored_at  TEXT NOT NULL,
    stored_by  TEXT NOT NULL
);

-- A task is named by its id in the snapshot the reporter saw AND by commune, number and wording: the
-- publisher finds the task again in later builds (kpi.store.publisher); a report it cannot place is kept and
-- listed for re-mapping, never dropped.
CREATE TABLE IF NOT EXISTS task_report (
    report_id        INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id          INTEGER NOT NULL,
    commune_code     TEXT NOT NULL,
    task_seq         TEXT,
    task_wording     TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    percent_complete REAL NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    note             TEXT NOT NULL,
    reported_at      TEXT NOT NULL,
    reported_by      TEXT NOT NULL,
    source           TEXT NOT NULL,
    source_row       INTEGER,
    review           TEXT CHECK (review IN ('submitted', 'accepted', 'returned')),
    reviewed_at      TEXT,
    reviewed_by      TEXT,
    review_reason    TEXT
);
CREATE INDEX IF NOT EXISTS task_report_commune ON task_report (commune_code);

CREATE TABLE IF NOT EXISTS task_report_evidence (
    report_id INTEGER NOT NULL REFERENCES task_report (report_id),
    sha256    TEXT NOT NULL REFERENCES evidence_file (sha256),
    file_name TEXT NOT NULL,
    PRIMARY KEY (report_id, sha256)
);

-- Reported values per commune and quarter (DHIS2's data approval): submitted -> approved -> locked, or
-- submitted -> returned (with a reason, value_review) until the commune imports again.
CREATE TABLE IF NOT EXISTS value_approval (
    commune_code TEXT NOT NULL,
    quarter      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('submitted', 'returned', 'approved', 'locked')),
    changed_at   TEXT NOT NULL,
    changed_by   TEXT NOT NULL,
    PRIMARY KEY (commune_code, quarter)
);

-- Every reviewer's word on a commune's quarter (approve, return, lock, unlock), newest last: a return's reason
-- is required (kpi.approvals); the editor reads them where they report.
CREATE TABLE IF NOT EXISTS value_review (
    review_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    commune_code TEXT NOT NULL,
    quarter      TEXT NOT NULL,
    move         TEXT NOT NULL,
    state        TEXT NOT NULL,
    reason       TEXT NOT NULL,
    reviewed_at  TEXT NOT NULL,
    reviewed_by  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS value_review_commune ON value_review (commune_code, quarter);

-- What the publisher has not folded into a snapshot yet: one change per write, with the communes whose
-- values or approvals it changed (their scores are recomputed at the next publication).
CREATE TABLE IF NOT EXISTS change_log (
    change_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    recorded_at TEXT NOT NULL,
    action      TEXT NOT NULL,
    audit_id    INTEGER
);

CREATE TABLE IF NOT EXISTS change_commune (
    change_id    INTEGER NOT NULL REFERENCES change_log (change_id),
    commune_code TEXT NOT NULL,
    PRIMARY KEY (change_id, commune_code)
);
CREATE INDEX IF NOT EXISTS change_commune_by_commune ON change_commune (commune_code, change_id);

-- One publisher at a time, through the store itself: a lease taken and renewed in a write transaction.
CREATE TABLE IF NOT EXISTS publisher_lease (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at REAL NOT NULL  -- seconds since 1970, UTC
);

-- Published values (kpi.published, kpi.services.published): what a national body publishes, a source of its own.
-- One snapshot per list read (a workbook's sheet): its publisher, document, when the portal was read, the period it
-- measures to that day, where it was read and who loaded it. A newer snapshot of the same period and level is the
-- latest; the older ones stay.
CREATE TABLE IF NOT EXISTS published_snapshot (
    snapshot_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    publisher    TEXT NOT NULL,
    document     TEXT NOT NULL,
    snapshot_at  TEXT NOT NULL,  -- when the portal's rows were read (ISO 8601 with offset)
    period_kind  TEXT NOT NULL CHECK (period_kind IN ('year', 'month')),
    period       TEXT NOT NULL,  -- 2025, 2025-10: to the snapshot's day
    level        TEXT NOT NULL CHECK (level IN ('province', 'commune')),
    source_file  TEXT NOT NULL,
    sheet        TEXT NOT NULL,
    sha256       TEXT NOT NULL,  -- of the file as read
    content      TEXT NOT NULL,  -- sha256 of the rows (kpi.published.Sheet.digest): the same rows in any file form
    rows         INTEGER NOT NULL,
    loaded_at    TEXT NOT NULL,
    loaded_by    TEXT NOT NULL,
    audit_id     INTEGER,
    UNIQUE (publisher, snapshot_at, period_kind, period, level)
);

CREATE TABLE IF NOT EXISTS published_value (
    snapshot_id    INTEGER NOT NULL REFERENCES published_snapshot (snapshot_id),
    unit_code      TEXT NOT NULL,  -- official: a province's 2 digits or a commune's 5
    indicator_code TEXT NOT NULL,
    value          REAL NOT NULL,
    portal_code    TEXT NOT NULL,  -- MA_COQUAN
    source_row     INTEGER NOT NULL,
    portal_rank    INTEGER,        -- ROW_STT
    PRIMARY KEY (snapshot_id, unit_code, indicator_code)
);

-- The portal's own unit codes beside the official ones: the next snapshot matches by code.
CREATE TABLE IF NOT EXISTS published_unit (
    publisher     TEXT NOT NULL,
    portal_code   TEXT NOT NULL,
    unit_code     TEXT NOT NULL,
    portal_id     TEXT NOT NULL,
    portal_name   TEXT NOT NULL,
    matched_by    TEXT NOT NULL CHECK (matched_by IN ('name', 'code')),
    first_seen_at TEXT NOT NULL,
    PRIMARY KEY (publisher, portal_code)
);

-- A person's draft of a commune's values for a period, from the entry form (kpi.services.values.save_draft):
-- theirs alone, replaced whole at each save, removed by the submission that records it.
CREATE TABLE IF NOT EXISTS value_draft (
    email          TEXT NOT NULL,
    commune_code   TEXT NOT NULL,
    period         TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    value          REAL NOT NULL,
    note           TEXT NOT NULL,
    saved_at       TEXT NOT NULL,
    PRIMARY KEY (email, commune_code, period, indicator_code)
);

-- Evidence files of imported values (a value reported as meeting its target where the plan requires it):
-- which value of which batch cites which file (evidence_file), as task_report_evidence does for tasks.
CREATE TABLE IF NOT EXISTS value_evidence (
    batch_id       INTEGER NOT NULL REFERENCES import_batch (batch_id),
    commune_code   TEXT NOT NULL,
    indicator_code TEXT NOT NULL,
    period         TEXT NOT NULL,
    sha256         TEXT NOT NULL REFERENCES evidence_file (sha256),
    file_name      TEXT NOT NULL,
    PRIMARY KEY (batch_id, commune_code, indicator_code, period, sha256)
);
