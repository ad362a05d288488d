-- The database built by `python -m kpi build` from data/ (see data/README.md).
-- Keys and checks are declared here so a bad build fails inside DuckDB too.

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE province (
    province_code VARCHAR PRIMARY KEY CHECK (regexp_full_match(province_code, '\d{2}')),
    name          VARCHAR NOT NULL,
    unit_type     VARCHAR NOT NULL
);

CREATE TABLE commune (
    commune_code  VARCHAR PRIMARY KEY CHECK (regexp_full_match(commune_code, '\d{5}')),
    province_code VARCHAR NOT NULL REFERENCES province (province_code),
    name          VARCHAR NOT NULL,
    unit_type     VARCHAR NOT NULL CHECK (unit_type IN ('xã', 'phường', 'đặc khu'))
);

CREATE TABLE indicator_group (
    group_code VARCHAR PRIMARY KEY,
    name_vi    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    weight     DOUBLE  NOT NULL CHECK (weight > 0),
    sort_order INTEGER NOT NULL
);

CREATE TABLE indicator (
    indicator_code VARCHAR PRIMARY KEY,
    name_vi        VARCHAR NOT NULL,
    name_en        VARCHAR NOT NULL,
    unit           VARCHAR NOT NULL,
    unit_en        VARCHAR NOT NULL,  -- the unit in English (data/indicators.yaml)
    group_code     VARCHAR NOT NULL REFERENCES indicator_group (group_code),
    direction      VARCHAR NOT NULL CHECK (direction IN ('higher', 'lower')),
    kind           VARCHAR NOT NULL CHECK (kind IN ('percent', 'count', 'money', 'boolean', 'points')),
    decimals       INTEGER NOT NULL CHECK (decimals BETWEEN 0 AND 4),  -- shown with (data/indicators.yaml)
    lower_bound    DOUBLE  NOT NULL,
    upper_bound    DOUBLE  NOT NULL,
    definition_vi  VARCHAR NOT NULL,
    definition_en  VARCHAR NOT NULL,
    r71_ref        VARCHAR NOT NULL,
    scope          VARCHAR NOT NULL CHECK (scope IN ('commune', 'national', 'province', 'published')),  -- national, province: never inherited by a commune
    sort_order     INTEGER NOT NULL,
    portal_field   VARCHAR NOT NULL DEFAULT '',  -- published (Bộ chỉ số 766): the portal's field
    maximum        DOUBLE,                       -- published: the document's maximum, NULL where not at hand
    citation       VARCHAR NOT NULL DEFAULT '',  -- published: the document
    short_vi       VARCHAR NOT NULL DEFAULT '',  -- a short name for narrow places ('' : the name is short enough)
    short_en       VARCHAR NOT NULL DEFAULT '',
    CHECK (lower_bound < upper_bound)
);

