//! Activity statements, dates and counts recombined from [`crate::pools`] in
//! the seed's style: `（５・６・９月）`, `（R7/1/7）`, `（１２～１月予定）`,
//! `（7回開催）`, `年間５回`, `毎月` …

use crate::pools::*;
use crate::rng::Rng;
use crate::variety;

/// What a section reports; decides verb endings and 予定.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Results,
    Issues,
    Plan,
    Progress,
}

impl Kind {
    pub fn of(section: u8) -> Kind {
        match section {
            1 => Kind::Results,
            2 => Kind::Issues,
            3 => Kind::Plan,
            _ => Kind::Progress,
        }
    }
}

/// What the text of one section needs to know.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub kind: Kind,
    /// Reiwa year of the section's fiscal year (令和6年度 → 6).
    pub reiwa: u32,
    /// Full-width digits in month lists and counts (枚方市's habit).
    pub wide: bool,
    pub city: String,
}

/// Fiscal-year order of months.
const FY_MONTHS: [u32; 12] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];

/// ASCII digits → full width.
pub fn wide(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

impl Ctx {
    fn digits(&self, s: String) -> String {
        if self.wide {
            wide(&s)
        } else {
            s
        }
    }

    /// Reiwa year of month `m` in this fiscal year.
    fn year_of(&self, m: u32) -> u32 {
        if m >= 4 {
            self.reiwa
        } else {
            self.reiwa + 1
        }
    }

    fn planned(&self) -> bool {
        matches!(self.kind, Kind::Plan)
    }
}

/// `k` distinct months in fiscal-year order.
fn months(rng: &mut Rng, k: usize) -> Vec<u32> {
    rng.distinct(12, k)
        .into_iter()
        .map(|i| FY_MONTHS[i])
        .collect()
}

fn day(rng: &mut Rng) -> u32 {
    rng.range(1, 28) as u32
}

fn join_months(ms: &[u32]) -> String {
    ms.iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>()
        .join("・")
}

/// A dated parenthesis (or nothing) after a statement.
pub fn date_note(rng: &mut Rng, ctx: &Ctx) -> String {
    let yotei = if ctx.planned() && rng.chance(0.6) {
        "予定"
    } else {
        ""
    };
    match ctx.kind {
        Kind::Results | Kind::Plan | Kind::Issues => match rng.weighted(&[5, 3, 2, 2, 2, 1, 4]) {
            0 => {
                let k = rng.range(1, 3);
                let ms = months(rng, k);
                if ms.len() == 3 && rng.chance(0.3) {
                    ctx.digits(format!("（{}・{}月、{}月{yotei}）", ms[0], ms[1], ms[2]))
                } else {
                    ctx.digits(format!("（{}月{yotei}）", join_months(&ms)))
                }
            }
            1 => {
                let k = rng.range(1, 3);
                let ms = months(rng, k);
                let ds: Vec<String> = ms
                    .iter()
                    .map(|m| format!("R{}/{}/{}", ctx.year_of(*m), m, day(rng)))
                    .collect();
                let sep = if rng.chance(0.7) { "、" } else { " " };
                format!("（{}）", ds.join(sep))
            }
            2 => {
                // 10/1、3、28、11/13 4回開催: a day list and its count.
                let ms = months(rng, 2);
                let mut parts = Vec::new();
                let mut n = 0;
                for m in ms {
                    let mut ds: Vec<u32> = (0..rng.range(1, 3)).map(|_| day(rng)).collect();
                    ds.sort_unstable();
                    ds.dedup();
                    n += ds.len();
                    parts.push(format!(
                        "{m}/{}",
                        ds.iter()
                            .map(|d| d.to_string())
                            .collect::<Vec<_>>()
                            .join("、")
                    ));
                }
                format!("（{} {n}回開催{yotei}）", parts.join("、"))
            }
            3 => {
                let m = rng.choose(&FY_MONTHS);
                format!("（{m}/{} 1回）", day(rng))
            }
            4 => {
                let i = rng.below(10);
                let (a, b) = (FY_MONTHS[i], FY_MONTHS[i + rng.range(1, 2)]);
                if ctx.planned() && rng.chance(0.3) {
                    ctx.digits(format!("（～{b}月）"))
                } else {
                    ctx.digits(format!("（{a}～{b}月{yotei}）"))
                }
            }
            5 => {
                let m = rng.choose(&FY_MONTHS);
                format!("（令和{}年{m}月{}日）", ctx.year_of(m), day(rng))
            }
            _ => String::new(),
        },
        Kind::Progress => match rng.weighted(&[3, 3, 2, 2, 3]) {
            0 => {
                let ms = months(rng, 2);
                ctx.digits(format!("（{}月・{}月に開催）", ms[0], ms[1]))
            }
            1 => {
                let m = rng.choose(&FY_MONTHS);
                format!("（{m}/{}開催予定）", day(rng))
            }
            2 => {
                let ms = months(rng, 2);
                format!(
                    "（R{}/{}月、R{}/{}月に開催（予定））",
                    ctx.year_of(ms[0]),
                    ms[0],
                    ctx.year_of(ms[1]),
                    ms[1]
                )
            }
            3 => {
                let m = rng.choose(&FY_MONTHS);
                format!("（R{}/{m}/{}）実施済み", ctx.year_of(m), day(rng))
            }
            _ => String::new(),
        },
    }
}

/// A count parenthesis (or nothing).
pub fn count_note(rng: &mut Rng, ctx: &Ctx) -> String {
    let n = rng.range(1, 12);
    match (ctx.kind, rng.weighted(&[4, 2, 2, 1, 1, 1, 2, 3])) {
        (_, 0) => format!("({n}回)"),
        (_, 1) => ctx.digits(format!("（{n}回開催）")),
        (_, 2) => ctx.digits(format!("（年間{n}回開催）")),
        (_, 3) => "（毎月開催）".into(),
        (_, 4) => "（隔月開催）".into(),
        (_, 5) => "（月1回程度）".into(),
        (Kind::Progress, 6) => {
            let k = rng.range(1, n);
            format!("（{n}回開催予定中、{k}回実施）")
        }
        (Kind::Plan, 6) => format!("（{n}回開催予定）"),
        (_, 6) => format!("（{n}回）"),
        _ => String::new(),
    }
}

/// The bracket of a category heading line: `（年間５回開催）` or nothing.
pub fn heading_note(rng: &mut Rng, ctx: &Ctx) -> String {
    if !rng.chance(0.35) {
        return String::new();
    }
    let n = rng.range(2, 12);
    let yotei = if matches!(ctx.kind, Kind::Plan) {
        "予定"
    } else {
        ""
    };
    ctx.digits(format!("（年間{n}回開催{yotei}）"))
}

/// Verb ending of work other than meetings (surveys, lists, distribution).
fn verb_do(rng: &mut Rng, kind: Kind) -> &'static str {
    match kind {
        Kind::Results | Kind::Issues => rng.choose(&["を実施", "を行った", "を実施した"]),
        Kind::Plan => rng.choose(&["を実施予定", "を行う", "を実施する"]),
        Kind::Progress => rng.choose(&["を実施", "を実施済み", "の準備を進めている", "を実施中"]),
    }
}

