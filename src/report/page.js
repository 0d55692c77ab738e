// The overview page's script: recompute every figure from the embedded data
// (the rules of src/report/figures.rs, written a second time) and compare with
// the page; render a form's readable view on demand (#form=N). No network.
(function () {
  'use strict';
  var t0 = performance.now();
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var t1 = performance.now();
  var forms = DATA.forms, files = DATA.files, bad = [];
  var KIND = {results: '実績', issues: '課題', plan: '計画', progress: '進捗'};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function section(f, n) {
    for (var i = 0; i < f.sections.length; i++) if (f.sections[i].number === n) return f.sections[i];
    return null;
  }
  function fyOf(f, n) { var s = section(f, n); return s && s.fy !== null ? s.fy : null; }
  function planYear(f) {
    var y = fyOf(f, 3); if (y === null) y = fyOf(f, 4);
    if (y === null && fyOf(f, 1) !== null) y = fyOf(f, 1) + 1;
    return y;
  }
  function perYear(c) {
    var every = Math.max(c[2], 1);
    if (c[1] === 'month') return Math.floor(c[0] * 12 / every);
    if (c[1] === 'week') return Math.floor(c[0] * 52 / every);
    return c[0];
  }
  function month(s) {
    if (!s) return null;
    var y = Number(s.slice(0, 4)), m = Number(s.slice(5, 7));
    return (y > 0 && m >= 1 && m <= 12) ? y * 12 + m - 1 : null;
  }
  function dateMonths(d) {
    var a = month(d[0]), b = month(d[1]), out = [];
    if (a !== null && b !== null && a <= b) { for (var m = a; m <= Math.min(b, a + 23); m++) out.push(m); }
    else if (a !== null) out.push(a);
    else if (b !== null) out.push(b);
    return out;
  }
  function slot(m) {
    var y = Math.floor(m / 12), mo = m % 12 + 1;
    return [mo >= 4 ? y : y - 1, (mo + 8) % 12];
  }
  function areasOf(f) {
    var a = f.areas.filter(function (x, i) { return f.areas.indexOf(x) === i; });
    return a.length ? a : ['（対象地域なし）'];
  }
  function hubOf(f) { return f.hubs.length ? f.hubs.join('、') : '（拠点名なし）'; }
  function reportedOf(f) {
    var s = section(f, 3), n = 0;
    if (s) s.items.forEach(function (it) { if (it[5] && it[5].s === 1) n++; });
    return [n, s ? s.items.length : 0];
  }

  function isCheck(f) { return !!(f.review && f.review.verdict === 'check'); }

  // ---- the figures, recomputed ----
  var T = {files: files.length, failed: 0, forms: forms.length, items: 0, warnings: 0, review: 0};
  var areas = {}, meetings = {}, cal = {};
  files.forEach(function (f) { if (f.error) T.failed++; T.warnings += f.diagnostics.length; });
  forms.forEach(function (f, fi) {
    T.warnings += f.warnings.length;
    if (isCheck(f)) T.review++;
    var cats = [0, 0, 0, 0, 0], key = hubOf(f) + '|' + (planYear(f) === null ? '' : planYear(f));
    var m = meetings[key] || (meetings[key] = {held_before: 0, planned: 0, held: 0});
    f.sections.forEach(function (s) {
      T.items += s.items.length;
      if ([1, 3, 4].indexOf(s.number) < 0) return;
      s.items.forEach(function (it, ii) {
        it[1].forEach(function (c) { if (c >= 1 && c <= 5) cats[c - 1]++; });
        if (it[1].indexOf(1) >= 0) it[3].forEach(function (c) {
          var n = perYear(c);
          if (s.number === 1 && !c[3]) m.held_before += n;
          else if (s.number === 3) m.planned += n;
          else if (s.number === 4 && !c[3]) m.held += n;
        });
        it[2].forEach(function (d) {
          dateMonths(d).forEach(function (mo) {
            var fs = slot(mo), row = cal[fs[0]] || (cal[fs[0]] = {});
            var k = fs[1] + (d[2] ? 'p' : 'd');
            (row[k] || (row[k] = {}))[fi + '|' + s.number + '|' + ii] = true;
          });
        });
      });
    });
    areasOf(f).forEach(function (a) {
      var r = areas[a] || (areas[a] = {forms: 0, cats: [0, 0, 0, 0, 0]});
      r.forms++;
      for (var k = 0; k < 5; k++) r.cats[k] += cats[k];
    });
  });

  // ---- compared with the page ----
  function expect(what, page, data) { if (String(page) !== String(data)) bad.push(what + ': page ' + page + ', data ' + data); }
  function rows(sel, attr) {
    var m = {}, n = 0;
    document.querySelectorAll(sel).forEach(function (e) { m[e.getAttribute(attr)] = e; n++; });
    return {map: m, n: n};
  }
  function checkBars(scope, what, values, max) {
    Object.keys(values).forEach(function (k) {
      var r = scope.querySelector('rect[data-k="' + k + '"]');
      if (!r) { bad.push(what + ' ' + k + ': no bar'); return; }
      expect(what + ' ' + k, r.getAttribute('data-value'), values[k]);
      var w = max ? values[k] / max * BAR_WIDTH : 0;
      if (Math.abs(parseFloat(r.getAttribute('width')) - w) > 0.01) bad.push(what + ' ' + k + ' width');
    });
  }
  Object.keys(T).forEach(function (k) { expect('total ' + k, (document.querySelector('#totals [data-k="' + k + '"]') || {}).textContent, T[k]); });
  var names = Object.keys(areas), maxForms = 0, maxCat = 0;
  names.forEach(function (a) { maxForms = Math.max(maxForms, areas[a].forms); areas[a].cats.forEach(function (v) { maxCat = Math.max(maxCat, v); }); });
  var byArea = rows('#by-area tbody tr', 'data-area'), mat = rows('#area-matrix tbody tr', 'data-area');
  expect('municipalities', byArea.n, names.length);
  expect('matrix rows', mat.n, names.length);
  names.forEach(function (a) {
    var r = byArea.map[a], mr = mat.map[a];
    if (!r || !mr) { bad.push('no row for ' + a); return; }
    expect(a + ' forms', r.querySelector('[data-k="forms"]').textContent, areas[a].forms);
    checkBars(r, a, {forms: areas[a].forms}, maxForms);
    for (var k = 0; k < 5; k++) {
      var td = mr.querySelector('td[data-cat="' + (k + 1) + '"]');
      expect(a + ' category ' + (k + 1), td ? td.textContent : null, areas[a].cats[k]);
    }
  });
  var mkeys = Object.keys(meetings), maxMeet = 0, mrows = rows('#meeting-chart tbody tr', 'data-meeting');
  mkeys.forEach(function (k) { var m = meetings[k]; maxMeet = Math.max(maxMeet, m.held_before, m.planned, m.held); });
  expect('meeting rows', mrows.n, mkeys.length);
  mkeys.forEach(function (k) { if (mrows.map[k]) checkBars(mrows.map[k], k, meetings[k], maxMeet); else bad.push('no meeting row ' + k); });
  var fys = Object.keys(cal), crows = rows('#fy-calendar tbody tr', 'data-fy');
  expect('calendar rows', crows.n, fys.length);
  fys.forEach(function (fy) {
    var r = crows.map[fy];
    if (!r) { bad.push('no calendar row ' + fy); return; }
    for (var m = 0; m < 12; m++) {
      var td = r.querySelector('td[data-m="' + m + '"]'), c = cal[fy];
      var p = c[m + 'p'] ? Object.keys(c[m + 'p']).length : 0, d = c[m + 'd'] ? Object.keys(c[m + 'd']).length : 0;
      expect('calendar ' + fy + '/' + m + ' planned', td && td.getAttribute('data-planned'), p);
      expect('calendar ' + fy + '/' + m + ' held', td && td.getAttribute('data-done'), d);
    }
  });
  expect('failed rows', document.querySelectorAll('#failed tbody tr').length, T.failed);
  expect('warning rows', document.querySelectorAll('#warnings tbody tr').length, T.warnings);
  var frows = document.querySelectorAll('#form-list tbody tr');
  expect('form rows', frows.length, forms.length);
  forms.forEach(function (f, i) {
    var r = frows[i];
    if (!r) return;
    var items = 0; f.sections.forEach(function (s) { items += s.items.length; });
    var rep = reportedOf(f);
    expect('form ' + i + ' items', r.querySelector('[data-k="items"]').textContent, items);
    expect('form ' + i + ' warnings', r.querySelector('[data-k="warnings"]').textContent, f.warnings.length);
    expect('form ' + i + ' reported', r.querySelector('[data-k="reported"]').textContent, rep[0] + '/' + rep[1]);
    expect('form ' + i + ' review', r.querySelector('[data-k="review"]').getAttribute('data-verdict'), f.review ? f.review.verdict : '');
  });
  var rv = rows('#review-list tbody tr', 'data-form');
  expect('review rows', rv.n, T.review);
  forms.forEach(function (f, i) { if (isCheck(f) && !rv.map[String(i)]) bad.push('form ' + i + ' not in the review list'); });
  var root = document.documentElement, t2 = performance.now();
  root.setAttribute('data-check', bad.length ? 'mismatch' : 'ok');
  if (bad.length) root.setAttribute('data-check-detail', bad.slice(0, 20).join('; '));
  document.getElementById('self-check').textContent = bad.length
    ? '数値が埋め込みデータと一致しません — figures do not match the embedded data: ' + bad.slice(0, 20).join('; ')
    : '全ての数値を埋め込みデータと照合しました — every figure checked against the embedded data: ok';

  // ---- the readable view of one form ----
  var STATUS = [['報告なし', 'status-not_reported'], ['報告あり', 'status-reported']];
  function dateText(d) { return (d[0] === d[1] ? (d[0] || '') : (d[0] || '') + '～' + (d[1] || '')) + (d[2] ? '（予定）' : ''); }
  function countText(c) {
    var v = c[0], per = c[1], every = c[2], s;
    if (per === 'month') s = every === 2 ? '隔月' : '月' + v + '回';
    else if (per === 'week') s = every === 2 ? '隔週' : '週' + v + '回';
    else if (per === 'year') s = '年' + v + '回';
    else s = v + '回';
    return s + (c[4] ? ' ' + c[4] : '') + (c[3] ? '（予定）' : '');
  }
  function highlighted(it) {
    var span = el('span', 'text'), at = 0, t = it[0];
    it[4].forEach(function (m) {
      if (m[0] < at) return;
      span.appendChild(document.createTextNode(t.slice(at, m[0])));
      span.appendChild(el('mark', m[2] === 'd' ? 'hl-date' : 'hl-count', t.slice(m[0], m[1])));
      at = m[1];
    });
    span.appendChild(document.createTextNode(t.slice(at)));
    return span;
  }
  function facts(it) {
    var box = el('span', 'facts');
    it[2].forEach(function (d) { box.appendChild(el('span', 'chip date' + (d[2] ? ' planned' : ''), dateText(d))); });
    it[3].forEach(function (c) { box.appendChild(el('span', 'chip count' + (c[3] ? ' planned' : ''), countText(c))); });
    return box;
  }
  function itemLine(fi, s, ii) {
    var it = s.items[ii], li = el('li', 'item');
    li.id = 'f' + fi + '-s' + s.number + '-' + ii;
    it[1].forEach(function (c) { li.appendChild(el('span', 'cat cat-' + c, CATEGORY_LABELS[c - 1] || c)); });
    li.appendChild(highlighted(it));
    li.appendChild(facts(it));
    var l = it[5], hash = function (j) { return '#' + j; };
    if (l && l.s !== undefined) li.appendChild(el('span', 'link ' + STATUS[l.s][1], l.s ? '報告あり → 進捗 ' + l.p.map(hash).join(' ') : '報告なし'));
    if (l && l.q) li.appendChild(el('span', 'link', l.q.length ? '← 計画 ' + l.q.map(hash).join(' ') : '計画にない取組'));
    if (l && l.pp) li.appendChild(el('span', 'link', l.pp.length ? '← 前年度の計画 ' + l.pp.map(function (r) { return '#' + r[1]; }).join(' ') : '前年度の計画になし'));
    return li;
  }
  function cell(items, idx) {
    var td = el('td');
    idx.forEach(function (j) {
      var it = items && items[j];
      if (!it) return;
      var p = el('p'); p.appendChild(el('span', null, '#' + j + ' ')); p.appendChild(highlighted(it)); p.appendChild(facts(it));
      td.appendChild(p);
    });
    return td;
  }
  function sideBySide(fi, f) {
    var plan = section(f, 3), prog = section(f, 4);
    if (!plan) return null;
    var t = el('table', 'side'), head = el('tr');
    ['計画 (section 3)', '状況', '進捗 (section 4)', '翌年度の実績'].forEach(function (h) { head.appendChild(el('th', null, h)); });
    t.appendChild(el('thead')).appendChild(head);
    var body = t.appendChild(el('tbody'));
    plan.items.forEach(function (it, i) {
      var l = it[5] || {}, tr = el('tr');
      tr.setAttribute('data-plan', i);
      tr.appendChild(cell(plan.items, [i]));
      var st = l.s === undefined ? null : STATUS[l.s];
      tr.appendChild(el('td', 'status ' + (st ? st[1] : ''), st ? st[0] : ''));
      tr.appendChild(cell(prog && prog.items, l.p || []));
      var res = el('td');
      if (l.rs !== undefined) {
        res.appendChild(el('span', STATUS[l.rs][1], STATUS[l.rs][0]));
        (l.r || []).forEach(function (r) {
          var s1 = forms[r[0]] ? section(forms[r[0]], 1) : null, it2 = s1 && s1.items[r[1]], p = el('p');
          if (!it2) return;
          var a = p.appendChild(el('a', null, '#' + r[1] + ' '));
          a.href = '#form=' + r[0];
          p.appendChild(highlighted(it2)); p.appendChild(facts(it2));
          res.appendChild(p);
        });
      } else res.textContent = '—';
      tr.appendChild(res);
      body.appendChild(tr);
    });
    return t;
  }
  function renderForm(i) {
    var f = forms[i], view = document.getElementById('form-view');
    if (!f) return;
    view.textContent = '';
    view.setAttribute('data-form', i);
    view.appendChild(el('h3', null, '#' + (i + 1) + ' ' + (f.areas.join('、') || '（対象地域なし）') + ' — ' + hubOf(f)));
    view.appendChild(el('p', null, '委託先: ' + (f.contractors.join('、') || '—') + ' · 資料: ' + (f.material_id || '—') + ' · ' + files[f.file].path + ' ' + f.locator));
    f.sections.forEach(function (s) {
      var box = view.appendChild(el('div', 'sec sec-' + s.number));
      box.appendChild(el('h4', null, '（' + s.number + '）' + s.heading + '　' + (KIND[s.kind] || s.kind) + (s.fy ? ' · ' + s.fy + '年度' : '')));
      var ol = box.appendChild(el('ol', 'items'));
      ol.setAttribute('start', '0');
      s.items.forEach(function (_, ii) { ol.appendChild(itemLine(i, s, ii)); });
    });
    var side = sideBySide(i, f);
    if (side) { view.appendChild(el('h4', null, '計画と進捗・翌年度の実績 (plan ↔ progress ↔ next year)')); view.appendChild(side); }
    if (f.review && f.review.reasons.length) {
      var rl = view.appendChild(el('ul', 'review'));
      rl.setAttribute('data-verdict', f.review.verdict);
      f.review.reasons.forEach(function (r) {
        rl.appendChild(el('li', r.level, (r.level === 'check' ? '要確認 ' : '') + r.code + (r.section ? ' §' + r.section : '') + ' — ' + r.message));
      });
    }
    if (f.warnings.length) {
      var ul = view.appendChild(el('ul', 'warnings'));
      f.warnings.forEach(function (w) { ul.appendChild(el('li', null, '⚠ ' + w.code + ' §' + (w.section || '') + ' ' + (w.item === null ? '' : '#' + w.item) + ' ' + w.message)); });
    }
    document.querySelectorAll('#form-list tr.chosen').forEach(function (r) { r.classList.remove('chosen'); });
    var row = document.querySelector('#form-list tr[data-form="' + i + '"]');
    if (row) row.classList.add('chosen');
  }
  // #form=N shows form N below the list; #form=N&only shows it alone (to read or print).
  function fromHash(ev) {
    var m = /form=(\d+)/.exec(location.hash);
    document.body.classList.toggle('only-form', /&only/.test(location.hash));
    if (!m) return;
    renderForm(Number(m[1]));
    if (ev) document.getElementById('form-view').scrollIntoView();
  }
  document.querySelectorAll('#form-list tbody tr').forEach(function (r) {
    r.addEventListener('click', function () { location.hash = 'form=' + r.getAttribute('data-form'); });
  });
  window.addEventListener('hashchange', fromHash);
  fromHash(null);

  // ---- a calendar month's activities ----
  function showMonth(td) {
    var fy = Number(td.parentNode.getAttribute('data-fy')), m = Number(td.getAttribute('data-m'));
    var box = document.getElementById('calendar-detail'), list = el('ul'), n = 0;
    box.textContent = '';
    document.querySelectorAll('td.cal.chosen').forEach(function (c) { c.classList.remove('chosen'); });
    td.classList.add('chosen');
    forms.forEach(function (f, fi) {
      f.sections.forEach(function (s) {
        if ([1, 3, 4].indexOf(s.number) < 0) return;
        s.items.forEach(function (it, ii) {
          var hit = it[2].filter(function (d) { return dateMonths(d).some(function (mo) { var x = slot(mo); return x[0] === fy && x[1] === m; }); });
          if (!hit.length || ++n > 500) return;
          var li = list.appendChild(el('li'));
          var a = li.appendChild(el('a', null, (f.areas.join('、') || '—') + ' ' + (KIND[s.kind] || s.kind)));
          a.href = '#form=' + fi;
          li.appendChild(document.createTextNode(' ' + hit.map(dateText).join('、') + ' '));
          li.appendChild(el('span', null, it[0].length > 80 ? it[0].slice(0, 79) + '…' : it[0]));
        });
      });
    });
    box.appendChild(el('h4', null, fy + '年度 ' + td.parentNode.parentNode.parentNode.querySelectorAll('thead th')[m + 1].textContent + ' — ' + n + ' 件'));
    box.appendChild(list);
    if (n > 500) box.appendChild(el('p', null, '（最初の500件）'));
  }
  document.querySelectorAll('td.cal').forEach(function (td) {
    td.addEventListener('click', function () { showMonth(td); });
    td.addEventListener('keydown', function (e) { if (e.key === 'Enter') showMonth(td); });
  });
  // Timings (ms since navigation start): the HTML parsed up to this script,
  // the data parsed, the figures checked, everything ready.
  root.setAttribute('data-timing', [t0, t1, t2, performance.now()].map(function (t) { return t.toFixed(0); }).join(' '));
  root.setAttribute('data-render-ms', performance.now().toFixed(0));
})();