-- One representative point per commune (data/commune_positions.csv; the build checks each: an official commune of
-- its own province, inside Vietnam's box, kpi.geo.Position) and the units left without one, with why
-- (data/commune_positions_unplaced.csv). The map and the province scorecard read queries/commune_positions.sql.
CREATE TABLE commune_position (
    commune_code VARCHAR PRIMARY KEY REFERENCES commune (commune_code),
    latitude     DOUBLE  NOT NULL,
    longitude    DOUBLE  NOT NULL,
    matched_by   VARCHAR NOT NULL CHECK (matched_by IN ('code', 'name')),
    source       VARCHAR NOT NULL
);

CREATE TABLE commune_unplaced (
    commune_code VARCHAR PRIMARY KEY REFERENCES commune (commune_code),
    reason       VARCHAR NOT NULL
);

-- The milestone years a target may name: kpi.config.MILESTONES, the one list, loaded by the build.
CREATE TABLE milestone (
    year INTEGER PRIMARY KEY
);

-- Every target row as a document states it (restated and conflicting rows included).
CREATE TABLE plan_target (
    target_id      INTEGER PRIMARY KEY,
    level          VARCHAR NOT NULL CHECK (level IN ('commune', 'province', 'national')),
    province_code  VARCHAR REFERENCES province (province_code),
    commune_code   VARCHAR REFERENCES commune (commune_code),
    indicator_code VARCHAR NOT NULL REFERENCES indicator (indicator_code),
    year           INTEGER REFERENCES milestone (year),  -- NULL: recurring
    recurring      BOOLEAN NOT NULL,
    comparator     VARCHAR NOT NULL CHECK (comparator IN ('>=', '>', '=', '<=', '<', 'range', 'strive')),
    value          DOUBLE  NOT NULL,
    value_max      DOUBLE,
    unit           VARCHAR NOT NULL,
    interpreted    BOOLEAN NOT NULL,
    seed_file      VARCHAR NOT NULL,  -- the plan in ../shared/seeds ('' for a published document)
    document       VARCHAR NOT NULL,  -- the document the target is written in (the seed file for a plan)
    url            VARCHAR NOT NULL,  -- its public address ('' for a seed plan)
    section        VARCHAR NOT NULL,
    row_ref        VARCHAR NOT NULL,
    wording_vi     VARCHAR NOT NULL,
    note           VARCHAR NOT NULL,
    doc_file       VARCHAR NOT NULL,  -- where the wording was read in ../shared/documents ('' if not at hand)
    doc_line       INTEGER,           -- its line there (cat -n)
    data_file      VARCHAR NOT NULL,
    data_row       INTEGER NOT NULL,
    flag           VARCHAR NOT NULL,  -- comma-separated: restated, conflict, recurring, interpreted, undercut
    is_effective   BOOLEAN NOT NULL,  -- the one row used for its (level, unit, indicator, year)
    citation       VARCHAR NOT NULL,  -- seed file, section, row: “wording”
    also_cited     VARCHAR NOT NULL,  -- the other places stating the same target or a conflicting one
    undercuts      VARCHAR NOT NULL,  -- the higher layer's target this effective one is less demanding than
    CHECK (recurring = (year IS NULL)),
    CHECK ((level = 'commune') = (commune_code IS NOT NULL)),
    CHECK ((comparator = 'range') = (value_max IS NOT NULL))
);

-- A commune's target for an indicator and year: its own, else its province's, else national.
CREATE TABLE effective_target (
    province_code  VARCHAR NOT NULL REFERENCES province (province_code),
    commune_code   VARCHAR NOT NULL REFERENCES commune (commune_code),
    indicator_code VARCHAR NOT NULL REFERENCES indicator (indicator_code),
    year           INTEGER,
    recurring      BOOLEAN NOT NULL,
    target_id      INTEGER NOT NULL REFERENCES plan_target (target_id),
    source_level   VARCHAR NOT NULL CHECK (source_level IN ('commune', 'province', 'national')),
    UNIQUE (commune_code, indicator_code, year)
);

-- Numbers a plan, a province document or a national one states with no milestone year: held back from the targets,
-- listed on Chất lượng dữ liệu.
CREATE TABLE unplaced_target (
    commune_code        VARCHAR REFERENCES commune (commune_code),  -- a commune's plan (seed_file), or else ...
    candidate_indicator VARCHAR NOT NULL,  -- the indicator(s) it would map to, '; '-separated
    comparator          VARCHAR NOT NULL,
    value               DOUBLE  NOT NULL,
    unit                VARCHAR NOT NULL,
    seed_file           VARCHAR NOT NULL,  -- '' for a document's row
    section             VARCHAR NOT NULL,
    row_ref             VARCHAR NOT NULL,
    seed_line           INTEGER,
    wording_vi          VARCHAR NOT NULL,
    reason_vi           VARCHAR NOT NULL,
    reason_en           VARCHAR NOT NULL,
    data_file           VARCHAR NOT NULL,
    data_row            INTEGER NOT NULL,
    province_code       VARCHAR REFERENCES province (province_code),  -- ... a province's document (neither: national)
    doc_file            VARCHAR NOT NULL,  -- a document's file in ../shared/documents ('' for a plan), as plan_target
    doc_line            INTEGER,           -- its line there (cat -n)
    CHECK (commune_code IS NULL OR province_code IS NULL),
    CHECK ((seed_file = '') <> (doc_file = ''))
);

-- The sources register (data/documents.csv): each document above the commune, and how much of it was read.
CREATE TABLE source_document (
    number        VARCHAR NOT NULL,
    title_vi      VARCHAR NOT NULL,
    issuer        VARCHAR NOT NULL,
    issued        VARCHAR NOT NULL,
    layer         VARCHAR NOT NULL CHECK (layer IN ('national', 'province')),
    province_code VARCHAR REFERENCES province (province_code),
    completeness  VARCHAR NOT NULL CHECK (completeness IN ('whole', 'excerpt', 'press_report', 'not_found')),
    extent_vi     VARCHAR NOT NULL,
    extent_en     VARCHAR NOT NULL,
    where_read    VARCHAR NOT NULL,
    file          VARCHAR NOT NULL,
    data_file     VARCHAR NOT NULL,
    data_row      INTEGER NOT NULL
);

CREATE TABLE task (
    task_id       INTEGER PRIMARY KEY,
    commune_code  VARCHAR NOT NULL REFERENCES commune (commune_code),
    seq           VARCHAR NOT NULL,
    section       VARCHAR NOT NULL,
    task          VARCHAR NOT NULL,
    lead_agency   VARCHAR NOT NULL,
    partners      VARCHAR NOT NULL,
    deliverable   VARCHAR NOT NULL,
    deadline_text VARCHAR NOT NULL,
    deadline_date DATE,
    deadline_kind VARCHAR NOT NULL CHECK (deadline_kind IN ('date', 'year_end', 'recurring', 'conditional', 'implied', 'none')),
    recurring     BOOLEAN NOT NULL,
    schedule_start DATE,  -- a one-year plan's tasks run from its year's start (else from kpi.tasks.PLAN_START)
    seed_file     VARCHAR NOT NULL,
    page_hint     VARCHAR NOT NULL,
    data_file     VARCHAR NOT NULL,
    data_row      INTEGER NOT NULL
);

-- Reported values. Demo values (is_demo) and real imported ones may both exist for a key;
-- queries read the view `reported`, where a real value takes precedence over a demo one.
CREATE TABLE observation (
    commune_code   VARCHAR NOT NULL REFERENCES commune (commune_code),
    indicator_code VARCHAR NOT NULL REFERENCES indicator (indicator_code),
    period         VARCHAR NOT NULL,
    period_end     DATE    NOT NULL,
    value          DOUBLE  NOT NULL,
    is_demo        BOOLEAN NOT NULL,
    source         VARCHAR NOT NULL,  -- 'demo', or the import batch's file name
    batch_id       INTEGER,           -- the import batch (NULL for demo values)
    source_row     INTEGER,           -- the row of the imported file
    evidence       VARCHAR,           -- minh chứng, as reported (imports only)
    note           VARCHAR,           -- ghi chú, as reported (imports only)
    PRIMARY KEY (commune_code, indicator_code, period, is_demo)
);

-- One value per commune, indicator and period end: the real one if imported, else the demo one. (The
-- import refuses a second real value for a period end, e.g. 2026-09 beside 2026-Q3: kpi/reports/checks.py.)
CREATE VIEW reported AS
SELECT *
FROM observation o
WHERE NOT o.is_demo
   OR NOT EXISTS (
       SELECT 1 FROM observation r
       WHERE NOT r.is_demo
         AND r.commune_code = o.commune_code AND r.indicator_code = o.indicator_code AND r.period_end = o.period_end
   );

-- Demo task statuses (is_demo), generated at build for every task; a task with a report (task_report)
-- shows its latest report instead (queries/task_board.sql).
CREATE TABLE task_status (
    task_id          INTEGER PRIMARY KEY REFERENCES task (task_id),
    status           VARCHAR NOT NULL CHECK (status IN ('done_verified', 'done_awaiting_review', 'done_awaiting_evidence', 'in_progress', 'not_started')),
    percent_complete DOUBLE  NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    evidence         VARCHAR NOT NULL,
    is_demo          BOOLEAN NOT NULL,
    as_of            DATE    NOT NULL
);

-- Scores (kpi/scoring.py), computed at build time and after each import, for every quarter the period
-- picker offers, on two bases: "all" reported values (real over demo), and "approved": only real values
-- of a commune's quarter the province approved or locked (kpi/workflow/review.py; recomputed after
-- every decision). Queries over scores take $basis (kpi.db fills in 'all' when a caller gives none).
CREATE TABLE indicator_score (
    basis                VARCHAR NOT NULL CHECK (basis IN ('all', 'approved')),
    as_of_period         VARCHAR NOT NULL,
    commune_code         VARCHAR NOT NULL REFERENCES commune (commune_code),
    indicator_code       VARCHAR NOT NULL REFERENCES indicator (indicator_code),
    group_code           VARCHAR NOT NULL,
    baseline             DOUBLE,
    baseline_date        DATE,
    latest_value         DOUBLE,
    latest_date          DATE,
    next_milestone_year  INTEGER NOT NULL,
    target_comparator    VARCHAR NOT NULL,
    target_value         DOUBLE  NOT NULL,
    target_value_max     DOUBLE,
    required_path_value  DOUBLE,
    attainment           DOUBLE CHECK (attainment BETWEEN 0 AND 100),
    status               VARCHAR NOT NULL CHECK (status IN ('met', 'on_track', 'at_risk', 'off_track', 'no_data')),
    pace                 DOUBLE,
    projected_value      DOUBLE,
    pace_needed_per_year DOUBLE,
    PRIMARY KEY (basis, as_of_period, commune_code, indicator_code)
);