/// Verb ending of a meeting, lecture or training.
fn verb(rng: &mut Rng, kind: Kind) -> &'static str {
    match kind {
        Kind::Results | Kind::Issues => {
            rng.choose(&["を開催", "を実施", "を行った", "を開催した", "を実施した"])
        }
        Kind::Plan => rng.choose(&[
            "を開催予定",
            "を実施予定",
            "を開催する",
            "を実施する",
            "を行う",
        ]),
        Kind::Progress => rng.choose(&[
            "を開催",
            "を実施",
            "を開催予定",
            "を実施済み",
            "の準備を進めている",
        ]),
    }
}

fn trainings(rng: &mut Rng, ctx: &Ctx, n: usize) -> String {
    let picks = rng.distinct(TRAINING_TOPICS.len(), n);
    let ms = months(rng, n);
    picks
        .iter()
        .zip(ms)
        .map(|(i, m)| {
            format!(
                "{}(R{}/{m}/{})",
                TRAINING_TOPICS[*i],
                ctx.year_of(m),
                day(rng)
            )
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// Fill the `{…}` slots of `template`.
fn fill(rng: &mut Rng, ctx: &Ctx, template: &str) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    let mut n_used = None;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let value = match slot {
            "actors" => rng.pick(ACTORS).to_string(),
            "meeting" => variety::pick(rng, MEETINGS, variety::MEETINGS).to_string(),
            "topic" => variety::pick(rng, TOPICS, variety::TOPICS).to_string(),
            "city" => ctx.city.clone(),
            "target" => variety::pick(rng, SURVEY_TARGETS, variety::SURVEY_TARGETS).to_string(),
            "subject" => variety::pick(rng, SURVEY_SUBJECTS, variety::SURVEY_SUBJECTS).to_string(),
            "audience" => variety::pick(rng, AUDIENCES, variety::AUDIENCES).to_string(),
            "training" => variety::pick(rng, TRAINING_TOPICS, variety::TRAINING_TOPICS)
                .trim_end_matches("について")
                .to_string(),
            "tool" => variety::pick(rng, TOOLS, variety::TOOLS).to_string(),
            "resource" => variety::pick(rng, RESOURCES, variety::RESOURCES).to_string(),
            "n" => {
                let n = rng.range(2, 4);
                n_used = Some(n);
                ctx.digits(n.to_string())
            }
            "trainings" => {
                let n = n_used.unwrap_or(2);
                trainings(rng, ctx, n)
            }
            "v" => verb(rng, ctx.kind).to_string(),
            "vd" => verb_do(rng, ctx.kind).to_string(),
            "note" => date_note(rng, ctx),
            "cnote" => count_note(rng, ctx),
            other => panic!("unknown slot {{{other}}}"),
        };
        out.push_str(&value);
    }
    out.push_str(rest);
    out
}

/// One activity statement of category `cat` (1–5).
pub fn statement(rng: &mut Rng, ctx: &Ctx, cat: u8) -> String {
    let template = rng.choose(STATEMENTS[cat as usize - 1]);
    let mut s = fill(rng, ctx, template);
    if variety::on() {
        if rng.chance(0.4) {
            s.insert_str(0, rng.choose(variety::PURPOSES));
        }
        let detail = variety::detail(rng);
        if !detail.is_empty() && !detail.starts_with('（') && !s.ends_with('。') {
            s.push('。');
        }
        s.push_str(&detail);
    }
    let follow = match ctx.kind {
        Kind::Results | Kind::Issues => 0,
        Kind::Plan => 1,
        Kind::Progress => 2,
    };
    if rng.chance(0.25) {
        if !s.ends_with('。') {
            s.push('。');
        }
        s.push_str(rng.choose(FOLLOW_UPS[follow]));
    }
    s
}

/// A category heading line: `①会議の開催（年間５回開催）`.
pub fn category_heading(rng: &mut Rng, ctx: &Ctx, cats: &[u8]) -> String {
    let mut s: String = cats.iter().map(|c| MARKERS[*c as usize - 1]).collect();
    s.push_str(CATEGORY_NAMES[cats[0] as usize - 1]);
    if cats[0] == 1 {
        s.push_str(&heading_note(rng, ctx));
    }
    s
}

/// How section 2's text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueStyle {
    /// Plain paragraphs of a few sentences each.
    Prose,
    /// `○` bullets, one per line.
    Circles,
    /// `1.` `2.` … one per line.
    Numbered,
    /// `①…②…③…` inside one paragraph (大東市): not categories.
    Enumeration,
}

