#!/usr/bin/env python3
"""The BLIND SET: forms of invented hubs, written before shiryo was tuned on
the layouts of SPEC §5, with hand-written expected extractions.

    python3 -m venv /tmp/blindvenv && /tmp/blindvenv/bin/pip install python-docx openpyxl
    /tmp/blindvenv/bin/python blind/make_blind.py          # writes blind/*.docx|xlsx + *.expected.json
    /tmp/blindvenv/bin/python blind/make_blind.py --check  # validates the expected files only

Every expected value below (text as typed, categories, category_source, each
date and count with its start/end/value/per/every/planned/event, warnings) is
written by hand next to the line that puts the text into the document. The
script only assembles them into JSON; it never runs shiryo. The only things it
derives are mechanical: the item `text` is the typed line after removing a
leading bullet and leading ①–⑤ (asserted against the hand-written categories
when the source is `marker`) and normalised as SPEC §3 says (full-width ASCII →
ASCII, U+3000 → space, runs of spaces → one), and `planned` defaults to true in
a plan section (false elsewhere unless written `T`).

Output is reproducible: fixed document times, fixed zip entry dates.
"""
import datetime
import json
import pathlib
import re
import sys
import unicodedata
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
WHEN = datetime.datetime(2025, 10, 20, 9, 0, 0)
STAMP = WHEN.strftime("%Y-%m-%dT%H:%M:%SZ")
AUTHOR = "拠点担当"
TITLE = "■ 連携の拠点の取組について"
CATS = ["①会議の開催", "②地域の資源の把握・関係機関との調整", "③急変時対応等の体制構築等",
        "④在宅医療に係る研修", "⑤在宅医療の普及啓発"]
MARKERS = "①②③④⑤"
KIND = {1: "results", 2: "issues", 3: "plan", 4: "progress"}

# ------------------------------------------------------------ expectation model

T, F = True, False


def norm(s):
    """SPEC §3: full-width ASCII → ASCII (～ kept), ideographic space → space,
    runs of white space → one space."""
    out = []
    for c in s:
        if "\uff01" <= c <= "\uff5e" and c != "～":
            c = unicodedata.normalize("NFKC", c)
        elif c == "\u3000":
            c = " "
        out.append(c)
    return re.sub(r"\s+", " ", "".join(out)).strip()


BULLETS = "・○●◎◆◇■□▪-–*"


def strip_lead(line):
    """DECISIONS 2–3: leading bullet, then leading markers."""
    s = norm(line)
    if s and s[0] in BULLETS and len(s) > 1:
        s = s[1:].lstrip()
    marks = []
    while s and s[0] in MARKERS:
        marks.append(MARKERS.index(s[0]) + 1)
        s = s[1:]
    return s.strip(), marks


def D(text, start, end="same", planned=None):
    return {"text": text, "start": start, "end": start if end == "same" else end,
            "planned": planned}


def C(text, value, per=None, every=1, event=None, planned=None):
    return {"text": text, "value": value, "per": per, "every": every,
            "planned": planned, "event": event}


class Sec:
    def __init__(self, number, heading, fy):
        self.number, self.heading, self.fy = number, heading, fy
        self.items = []

    def add(self, line, cats, src, dates=(), counts=(), also=()):
        """`line` as typed in the document (for a record: the activity cell).
        `also`: the other texts the facts may come from (cells of the row,
        the category heading line)."""
        text, marks = strip_lead(line)
        if src == "marker":
            assert sorted(set(marks)) == sorted(cats), (line, marks, cats)
        else:
            assert not marks, line
        pool = norm(line) + " " + " ".join(norm(a) for a in also)
        default = self.number == 3
        ds, cs = [], []
        for d in dates:
            assert d["text"] in pool, (d["text"], line)
            d = dict(d)
            d["planned"] = default if d["planned"] is None else d["planned"]
            if self.number == 3:
                assert d["planned"], line
            ds.append(d)
        for c in counts:
            assert c["text"] in pool, (c["text"], line)
            c = dict(c)
            c["planned"] = default if c["planned"] is None else c["planned"]
            if self.number == 3:
                assert c["planned"], line
            cs.append(c)
        self.items.append({"text": text, "categories": sorted(set(cats)),
                           "category_source": src, "dates": ds, "counts": cs})
        return len(self.items) - 1

    def json(self):
        return {"number": self.number, "kind": KIND[self.number], "heading": self.heading,
                "fiscal_year": self.fy, "items": self.items}


class Form:
    def __init__(self, locator, material_id, areas, hubs, contractors):
        self.locator, self.material_id = locator, material_id
        self.areas, self.hubs, self.contractors = areas, hubs, contractors
        self.sections, self.warnings = [], []

    def sec(self, number, heading, fy):
        s = Sec(number, heading, fy)
        self.sections.append(s)
        return s

    def warn(self, code, section, item=None):
        self.warnings.append({"code": code, "section": section, "item": item, "message": ""})

    def json(self):
        return {"locator": self.locator, "material_id": self.material_id,
                "target_areas": self.areas, "hubs": self.hubs,
                "contractors": self.contractors,
                "sections": [s.json() for s in sorted(self.sections, key=lambda s: s.number)],
                "warnings": self.warnings}


def write_expected(name, fmt, forms):
    doc = {"schema": "shiryo/v1",
           "source": {"path": f"blind/{name}", "format": fmt},
           "submissions": [f.json() for f in forms],
           "error": None}
    stem = name.rsplit(".", 1)[0]
    (HERE / f"{stem}.expected.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ------------------------------------------------------------ reproducible zips

TIME_ELEMENTS = re.compile(r"(<(dcterms:created|dcterms:modified)\b[^>]*>)[^<]*(</\2>)")


def normalize_zip(path):
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = TIME_ELEMENTS.sub(lambda m: m.group(1) + STAMP + m.group(3), text)
                data = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, data)
    tmp.replace(path)


# ------------------------------------------------------------ Word helpers


def new_doc():
    from docx import Document
    from docx.shared import Mm
    doc = Document()
    s = doc.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(s, side, Mm(18))
    cp = doc.core_properties
    cp.author = cp.last_modified_by = AUTHOR
    cp.created = cp.modified = WHEN
    cp.revision = 1
    cp.title = ""
    return doc


def fill(cell, lines):
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def header_table(doc, area, hub, contractor, implementer_first=False):
    h = doc.add_table(rows=3, cols=3)
    h.style = "Table Grid"
    if implementer_first:
        h.cell(0, 0).merge(h.cell(2, 0)).text = "実施主体"
        for r, lab in enumerate(["対象地域", "連携の拠点", "市町村医介連携事業（委託先）"]):
            h.cell(r, 1).text = lab
    else:
        h.cell(0, 0).merge(h.cell(0, 1)).text = "対象地域"
        h.cell(1, 0).merge(h.cell(2, 0)).text = "実施主体"
        h.cell(1, 1).text = "連携の拠点"
        h.cell(2, 1).text = "市町村医介連携事業（委託先）"
    for r, v in enumerate([area, hub, contractor]):
        h.cell(r, 2).text = v


def category_row(t, r):
    for c, name in enumerate(CATS):
        t.cell(r, c).text = name


# ============================================================ 1. 朝霧市 (docx)


