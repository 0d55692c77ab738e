-- shiryo database schema, SQLite dialect (docs/DATABASE.md).
-- Created in one transaction on first use; the version row is written by the
-- program (shiryo_schema.version). Plain SQL that SQLite 3.x readers older than
-- the bundled one still open: no STRICT tables, no ORDER BY inside aggregates
-- (a list is concatenated from an ordered subquery). Keep in step with sql/postgres.sql: the same
-- tables, columns and views, and the same answers to the same queries.

CREATE TABLE shiryo_schema (
    version INTEGER NOT NULL
);

-- One row per input file, read or not. Replaced whole when its report changes.
CREATE TABLE files (
    path          TEXT PRIMARY KEY,   -- source.path
    format        TEXT NOT NULL,
    bytes         INTEGER NOT NULL,
    sha256        TEXT NOT NULL,      -- of the input file ('' when it was not read)
    report_sha256 TEXT NOT NULL,      -- of the loaded report: the change detector
    schema        TEXT NOT NULL,      -- shiryo/v1
    generator     TEXT NOT NULL,      -- shiryo X.Y.Z ('' when not recorded)
    error_code    TEXT,               -- NULL when the file was read
    error_message TEXT
);

CREATE TABLE diagnostics (
    file_path TEXT NOT NULL REFERENCES files (path) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    level     TEXT NOT NULL,
    code      TEXT NOT NULL,
    message   TEXT NOT NULL,
    PRIMARY KEY (file_path, ord)
);

CREATE TABLE submissions (
    id          TEXT PRIMARY KEY,     -- stable id (docs/FORMAT.md)
    file_path   TEXT NOT NULL REFERENCES files (path) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,     -- position in its file, 0-based
    locator     TEXT NOT NULL,
    material_id TEXT,
    UNIQUE (file_path, ord)
);

-- 対象地域, 連携の拠点, 委託先 in the order written.
CREATE TABLE submission_names (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('target_area', 'hub', 'contractor')),
    ord           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    PRIMARY KEY (submission_id, role, ord)
);

CREATE TABLE sections (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL CHECK (number BETWEEN 1 AND 4),
    kind          TEXT NOT NULL,
    heading       TEXT NOT NULL,
    fiscal_year   INTEGER,
    PRIMARY KEY (submission_id, number)
);

CREATE TABLE items (
    id              TEXT PRIMARY KEY, -- SUBMISSION-SECTION-INDEX
    submission_id   TEXT NOT NULL,
    section_number  INTEGER NOT NULL,
    item_index      INTEGER NOT NULL, -- 0-based position in its section
    text            TEXT NOT NULL,
    category_source TEXT NOT NULL,
    at_sheet        TEXT,             -- Excel: sheet name; Word: NULL
    at_table        INTEGER,          -- Word: table index, NULL for a body paragraph
    at_row          INTEGER,
    at_col          INTEGER,
    at_paragraph    INTEGER NOT NULL,
    UNIQUE (submission_id, section_number, item_index),
    FOREIGN KEY (submission_id, section_number)
        REFERENCES sections (submission_id, number) ON DELETE CASCADE
);

-- The five categories, with their Japanese names.
CREATE TABLE categories (
    number INTEGER PRIMARY KEY,
    marker TEXT NOT NULL,
    name   TEXT NOT NULL
);

INSERT INTO categories (number, marker, name) VALUES
    (1, '①', '会議の開催'),
    (2, '②', '地域の資源の把握・関係機関との調整'),
    (3, '③', '急変時対応等の体制構築等'),
    (4, '④', '在宅医療に係る研修'),
    (5, '⑤', '在宅医療の普及啓発');

CREATE TABLE item_categories (
    item_id  TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    category INTEGER NOT NULL REFERENCES categories (number),
    PRIMARY KEY (item_id, category)
);

CREATE TABLE item_dates (
    item_id    TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    start_date TEXT,                  -- YYYY-MM-DD or YYYY-MM; NULL for an open range
    end_date   TEXT,
    planned    INTEGER NOT NULL CHECK (planned IN (0, 1)),
    PRIMARY KEY (item_id, ord)
);

CREATE TABLE item_counts (
    item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    text    TEXT NOT NULL,
    value   INTEGER NOT NULL,
    per     TEXT,                     -- year, month, week or NULL
    every   INTEGER NOT NULL,
    planned INTEGER NOT NULL CHECK (planned IN (0, 1)),
    event   TEXT,
    PRIMARY KEY (item_id, ord)
);

CREATE TABLE warnings (
    submission_id  TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    ord            INTEGER NOT NULL,
    code           TEXT NOT NULL,
    section_number INTEGER,
    item_index     INTEGER,
    message        TEXT NOT NULL,
    PRIMARY KEY (submission_id, ord)
);

CREATE INDEX submissions_file ON submissions (file_path);
CREATE INDEX item_categories_category ON item_categories (category);
CREATE INDEX submission_names_name ON submission_names (role, name);

