//! SQLite: `extract --db` and `load --db` give one database; loading is
//! idempotent, a changed file replaces its own rows, failed files are rows, the
//! views answer, a newer schema is refused, and a load killed with SIGKILL then
//! run again gives the same database as one clean load.

mod common;
#[path = "common/db.rs"]
mod db;

use db::{dump_sqlite, fixture_outputs, query_sqlite, reports, shiryo};
use std::path::Path;
use std::time::{Duration, Instant};

fn load(db: &Path, inputs: &[&Path]) -> std::process::Output {
    let out = shiryo()
        .arg("load")
        .args(inputs)
        .arg("--db")
        .arg(db)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "load: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn extract_db_equals_load_of_the_json_and_of_the_ndjson() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let reports = reports(&out);
    // extract --db and --ndjson, in one run
    let direct = tmp.path().join("direct.sqlite");
    let ndjson = tmp.path().join("all.ndjson");
    let st = shiryo()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["extract", "fixtures"])
        .arg(tmp.path().join("bad"))
        .arg("--out")
        .arg(tmp.path().join("out2"))
        .arg("--db")
        .arg(&direct)
        .arg("--ndjson")
        .arg(&ndjson)
        .arg("-q")
        .output()
        .expect("runs");
    assert_eq!(st.status.code(), Some(1));
    let from_json = tmp.path().join("json.sqlite");
    load(&from_json, &[&out]);
    let from_ndjson = tmp.path().join("ndjson.sqlite");
    load(&from_ndjson, &[&ndjson]);

    let items: usize = reports
        .iter()
        .flat_map(|r| &r.submissions)
        .flat_map(|s| &s.sections)
        .map(|s| s.items.len())
        .sum();
    assert!(items > 500, "{items} items");
    assert_eq!(
        count(&direct, "SELECT count(*) FROM files"),
        reports.len() as i64
    );
    assert_eq!(count(&direct, "SELECT count(*) FROM items"), items as i64);
    assert_eq!(
        count(&direct, "SELECT count(*) FROM item_rows"),
        items as i64
    );
    assert_eq!(
        count(&direct, "SELECT count(*) FROM failed_files"),
        2,
        "failed files are rows"
    );
    assert_eq!(dump_sqlite(&direct), dump_sqlite(&from_json));
    // NDJSON carries no diagnostics; everything else is the same.
    let strip = |d: Vec<(String, db::Answer)>| -> Vec<(String, db::Answer)> {
        d.into_iter()
            .filter(|(t, _)| t != "diagnostics" && t != "files")
            .collect()
    };
    assert_eq!(
        strip(dump_sqlite(&direct)),
        strip(dump_sqlite(&from_ndjson))
    );
}

#[test]
fn every_fact_of_the_json_is_in_the_database() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let dbp = tmp.path().join("f.sqlite");
    load(&dbp, &[&out]);
    let conn = rusqlite::Connection::open(&dbp).expect("open");
    for r in reports(&out) {
        for s in &r.submissions {
            let areas = query_sqlite(
                &conn,
                &format!(
                    "SELECT name FROM submission_names WHERE submission_id = '{}' AND role = 'target_area' ORDER BY ord",
                    s.id
                ),
            );
            let areas: Vec<String> = areas.into_iter().flatten().collect();
            assert_eq!(areas, s.target_areas);
            for sec in &s.sections {
                for item in &sec.items {
                    let row = query_sqlite(
                        &conn,
                        &format!(
                            "SELECT text, item_index, section_number, categories, \
                             (SELECT count(*) FROM item_dates d WHERE d.item_id = r.item_id), \
                             (SELECT count(*) FROM item_counts k WHERE k.item_id = r.item_id) \
                             FROM item_rows r WHERE item_id = '{}'",
                            item.id
                        ),
                    );
                    let cats: Vec<String> = item.categories.iter().map(|c| c.to_string()).collect();
                    let cats = if cats.is_empty() {
                        "NULL".to_string()
                    } else {
                        cats.join(",")
                    };
                    assert_eq!(
                        row,
                        vec![vec![
                            item.text.clone(),
                            item.index.to_string(),
                            sec.number.to_string(),
                            cats,
                            item.dates.len().to_string(),
                            item.counts.len().to_string(),
                        ]],
                        "{} {}",
                        r.source.path,
                        item.id
                    );
                }
            }
        }
    }
    // The flat view joins names in their written order.
    let hubs = query_sqlite(
        &conn,
        "SELECT DISTINCT contractors FROM item_rows WHERE file_path = 'fixtures/docx/2-6_katano.docx'",
    );
    assert_eq!(
        hubs,
        vec![vec![
            "交野市社会福祉協議会、交野市地域包括支援センター".to_string()
        ]]
    );
    // Municipality × category and meetings per hub have answers.
    let n = count(
        &dbp,
        "SELECT count(*) FROM municipality_categories WHERE municipality = '交野市'",
    );
    assert!(n > 0);
    let held = count(
        &dbp,
        "SELECT sum(held) FROM hub_meetings WHERE section_number = 1",
    );
    assert!(held > 0, "meetings held in section 1: {held}");
}