/// One issue sentence: from the seed's, or, with the larger pool, mostly
/// combined by [`variety::issue`].
fn issue(rng: &mut Rng, i: usize) -> String {
    if variety::on() && rng.chance(0.85) {
        variety::issue(rng)
    } else {
        ISSUES[i].to_string()
    }
}

/// Lines of section 2 (each line becomes one item).
pub fn issues(rng: &mut Rng, style: IssueStyle) -> Vec<String> {
    match style {
        IssueStyle::Prose => (0..rng.range(1, 3))
            .map(|_| {
                let k = rng.range(1, 3);
                rng.distinct(ISSUES.len(), k)
                    .into_iter()
                    .map(|i| issue(rng, i))
                    .collect::<String>()
            })
            .collect(),
        IssueStyle::Circles => {
            let k = rng.range(1, 3);
            rng.distinct(ISSUES.len(), k)
                .into_iter()
                .map(|i| format!("○{}", issue(rng, i)))
                .collect()
        }
        IssueStyle::Numbered => {
            let k = rng.range(2, 4);
            rng.distinct(ISSUES.len(), k)
                .into_iter()
                .enumerate()
                .map(|(n, i)| format!("{}.{}", n + 1, issue(rng, i)))
                .collect()
        }
        IssueStyle::Enumeration => {
            let k = rng.range(3, 5);
            let points: String = rng
                .distinct(ISSUE_POINTS.len(), k)
                .into_iter()
                .enumerate()
                .map(|(n, i)| {
                    let point = if variety::on() {
                        variety::point(rng)
                    } else {
                        ISSUE_POINTS[i].to_string()
                    };
                    format!("{}{point}", MARKERS[n])
                })
                .collect();
            vec![
                format!("日常の療養支援の4つの場面における取組を医介連携事業と連携し進める中で{points}とのことを明確化した。"),
                {
                    let i = rng.below(ISSUES.len());
                    issue(rng, i)
                },
            ]
        }
    }
}