-- One flat row per item, with its submission's header and its facts as text.
CREATE VIEW item_rows AS
SELECT
    i.id AS item_id,
    s.file_path,
    s.id AS submission_id,
    s.locator,
    s.material_id,
    (SELECT group_concat(name, '、') FROM (SELECT n.name FROM submission_names n
      WHERE n.submission_id = s.id AND n.role = 'target_area' ORDER BY n.ord)) AS target_areas,
    (SELECT group_concat(name, '、') FROM (SELECT n.name FROM submission_names n
      WHERE n.submission_id = s.id AND n.role = 'hub' ORDER BY n.ord)) AS hubs,
    (SELECT group_concat(name, '、') FROM (SELECT n.name FROM submission_names n
      WHERE n.submission_id = s.id AND n.role = 'contractor' ORDER BY n.ord)) AS contractors,
    i.section_number,
    sec.kind,
    sec.fiscal_year,
    i.item_index,
    i.text,
    (SELECT group_concat(category, ',') FROM (SELECT c.category FROM item_categories c
      WHERE c.item_id = i.id ORDER BY c.category)) AS categories,
    CASE WHEN EXISTS (SELECT 1 FROM item_categories c WHERE c.item_id = i.id AND c.category = 1) THEN 1 ELSE 0 END AS c1,
    CASE WHEN EXISTS (SELECT 1 FROM item_categories c WHERE c.item_id = i.id AND c.category = 2) THEN 1 ELSE 0 END AS c2,
    CASE WHEN EXISTS (SELECT 1 FROM item_categories c WHERE c.item_id = i.id AND c.category = 3) THEN 1 ELSE 0 END AS c3,
    CASE WHEN EXISTS (SELECT 1 FROM item_categories c WHERE c.item_id = i.id AND c.category = 4) THEN 1 ELSE 0 END AS c4,
    CASE WHEN EXISTS (SELECT 1 FROM item_categories c WHERE c.item_id = i.id AND c.category = 5) THEN 1 ELSE 0 END AS c5,
    i.category_source,
    (SELECT min(d.start_date) FROM item_dates d WHERE d.item_id = i.id) AS first_date,
    (SELECT group_concat(text, '、') FROM (SELECT d.text FROM item_dates d
      WHERE d.item_id = i.id ORDER BY d.ord)) AS dates,
    (SELECT group_concat(text, '、') FROM (SELECT k.text FROM item_counts k
      WHERE k.item_id = i.id ORDER BY k.ord)) AS counts
FROM items i
JOIN sections sec ON sec.submission_id = i.submission_id AND sec.number = i.section_number
JOIN submissions s ON s.id = i.submission_id;

-- Items per municipality (each 対象地域 of a submission) × category, per section.
CREATE VIEW municipality_categories AS
SELECT
    n.name AS municipality,
    sec.fiscal_year,
    i.section_number,
    sec.kind,
    c.category,
    cat.name AS category_name,
    count(*) AS items
FROM submission_names n
JOIN items i ON i.submission_id = n.submission_id
JOIN sections sec ON sec.submission_id = i.submission_id AND sec.number = i.section_number
JOIN item_categories c ON c.item_id = i.id
JOIN categories cat ON cat.number = c.category
WHERE n.role = 'target_area'
GROUP BY n.name, sec.fiscal_year, i.section_number, sec.kind, c.category, cat.name;

-- Meetings planned and held per hub (per submission and section 1, 3, 4): the
-- counts of items in category ① 会議の開催, a frequency turned into times a
-- year (per month ×12, per week ×52, divided by every).
CREATE VIEW hub_meetings AS
SELECT
    s.id AS submission_id,
    s.file_path,
    (SELECT group_concat(name, '、') FROM (SELECT n.name FROM submission_names n
      WHERE n.submission_id = s.id AND n.role = 'hub' ORDER BY n.ord)) AS hubs,
    (SELECT group_concat(name, '、') FROM (SELECT n.name FROM submission_names n
      WHERE n.submission_id = s.id AND n.role = 'target_area' ORDER BY n.ord)) AS target_areas,
    sec.number AS section_number,
    sec.kind,
    sec.fiscal_year,
    CAST(coalesce(sum(CASE WHEN k.planned THEN k.per_year END), 0) AS BIGINT) AS planned,
    CAST(coalesce(sum(CASE WHEN NOT k.planned THEN k.per_year END), 0) AS BIGINT) AS held
FROM submissions s
JOIN sections sec ON sec.submission_id = s.id AND sec.number IN (1, 3, 4)
LEFT JOIN (
    SELECT i.submission_id, i.section_number, k.planned,
           CASE k.per WHEN 'month' THEN k.value * 12 / k.every
                      WHEN 'week' THEN k.value * 52 / k.every
                      ELSE k.value END AS per_year
    FROM items i
    JOIN item_categories c ON c.item_id = i.id AND c.category = 1
    JOIN item_counts k ON k.item_id = i.id
) k ON k.submission_id = s.id AND k.section_number = sec.number
GROUP BY s.id, s.file_path, sec.number, sec.kind, sec.fiscal_year;

-- Files that could not be read, with the reason.
CREATE VIEW failed_files AS
SELECT path, format, bytes, error_code, error_message
FROM files
WHERE error_code IS NOT NULL;