#[test]
fn the_same_file_twice_changes_nothing_and_a_changed_file_replaces_its_rows() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let dbp = tmp.path().join("i.sqlite");
    load(&dbp, &[&out]);
    let first = dump_sqlite(&dbp);
    let again = load(&dbp, &[&out]);
    assert_eq!(dump_sqlite(&dbp), first, "loading twice changes nothing");
    let note = String::from_utf8_lossy(&again.stderr);
    assert!(note.contains("0 new, 0 replaced"), "{note}");

    // Change one report: drop its last item of section 1 and rename an area.
    let target = out.join("fixtures/docx/2-6_katano.docx.json");
    let mut report: shiryo::output::FileReport =
        serde_json::from_slice(&std::fs::read(&target).expect("read")).expect("json");
    let sub = &mut report.submissions[0];
    sub.target_areas = vec!["交野市（改）".into()];
    let removed = sub.sections[0].items.pop().expect("an item");
    std::fs::write(&target, serde_json::to_vec_pretty(&report).expect("json")).expect("write");
    let replaced = load(&dbp, &[&out]);
    assert!(String::from_utf8_lossy(&replaced.stderr).contains("1 replaced"));
    assert_eq!(
        count(
            &dbp,
            &format!("SELECT count(*) FROM items WHERE id = '{}'", removed.id)
        ),
        0,
        "the removed item is gone"
    );
    assert_eq!(
        count(
            &dbp,
            "SELECT count(*) FROM submission_names WHERE name = '交野市（改）'"
        ),
        1
    );
    let after = dump_sqlite(&dbp);
    let items =
        |d: &[(String, db::Answer)]| d.iter().find(|(t, _)| t == "items").map(|(_, r)| r.len());
    assert_eq!(items(&after), items(&first).map(|n| n - 1));
    // Other files' rows are untouched.
    let others = |d: &[(String, db::Answer)]| -> Vec<Vec<String>> {
        d.iter()
            .find(|(t, _)| t == "files")
            .map(|(_, rows)| {
                rows.iter()
                    .filter(|r| !r[0].contains("katano.docx"))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(others(&after), others(&first));
}

#[test]
fn a_newer_schema_or_an_unopenable_database_is_a_clear_error() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let dbp = tmp.path().join("v.sqlite");
    load(&dbp, &[&out]);
    rusqlite::Connection::open(&dbp)
        .expect("open")
        .execute("UPDATE shiryo_schema SET version = version + 1", [])
        .expect("bump");
    let o = shiryo()
        .arg("load")
        .arg(&out)
        .arg("--db")
        .arg(&dbp)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("newer"), "{err}");

    let o = shiryo()
        .arg("load")
        .arg(&out)
        .arg("--db")
        .arg(tmp.path().join("no/such/dir/x.sqlite"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot open database"));

    let o = shiryo()
        .arg("load")
        .arg(&out)
        .args(["--db", "postgresql://nobody@127.0.0.1:1/none"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot connect"));
}

/// Copies of the fixtures' reports under `n` directories: a load long enough to kill.
fn corpus(out: &Path, dir: &Path, n: usize) {
    let reports = reports(out);
    for i in 0..n {
        for r in &reports {
            let mut r = r.clone();
            r.source.path = format!("corpus/{i:03}/{}", r.source.path);
            let p = dir
                .join(format!("{i:03}"))
                .join(r.source.path.replace('/', "_") + ".json");
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, serde_json::to_vec(&r).expect("json")).expect("write");
        }
    }
}

#[test]
fn killed_load_then_rerun_equals_one_clean_load() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let corpus_dir = tmp.path().join("corpus");
    corpus(&out, &corpus_dir, 30);
    let clean = tmp.path().join("clean.sqlite");
    load(&clean, &[&corpus_dir]);

    let killed = tmp.path().join("killed.sqlite");
    let mut child = shiryo()
        .arg("load")
        .arg(&corpus_dir)
        .arg("--db")
        .arg(&killed)
        .arg("-q")
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    let mut seen = 0;
    while started.elapsed() < Duration::from_secs(60) {
        if killed.exists() {
            if let Ok(conn) = rusqlite::Connection::open(&killed) {
                let _ = conn.busy_timeout(Duration::from_millis(50));
                seen = conn
                    .query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0))
                    .unwrap_or(0);
                if seen >= 20 {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
    let total = count(&clean, "SELECT count(*) FROM files");
    let partial = count(&killed, "SELECT count(*) FROM files");
    assert!(
        seen >= 20 && partial < total,
        "killed mid-load: {partial} of {total}"
    );
    // Whole files only: every loaded file has all its submissions and items.
    let per_file =
        "SELECT f.path, (SELECT count(*) FROM submissions s WHERE s.file_path = f.path), \
                    (SELECT count(*) FROM items i JOIN submissions s ON s.id = i.submission_id \
                     WHERE s.file_path = f.path) FROM files f ORDER BY f.path";
    let clean_rows = query_sqlite(&rusqlite::Connection::open(&clean).expect("open"), per_file);
    let killed_rows = query_sqlite(
        &rusqlite::Connection::open(&killed).expect("open"),
        per_file,
    );
    for row in &killed_rows {
        assert!(clean_rows.contains(row), "half-loaded file {row:?}");
    }
    load(&killed, &[&corpus_dir]);
    assert_eq!(dump_sqlite(&killed), dump_sqlite(&clean));
}

#[test]
fn what_is_not_a_report_is_named_and_the_rest_is_loaded() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let n = reports(&out).len() as i64;
    std::fs::write(out.join("notes.json"), b"{\"hello\": 1}").expect("write");
    std::fs::write(out.join("broken.ndjson"), b"{\"schema\": \"shiryo/v1\"\n").expect("write");
    let dbp = tmp.path().join("n.sqlite");
    let o = shiryo()
        .arg("load")
        .arg(&out)
        .arg("--db")
        .arg(&dbp)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("notes.json: not loaded: not a shiryo report"),
        "{err}"
    );
    assert!(err.contains("broken.ndjson: not loaded: line 1"), "{err}");
    assert_eq!(
        count(&dbp, "SELECT count(*) FROM files"),
        n,
        "every report, and nothing of notes.json"
    );
}

#[test]
fn links_and_reviews_are_rows_and_the_page_of_the_database_is_the_page_of_the_json() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let dbp = tmp.path().join("l.sqlite");
    load(&dbp, &[&out]);
    let mut links = 0i64;
    let mut statuses = 0i64;
    let mut forms = 0i64;
    for r in reports(&out) {
        links += shiryo::link::link_rows(&r).len() as i64;
        for sub in &r.submissions {
            forms += 1;
            assert!(sub.review.is_some(), "{}: no review", r.source.path);
            for item in sub.sections.iter().flat_map(|s| &s.items) {
                if let Some(l) = &item.links {
                    statuses +=
                        i64::from(l.status.is_some()) + i64::from(l.results_status.is_some());
                }
            }
        }
    }
    assert!(links > 50, "only {links} links in the fixtures");
    assert_eq!(count(&dbp, "SELECT count(*) FROM item_links"), links);
    assert_eq!(count(&dbp, "SELECT count(*) FROM plan_status"), statuses);
    assert_eq!(count(&dbp, "SELECT count(*) FROM submission_review"), forms);
    // Every progress link names an item of the same file that is in the database.
    assert_eq!(
        count(
            &dbp,
            "SELECT count(*) FROM item_links l LEFT JOIN items i ON i.id = l.report_item_id \
             WHERE l.kind = 'progress' AND i.id IS NULL"
        ),
        0
    );

    let page = |args: &[&std::ffi::OsStr], file: &Path| {
        let o = shiryo()
            .arg("report")
            .args(args)
            .arg("--html")
            .arg(file)
            .output()
            .expect("runs");
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        // The source's name is the only difference allowed.
        let html = std::fs::read_to_string(file).expect("page");
        let root = args
            .last()
            .map(|a| a.to_string_lossy().into_owned())
            .unwrap_or_default();
        html.replace(&root, "ROOT")
    };
    let from_dir = page(&[out.as_os_str()], &tmp.path().join("dir.html"));
    let from_db = page(
        &["--db".as_ref(), dbp.as_os_str()],
        &tmp.path().join("db.html"),
    );
    assert!(from_dir.contains("id=\"review-list\""));
    assert_eq!(
        from_dir, from_db,
        "the database's page differs from the JSON's"
    );

    // A file that is not a shiryo database is named, and nothing is written.
    let not_db = tmp.path().join("not.sqlite");
    std::fs::write(&not_db, b"").expect("write");
    let o = shiryo()
        .args(["report", "--db"])
        .arg(&not_db)
        .arg("--html")
        .arg(tmp.path().join("x.html"))
        .output()
        .expect("runs");
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a shiryo database"));
    assert!(!tmp.path().join("x.html").exists());
}

#[test]
fn a_version_1_database_is_upgraded_by_the_next_load_and_reloads_every_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let fresh = tmp.path().join("fresh.sqlite");
    load(&fresh, &[&out]);
    // The same database as version 1 left it: its tables full, none of 2's.
    let old = tmp.path().join("old.sqlite");
    std::fs::copy(&fresh, &old).expect("copy");
    rusqlite::Connection::open(&old)
        .expect("open")
        .execute_batch(
            "DROP VIEW plan_links; DROP VIEW forms_to_check; DROP TABLE plan_status; \
             DROP TABLE item_links; DROP TABLE review_reasons; DROP TABLE submission_review; \
             DROP TABLE file_reports; DELETE FROM shiryo_schema; \
             INSERT INTO shiryo_schema (version) VALUES (1);",
        )
        .expect("downgrade");
    let o = shiryo()
        .args(["report", "--db"])
        .arg(&old)
        .arg("--html")
        .arg(tmp.path().join("x.html"))
        .output()
        .expect("runs");
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("shiryo load"));

    let o = load(&old, &[&out]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("0 new") && err.contains("0 unchanged"),
        "every file reloaded: {err}"
    );
    assert_eq!(count(&old, "SELECT max(version) FROM shiryo_schema"), 2);
    let strip = |d: Vec<(String, db::Answer)>| -> Vec<(String, db::Answer)> {
        d.into_iter()
            .filter(|(t, _)| t != "shiryo_schema")
            .collect()
    };
    assert_eq!(strip(dump_sqlite(&old)), strip(dump_sqlite(&fresh)));
}

