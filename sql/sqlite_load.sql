-- Statements of the SQLite sink, each after its `-- name:` line; ?N are
-- parameters. One file is loaded in one transaction: file_digest, then (when the
-- digest differs) delete_file (cascading to every row of the file) and the
-- inserts, one execution per row.

-- name: has_schema
SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'shiryo_schema';

-- name: schema_version
SELECT max(version) FROM shiryo_schema;

-- name: set_schema_version
INSERT INTO shiryo_schema (version) VALUES (?1);

-- name: file_digest
SELECT report_sha256 FROM files WHERE path = ?1;

-- name: delete_file
DELETE FROM files WHERE path = ?1;

-- name: insert_file
INSERT INTO files (path, format, bytes, sha256, report_sha256, schema, generator, error_code, error_message)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);

-- name: insert_diagnostics
INSERT INTO diagnostics (file_path, ord, level, code, message) VALUES (?1, ?2, ?3, ?4, ?5);

-- name: insert_submissions
INSERT INTO submissions (id, file_path, ord, locator, material_id) VALUES (?1, ?2, ?3, ?4, ?5);

-- name: insert_names
INSERT INTO submission_names (submission_id, role, ord, name) VALUES (?1, ?2, ?3, ?4);

-- name: insert_sections
INSERT INTO sections (submission_id, number, kind, heading, fiscal_year) VALUES (?1, ?2, ?3, ?4, ?5);

-- name: insert_items
INSERT INTO items (id, submission_id, section_number, item_index, text, category_source,
                   at_sheet, at_table, at_row, at_col, at_paragraph)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);

-- name: insert_categories
INSERT INTO item_categories (item_id, category) VALUES (?1, ?2);

-- name: insert_dates
INSERT INTO item_dates (item_id, ord, text, start_date, end_date, planned) VALUES (?1, ?2, ?3, ?4, ?5, ?6);

-- name: insert_counts
INSERT INTO item_counts (item_id, ord, text, value, per, every, planned, event)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8);

-- name: insert_warnings
INSERT INTO warnings (submission_id, ord, code, section_number, item_index, message)
VALUES (?1, ?2, ?3, ?4, ?5, ?6);

-- name: insert_plan_status
INSERT INTO plan_status (item_id, kind, status) VALUES (?1, ?2, ?3);

-- name: insert_links
INSERT INTO item_links (plan_item_id, kind, report_item_id, report_path, report_locator,
                        report_section, report_index)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);

-- name: insert_review
INSERT INTO submission_review (submission_id, verdict) VALUES (?1, ?2);

-- name: insert_reasons
INSERT INTO review_reasons (submission_id, ord, code, level, section_number, count, message)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7);

-- name: insert_report
INSERT INTO file_reports (path, report) VALUES (?1, ?2);

-- name: read_reports
SELECT report FROM file_reports ORDER BY path;
