-- Queries that SQLite and PostgreSQL must answer alike (tests/postgres.rs).
-- Each ends with ";" at the end of a line. Nullable sort keys are ordered with
-- NULLS FIRST, which both dialects understand; sums are cast to BIGINT (in
-- PostgreSQL the sum of BIGINTs is NUMERIC).
SELECT version FROM shiryo_schema;
SELECT count(*) FROM files;
SELECT count(*) FROM submissions;
SELECT count(*) FROM items;
SELECT count(*) FROM item_dates;
SELECT count(*) FROM item_counts;
SELECT count(*) FROM warnings;
SELECT count(*) FROM diagnostics;
SELECT path, format, bytes, sha256, report_sha256, schema, generator, error_code FROM files ORDER BY path;
SELECT * FROM failed_files ORDER BY path;
SELECT * FROM item_rows ORDER BY item_id;
SELECT * FROM municipality_categories
ORDER BY municipality, fiscal_year NULLS FIRST, section_number, category;
SELECT * FROM hub_meetings ORDER BY submission_id, section_number;
SELECT category, count(*) AS items FROM item_categories GROUP BY category ORDER BY category;
SELECT s.file_path, i.section_number, count(*) AS items
FROM items i JOIN submissions s ON s.id = i.submission_id
GROUP BY s.file_path, i.section_number ORDER BY s.file_path, i.section_number;
SELECT CAST(sum(value) AS BIGINT) AS planned_total FROM item_counts WHERE planned;
SELECT per, every, CAST(sum(value) AS BIGINT) AS total, count(*) AS n FROM item_counts
GROUP BY per, every ORDER BY per NULLS FIRST, every;
SELECT count(*) FROM item_dates WHERE start_date >= '2025-04' AND end_date < '2026-04';
SELECT id FROM items WHERE text LIKE '%ACP%' ORDER BY id;
SELECT name FROM submission_names WHERE role = 'hub' GROUP BY name ORDER BY name;
SELECT code, count(*) AS n FROM warnings GROUP BY code ORDER BY code;
SELECT i.id, i.item_index, d.ord, d.text, d.start_date, d.end_date, d.planned
FROM items i JOIN item_dates d ON d.item_id = i.id ORDER BY i.id, d.ord;
SELECT municipality, CAST(sum(items) AS BIGINT) AS items FROM municipality_categories
WHERE category = 1 GROUP BY municipality ORDER BY municipality;
SELECT fiscal_year, CAST(sum(planned) AS BIGINT) AS planned, CAST(sum(held) AS BIGINT) AS held FROM hub_meetings
GROUP BY fiscal_year ORDER BY fiscal_year NULLS FIRST;
SELECT kind, status, count(*) AS n FROM plan_status GROUP BY kind, status ORDER BY kind, status;
SELECT plan_item_id, kind, status, report_item_id, report_path, report_section, report_index, report_text
FROM plan_links ORDER BY plan_item_id, kind, report_item_id NULLS FIRST;
SELECT verdict, count(*) AS n FROM submission_review GROUP BY verdict ORDER BY verdict;
SELECT count(*) AS n FROM forms_to_check;
SELECT code, level, count(*) AS n, CAST(sum(count) AS BIGINT) AS total FROM review_reasons
GROUP BY code, level ORDER BY code, level;