/// A signal stops `load` between reports: the reports loaded stay loaded, no
/// table file is written (nor a temporary one left), and the message says how
/// far it got. The reports come through a FIFO, so the test decides exactly
/// where the load stands when the signal arrives.
#[cfg(target_os = "linux")]
#[test]
fn a_signal_stops_a_load_between_reports_and_leaves_no_table_half_written() {
    use std::io::Write;
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let all = tmp.path().join("all.ndjson");
    let o = shiryo()
        .arg("load")
        .arg(&out)
        .arg("--ndjson")
        .arg(&all)
        .arg("-q")
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines: Vec<String> = std::fs::read_to_string(&all)
        .expect("ndjson")
        .lines()
        .map(str::to_string)
        .collect();
    let path_of = |l: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(l).expect("line");
        v["source"]["path"].as_str().expect("path").to_string()
    };
    let first = path_of(&lines[0]);
    let split = lines
        .iter()
        .position(|l| path_of(l) != first)
        .expect("two reports");

    let dir = tmp.path().join("load");
    std::fs::create_dir(&dir).expect("mkdir");
    let fifo = dir.join("reports.ndjson");
    let c = std::ffi::CString::new(fifo.to_str().expect("utf-8")).expect("c path");
    // SAFETY: mkfifo(3) on a path in the test's own directory.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let (db, csv) = (dir.join("t.sqlite"), dir.join("items.csv"));
    let child = shiryo()
        .arg("load")
        .arg(&fifo)
        .arg("--db")
        .arg(&db)
        .arg("--csv")
        .arg(&csv)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut w = std::fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .expect("fifo");
    // The first report whole, and the first line of the second (which is
    // what ends the first).
    for l in &lines[..=split] {
        writeln!(w, "{l}").expect("write");
    }
    w.flush().expect("flush");
    let loaded = |n: i64| {
        rusqlite::Connection::open(&db)
            .and_then(|c| {
                c.busy_timeout(Duration::from_millis(50))?;
                c.query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0))
            })
            .is_ok_and(|c| c == n)
    };
    assert!(
        common::wait_for(60, || loaded(1)),
        "the first report never loaded"
    );
    // SAFETY: kill(2) on the child this test started.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    // The rest, as far as the load still reads (it stops at its next line).
    for l in &lines[split + 1..] {
        if writeln!(w, "{l}").is_err() {
            break;
        }
    }
    drop(w);
    let done = child.wait_with_output().expect("waits");
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(128 + libc::SIGTERM), "{stderr}");
    assert!(
        stderr.contains("stopped by SIGTERM: 1 reports loaded") && stderr.contains("rerun"),
        "{stderr}"
    );
    assert!(
        loaded(1),
        "only the report before the signal is in the database"
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("t.sqlite"))
        .collect();
    names.sort();
    assert_eq!(names, ["reports.ndjson"], "no table, no temporary file");
}
