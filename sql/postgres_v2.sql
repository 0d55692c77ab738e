-- shiryo database schema version 2, PostgreSQL dialect (docs/DATABASE.md): what a
-- version-1 database gains. A new database runs sql/postgres.sql and then this
-- file; a version-1 database runs this file alone (the upgrade). Keep in step
-- with sql/sqlite_v2.sql.

-- Plan items' link status (docs/LINKS.md): `progress` against the form's own
-- section 4; `results` against next year's section 1, only when next year's
-- form was in the same run.
CREATE TABLE plan_status (
    item_id TEXT COLLATE "C" NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    kind    TEXT COLLATE "C" NOT NULL CHECK (kind IN ('progress', 'results')),
    status  TEXT COLLATE "C" NOT NULL CHECK (status IN ('reported', 'not_reported')),
    PRIMARY KEY (item_id, kind)
);

-- One row per link, owned by the plan item's file. The reporting item is named
-- by its id and place; it is not a foreign key, because next year's file may be
-- loaded later, or replaced, without the plan's file changing.
CREATE TABLE item_links (
    plan_item_id   TEXT COLLATE "C" NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    kind           TEXT COLLATE "C" NOT NULL CHECK (kind IN ('progress', 'results')),
    report_item_id TEXT COLLATE "C" NOT NULL,
    report_path    TEXT COLLATE "C" NOT NULL,
    report_locator TEXT COLLATE "C" NOT NULL,
    report_section BIGINT NOT NULL,
    report_index   BIGINT NOT NULL,
    PRIMARY KEY (plan_item_id, kind, report_item_id)
);
CREATE INDEX item_links_report ON item_links (report_item_id);

-- The review verdict of each form (docs/REVIEW.md) and its reasons.
CREATE TABLE submission_review (
    submission_id TEXT COLLATE "C" PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    verdict       TEXT COLLATE "C" NOT NULL CHECK (verdict IN ('check', 'ok'))
);

CREATE TABLE review_reasons (
    submission_id  TEXT COLLATE "C" NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    ord            BIGINT NOT NULL,
    code           TEXT COLLATE "C" NOT NULL,
    level          TEXT COLLATE "C" NOT NULL CHECK (level IN ('check', 'note')),
    section_number BIGINT,
    count          BIGINT NOT NULL,
    message        TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (submission_id, ord)
);

-- Each file's report as loaded (JSONB): `shiryo report --db` renders
-- the overview page from it, so the page of a database equals the page of the
-- JSON files it was loaded from.
CREATE TABLE file_reports (
    path   TEXT COLLATE "C" PRIMARY KEY REFERENCES files (path) ON DELETE CASCADE,
    report JSONB NOT NULL
);

-- Each plan item with what reports on it: one row per link, or one row with
-- NULL report columns for a plan nothing reports on.
CREATE VIEW plan_links AS
SELECT
    p.id AS plan_item_id,
    s.file_path,
    s.id AS submission_id,
    p.item_index AS plan_index,
    p.text AS plan_text,
    st.kind,
    st.status,
    l.report_item_id,
    l.report_path,
    l.report_section,
    l.report_index,
    r.text AS report_text
FROM items p
JOIN submissions s ON s.id = p.submission_id
JOIN plan_status st ON st.item_id = p.id
LEFT JOIN item_links l ON l.plan_item_id = p.id AND l.kind = st.kind
LEFT JOIN items r ON r.id = l.report_item_id
WHERE p.section_number = 3;

-- Forms a person should read first, with the codes of the reasons that say so.
CREATE VIEW forms_to_check AS
SELECT
    s.id AS submission_id,
    s.file_path,
    s.locator,
    (SELECT string_agg(n.name, '、' ORDER BY n.ord) FROM submission_names n
      WHERE n.submission_id = s.id AND n.role = 'target_area') AS target_areas,
    (SELECT string_agg(n.name, '、' ORDER BY n.ord) FROM submission_names n
      WHERE n.submission_id = s.id AND n.role = 'hub') AS hubs,
    (SELECT string_agg(r.code, ',' ORDER BY r.ord) FROM review_reasons r
      WHERE r.submission_id = s.id AND r.level = 'check') AS reasons
FROM submissions s
JOIN submission_review v ON v.submission_id = s.id
WHERE v.verdict = 'check';

-- Files loaded by version 1 have none of the rows above: the next load
-- replaces every file once.
UPDATE files SET report_sha256 = '';