CREATE TABLE commune_index (
    basis                         VARCHAR NOT NULL CHECK (basis IN ('all', 'approved')),
    as_of_period                  VARCHAR NOT NULL,
    commune_code                  VARCHAR NOT NULL REFERENCES commune (commune_code),
    province_code                 VARCHAR NOT NULL REFERENCES province (province_code),
    indicators                    INTEGER NOT NULL,
    missing_share                 DOUBLE  NOT NULL,
    "index"                       DOUBLE CHECK ("index" BETWEEN 0 AND 100),
    rank_province                 INTEGER,
    rank_national                 INTEGER,
    province_average              DOUBLE,
    gap_to_province_average       DOUBLE,
    PRIMARY KEY (basis, as_of_period, commune_code)
);

-- A commune's score in each indicator group (the mean attainment of the group's indicators: kpi.scoring.group_scores),
-- long: one row per group of data/groups.yaml that has a score, so a group added there is scored with no column
-- added here. Pages and exports show it wide, a column per group (kpi.scoring.widen_groups).
CREATE TABLE commune_group_score (
    basis        VARCHAR NOT NULL CHECK (basis IN ('all', 'approved')),
    as_of_period VARCHAR NOT NULL,
    commune_code VARCHAR NOT NULL REFERENCES commune (commune_code),
    group_code   VARCHAR NOT NULL REFERENCES indicator_group (group_code),
    score        DOUBLE  NOT NULL CHECK (score BETWEEN 0 AND 100),
    PRIMARY KEY (basis, as_of_period, commune_code, group_code)
);