def build_asagiri():
    """b1_asagiri.docx — python-docx, one form."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    doc = new_doc()
    f = Form("body", "資料3-1", ["朝霧市"], ["朝霧市医師会"],
             ["朝霧市地域包括支援センター", "朝霧市社会福祉協議会"])
    doc.add_paragraph().add_run(TITLE).bold = True
    doc.add_paragraph("資料３－１").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header_table(doc, "朝霧市", "朝霧市医師会", "朝霧市地域包括支援センター、朝霧市社会福祉協議会")
    doc.add_paragraph()

    # (1) heading paragraph + table of records with a 区分 column
    doc.add_paragraph("（１）令和６年度の取組実績")
    s = f.sec(1, "令和6年度の取組実績", 2024)
    rows = [
        # activity, 区分, 実施時期, 回数, 備考
        ("在宅医療・介護連携推進運営委員会の開催", "①", "6/13、10/17、2/20", "3回",
         "市担当課・保健所・積極的医療機関が出席",
         dict(cats=[1], src="column",
              dates=[D("6/13", "2024-06-13"), D("10/17", "2024-10-17"), D("2/20", "2025-02-20")],
              counts=[C("3回", 3, event="委員会")])),
        ("多職種連携会議を開催し、入退院時の情報共有について協議", "①②", "7/25、11/28", "2", "",
         dict(cats=[1, 2], src="column",
              dates=[D("7/25", "2024-07-25"), D("11/28", "2024-11-28")],
              counts=[C("2回", 2, event="会議")])),
        ("訪問看護ステーションとの事例検討会（6/12、10/9、2/5　4回開催）", "在宅医療に係る研修",
         "", "", "",
         dict(cats=[4], src="column",
              dates=[D("6/12", "2024-06-12"), D("10/9", "2024-10-09"), D("2/5", "2025-02-05")],
              counts=[C("4回", 4, event="検討会")])),
        ("在宅医療資源アンケート調査（市内診療所・訪問看護ステーション対象）", "②", "8月〜9月", "",
         "回収率68％",
         dict(cats=[2], src="column", dates=[D("8月〜9月", "2024-08", "2024-09")])),
        ("在宅医療マップ（令和6年度版）の改訂・配布", "②⑤", "3月", "", "3,000部作成",
         dict(cats=[2, 5], src="column", dates=[D("3月", "2025-03")])),
        ("後方支援病床の確保に向けた病院との調整", "③", "通年", "", "協力病院　4病院8床",
         dict(cats=[3], src="column")),
        ("急変時の情報共有シートの試行", "③", "10月〜翌3月", "", "",
         dict(cats=[3], src="column", dates=[D("10月〜翌3月", "2024-10", "2025-03")])),
        ("同行訪問研修（訪問診療に医師会員が同行）", "④", "11/25〜11/29", "", "延べ12名参加",
         dict(cats=[4], src="column", dates=[D("11/25〜11/29", "2024-11-25", "2024-11-29")])),
        ("多職種研修会「在宅での看取りを考える」", "④", "令和7年1月25日", "1", "参加者延べ86名",
         dict(cats=[4], src="column", dates=[D("令和7年1月25日", "2025-01-25")],
              counts=[C("1回", 1, event="研修会")])),
        ("市民公開講座「最期まで自分らしく」", "⑤", "2/15", "", "会場：朝霧市民会館",
         dict(cats=[5], src="column", dates=[D("2/15", "2025-02-15")])),
        ("⑤ACPリーフレット「わたしのこれから」の作成・配布", "⑤", "12月", "", "市内薬局・診療所に設置",
         dict(cats=[5], src="marker", dates=[D("12月", "2024-12")])),
        ("拠点だより（年4回発行）による活動報告", "", "", "", "",
         dict(cats=[5], src="classifier", counts=[C("年4回", 4, per="year", event=None)])),
    ]
    t = doc.add_table(rows=1 + len(rows), cols=5)
    t.style = "Table Grid"
    for c, lab in enumerate(["取組内容", "区分", "実施時期", "回数", "備考"]):
        t.cell(0, c).text = lab
    for r, (act, kubun, when, times, rem, exp) in enumerate(rows, start=1):
        for c, v in enumerate([act, kubun, when, times, rem]):
            t.cell(r, c).text = v
        i = s.add(act, exp["cats"], exp["src"], exp.get("dates", ()), exp.get("counts", ()),
                  also=[when, times + ("回" if times.isdigit() else ""), rem])
        if act.startswith("訪問看護ステーションとの事例検討会"):
            f.warn("count_mismatch", 1, i)
    doc.add_paragraph()

    # (2) ○ bullets as body paragraphs
    doc.add_paragraph("（２）令和６年度の取組を通じた課題")
    s = f.sec(2, "令和6年度の取組を通じた課題", 2024)
    for line, cats in [
        ("○後方支援病床の協力病院は4病院にとどまり、夜間・休日の受入れ調整を担う窓口が定まっていない。", [3]),
        ("○情報共有シートの記載項目が多く、ケアマネジャーからは記入の負担が大きいとの声があった。", [3]),
        ("○市民公開講座の参加者は高齢者が中心で、子育て世代・働く世代への普及啓発が課題である。", [5]),
        ("○医師会員の在宅医療への参入が少なく、同行訪問研修の継続と受講後のフォローが必要。", [4]),
    ]:
        doc.add_paragraph(line)
        s.add(line, cats, "classifier")

    # (3) decorated category headings in body paragraphs
    doc.add_paragraph("（３）令和７年度の取組計画")
    s = f.sec(3, "令和7年度の取組計画", 2025)
    H4 = "④在宅医療に係る研修　全５回シリーズ"
    plan = [
        ("【①会議の開催】", None),
        ("・運営委員会を年3回開催し、拠点事業の進捗を評価する（6月・10月・2月）",
         dict(cats=[1], src="heading",
              dates=[D("6月", "2025-06"), D("10月", "2025-10"), D("2月", "2026-02")],
              counts=[C("年3回", 3, per="year", event="委員会")])),
        ("・多職種連携会議を隔月で開催（第1回は5月）",
         dict(cats=[1], src="heading", dates=[D("5月", "2025-05")],
              counts=[C("隔月", 1, per="month", every=2, event="会議")])),
        ("※オンライン併用とし、参加しやすい環境を整える。", dict(cats=[1], src="inherited")),
        ("■②地域の資源の把握・関係機関との調整", None),
        ("・入退院支援ルールの見直しに向け、病院地域連携室とケアマネジャーの意見交換会を開催する（7月予定）",
         dict(cats=[2], src="heading", dates=[D("7月", "2025-07")])),
        ("・在宅医療マップの更新（年度末）", dict(cats=[2], src="heading")),
        ("→掲載内容は医療機関へのアンケートで確認する。", dict(cats=[2], src="inherited")),
        ("■③急変時対応等の体制構築等", None),
        ("・ICT連携ツールの運用ルールを策定し、登録事業所を拡大する（第3四半期）",
         dict(cats=[3], src="heading")),
        ("・後方支援病床の利用手順について協力病院と協議（6月〜翌2月）",
         dict(cats=[3], src="heading", dates=[D("6月〜翌2月", "2025-06", "2026-02")])),
        (H4, None),
        ("・多職種で学ぶ在宅医療入門講座（7月〜11月、毎月第2木曜日）",
         dict(cats=[4], src="heading", dates=[D("7月〜11月", "2025-07", "2025-11")],
              counts=[C("全5回", 5, event="研修"),
                      C("毎月", 1, per="month", event="講座")], also=[H4])),
        ("・同行訪問研修の2回目を秋頃に実施", dict(cats=[4], src="heading")),
        ("⑤在宅医療の普及啓発", None),
        ("・市民公開講座を1/18(日)・2/8(日)の2日間開催",
         dict(cats=[5], src="heading", dates=[D("1/18", "2026-01-18"), D("2/8", "2026-02-08")])),
        ("・広報誌「あさぎり」に在宅医療の特集記事を掲載し、ACPリーフレットを全戸配布する",
         dict(cats=[5], src="heading")),
        ("・市内の薬局・スーパーへのポスター掲示（通年）", dict(cats=[5], src="heading")),
    ]
    for line, exp in plan:
        doc.add_paragraph(line)
        if exp:
            s.add(line, exp["cats"], exp["src"], exp.get("dates", ()), exp.get("counts", ()),
                  also=exp.get("also", ()))

    # (4) section label in the left column, broken over lines
    doc.add_paragraph()
    s = f.sec(4, "令和7年度の進捗状況", 2025)
    prog = [
        ("①運営委員会を6月12日、10月9日に開催した。2月に第3回を開催予定。",
         dict(cats=[1], src="marker",
              dates=[D("6月12日", "2025-06-12"), D("10月9日", "2025-10-09"), D("2月", "2026-02", planned=T)])),
        ("①②多職種連携会議は5月・7月・9月に開催し、入退院支援ルールの改訂案をまとめた。",
         dict(cats=[1, 2], src="marker",
              dates=[D("5月", "2025-05"), D("7月", "2025-07"), D("9月", "2025-09")])),
        ("※11月以降の会議で改訂案を確定する予定。",
         dict(cats=[1, 2], src="inherited", dates=[D("11月", "2025-11", planned=T)])),
        ("③ICT連携ツールの登録事業所は9月末時点で42か所となった。",
         dict(cats=[3], src="marker", dates=[D("9月", "2025-09")])),
        ("④在宅医療入門講座を7月から毎月第2木曜日に開催中（計三回終了）。",
         dict(cats=[4], src="marker", dates=[D("7月", "2025-07")],
              counts=[C("毎月", 1, per="month", event="講座"), C("計三回", 3, event="講座")])),
        ("⑤市民公開講座の準備を進めている（1/18・2/8予定）。",
         dict(cats=[5], src="marker",
              dates=[D("1/18", "2026-01-18", planned=T), D("2/8", "2026-02-08", planned=T)])),
        ("→広報誌の秋号で講座の案内と在宅医療の特集を掲載した。", dict(cats=[5], src="inherited")),
    ]
    t = doc.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    t.cell(0, 0).text = "（４）\n令和７年度の\n進捗状況"
    fill(t.cell(0, 1), [line for line, _ in prog])
    for line, exp in prog:
        s.add(line, exp["cats"], exp["src"], exp.get("dates", ()), exp.get("counts", ()))

    path = HERE / "b1_asagiri.docx"
    doc.save(path)
    normalize_zip(path)
    write_expected("b1_asagiri.docx", "docx", [f])
    return [f]


# ============================================================ Excel helpers


def new_wb():
    import openpyxl
    wb = openpyxl.Workbook()
    wb.properties.creator = wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = wb.properties.modified = WHEN
    return wb


def putter(ws):
    from openpyxl.styles import Alignment, Border, Side
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")

    def put(r0, c0, value, r1=None, c1=None, fmt=None, border=True):
        r1 = r0 if r1 is None else r1
        c1 = c0 if c1 is None else c1
        cell = ws.cell(row=r0, column=c0, value=value)
        cell.alignment = wrap
        if fmt:
            cell.number_format = fmt
        if isinstance(value, str) and "\n" in value and r0 == r1:
            old = ws.row_dimensions[r0].height or 15
            ws.row_dimensions[r0].height = min(409, max(old, 15 * (value.count("\n") + 1) + 4))
        if border:
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    ws.cell(row=r, column=c).border = box
        if (r0, c0) != (r1, c1):
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    return put


def xl_header(put, r, c, area, hub, contractor, width):
    """Header block at (r, c), `width` columns wide: rows r..r+2."""
    put(r, c, "対象地域", c1=c + 1)
    put(r, c + 2, area, c1=c + width - 1)
    put(r + 1, c, "実施主体", r1=r + 2)
    put(r + 1, c + 1, "連携の拠点")
    put(r + 1, c + 2, hub, c1=c + width - 1)
    put(r + 2, c + 1, "市町村医介連携事業（委託先）")
    put(r + 2, c + 2, contractor, c1=c + width - 1)


FMT_YMD = "yyyy/m/d"
FMT_MD = "m/d"
FMT_MD_KANJI = 'm"月"d"日"'
FMT_ERA = '[$-ja-JP]ggge"年"m"月"d"日"'
FMT_ERA_411 = '[$-411]ggge"年"m"月"d"日"'
FMT_KAI = '0"回"'


# ============================================================ 2. 白鷺市 (xlsx)


def build_shirasagi():
    """b2_shirasagi.xlsx — openpyxl, one form on sheet 白鷺市."""
    wb = new_wb()
    ws = wb.active
    ws.title = "白鷺市"
    put = putter(ws)
    for col, w in zip("ABCDEFGHI", [40, 6, 6, 6, 6, 6, 14, 8, 24]):
        ws.column_dimensions[col].width = w
    hub = "一般社団法人 白鷺市医師会 在宅医療サポートセンター"
    f = Form("sheet:白鷺市", None, ["白鷺市"],
             ["一般社団法人 白鷺市医師会 在宅医療サポートセンター"],
             ["白鷺市(長寿介護課)", "白鷺市地域包括支援センター"])
    ws.cell(row=1, column=1, value=TITLE)
    xl_header(put, 2, 1, "白鷺市", hub, "白鷺市（長寿介護課）、白鷺市地域包括支援センター", 9)

    # (1) table of records with five check-mark columns, typed cells
    put(6, 1, "（１）令和６年度の実績", c1=9)
    s = f.sec(1, "令和6年度の実績", 2024)
    for c, lab in enumerate(["取組内容", "①", "②", "③", "④", "⑤", "実施日", "回数", "備考"], start=1):
        put(7, c, lab)
    d = datetime.date
    rows = [
        # activity, marks {col: mark}, 実施日 (value, fmt, shown), 回数 (value, fmt, shown), 備考
        ("在宅医療推進協議会の開催", {1: "○"}, (d(2024, 7, 3), FMT_YMD, "2024/7/3"),
         (3, FMT_KAI, "3回"), "ほか11月・3月に開催",
         dict(cats=[1], dates=[D("2024/7/3", "2024-07-03"), D("11月", "2024-11"), D("3月", "2025-03")],
              counts=[C("3回", 3, event="協議会")])),
        ("訪問看護ステーション・ケアマネジャー合同の多職種連携会議", {1: "✓", 2: "✓"},
         (d(2024, 9, 18), FMT_MD, "9/18"), None, "参加者延べ64名",
         dict(cats=[1, 2], dates=[D("9/18", "2024-09-18")])),
        ("市内医療機関・介護事業所への在宅医療資源アンケート調査", {2: 1}, ("8月〜10月", None, "8月〜10月"),
         None, "回答143件",
         dict(cats=[2], dates=[D("8月〜10月", "2024-08", "2024-10")])),
        ("入退院支援ルール（白鷺市版）の運用状況の確認", {2: "○", 3: "○"},
         (d(2024, 12, 10), FMT_MD_KANJI, "12月10日"), None, "病院地域連携室6か所に聞き取り",
         dict(cats=[2, 3], dates=[D("12月10日", "2024-12-10")])),
        ("急変時の情報共有シート「しらさぎ安心シート」の配布", {3: "✓", 5: "○"}, None, None,
         "居宅介護支援事業所経由で配布", dict(cats=[3, 5])),
        ("後方支援病床の運用（協力病院3か所）", {3: 1}, ("通年", None, "通年"), None, "利用実績延べ24件",
         dict(cats=[3])),
        ("在宅医療多職種研修会「口腔ケアと摂食嚥下」", {4: "○"},
         (d(2024, 11, 16), FMT_ERA, "令和6年11月16日"), (1, None, "1回"), "参加者52名",
         dict(cats=[4], dates=[D("令和6年11月16日", "2024-11-16")], counts=[C("1回", 1, event="研修会")])),
        ("医師会員向け同行訪問研修", {4: 1}, ("11/25〜11/29", None, "11/25〜11/29"), None, "受講者5名",
         dict(cats=[4], dates=[D("11/25〜11/29", "2024-11-25", "2024-11-29")])),
        ("市民公開講座「家で最期まで暮らすには」", {5: "○"}, (d(2025, 2, 22), FMT_YMD, "2025/2/22"),
         (1, None, "1回"), "延べ120名参加",
         dict(cats=[5], dates=[D("2025/2/22", "2025-02-22")], counts=[C("1回", 1, event="講座")])),
        ("ACPリーフレットの作成・地域包括支援センター窓口での配布", {2: "○", 5: "○"}, ("3月", None, "3月"),
         None, "2,000部", dict(cats=[2, 5], dates=[D("3月", "2025-03")])),
        ("在宅医療・介護連携に関する相談窓口の運営", {2: "○"}, ("通年", None, "通年"), None,
         "相談件数延べ186件", dict(cats=[2])),
        ("在宅療養支援診療所の連絡会（隔月）", {}, None, None, "",
         dict(cats=[1], src="classifier", counts=[C("隔月", 1, per="month", every=2, event="連絡会")])),
    ]
    r = 8
    for act, marks, when, times, rem, exp in rows:
        put(r, 1, act)
        for k in range(1, 6):
            put(r, 1 + k, marks.get(k))
        put(r, 7, when[0] if when else None, fmt=when[1] if when else None)
        put(r, 8, times[0] if times else None, fmt=times[1] if times else None)
        put(r, 9, rem or None)
        s.add(act, exp["cats"], exp.get("src", "column"), exp.get("dates", ()), exp.get("counts", ()),
              also=[when[2] if when else "", times[2] if times else "", rem])
        r += 1

    # (2) label cell broken over lines + one cell of ・ bullets
    r += 1
    s = f.sec(2, "令和6年度の取組を通じた課題", 2024)
    issues = [
        ("・協力病院が3病院に限られ、土日の後方支援病床の確保が難しい。", [3]),
        ("・アンケートでは訪問診療を行う診療所の約半数が「24時間対応の負担」を挙げており、当番制など負担を分け合う仕組みづくりが必要。", [3]),
        ("・研修会の参加者が固定化しており、新たな職種・若手職員の参加を促す工夫が求められる。", [4]),
        ("・ACPという言葉を知っている市民はまだ少なく、リーフレットの配布だけでは理解が広がらない。", [5]),
    ]
    put(r, 1, "（２）\n令和６年度の取組を\n通じた課題")
    put(r, 2, "\n".join(l for l, _ in issues), c1=9)
    for line, cats in issues:
        s.add(line, cats, "classifier")
    r += 2

    # (3) one cell holding the whole section, heading line included
    s = f.sec(3, "令和7年度の取組計画", 2025)
    lines3 = [
        ("（３）令和７年度の取組計画", None),
        ("【①会議の開催】", None),
        ("・在宅医療推進協議会（年3回）",
         dict(cats=[1], counts=[C("年3回", 3, per="year", event="協議会")])),
        ("・多職種連携会議を年10回程度開催",
         dict(cats=[1], counts=[C("年10回", 10, per="year", event="会議")])),
        ("【②地域の資源の把握・関係機関との調整】", None),
        ("・在宅医療資源アンケートの結果を踏まえ、在宅医療マップを改訂（令和7年12月中旬〜令和8年1月下旬に配布）",
         dict(cats=[2], dates=[D("令和7年12月中旬〜令和8年1月", "2025-12", "2026-01")])),
        ("・入退院支援ルールの改訂（年度内）", dict(cats=[2])),
        ("【③急変時対応等の体制構築等】", None),
        ("・ICT連携ツールの導入に向けた試行運用（10月〜）", dict(cats=[3], dates=[D("10月〜", "2025-10", None)])),
        ("・後方支援病床の協力病院を1か所増やす", dict(cats=[3])),
        ("【④在宅医療に係る研修】", None),
        ("・多職種研修会（7/12、10/18、1/24）",
         dict(cats=[4], dates=[D("7/12", "2025-07-12"), D("10/18", "2025-10-18"), D("1/24", "2026-01-24")])),
        ("・同行訪問研修（下半期）", dict(cats=[4])),
        ("【⑤在宅医療の普及啓発】", None),
        ("・市民公開講座（2月）", dict(cats=[5], dates=[D("2月", "2026-02")])),
        ("・ACPリーフレットの改訂", dict(cats=[5])),
    ]
    put(r, 1, "\n".join(l for l, _ in lines3), c1=9)
    for line, exp in lines3:
        if exp:
            s.add(line, exp["cats"], "heading", exp.get("dates", ()), exp.get("counts", ()))
    r += 2

    # (4) category header row + items in their category's column (layout E)
    s = f.sec(4, "令和7年度の進捗状況", 2025)
    put(r, 1, "（４）令和７年度の進捗状況", c1=9)
    for c, name in enumerate(CATS, start=1):
        put(r + 1, c, name)
    cols = [
        [("在宅医療推進協議会を7/2に開催。", dict(dates=[D("7/2", "2025-07-02")])),
         ("多職種連携会議は4月から毎月開催している（9月末で6回）。",
          dict(dates=[D("4月", "2025-04"), D("9月", "2025-09")],
               counts=[C("毎月", 1, per="month", event="会議"), C("6回", 6, event="会議")]))],
        [("アンケート結果を集計し、在宅医療マップ改訂の素案を作成中。", {}),
         ("②④入退院支援ルールの説明会を病院向けに開催（8/27）",
          dict(cats=[2, 4], src="marker", dates=[D("8/27", "2025-08-27")]))],
        [("ICT連携ツールの試行に向け、参加事業所の募集を開始した。", {}),
         ("※試行開始は11月の予定。", dict(src="inherited", dates=[D("11月", "2025-11", planned=T)]))],
        [("多職種研修会（第1回）を7/12に開催、参加者58名。", dict(dates=[D("7/12", "2025-07-12")])),
         ("第2回は10/18に開催予定。", dict(dates=[D("10/18", "2025-10-18", planned=T)]))],
        [("市民公開講座は2月開催に向けて講師と調整中。", dict(dates=[D("2月", "2026-02")])),
         ("ポスター掲示・広報誌による周知を12月から行う予定。", dict(dates=[D("12月", "2025-12", planned=T)]))],
    ]
    for c, items in enumerate(cols, start=1):
        put(r + 2, c, "\n".join(l for l, _ in items))
        for line, exp in items:
            s.add(line, exp.get("cats", [c]), exp.get("src", "column"), exp.get("dates", ()),
                  exp.get("counts", ()))

    path = HERE / "b2_shirasagi.xlsx"
    wb.save(path)
    normalize_zip(path)
    write_expected("b2_shirasagi.xlsx", "xlsx", [f])
    return [f]


# ============================================================ 3. 柚木町 + 鳴海市 (docx)

NUM_XML = (
    '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>'
    '<w:lvlText w:val="%1"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>')


def add_circle_numbering(doc):
    from docx.oxml import parse_xml
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    first_num.addprevious(parse_xml(NUM_XML))
    numbering.append(parse_xml(
        '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def numbered(doc, text, num_id):
    from docx.oxml import parse_xml
    p = doc.add_paragraph(text)
    pPr = p._p.get_or_add_pPr()
    pPr.append(parse_xml(
        '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def textbox_run(paragraph, text, shape_id):
    """A Word text box as Word writes it: DrawingML choice + VML fallback."""
    from docx.oxml import parse_xml
    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    inner = f'<w:txbxContent><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>'
    xml = (
        f'<w:r xmlns:w="{W}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1260000" cy="324000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="テキスト ボックス {shape_id}"/>'
        '<wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="1260000" cy="324000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:ln w="6350"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx>{inner}</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" anchor="t"/>'
        '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict>'
        f'<v:shapetype id="_x0000_t202" coordsize="21600,21600" path="m,l,21600r21600,l21600,xe"/>'
        f'<v:shape id="テキスト ボックス {shape_id}" type="#_x0000_t202" '
        'style="position:absolute;margin-left:0;margin-top:0;width:99.2pt;height:25.5pt;z-index:251659264;'
        'mso-position-horizontal:right;mso-position-horizontal-relative:margin">'
        f'<v:textbox>{inner}</v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')
    paragraph._p.append(parse_xml(xml))


def build_yuzuki_narumi():
    """b3_yuzuki_narumi.docx — python-docx, two forms one after another in one body."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    doc = new_doc()
    num_id = add_circle_numbering(doc)

    # ---------------------------------------------------------------- 柚木町
    f = Form("body", "資料3-3", ["柚木町"], ["公益社団法人柚木町医師会"],
             ["社会福祉法人 柚木町社会福祉協議会"])
    doc.add_paragraph().add_run(TITLE).bold = True
    doc.add_paragraph("資料３－３").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header_table(doc, "柚木町", "公益社団法人柚木町医師会", "社会福祉法人 柚木町社会福祉協議会",
                 implementer_first=True)
    doc.add_paragraph()

    # (1) full-width heading row + category row + one merged cell of marked items (layout B)
    s = f.sec(1, "令和6年度の取組実績", 2024)
    res = [
        ("①在宅医療・介護連携推進会議を開催（５・６・９月）",
         dict(cats=[1], dates=[D("5", "2024-05"), D("6", "2024-06"), D("9月", "2024-09")])),
        ("①②町内の医療機関・介護事業所による連携会議を開催し、入退院時の連絡方法を統一した（10/1、3、28　3回開催）",
         dict(cats=[1, 2], dates=[D("10/1", "2024-10-01"), D("3", "2024-10-03"), D("28", "2024-10-28")],
              counts=[C("3回", 3, event="会議")])),
        ("②在宅医療・介護資源マップを改訂し、町内全戸に配布した。", dict(cats=[2])),
        ("③④訪問看護ステーションと協働し、急変時対応の多職種研修会を実施（計三回）",
         dict(cats=[3, 4], counts=[C("計三回", 3, event="研修会")])),
        ("※うち1回は町外の病院と合同で開催。",
         dict(cats=[3, 4], src="inherited", counts=[C("1回", 1, event=None)])),
        ("⑤町の広報誌に在宅医療の連載記事を掲載（隔月）",
         dict(cats=[5], counts=[C("隔月", 1, per="month", every=2, event=None)])),
        ("⑤公民館での出前講座（延べ8地区）", dict(cats=[5])),
    ]
    t = doc.add_table(rows=3, cols=5)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(0, 4)).text = "（１）令和６年度の取組実績"
    category_row(t, 1)
    fill(t.cell(2, 0).merge(t.cell(2, 4)), [l for l, _ in res])
    for line, exp in res:
        s.add(line, exp["cats"], exp.get("src", "marker"), exp.get("dates", ()), exp.get("counts", ()))
    doc.add_paragraph()

    # (2) heading paragraph + prose paragraphs
    doc.add_paragraph("（２）令和６年度の取組を通じた課題")
    s = f.sec(2, "令和6年度の取組を通じた課題", 2024)
    for line, cats in [
        ("町内には在宅療養支援診療所が2か所しかなく、医師一人ひとりの負担が大きい。夜間の往診や看取りに対応するには、隣接する白鷺市の医療機関との連携を進める必要がある。", [2, 3]),
        ("住民アンケートでは、自宅で最期を迎えたいと答えた人が4割を超える一方、在宅医療を知らない人も多く、周知の方法を見直す必要がある。", [5]),
    ]:
        doc.add_paragraph(line)
        s.add(line, cats, "classifier")

    # (3) category headings numbered by Word (decimalEnclosedCircle) + typed ・ items
    doc.add_paragraph("（３）令和７年度の取組計画")
    s = f.sec(3, "令和7年度の取組計画", 2025)
    H1 = "会議の開催（年間４回開催予定）"
    plan = [
        (H1, None),
        ("・在宅医療・介護連携推進会議（５・７・１０・２月）",
         dict(cats=[1], dates=[D("5", "2025-05"), D("7", "2025-07"), D("10", "2025-10"), D("2月", "2026-02")],
              counts=[C("年間4回", 4, per="year", event="会議")], also=[H1])),
        ("地域の資源の把握・関係機関との調整", None),
        ("・白鷺市医師会との広域連携に向けた協議", dict(cats=[2])),
        ("・在宅医療・介護資源マップのデータ更新（秋頃）", dict(cats=[2])),
        ("急変時対応等の体制構築等", None),
        ("・急変時の情報共有シートを作成し、救急隊と運用方法を検討する", dict(cats=[3])),
        ("在宅医療に係る研修", None),
        ("・多職種研修会（１１月、２月）", dict(cats=[4], dates=[D("11月", "2025-11"), D("2月", "2026-02")])),
        ("在宅医療の普及啓発", None),
        ("・出前講座を各地区で開催（年10回程度）",
         dict(cats=[5], counts=[C("年10回", 10, per="year", event="出前講座")])),
        ("・ACPリーフレットを作成し、町の健診会場で配布", dict(cats=[5])),
    ]
    for line, exp in plan:
        if exp is None:
            numbered(doc, line, num_id)
        else:
            doc.add_paragraph(line)
            s.add(line, exp["cats"], "heading", exp.get("dates", ()), exp.get("counts", ()),
                  also=exp.get("also", ()))

    # (4) one table row per marker (first cell = marker)
    s = f.sec(4, "令和7年度の進捗状況", 2025)
    prog = [
        ("①", [("在宅医療・介護連携推進会議を5月・7月に開催。10月の会議では広域連携について協議予定。",
                dict(dates=[D("5月", "2025-05"), D("7月", "2025-07"), D("10月", "2025-10", planned=T)]))]),
        ("②", [("白鷺市医師会と広域連携の打合せを2回実施した。", dict(counts=[C("2回", 2, event="打合せ")])),
                ("資源マップは11月に更新作業を行う。", dict(dates=[D("11月", "2025-11")]))]),
        ("③", [("情報共有シートの素案を作成し、消防本部と意見交換を行った（8/21）。",
                dict(dates=[D("8/21", "2025-08-21")]))]),
        ("④", [("多職種研修会は11月に開催予定（テーマ：在宅での看取り）。",
                dict(dates=[D("11月", "2025-11", planned=T)]))]),
        ("⑤", [("出前講座を6地区で開催した（9月末時点）。", dict(dates=[D("9月", "2025-09")])),
                ("ACPリーフレットの原稿を作成中。", {})]),
    ]
    t = doc.add_table(rows=1 + len(prog), cols=2)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(0, 1)).text = "（４）令和７年度の進捗状況"
    for r, (mark, items) in enumerate(prog, start=1):
        t.cell(r, 0).text = mark
        fill(t.cell(r, 1), [l for l, _ in items])
        for line, exp in items:
            s.add(line, [MARKERS.index(mark) + 1], "heading", exp.get("dates", ()), exp.get("counts", ()))
    doc.add_paragraph()
    fa = f

    # ---------------------------------------------------------------- 鳴海市
    f = Form("body#2", "資料3-4", ["鳴海市"], ["鳴海市医師会", "鳴海市立病院"],
             ["鳴海市健康福祉部高齢者支援課"])
    p = doc.add_paragraph()
    p.add_run(TITLE).bold = True
    textbox_run(p, "資料３－４", 41)
    header_table(doc, "鳴海市", "鳴海市医師会・鳴海市立病院", "鳴海市健康福祉部高齢者支援課")
    doc.add_paragraph()

    # all four sections in one two-column table, labels broken over lines
    t = doc.add_table(rows=4, cols=2)
    t.style = "Table Grid"

    s = f.sec(1, "令和6年度の取組実績", 2024)
    t.cell(0, 0).text = "（１）\n令和６年度の\n取組実績"
    paras = [
        "①運営委員会（年間5回開催）②在宅医療資源調査の実施（8～10月）",
        "③急変時対応の手順書を作成し、訪問看護ステーション・消防と共有した。④在宅医療に係る研修会を2回開催（7/6、12/14）",
        "⑤市民向けシンポジウム「在宅医療ってなに？」を開催（3/8、参加者延べ120名）",
        "→シンポジウムの様子は市ホームページで動画配信した。",
    ]
    fill(t.cell(0, 1), paras)
    s.add("①運営委員会（年間5回開催）", [1], "marker",
          counts=[C("年間5回", 5, per="year", event="委員会")])
    s.add("②在宅医療資源調査の実施（8～10月）", [2], "marker", dates=[D("8～10月", "2024-08", "2024-10")])
    s.add("③急変時対応の手順書を作成し、訪問看護ステーション・消防と共有した。", [3], "marker")
    s.add("④在宅医療に係る研修会を2回開催（7/6、12/14）", [4], "marker",
          dates=[D("7/6", "2024-07-06"), D("12/14", "2024-12-14")], counts=[C("2回", 2, event="研修会")])
    s.add(paras[2], [5], "marker", dates=[D("3/8", "2025-03-08")])
    s.add(paras[3], [5], "inherited")

    s = f.sec(2, "令和6年度の取組を通じた課題", 2024)
    t.cell(1, 0).text = "（２）\n令和６年度の\n取組を通じた課題"
    issues = [
        ("○病院と在宅の間で退院前カンファレンスの開催基準が統一されていない。", [2]),
        ("○研修会の参加は医師・看護職が中心で、介護職やリハビリ職の参加が少ない。", [4]),
        ("○市民の在宅医療への関心は高まっているが、①相談先がわからない②費用が心配という声が多い。", [5]),
    ]
    fill(t.cell(1, 1), [l for l, _ in issues])
    for line, cats in issues:  # ①② inside a section-2 line: plain enumeration, no split
        s.add(line, cats, "classifier")

    s = f.sec(3, "令和7年度の取組実績", 2025)  # 実績 in section 3: heading_mismatch
    f.warn("heading_mismatch", 3)
    t.cell(2, 0).text = "（３）\n令和７年度の\n取組実績"
    plan = [
        ("①運営委員会を年5回開催する。", dict(cats=[1], counts=[C("年5回", 5, per="year", event="委員会")])),
        ("①③急変時対応について病院・診療所・訪問看護の三者で検討する会議を新設（隔月）",
         dict(cats=[1, 3], counts=[C("隔月", 1, per="month", every=2, event="会議")])),
        ("②退院前カンファレンスの開催基準を病院と共同で作成する（～12月）",
         dict(cats=[2], dates=[D("～12月", None, "2025-12")])),
        ("④介護職向けの在宅医療研修を新たに実施（R7/2/14）",
         dict(cats=[4], dates=[D("R7/2/14", "2025-02-14")])),
        ("⑤市民向けシンポジウムを開催する（令和8年2月予定）", dict(cats=[5], dates=[D("令和8年2月", "2026-02")])),
        ("⑤在宅医療相談窓口の周知のため、ポスターを市内医療機関・薬局に掲示する", dict(cats=[5])),
    ]
    fill(t.cell(2, 1), [l for l, _ in plan])
    for line, exp in plan:
        i = s.add(line, exp["cats"], "marker", exp.get("dates", ()), exp.get("counts", ()))
        if "R7/2/14" in line:
            f.warn("date_outside_fiscal_year", 3, i)

    s = f.sec(4, "進捗状況", 2025)  # no year in the heading: from section 3
    t.cell(3, 0).text = "（４）\n進捗状況"
    prog = [
        ("運営委員会は6/5、8/28、10/23の3回を開催した。",
         dict(cats=[1], dates=[D("6/5", "2025-06-05"), D("8/28", "2025-08-28"), D("10/23", "2025-10-23")],
              counts=[C("3回", 3, event="委員会")])),
        ("三者会議の初回を9月に開催し、夜間の連絡体制について協議した。",
         dict(cats=[1, 3], dates=[D("9月", "2025-09")])),
        ("退院前カンファレンスの開催基準（案）を作成し、病院地域連携室に意見照会中。", dict(cats=[2])),
        ("介護職向け研修は2月に実施予定。", dict(cats=[4], dates=[D("2月", "2026-02", planned=T)])),
        ("シンポジウムの講師が決定し、チラシを作成中。", dict(cats=[5])),
    ]
    fill(t.cell(3, 1), [l for l, _ in prog])
    for line, exp in prog:
        s.add(line, exp["cats"], "classifier", exp.get("dates", ()), exp.get("counts", ()))

    path = HERE / "b3_yuzuki_narumi.docx"
    doc.save(path)
    normalize_zip(path)
    write_expected("b3_yuzuki_narumi.docx", "docx", [fa, f])
    return [fa, f]


