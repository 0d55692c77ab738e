-- Statements of the PostgreSQL sink, each after its `-- name:` line; $N are
-- parameters. One file is loaded in one transaction: file_digest, then (when the
-- digest differs) delete_file (cascading to every row of the file) and one
-- insert per table, its rows passed as arrays (one round trip per table).

-- name: has_schema
SELECT count(*) FROM information_schema.tables
WHERE table_schema = current_schema() AND table_name = 'shiryo_schema';

-- name: schema_version
SELECT max(version) FROM shiryo_schema;

-- name: set_schema_version
INSERT INTO shiryo_schema (version) VALUES ($1);

-- name: file_digest
SELECT report_sha256 FROM files WHERE path = $1;

-- name: delete_file
DELETE FROM files WHERE path = $1;

-- name: insert_file
INSERT INTO files (path, format, bytes, sha256, report_sha256, schema, generator, error_code, error_message)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: insert_diagnostics
INSERT INTO diagnostics (file_path, ord, level, code, message)
SELECT $1::text, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]);

-- name: insert_submissions
INSERT INTO submissions (id, file_path, ord, locator, material_id)
SELECT u.id, $1::text, u.ord, u.locator, u.material_id
FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[]) AS u (id, ord, locator, material_id);

-- name: insert_names
INSERT INTO submission_names (submission_id, role, ord, name)
SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[]);

-- name: insert_sections
INSERT INTO sections (submission_id, number, kind, heading, fiscal_year)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[]);

-- name: insert_items
INSERT INTO items (id, submission_id, section_number, item_index, text, category_source,
                   at_sheet, at_table, at_row, at_col, at_paragraph)
SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[],
                     $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[]);

-- name: insert_categories
INSERT INTO item_categories (item_id, category)
SELECT * FROM unnest($1::text[], $2::bigint[]);

-- name: insert_dates
INSERT INTO item_dates (item_id, ord, text, start_date, end_date, planned)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::boolean[]);

-- name: insert_counts
INSERT INTO item_counts (item_id, ord, text, value, per, every, planned, event)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::bigint[],
                     $7::boolean[], $8::text[]);

-- name: insert_warnings
INSERT INTO warnings (submission_id, ord, code, section_number, item_index, message)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[]);

-- name: insert_plan_status
INSERT INTO plan_status (item_id, kind, status)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[]);

-- name: insert_links
INSERT INTO item_links (plan_item_id, kind, report_item_id, report_path, report_locator,
                        report_section, report_index)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
                     $7::bigint[]);

-- name: insert_review
INSERT INTO submission_review (submission_id, verdict)
SELECT * FROM unnest($1::text[], $2::text[]);

-- name: insert_reasons
INSERT INTO review_reasons (submission_id, ord, code, level, section_number, count, message)
SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],
                     $7::text[]);

-- name: insert_report
INSERT INTO file_reports (path, report) VALUES ($1, $2::text::jsonb);

-- name: read_reports
SELECT report::text FROM file_reports ORDER BY path;