-- Import provenance: every imported value keeps its batch (file, sha256, time) and row; what an
-- import replaced is kept so `python -m kpi rollback BATCH` can restore it.
CREATE SEQUENCE import_batch_id START 1;

CREATE TABLE import_batch (
    batch_id       INTEGER PRIMARY KEY,
    file_names     VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    imported_at    TIMESTAMPTZ NOT NULL,
    rows_read      INTEGER NOT NULL,
    imported       INTEGER NOT NULL,
    updated        INTEGER NOT NULL,
    unchanged      INTEGER NOT NULL,
    rolled_back_at TIMESTAMPTZ,
    imported_by    VARCHAR,  -- the account that imported it (kpi.accounts); NULL before accounts existed
    rolled_back_by VARCHAR
);

CREATE TABLE observation_history (
    batch_id           INTEGER NOT NULL,  -- import_batch (people's tables: integrity is the store of record's)
    commune_code       VARCHAR NOT NULL,
    indicator_code     VARCHAR NOT NULL,
    period             VARCHAR NOT NULL,
    period_end         DATE    NOT NULL,
    value              DOUBLE  NOT NULL,
    source             VARCHAR NOT NULL,
    previous_batch_id  INTEGER,
    source_row         INTEGER,
    evidence           VARCHAR,
    note               VARCHAR,
    PRIMARY KEY (batch_id, commune_code, indicator_code, period)
);