# ============================================================ 4. 三枝市 | 雲雀丘町 side by side (xlsx)


def build_saegusa_hibarigaoka():
    """b4_saegusa_hibarigaoka.xlsx — openpyxl, sheet 東部圏域: two forms side by side
    (三枝市 in A–F, 雲雀丘町 in H–N)."""
    wb = new_wb()
    ws = wb.active
    ws.title = "東部圏域"
    put = putter(ws)
    for col, w in zip("ABCDEFGHIJKLMN", [22, 22, 10, 16, 8, 20, 3, 30, 8, 8, 8, 8, 8, 16]):
        ws.column_dimensions[col].width = w

    # ---------------------------------------------------------------- 三枝市 (A–F)
    f = Form("sheet:東部圏域", "資料3-5", ["三枝市"], ["三枝市医師会", "医療法人 三枝病院"],
             ["三枝市在宅医療・介護連携支援センター"])
    ws.cell(row=1, column=1, value=TITLE)
    ws.cell(row=2, column=6, value="資料３－５")
    xl_header(put, 3, 1, "三枝市", "三枝市医師会、医療法人 三枝病院", "三枝市在宅医療・介護連携支援センター", 6)
    r = 7
    put(r, 1, "（１）令和６年度の取組実績", c1=6)
    s = f.sec(1, "令和6年度の取組実績", 2024)
    put(r + 1, 1, "取組内容", c1=2)
    for c, lab in zip(range(3, 7), ["区分", "実施時期", "回数", "備考"]):
        put(r + 1, c, lab)
    r += 2
    rows = [
        ("【①会議の開催】",),
        ("在宅医療連携推進会議", "", "5/16、8/22、11/21、2/20", 4, "",
         dict(cats=[1], src="heading",
              dates=[D("5/16", "2024-05-16"), D("8/22", "2024-08-22"), D("11/21", "2024-11-21"),
                     D("2/20", "2025-02-20")], counts=[C("4回", 4, event="会議")])),
        ("病院・診療所・介護事業所の実務者連絡会", "", "隔月", None, "",
         dict(cats=[1], src="heading", counts=[C("隔月", 1, per="month", every=2, event="連絡会")])),
        ("【②地域の資源の把握・関係機関との調整】",),
        ("在宅医療資源調査（訪問診療・往診の実施状況）", "", "6月〜翌2月", None, "市内診療所62か所に調査票送付",
         dict(cats=[2], src="heading", dates=[D("6月〜翌2月", "2024-06", "2025-02")])),
        ("入退院支援ルールの策定", "②③", "通年", None, "3病院と合意", dict(cats=[2, 3], src="column")),
        ("【③急変時対応等の体制構築等】",),
        ("後方支援病床の確保", "", "", None, "協力病院 4病院8床", dict(cats=[3], src="heading")),
        ("ICT連携ツール（医療介護連携ネット）の登録促進", "", "第3四半期", None, "登録事業所 延べ24件",
         dict(cats=[3], src="heading")),
        ("【④在宅医療に係る研修】",),
        ("多職種研修会「在宅での緩和ケア」", "", "11/9", 1, "参加者78名",
         dict(cats=[4], src="heading", dates=[D("11/9", "2024-11-09")], counts=[C("1回", 1, event="研修会")])),
        ("同行訪問研修", "", "12月〜2月", None, "受講者 医師3名",
         dict(cats=[4], src="heading", dates=[D("12月〜2月", "2024-12", "2025-02")])),
        ("【⑤在宅医療の普及啓発】",),
        ("市民公開講座「人生会議を考える」", "", "令和7年2月15日", None, "参加者96名",
         dict(cats=[5], src="heading", dates=[D("令和7年2月15日", "2025-02-15")])),
        ("広報誌への記事掲載・ACPリーフレットの配布", "", "7月・1月", None, "",
         dict(cats=[5], src="heading", dates=[D("7月", "2024-07"), D("1月", "2025-01")])),
    ]
    for row in rows:
        if len(row) == 1:
            put(r, 1, row[0], c1=6)
        else:
            act, kubun, when, times, rem, exp = row
            put(r, 1, act, c1=2)
            put(r, 3, kubun or None)
            put(r, 4, when or None)
            put(r, 5, times)
            put(r, 6, rem or None)
            s.add(act, exp["cats"], exp["src"], exp.get("dates", ()), exp.get("counts", ()),
                  also=[when, f"{times}回" if times else "", rem])
        r += 1
    r += 1
    s = f.sec(2, "令和6年度の取組を通じた課題", 2024)
    issues = [
        ("入退院支援ルールは3病院との合意にとどまり、市外の病院への働きかけが今後の課題である。", [2]),
        ("研修・講座とも参加者の固定化がみられ、③急変時の対応や④看取りといったテーマ別に対象を絞った企画が必要である。", [4, 5]),
    ]
    put(r, 1, "（２）\n令和６年度の取組を\n通じた課題")
    put(r, 2, "\n".join(l for l, _ in issues), c1=6)
    for line, cats in issues:
        s.add(line, cats, "classifier")
    r += 2

    s = f.sec(3, "令和7年度の取組計画", 2025)
    put(r, 1, "（３）令和７年度の取組計画", c1=6)
    put(r + 1, 1, "事業名", c1=2)
    for c, lab in zip(range(3, 7), ["区分", "予定時期", "開催回数", "対象"]):
        put(r + 1, c, lab)
    r += 2
    rows = [
        ("在宅医療連携推進会議", "①", "5月・8月・11月・2月", 4, "積極的医療機関・市・保健所",
         dict(cats=[1], dates=[D("5月", "2025-05"), D("8月", "2025-08"), D("11月", "2025-11"), D("2月", "2026-02")],
              counts=[C("4回", 4, event="会議")])),
        ("実務者連絡会", "会議の開催", "毎月第2木曜日", None, "病院・診療所・介護事業所",
         dict(cats=[1], counts=[C("毎月", 1, per="month", event="連絡会")])),
        ("入退院支援ルールの市外病院への拡大", "②", "年度内", None, "近隣3市3町の病院", dict(cats=[2])),
        ("在宅医療資源調査の結果公表・在宅医療マップ作成", "②⑤", "3月", None, "市民・関係機関",
         dict(cats=[2, 5], dates=[D("3月", "2026-03")])),
        ("後方支援病床の運用ルールの見直し", "③", "下半期", None, "協力病院", dict(cats=[3])),
        ("多職種研修会", "④", "9、12、2月", 3, "医療・介護職",
         dict(cats=[4], dates=[D("9", "2025-09"), D("12", "2025-12"), D("2月", "2026-02")],
              counts=[C("3回", 3, event="研修会")])),
        ("市民公開講座", "⑤", "秋頃", 1, "市民", dict(cats=[5], counts=[C("1回", 1, event="講座")])),
        ("", "", "2月", None, "（調整中）", None),  # no activity: not an item
    ]
    for act, kubun, when, times, rem, exp in rows:
        put(r, 1, act or None, c1=2)
        put(r, 3, kubun or None)
        put(r, 4, when or None)
        put(r, 5, times)
        put(r, 6, rem or None)
        if exp:
            s.add(act, exp["cats"], "column", exp.get("dates", ()), exp.get("counts", ()),
                  also=[when, f"{times}回" if times else "", rem])
        r += 1
    r += 1
    s = f.sec(4, "令和7年度の進捗状況", 2025)
    put(r, 1, "（４）令和７年度の進捗状況", c1=6)
    prog = [
        ("①在宅医療連携推進会議を5/15、8/21に開催した。",
         dict(cats=[1], dates=[D("5/15", "2025-05-15"), D("8/21", "2025-08-21")])),
        ("①実務者連絡会は毎月開催している。", dict(cats=[1], counts=[C("毎月", 1, per="month", event="連絡会")])),
        ("②入退院支援ルールについて、市外の2病院と協議を始めた。", dict(cats=[2])),
        ("→年度末までに合意を目指す。", dict(cats=[2], src="inherited")),
        ("③④後方支援病床の利用手順の研修会を10月に開催予定。",
         dict(cats=[3, 4], dates=[D("10月", "2025-10", planned=T)])),
        ("⑤市民公開講座の日程を調整中。", dict(cats=[5])),
    ]
    put(r + 1, 1, "\n".join(l for l, _ in prog), c1=6)
    for line, exp in prog:
        s.add(line, exp["cats"], exp.get("src", "marker"), exp.get("dates", ()), exp.get("counts", ()))
    left = f

    # ---------------------------------------------------------------- 雲雀丘町 (H–N)
    f = Form("sheet:東部圏域#2", "資料3-6", ["雲雀丘町"], ["一社)雲雀丘町医師会"],
             ["雲雀丘町地域包括支援センター", "雲雀丘町訪問看護ステーション"])
    H = 8
    ws.cell(row=1, column=H, value=TITLE)
    ws.cell(row=2, column=14, value="資料３－６")
    xl_header(put, 3, H, "雲雀丘町", "一社）雲雀丘町医師会",
              "雲雀丘町地域包括支援センター　雲雀丘町訪問看護ステーション", 7)
    r = 7
    s = f.sec(1, "令和6年度の実績", 2024)
    put(r, H, "（１）令和６年度の実績", c1=H + 6)
    put(r + 1, H, "内容")
    for k, name in enumerate(CATS):
        put(r + 1, H + 1 + k, name)
    put(r + 1, H + 6, "実施日")
    r += 2
    rows = [
        ("在宅医療・介護連携推進協議会", {1: "●"}, "6/27、12/19、3/13",
         dict(cats=[1], dates=[D("6/27", "2024-06-27"), D("12/19", "2024-12-19"), D("3/13", "2025-03-13")])),
        ("介護支援専門員と訪問看護師の意見交換会", {1: "●", 2: "●"}, "9/10",
         dict(cats=[1, 2], dates=[D("9/10", "2024-09-10")])),
        ("町内の在宅医療資源の調査・リスト作成", {2: "レ"}, "7月〜9月",
         dict(cats=[2], dates=[D("7月〜9月", "2024-07", "2024-09")])),
        ("急変時の連絡先カード（救急医療情報キット）の配布", {3: "レ", 5: "レ"}, "通年", dict(cats=[3, 5])),
        ("ICT連携ツール導入の検討", {2: "✔", 3: "✔"}, "", dict(cats=[2, 3])),
        ("多職種研修会（全3回）", {4: "◎"}, "10/5、11/2、12/7",
         dict(cats=[4], dates=[D("10/5", "2024-10-05"), D("11/2", "2024-11-02"), D("12/7", "2024-12-07")],
              counts=[C("全3回", 3, event="研修会")])),
        ("訪問看護ステーション見学研修", {}, "2月",
         dict(cats=[4], src="classifier", dates=[D("2月", "2025-02")])),
        ("町民向け在宅医療講演会", {5: "●"}, "令和7年3月1日",
         dict(cats=[5], dates=[D("令和7年3月1日", "2025-03-01")])),
        ("ACPリーフレットの全戸配布（広報誌に折込）", {5: "●"}, "3月",
         dict(cats=[5], dates=[D("3月", "2025-03")])),
    ]
    for act, marks, when, exp in rows:
        put(r, H, act)
        for k in range(1, 6):
            put(r, H + k, marks.get(k, "－"))
        put(r, H + 6, when or None)
        s.add(act, exp["cats"], exp.get("src", "column"), exp.get("dates", ()), exp.get("counts", ()),
              also=[when])
        r += 1
    r += 1
    s = f.sec(2, "令和6年度の取り組みを通じた課題", 2024)
    put(r, H, "（２）令和６年度の取り組みを通じた課題", c1=H + 6)
    r += 1
    for line, cats in [
        ("・町内に訪問診療を行う医療機関が少なく、近隣市の医療機関に頼らざるを得ない。", [2]),
        ("・急変時の連絡先カードを冷蔵庫に貼っていない世帯があり、配布後の確認が必要。", [3]),
        ("・研修会への介護職の参加が少ない。", [4]),
    ]:
        put(r, H, line, c1=H + 6)
        s.add(line, cats, "classifier")
        r += 1
    r += 1
    s = f.sec(3, "令和7年度の取組計画", 2025)
    put(r, H, "（３）令和７年度の取組計画", c1=H + 6)
    put(r + 1, H, "取組", c1=H + 1)
    put(r + 1, H + 2, "区分")
    put(r + 1, H + 3, "時期")
    put(r + 1, H + 4, "回数")
    put(r + 1, H + 5, "備考", c1=H + 6)
    r += 2
    rows = [
        ("在宅医療・介護連携推進協議会", "①", "6月、12月、3月", 3, "",
         dict(cats=[1], dates=[D("6月", "2025-06"), D("12月", "2025-12"), D("3月", "2026-03")],
              counts=[C("3回", 3, event="協議会")])),
        ("ケアマネジャー・訪問看護師・病院MSWの合同会議", "①②", "", "年2回", "",
         dict(cats=[1, 2], counts=[C("年2回", 2, per="year", event="会議")])),
        ("救急医療情報キットの配布と更新の呼びかけ", "③⑤", "通年", None, "民生委員と協力", dict(cats=[3, 5])),
        ("白鷺市・朝霧市の病院と急変時の受入れについて協議", "③", "第3四半期", None, "", dict(cats=[3])),
        ("多職種研修会", "④", "7月〜9月", "全3回", "",
         dict(cats=[4], dates=[D("7月〜9月", "2025-07", "2025-09")], counts=[C("全3回", 3, event="研修会")])),
        ("町民向け在宅医療講演会", "⑤", "2月", 1, "",
         dict(cats=[5], dates=[D("2月", "2026-02")], counts=[C("1回", 1, event="講演会")])),
        ("在宅医療の相談窓口の周知", "", "通年", None, "広報誌・町ホームページ",
         dict(cats=[5], src="classifier")),
    ]
    for act, kubun, when, times, rem, exp in rows:
        put(r, H, act, c1=H + 1)
        put(r, H + 2, kubun or None)
        put(r, H + 3, when or None)
        put(r, H + 4, times)
        put(r, H + 5, rem or None, c1=H + 6)
        shown = f"{times}回" if isinstance(times, int) else (times or "")
        s.add(act, exp["cats"], exp.get("src", "column"), exp.get("dates", ()), exp.get("counts", ()),
              also=[when, shown, rem])
        r += 1
    r += 1
    s = f.sec(4, "令和7年度の進捗状況", 2025)
    put(r, H, "（４）令和７年度の進捗状況", c1=H + 6)
    put(r + 1, H, None, c1=H + 6)  # left empty by the hub
    f.warn("empty_section", 4)

    path = HERE / "b4_saegusa_hibarigaoka.xlsx"
    wb.save(path)
    normalize_zip(path)
    write_expected("b4_saegusa_hibarigaoka.xlsx", "xlsx", [left, f])
    return [left, f]


