//! The HTML rendering of an [`AuditReport`]: one self-contained page (inline
//! CSS, SVG and script; nothing loaded from elsewhere).
//!
//! The page embeds [`render_json`]'s output as
//! `<script type="application/json" id="audit-data">`; a small inline script
//! compares every figure on the page with it and writes the outcome into
//! `<html data-check="ok">` (or `data-check="mismatch"` and the reasons into
//! `data-check-detail`), which the browser test reads back.

use super::render::render_json;
use super::{failing_fields, passes, round4, AuditOptions, AuditReport, Counts, Field, FileAudit};
use std::fmt::Write;

/// Width in pixels of a bar at F1 = 1.0.
const BAR_WIDTH: f64 = 300.0;
/// Where bars start (the field names are right-aligned before it).
const BAR_X: f64 = 130.0;
const BAR_ROW: usize = 24;

/// Escape text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON made safe inside a `<script>` element (no `<`, `>` or `&` left).
fn script_json(v: &serde_json::Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

const CSS: &str = r#"
body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif;margin:1.5em;color:#222;max-width:1400px}
h1{margin:.2em 0}h2{margin-top:1.4em;border-bottom:1px solid #ccc}
h1 small,h2 small,th small{font-weight:normal;color:#666;font-size:.7em}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}
thead th{background:#f0f0f0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.low th,tr.low td.f1{color:#b00020;font-weight:bold}
tfoot th,tfoot td{font-weight:bold;background:#fafafa}
.verdict{display:inline-block;padding:.2em .8em;border-radius:4px;font-weight:bold}
.pass{background:#e6f4ea;color:#17692a}.fail{background:#fde8e8;color:#b00020}
tr.matched td{background:#e6f4ea}tr.missed td{background:#fde8e8}tr.extra td{background:#fff4d6}
td.status{font-weight:bold}tr.matched td.status{color:#17692a}tr.missed td.status{color:#b00020}tr.extra td.status{color:#8a5a00}
td.val{max-width:32em;overflow-wrap:anywhere}td.item{max-width:24em}
.problem{color:#b00020;font-weight:bold}
.overview{display:flex;flex-wrap:wrap;gap:0 3em;align-items:flex-start}
body.hide-matched tr.matched,body.hide-missed tr.missed,body.hide-extra tr.extra{display:none}
svg text{font-size:13px;font-family:inherit}
.bar.ok{fill:#3c9a5f}.bar.low{fill:#d04a4a}.track{fill:#eee}
#self-check{font-size:.85em;color:#555}
"#;

const SCRIPT: &str = r#"
(function () {
  var data = JSON.parse(document.getElementById('audit-data').textContent);
  var bad = [];
  function txt(el) { return el ? el.textContent.trim() : null; }
  function checkRow(row, c, name) {
    if (!row) { bad.push('no row for ' + name); return; }
    ['matched', 'missed', 'extra'].forEach(function (k) {
      var t = txt(row.querySelector('[data-k="' + k + '"]'));
      if (t !== String(c[k])) bad.push(name + ' ' + k + ': page ' + t + ', data ' + c[k]);
    });
    ['precision', 'recall', 'f1'].forEach(function (k) {
      var t = txt(row.querySelector('[data-k="' + k + '"]'));
      if (t !== c[k].toFixed(4)) bad.push(name + ' ' + k + ': page ' + t + ', data ' + c[k]);
    });
  }
  data.overall.fields.forEach(function (c) {
    checkRow(document.querySelector('#summary tbody tr[data-field="' + c.field + '"]'), c, c.field);
    var bar = document.querySelector('#f1-chart rect.bar[data-field="' + c.field + '"]');
    var w = bar ? parseFloat(bar.getAttribute('width')) : NaN;
    if (!(Math.abs(w - c.f1 * BAR_WIDTH) < 0.01)) bad.push('bar ' + c.field + ': width ' + w + ', f1 ' + c.f1);
  });
  checkRow(document.querySelector('#summary tfoot tr'), data.overall.total, 'total');
  var sections = document.querySelectorAll('section.file');
  if (sections.length !== data.files.length) bad.push('files: page ' + sections.length + ', data ' + data.files.length);
  data.files.forEach(function (f, i) {
    checkRow(document.querySelector('#files tbody tr[data-file-index="' + i + '"]'), f.total, f.file);
    var sec = sections[i];
    if (!sec || sec.getAttribute('data-file') !== f.file) { bad.push('section for ' + f.file); return; }
    ['matched', 'missed', 'extra'].forEach(function (k) {
      var n = sec.querySelectorAll('tr.' + k).length;
      if (n !== f.total[k]) bad.push(f.file + ' ' + k + ' rows: page ' + n + ', data ' + f.total[k]);
    });
  });
  var verdict = document.getElementById('verdict');
  if ((verdict.getAttribute('data-passed') === 'true') !== data.passed) bad.push('verdict');
  document.documentElement.setAttribute('data-check', bad.length ? 'mismatch' : 'ok');
  if (bad.length) document.documentElement.setAttribute('data-check-detail', bad.join('; '));
  document.getElementById('self-check').textContent =
    bad.length ? '数値が埋め込みデータと一致しません — Figures do not match the embedded data: ' + bad.join('; ')
               : '埋め込みデータと照合済み — Figures checked against the embedded data: ok';
  ['matched', 'missed', 'extra'].forEach(function (k) {
    var box = document.getElementById('show-' + k);
    box.addEventListener('change', function () { document.body.classList.toggle('hide-' + k, !box.checked); });
  });
})();
"#;

/// The Japanese name of a field, shown beside the English key.
fn japanese(f: Field) -> &'static str {
    match f {
        Field::Source => "入力ファイル",
        Field::Error => "読み取りエラー",
        Field::Diagnostics => "診断",
        Field::Submissions => "様式",
        Field::MaterialId => "資料番号",
        Field::TargetAreas => "対象地域",
        Field::Hubs => "連携の拠点",
        Field::Contractors => "委託先",
        Field::Sections => "節",
        Field::Items => "項目",
        Field::Categories => "カテゴリ",
        Field::CategorySource => "カテゴリの根拠",
        Field::Dates => "日付",
        Field::Counts => "回数",
        Field::At => "位置",
        Field::Warnings => "警告",
    }
}

fn counts_cells(out: &mut String, c: &Counts) {
    for (k, v) in [
        ("matched", c.matched),
        ("missed", c.missed),
        ("extra", c.extra),
    ] {
        let _ = write!(out, r#"<td class="num" data-k="{k}">{v}</td>"#);
    }
    for (k, v) in [
        ("precision", c.precision()),
        ("recall", c.recall()),
        ("f1", c.f1()),
    ] {
        let _ = write!(
            out,
            r#"<td class="num {k}" data-k="{k}">{:.4}</td>"#,
            round4(v)
        );
    }
}

fn low(c: &Counts, min_f1: f64) -> &'static str {
    if c.f1() + 1e-12 < min_f1 {
        "low"
    } else {
        "ok"
    }
}

/// The whole report as one HTML page.
pub fn render_html(report: &AuditReport, opts: &AuditOptions) -> String {
    let data = render_json(report, opts);
    let scores = report.scores();
    let passed = passes(report, opts.min_f1);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>shiryo audit — {}</title><style>{CSS}</style></head>\n<body>\n",
        escape(&report.root)
    );
    let _ = writeln!(o, "<h1>抽出結果の監査 <small>shiryo audit</small></h1>");
    let failing: Vec<String> = failing_fields(report, opts.min_f1)
        .iter()
        .map(|(f, x)| format!("{} {:.4}", f.as_str(), round4(*x)))
        .collect();
    let problems = report.problems().count();
    let verdict = if passed {
        format!("合格 — PASS: every field's F1 ≥ {:.4}", opts.min_f1)
    } else {
        let mut why = failing;
        if problems > 0 {
            why.push(format!("{problems} file(s) with problems"));
        }
        format!(
            "不合格 — FAIL (min F1 {:.4}): {}",
            opts.min_f1,
            why.join(", ")
        )
    };
    let _ = writeln!(
        o,
        "<p><span id=\"verdict\" class=\"verdict {}\" data-passed=\"{passed}\">{}</span></p>",
        if passed { "pass" } else { "fail" },
        escape(&verdict)
    );
    let _ = writeln!(
        o,
        "<p>{} — {} ファイル (file(s)). <span id=\"self-check\">数値は未検査 — figures not checked (scripts disabled).</span></p>",
        escape(&report.root),
        report.files.len()
    );

    // Summary table and chart, side by side when there is room.
    o.push_str("<div class=\"overview\"><div><h2>集計 <small>Summary</small></h2>\n<table id=\"summary\"><thead><tr><th>項目 field</th><th>一致 matched</th><th>欠落 missed</th><th>余分 extra</th><th>適合率 precision</th><th>再現率 recall</th><th>F1</th></tr></thead><tbody>\n");
    for (f, c) in scores.iter() {
        let _ = write!(
            o,
            "<tr data-field=\"{0}\" class=\"{1}\"><th>{0} <small>{2}</small></th>",
            f.as_str(),
            low(&c, opts.min_f1),
            japanese(f)
        );
        counts_cells(&mut o, &c);
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody><tfoot><tr data-field=\"all\"><th>全項目 all fields</th>");
    counts_cells(&mut o, &scores.total());
    o.push_str("</tr></tfoot></table></div>\n<div>");
    chart(&mut o, report, opts);
    o.push_str("</div></div>\n");
    files_table(&mut o, report, opts);
    o.push_str(
        "<p class=\"filters\">Show: \
         <label><input type=\"checkbox\" id=\"show-matched\" checked> 一致 matched</label> \
         <label><input type=\"checkbox\" id=\"show-missed\" checked> 欠落 missed</label> \
         <label><input type=\"checkbox\" id=\"show-extra\" checked> 余分 extra</label></p>\n",
    );
    for (i, f) in report.files.iter().enumerate() {
        file_section(&mut o, i, f);
    }
    if !report.notes.is_empty() {
        o.push_str("<h2>備考 <small>Notes</small></h2>\n<ul id=\"notes\">\n");
        for n in &report.notes {
            let _ = writeln!(o, "<li>{}</li>", escape(n));
        }
        o.push_str("</ul>\n");
    }
    let _ = writeln!(
        o,
        "<script type=\"application/json\" id=\"audit-data\">{}</script>",
        script_json(&data)
    );
    let _ = writeln!(o, "<script>var BAR_WIDTH = {BAR_WIDTH};{SCRIPT}</script>");
    o.push_str("</body></html>\n");
    o
}

fn chart(o: &mut String, report: &AuditReport, opts: &AuditOptions) {
    let scores = report.scores();
    let rows = scores.iter().count();
    let height = rows * BAR_ROW + 30;
    let width = BAR_X + BAR_WIDTH + 80.0;
    let _ = writeln!(
        o,
        "<h2>項目別の F1 <small>F1 per field</small></h2>\n<svg id=\"f1-chart\" xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
         aria-label=\"F1 per field\">"
    );
    for (r, (f, c)) in scores.iter().enumerate() {
        let y = r * BAR_ROW + 4;
        let f1 = round4(c.f1());
        let _ = writeln!(
            o,
            "<g data-field=\"{name}\"><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{name}</text>\
             <rect class=\"track\" x=\"{BAR_X}\" y=\"{y}\" width=\"{BAR_WIDTH}\" height=\"16\"/>\
             <rect class=\"bar {cls}\" data-field=\"{name}\" data-f1=\"{f1:.4}\" x=\"{BAR_X}\" y=\"{y}\" \
             width=\"{w:.2}\" height=\"16\"><title>{name}: F1 {f1:.4}</title></rect>\
             <text x=\"{vx}\" y=\"{ty}\">{f1:.4}</text></g>",
            name = f.as_str(),
            tx = BAR_X - 8.0,
            ty = y + 13,
            cls = low(&c, opts.min_f1),
            w = f1 * BAR_WIDTH,
            vx = BAR_X + BAR_WIDTH + 8.0,
        );
    }
    let mx = BAR_X + opts.min_f1.clamp(0.0, 1.0) * BAR_WIDTH;
    let bottom = rows * BAR_ROW + 4;
    let _ = writeln!(
        o,
        "<line x1=\"{mx:.2}\" y1=\"0\" x2=\"{mx:.2}\" y2=\"{bottom}\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>\
         <text x=\"{mx:.2}\" y=\"{ly}\" text-anchor=\"middle\">min F1 {:.2}</text></svg>",
        opts.min_f1,
        ly = bottom + 18
    );
}

fn files_table(o: &mut String, report: &AuditReport, opts: &AuditOptions) {
    o.push_str("<h2>ファイル別 <small>Files</small></h2>\n<table id=\"files\"><thead><tr><th>ファイル file</th><th>一致 matched</th><th>欠落 missed</th><th>余分 extra</th><th>適合率 precision</th><th>再現率 recall</th><th>F1</th><th>問題 problem</th></tr></thead><tbody>\n");
    for (i, f) in report.files.iter().enumerate() {
        let t = f.scores.total();
        let _ = write!(
            o,
            "<tr data-file-index=\"{i}\" class=\"{}\"><th><a href=\"#file-{i}\">{}</a></th>",
            if f.problem.is_some() {
                "low"
            } else {
                low(&t, opts.min_f1)
            },
            escape(&f.file)
        );
        counts_cells(o, &t);
        let _ = writeln!(
            o,
            "<td class=\"problem\">{}</td></tr>",
            escape(f.problem.as_deref().unwrap_or(""))
        );
    }
    o.push_str("</tbody></table>\n");
}

fn file_section(o: &mut String, i: usize, f: &FileAudit) {
    let t = f.scores.total();
    let _ = writeln!(
        o,
        "<section class=\"file\" id=\"file-{i}\" data-file=\"{}\"><h3>{}</h3>\
         <p>matched {} · missed {} · extra {} · F1 {:.4}</p>",
        escape(&f.file),
        escape(&f.file),
        t.matched,
        t.missed,
        t.extra,
        round4(t.f1())
    );
    if let Some(p) = &f.problem {
        let _ = writeln!(o, "<p class=\"problem\">{}</p>", escape(p));
    }
    if !f.findings.is_empty() {
        o.push_str("<table class=\"findings\"><thead><tr><th>様式 locator</th><th>§</th><th>項目 item</th><th>field</th><th>結果 status</th><th>期待値 expected</th><th>実際 actual</th></tr></thead><tbody>\n");
        for d in &f.findings {
            let _ = writeln!(
                o,
                "<tr class=\"{st}\" data-field=\"{fi}\"><td>{}</td><td>{}</td><td class=\"item\">{}</td>\
                 <td>{fi}</td><td class=\"status\">{st}</td><td class=\"val\">{}</td><td class=\"val\">{}</td></tr>",
                escape(d.locator.as_deref().unwrap_or("")),
                d.section.map(|s| s.to_string()).unwrap_or_default(),
                escape(d.item.as_deref().unwrap_or("")),
                escape(d.expected.as_deref().unwrap_or("")),
                escape(d.actual.as_deref().unwrap_or("")),
                st = d.status.as_str(),
                fi = d.field.as_str(),
            );
        }
        o.push_str("</tbody></table>\n");
    }
    o.push_str("</section>\n");
}