-- Accounts (kpi/accounts): who may write what, kept across rebuilds like imported reports. A person is
-- known by the e-mail address their organisation's identity provider vouches for (OpenID Connect).
CREATE TABLE app_user (
    email         VARCHAR PRIMARY KEY CHECK (email = lower(email) AND regexp_full_match(email, '[^@\s]+@[^@\s]+')),
    role          VARCHAR NOT NULL CHECK (role IN ('viewer', 'commune_editor', 'province_reviewer', 'admin')),
    province_code VARCHAR,  -- a province reviewer's province
    added_at      TIMESTAMPTZ NOT NULL,
    added_by      VARCHAR NOT NULL,
    CHECK ((role = 'province_reviewer') = (province_code IS NOT NULL))
);

-- A commune editor's communes (one or more).
CREATE TABLE user_commune (
    email        VARCHAR NOT NULL,
    commune_code VARCHAR NOT NULL,
    PRIMARY KEY (email, commune_code)
);

-- Every write: who, when, what, from which file (DHIS2's audit).
CREATE SEQUENCE audit_id START 1;

CREATE TABLE audit_log (
    audit_id INTEGER PRIMARY KEY,
    written_at TIMESTAMPTZ NOT NULL,
    actor    VARCHAR NOT NULL,
    role     VARCHAR NOT NULL,
    action   VARCHAR NOT NULL CHECK (action IN ('import', 'rollback', 'user_add', 'user_remove', 'task_report',
                                                'task_accept', 'task_return', 'approve', 'return', 'lock', 'unlock', 'plan_extract',
                                                'build', 'migrate', 'remap', 'published_load', 'value_draft')),
    detail   VARCHAR NOT NULL,
    files    VARCHAR,
    sha256   VARCHAR,
    batch_id INTEGER
);

-- The monitoring workflow of seed 003, section IV.2 (kpi/workflow): task progress with evidence, the
-- province's review, and the approval and lock of reported values. Kept across rebuilds (build carries
-- them over) like imported values.

-- Evidence files: the content is stored beside the database, named by its sha256 (kpi/workflow/evidence.py).
CREATE TABLE evidence_file (
    sha256     VARCHAR PRIMARY KEY CHECK (regexp_full_match(sha256, '[0-9a-f]{64}')),
    media_type VARCHAR NOT NULL,
    size_bytes BIGINT  NOT NULL CHECK (size_bytes > 0),
    stored_at  TIMESTAMPTZ NOT NULL,
    stored_by  VARCHAR NOT NULL
);

-- Every progress report on a task, newest last; the latest one per task is its status. A report of
-- "done" waits for the province's review: accepted (done, counted) or returned with a reason
-- ("Chờ hoàn thiện": not counted, red alert). The task is also named by commune and wording, so a
-- rebuild that renumbers tasks still finds it.
CREATE SEQUENCE task_report_id START 1;

CREATE TABLE task_report (
    report_id        INTEGER PRIMARY KEY,
    task_id          INTEGER NOT NULL,  -- the task as of this snapshot (the publisher maps a report to it)
    commune_code     VARCHAR NOT NULL,
    task_wording     VARCHAR NOT NULL,
    status           VARCHAR NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    percent_complete DOUBLE  NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    note             VARCHAR NOT NULL,
    reported_at      TIMESTAMPTZ NOT NULL,
    reported_by      VARCHAR NOT NULL,
    source           VARCHAR NOT NULL,  -- 'form', or the imported file's name
    source_row       INTEGER,
    review           VARCHAR CHECK (review IN ('submitted', 'accepted', 'returned')),  -- NULL: nothing to review
    reviewed_at      TIMESTAMPTZ,
    reviewed_by      VARCHAR,
    review_reason    VARCHAR,
    CHECK ((status = 'done') = (review IS NOT NULL)),
    CHECK ((status = 'done') <= (percent_complete = 100)),
    CHECK ((review = 'returned') <= (review_reason IS NOT NULL AND length(trim(review_reason)) > 0))
);