# ============================================================ 5. 藤波市 / 椿山町 one below the other (xlsx)


def build_fujinami_tsubakiyama():
    """b5_fujinami_tsubakiyama.xlsx — openpyxl, sheet 西部圏域: 藤波市 on top,
    椿山町 (a 令和5/6 form) below it."""
    wb = new_wb()
    ws = wb.active
    ws.title = "西部圏域"
    put = putter(ws)
    for col, w in zip("ABCDEF", [18, 22, 22, 22, 22, 22]):
        ws.column_dimensions[col].width = w

    # ---------------------------------------------------------------- 藤波市
    f = Form("sheet:西部圏域", "資料3-7", ["藤波市"], ["藤波市医師会", "藤波市民病院"],
             ["藤波市(地域包括ケア推進課)"])
    ws.cell(row=1, column=6, value="資料 ３ ― ７")
    xl_header(put, 2, 1, "藤波市", "藤波市医師会 及び 藤波市民病院", "藤波市（地域包括ケア推進課）", 6)
    r = 6
    s = f.sec(1, "令和6年度の取組実績", 2024)
    res = [
        (CATS[0], [("在宅医療・介護連携推進会議（年間5回開催）",
                    dict(counts=[C("年間5回", 5, per="year", event="会議")])),
                   ("病院・診療所の連携担当者会議（隔月）",
                    dict(counts=[C("隔月", 1, per="month", every=2, event="会議")]))]),
        (CATS[1], [("在宅医療に関するアンケート調査（訪問診療・訪問看護・薬局）を実施", {}),
                   ("入退院支援ルールの運用状況調査（11月）", dict(dates=[D("11月", "2024-11")]))]),
        (CATS[2], [("後方支援病床の運用開始（4病院8床）", {}),
                   ("※利用実績延べ24件", dict(src="inherited"))]),
        (CATS[3], [("多職種研修会を3回実施（6/22、9/28、1/25）",
                    dict(dates=[D("6/22", "2024-06-22"), D("9/28", "2024-09-28"), D("1/25", "2025-01-25")],
                         counts=[C("3回", 3, event="研修会")])),
                   ("医師向け在宅医療導入研修（2回目は3月に実施）", dict(dates=[D("3月", "2025-03")]))]),
        (CATS[4], [("市民公開講座（10月）", dict(dates=[D("10月", "2024-10")])),
                   ("在宅医療ガイドブックの配布", {})]),
    ]
    put(r, 1, "（１）\n令和６年度の\n取組実績", r1=r + len(res) - 1)
    for k, (cat, items) in enumerate(res):
        put(r + k, 2, cat)
        put(r + k, 3, "\n".join(l for l, _ in items), c1=6)
        for line, exp in items:
            s.add(line, [k + 1], exp.get("src", "heading"), exp.get("dates", ()), exp.get("counts", ()))
    r += len(res)

    s = f.sec(2, "令和6年度の取組を通じた課題", 2024)
    issues = [
        ("後方支援病床は確保できたが、利用までの手続きに時間がかかるとの意見があり、手順の簡素化が必要である。", [3]),
        ("アンケートでは薬局の在宅対応に地域差があり、薬剤師会との連携を強める必要がある。", [2]),
    ]
    put(r, 1, "（２）\n令和６年度の\n取組を通じた課題")
    put(r, 2, "\n".join(l for l, _ in issues), c1=6)
    for line, cats in issues:
        s.add(line, cats, "classifier")
    r += 1

    s = f.sec(3, "令和7年度の取組計画", 2025)
    plan = [
        ("■①会議の開催", None),
        ("・在宅医療・介護連携推進会議（年間5回開催予定）",
         dict(cats=[1], counts=[C("年間5回", 5, per="year", event="会議")])),
        ("・連携担当者会議（隔月）", dict(cats=[1], counts=[C("隔月", 1, per="month", every=2, event="会議")])),
        ("■②地域の資源の把握・関係機関との調整", None),
        ("・薬剤師会と在宅対応薬局リストを作成", dict(cats=[2])),
        ("■③急変時対応等の体制構築等", None),
        ("・後方支援病床の手続きの簡素化（申込様式の統一）", dict(cats=[3])),
        ("・ICT連携ツールの本格運用（10月〜翌3月）", dict(cats=[3], dates=[D("10月〜翌3月", "2025-10", "2026-03")])),
        ("■④在宅医療に係る研修", None),
        ("・多職種研修会（年3回）", dict(cats=[4], counts=[C("年3回", 3, per="year", event="研修会")])),
        ("・同行訪問研修（11/25〜11/29）", dict(cats=[4], dates=[D("11/25〜11/29", "2025-11-25", "2025-11-29")])),
        ("■⑤在宅医療の普及啓発", None),
        ("・市民公開講座", dict(cats=[5])),
        ("・在宅医療ガイドブックの改訂", dict(cats=[5])),
    ]
    put(r, 1, "（３）\n令和７年度の\n取組計画")
    put(r, 2, "\n".join(l for l, _ in plan), c1=6)
    for line, exp in plan:
        if exp:
            s.add(line, exp["cats"], "heading", exp.get("dates", ()), exp.get("counts", ()))
    r += 1

    s = f.sec(4, "令和7年度の進捗状況", 2025)
    prog = [
        ("推進会議を5/29、7/31、9/25に開催。",
         dict(cats=[1], dates=[D("5/29", "2025-05-29"), D("7/31", "2025-07-31"), D("9/25", "2025-09-25")])),
        ("→11月・1月にも開催予定。",
         dict(cats=[1], src="inherited", dates=[D("11月", "2025-11", planned=T), D("1月", "2026-01", planned=T)])),
        ("連携担当者会議は偶数月に開催している。", dict(cats=[1])),
        ("薬局リストの作成に向け、薬剤師会と打合せを行った（8/6）。", dict(cats=[2], dates=[D("8/6", "2025-08-06")])),
        ("ICT連携ツールの登録説明会を7月に開催し、32事業所が参加した。", dict(cats=[3], dates=[D("7月", "2025-07")])),
        ("多職種研修会の第1回を6/28に開催（参加者延べ74名）。", dict(cats=[4], dates=[D("6/28", "2025-06-28")])),
    ]
    put(r, 1, "（４）\n令和７年度の\n進捗状況")
    put(r, 2, "\n".join(l for l, _ in prog), c1=6)
    for line, exp in prog:
        s.add(line, exp["cats"], exp.get("src", "classifier"), exp.get("dates", ()), exp.get("counts", ()))
    top = f
    r += 3

    # ---------------------------------------------------------------- 椿山町 (令和5/6)
    f = Form("sheet:西部圏域#2", None, ["椿山町"], ["椿山町国民健康保険診療所"],
             ["社会福祉法人椿山町社会福祉協議会"])
    ws.cell(row=r, column=1, value=TITLE)
    xl_header(put, r + 1, 1, "椿山町", "椿山町国民健康保険診療所", "社会福祉法人椿山町社会福祉協議会", 6)
    r += 5
    s = f.sec(1, "令和5年度の取組実績", 2023)
    put(r, 1, "（１）令和５年度の取組実績", c1=6)
    for c, name in enumerate(CATS, start=1):
        put(r + 1, c, name)
    res = [
        ("①②町・診療所・訪問看護・居宅介護支援事業所による在宅医療連携会議を開催（年4回）",
         dict(cats=[1, 2], counts=[C("年4回", 4, per="year", event="会議")])),
        ("②在宅医療・介護資源の一覧を更新し、関係機関に配布", dict(cats=[2])),
        ("③診療所休診日の往診・看取りの相互支援について、白鷺市の在宅療養支援病院と協定を締結", dict(cats=[3])),
        ("④訪問看護師・介護職向けの研修会（8/24・2/17）",
         dict(cats=[4], dates=[D("8/24", "2023-08-24"), D("2/17", "2024-02-17")])),
        ("⑤地区の敬老会で在宅医療・ACPの説明（3地区）", dict(cats=[5])),
        ("⑤診療所だよりにACPの記事を掲載", dict(cats=[5])),
    ]
    put(r + 2, 1, "\n".join(l for l, _ in res), c1=6)
    for line, exp in res:
        s.add(line, exp["cats"], "marker", exp.get("dates", ()), exp.get("counts", ()))
    r += 4

    s = f.sec(2, "令和5年度の取組を通じた課題", 2023)
    issues = [
        ("○町内で訪問診療を担うのは診療所1か所のみで、医師の高齢化も進んでおり、近隣市との連携体制の強化が欠かせない。", [2]),
        ("○急変時に救急搬送か在宅看取りかの判断に家族が迷う例があり、ACPの普及を進める必要がある。", [3, 5]),
    ]
    put(r, 1, "（２）令和５年度の取組を通じた課題")
    put(r, 2, "\n".join(l for l, _ in issues), c1=6)
    for line, cats in issues:
        s.add(line, cats, "classifier")
    r += 2

    s = f.sec(3, "令和6年度の取組計画", 2024)
    put(r, 1, "（３）令和６年度の取組計画", c1=6)
    put(r + 1, 1, "実施内容", c1=2)
    put(r + 1, 3, "区分")
    put(r + 1, 4, "実施予定")
    put(r + 1, 5, "回数")
    put(r + 1, 6, "備考")
    r += 2
    d = datetime.date
    rows = [
        ("在宅医療連携会議", "会議の開催", (d(2024, 6, 20), FMT_MD, "6/20"), (4, FMT_KAI, "4回"),
         dict(cats=[1], dates=[D("6/20", "2024-06-20")], counts=[C("4回", 4, event="会議")])),
        ("白鷺市の病院との入退院時の連絡ルールづくり", "地域の資源の把握・関係機関との調整",
         ("年度内", None, "年度内"), None, dict(cats=[2])),
        ("急変時対応の手順を家族向けにまとめたリーフレットの作成", "急変時対応等の体制構築等、在宅医療の普及啓発",
         ("秋頃", None, "秋頃"), None, dict(cats=[3, 5])),
        ("多職種研修会（事例検討）", "在宅医療に係る研修", (d(2024, 9, 12), FMT_MD_KANJI, "9月12日"), None,
         dict(cats=[4], dates=[D("9月12日", "2024-09-12")])),
        ("町民向け講演会「わが家で過ごす最期」", "在宅医療の普及啓発", (d(2025, 2, 9), FMT_ERA_411, "令和7年2月9日"),
         (1, None, "1回"), dict(cats=[5], dates=[D("令和7年2月9日", "2025-02-09")], counts=[C("1回", 1, event="講演会")])),
        ("在宅医療・介護連携の相談窓口の運営", "", ("通年", None, "通年"), None, dict(cats=[2], src="classifier")),
    ]
    for act, kubun, when, times, exp in rows:
        put(r, 1, act, c1=2)
        put(r, 3, kubun or None)
        put(r, 4, when[0] if when else None, fmt=when[1] if when else None)
        put(r, 5, times[0] if times else None, fmt=times[1] if times else None)
        put(r, 6, None)
        s.add(act, exp["cats"], exp.get("src", "column"), exp.get("dates", ()), exp.get("counts", ()),
              also=[when[2] if when else "", times[2] if times else ""])
        r += 1
    f.warn("missing_section", 4)

    path = HERE / "b5_fujinami_tsubakiyama.xlsx"
    wb.save(path)
    normalize_zip(path)
    write_expected("b5_fujinami_tsubakiyama.xlsx", "xlsx", [top, f])
    return [top, f]