-- A report's evidence files, with the name the reporter gave each.
CREATE TABLE task_report_evidence (
    report_id INTEGER NOT NULL,
    sha256    VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    PRIMARY KEY (report_id, sha256)
);

-- Reported values per commune and quarter (DHIS2's data approval): an import makes them "submitted",
-- the province approves them, then locks them; an import into a locked quarter is refused until a
-- reviewer unlocks it (back to approved). A new import into an approved quarter makes it submitted again;
-- a reviewer may return a submitted quarter with a reason (returned) until the commune imports again.
CREATE TABLE value_approval (
    commune_code VARCHAR NOT NULL,
    quarter      VARCHAR NOT NULL CHECK (regexp_full_match(quarter, '\d{4}-Q[1-4]')),
    state        VARCHAR NOT NULL CHECK (state IN ('submitted', 'returned', 'approved', 'locked')),
    changed_at   TIMESTAMPTZ NOT NULL,
    changed_by   VARCHAR NOT NULL,
    PRIMARY KEY (commune_code, quarter)
);

-- Records of the store that this snapshot's sources cannot place (a commune, an indicator or a task that is
-- gone or changed): kept in the store, never dropped, listed on Chất lượng dữ liệu as "cần đối chiếu"
-- (written by kpi.store.fold at every publication).
CREATE TABLE record_unmatched (
    kind         VARCHAR NOT NULL CHECK (kind IN ('value', 'task_report', 'approval', 'account')),
    record_id    VARCHAR NOT NULL,  -- batch/commune/indicator/period, report id, commune/quarter, email
    commune_code VARCHAR,
    what         VARCHAR NOT NULL,  -- the record in words
    why          VARCHAR NOT NULL   -- what no longer matches, a code worded by the catalogue's unmatched.<why>
                 CHECK (why IN ('commune_gone', 'indicator_gone', 'task_gone'))
);

-- Published values (kpi.published): the store of record's published_* tables, folded by kpi.store.fold. A value of
-- a unit that is no longer official stays in the store and is not placed here.
CREATE TABLE published_snapshot (
    snapshot_id  INTEGER PRIMARY KEY,
    publisher    VARCHAR NOT NULL,
    document     VARCHAR NOT NULL,
    snapshot_at  TIMESTAMPTZ NOT NULL,
    period_kind  VARCHAR NOT NULL,
    period       VARCHAR NOT NULL,
    level        VARCHAR NOT NULL,
    source_file  VARCHAR NOT NULL,
    sheet        VARCHAR NOT NULL,
    sha256       VARCHAR NOT NULL,
    rows         INTEGER NOT NULL,
    loaded_at    TIMESTAMPTZ NOT NULL,
    loaded_by    VARCHAR NOT NULL,
    -- the latest of its period and level (a newer snapshot of the same period replaces its values on the pages)
    is_latest    BOOLEAN NOT NULL
);

CREATE TABLE published_value (
    snapshot_id    INTEGER NOT NULL,  -- published_snapshot (no foreign key: DuckDB refuses the fold's delete and insert in one transaction)
    unit_code      VARCHAR NOT NULL,
    province_code  VARCHAR NOT NULL REFERENCES province (province_code),
    commune_code   VARCHAR REFERENCES commune (commune_code),  -- NULL for a province's own value
    indicator_code VARCHAR NOT NULL REFERENCES indicator (indicator_code),
    value          DOUBLE NOT NULL,
    portal_code    VARCHAR NOT NULL,
    source_row     INTEGER NOT NULL,
    portal_rank    INTEGER,
    PRIMARY KEY (snapshot_id, unit_code, indicator_code)
);

CREATE TABLE published_unit (
    publisher     VARCHAR NOT NULL,
    portal_code   VARCHAR NOT NULL,
    unit_code     VARCHAR NOT NULL,
    portal_id     VARCHAR NOT NULL,
    portal_name   VARCHAR NOT NULL,
    matched_by    VARCHAR NOT NULL,
    first_seen_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (publisher, portal_code)
);