# ============================================================ checks

SUB_KEYS = ["locator", "material_id", "target_areas", "hubs", "contractors", "sections", "warnings"]
SEC_KEYS = ["number", "kind", "heading", "fiscal_year", "items"]
ITEM_KEYS = ["text", "categories", "category_source", "dates", "counts"]
DATE_KEYS = ["text", "start", "end", "planned"]
COUNT_KEYS = ["text", "value", "per", "every", "planned", "event"]
SOURCES = {"marker", "heading", "column", "inherited", "classifier"}
WARN = {"heading_mismatch", "date_outside_fiscal_year", "count_mismatch", "missing_section",
        "empty_section"}
DAY = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


def check():
    total = 0
    rows = []
    for path in sorted(HERE.glob("*.expected.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert list(doc) == ["schema", "source", "submissions", "error"], path
        assert doc["schema"] == "shiryo/v1" and doc["error"] is None
        src = doc["source"]
        assert set(src) == {"path", "format"}
        inp = HERE.parent / src["path"]
        assert inp.exists() and inp.name.rsplit(".", 1)[0] + ".expected.json" == path.name, inp
        assert src["format"] == inp.suffix[1:]
        for sub in doc["submissions"]:
            assert list(sub) == SUB_KEYS, path
            m = sub["material_id"]
            assert m is None or re.fullmatch(r"資料\d+(-\d+)?", m)
            nums = [s["number"] for s in sub["sections"]]
            assert nums == sorted(set(nums))
            n_items = 0
            for s in sub["sections"]:
                assert list(s) == SEC_KEYS
                assert s["kind"] == KIND[s["number"]]
                assert " " not in s["heading"]
                for it in s["items"]:
                    assert list(it) == ITEM_KEYS
                    assert it["text"] and it["text"] == it["text"].strip()
                    assert it["categories"] == sorted(set(it["categories"]))
                    assert all(1 <= c <= 5 for c in it["categories"])
                    assert it["category_source"] in SOURCES
                    if s["number"] == 2:
                        assert it["category_source"] == "classifier"
                    if it["category_source"] != "classifier":
                        assert it["categories"], it
                    for d in it["dates"]:
                        assert list(d) == DATE_KEYS
                        for k in ("start", "end"):
                            assert d[k] is None or DAY.match(d[k]), d
                        assert d["start"] or d["end"]
                        if d["start"] and d["end"]:
                            assert d["start"][:7] <= d["end"][:7], d
                        if s["number"] == 3:
                            assert d["planned"] is True
                    for c in it["counts"]:
                        assert list(c) == COUNT_KEYS
                        assert c["per"] in (None, "year", "month", "week")
                        assert isinstance(c["value"], int) and c["value"] > 0
                        if s["number"] == 3:
                            assert c["planned"] is True
                n_items += len(s["items"])
            for w in sub["warnings"]:
                assert list(w) == ["code", "section", "item", "message"] and w["code"] in WARN
                if w["item"] is not None:
                    sec = next(s for s in sub["sections"] if s["number"] == w["section"])
                    assert 0 <= w["item"] < len(sec["items"])
            rows.append((path.name, sub["locator"], sub["target_areas"][0], n_items,
                         [len(s["items"]) for s in sub["sections"]], [w["code"] for w in sub["warnings"]]))
            total += n_items
    for row in rows:
        print(*row)
    print("forms:", len(rows), "items:", total)
    return total


def main():
    if "--check" not in sys.argv:
        build_asagiri()
        build_shirasagi()
        build_yuzuki_narumi()
        build_saegusa_hibarigaoka()
        build_fujinami_tsubakiyama()
    check()


if __name__ == "__main__":
    main()
