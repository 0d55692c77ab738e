//! The larger pool of the honest corpus (issue #15): more of the field's
//! meeting bodies, training formats, tools, publicity media and problems, and
//! the parts a statement is combined from (a purpose before it, a detail after
//! it: participants, venues, response rates), so that few item texts repeat
//! across files, as in real submissions.
//!
//! The words are the field's common vocabulary, written here in our own
//! phrasing. `--pool seed` leaves all of this out and gives the old corpus
//! (83 % of item texts repeated), kept as a second data point.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::rng::Rng;

/// Whether the larger pool is used (`--pool field`, the default); set once by
/// `main` before any file is generated.
static ON: AtomicBool = AtomicBool::new(true);

pub fn set(on: bool) {
    ON.store(on, Ordering::Relaxed);
}

pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// One of `base` or, with the larger pool, of `base` and `more` together.
/// With the seed pool this draws exactly as the old generator did.
pub fn pick<'a>(rng: &mut Rng, base: &[&'a str], more: &[&'a str]) -> &'a str {
    if !on() {
        return rng.choose(base);
    }
    let i = rng.below(base.len() + more.len());
    if i < base.len() {
        base[i]
    } else {
        more[i - base.len()]
    }
}

pub const MEETINGS: &[&str] = &[
    "在宅医療・介護連携推進会議",
    "多職種カンファレンス",
    "地域ケア会議",
    "入退院支援連絡会",
    "訪問看護連絡協議会",
    "在宅医療推進部会",
    "ワーキンググループ",
    "コアメンバー会議",
    "地区別連絡会",
    "顔の見える関係づくり会議",
    "在宅療養支援検討会",
    "看取り支援検討会",
    "医療介護連携協議会",
    "病診連携会議",
    "薬局連携連絡会",
    "歯科在宅連携会議",
    "ケアマネ連絡会",
    "研修企画委員会",
    "災害時対応検討部会",
    "ICT推進部会",
];

pub const TOPICS: &[&str] = &[
    "「退院前カンファレンスの進め方」",
    "「夜間・休日の連絡体制」",
    "「在宅看取りの現状と課題」",
    "「医療的ケア児の支援体制」",
    "「独居高齢者の在宅療養」",
    "「認知症の人の入退院支援」",
    "「後方支援病床の確保」",
    "「訪問歯科と口腔ケア」",
    "「服薬管理と残薬対策」",
    "「在宅酸素療法患者の災害対策」",
    "「意思決定支援の実際」",
    "「多職種の役割分担」",
    "「連携シートの改訂」",
    "「救急搬送時の情報提供」",
    "「在宅緩和ケアの推進」",
];

pub const SURVEY_SUBJECTS: &[&str] = &[
    "退院調整の実施状況",
    "訪問歯科診療の対応可否",
    "在宅での服薬支援の実態",
    "夜間・休日の往診体制",
    "後方支援病床の利用状況",
    "在宅看取りの件数と課題",
    "多職種連携の満足度",
    "ICTツールの利用状況",
    "口腔ケアの実施状況",
    "訪問リハビリテーションの提供体制",
    "在宅酸素療法患者の把握状況",
    "ACPの実施状況と課題",
];

pub const SURVEY_TARGETS: &[&str] = &[
    "市内の診療所",
    "歯科診療所",
    "保険薬局",
    "訪問リハビリテーション事業所",
    "小規模多機能型居宅介護事業所",
    "地域包括支援センター",
    "介護老人保健施設",
    "有料老人ホーム",
    "病院の地域連携室",
    "市内の全訪問看護ステーション",
];

pub const AUDIENCES: &[&str] = &[
    "介護支援専門員",
    "訪問介護員",
    "病棟看護師",
    "薬剤師",
    "歯科衛生士",
    "医療ソーシャルワーカー",
    "リハビリ職",
    "施設職員",
    "自治会役員",
    "家族介護者",
    "大学生",
    "地域のボランティア",
];

pub const TRAINING_TOPICS: &[&str] = &[
    "口腔ケアについて",
    "褥瘡予防について",
    "在宅での服薬管理について",
    "摂食嚥下について",
    "在宅緩和ケアについて",
    "人生会議の進め方について",
    "退院支援の実際について",
    "感染症対策について",
    "フレイル予防について",
    "在宅酸素療法について",
    "医療的ケア児の支援について",
    "グリーフケアについて",
];

pub const TOOLS: &[&str] = &[
    "医療介護連携ネットワーク",
    "多職種連携SNS",
    "在宅療養手帳",
    "情報共有ノート",
    "退院時連携シート",
    "急変時連絡票",
    "お薬手帳の連携欄",
    "オンライン会議システム",
];

pub const RESOURCES: &[&str] = &[
    "在宅医療マップ",
    "医療介護資源ハンドブック",
    "在宅療養ガイドブック",
    "啓発リーフレット",
    "ACP啓発ポスター",
    "訪問看護ステーション一覧",
    "在宅歯科診療の案内",
    "人生会議ノート",
    "在宅医療啓発動画",
    "相談窓口の案内チラシ",
];

/// A purpose written before a statement, ending in a comma.
pub const PURPOSES: &[&str] = &[
    "顔の見える関係づくりのため、",
    "多職種の相互理解を深めるため、",
    "切れ目のない医療と介護の提供に向けて、",
    "在宅療養者の急変時に備えるため、",
    "地域の医療資源を把握するため、",
    "住民の在宅医療への理解を広げるため、",
    "入退院時の情報共有を円滑にするため、",
    "看取りまで支える体制を整えるため、",
    "昨年度の課題をふまえ、",
    "前年度のアンケート結果を受けて、",
    "医師会と協力し、",
    "保健所の助言を得ながら、",
    "地域包括支援センターと連携し、",
    "関係団体の意見を聞きながら、",
    "新型感染症の経験をふまえ、",
    "災害時の在宅療養者支援に向けて、",
    "ICTの活用を広げるため、",
    "専門職の資質向上を図るため、",
    "人生会議を身近なものとするため、",
    "夜間・休日の対応力を高めるため、",
];

const PLACES: &[&str] = &[
    "市役所会議室",
    "保健センター",
    "医師会館",
    "市民会館",
    "地域福祉センター",
    "公民館",
    "病院講堂",
    "コミュニティセンター",
];

/// A detail written after a statement (participants, venue, response rate),
/// or nothing.
pub fn detail(rng: &mut Rng) -> String {
    match rng.weighted(&[4, 2, 2, 2, 1, 1, 1]) {
        0 => format!("参加者{}名。", rng.range(8, 220)),
        1 => format!(
            "（会場：{}、参加者{}名）",
            rng.choose(PLACES),
            rng.range(10, 150)
        ),
        2 => format!("{}機関が参加した。", rng.range(3, 60)),
        3 => format!("回答率は{}％であった。", rng.range(31, 96)),
        4 => format!("（オンライン併用、{}名参加）", rng.range(12, 300)),
        5 => format!("{}部を配布した。", rng.range(2, 60) * 50),
        _ => String::new(),
    }
}

/// Section 2: what the hub found hard, combined from a subject, a finding and
/// an ending.
const ISSUE_SUBJECTS: &[&str] = &[
    "夜間・休日の往診",
    "退院時の情報共有",
    "在宅看取り",
    "後方支援病床の確保",
    "医療的ケア児の在宅療養",
    "独居高齢者の在宅生活",
    "ICTツールの普及",
    "訪問歯科診療",
    "服薬管理",
    "ACPの普及",
    "多職種研修",
    "災害時の電源確保",
    "認知症の人の入院",
    "救急搬送時の連携",
    "住民への周知",
    "訪問看護の人材確保",
];

const ISSUE_FINDINGS: &[&str] = &[
    "対応できる医療機関が限られている",
    "関係機関の間で手順が統一されていない",
    "担い手の負担が一部に偏っている",
    "住民の認知度がまだ低い",
    "参加機関が固定化している",
    "情報共有の方法が事業所ごとに異なる",
    "病院と在宅の役割分担が明確でない",
    "実態を把握するデータが不足している",
    "若い世代の関心が低い",
    "診療所の高齢化が進んでいる",
    "夜間の連絡先が分かりにくい",
    "研修の参加者が伸び悩んでいる",
];

const ISSUE_ENDINGS: &[&str] = &[
    "ため、今後の検討が必要である。",
    "ことが課題である。",
    "ことから、体制の見直しが求められる。",
    "ため、関係機関との協議を続ける必要がある。",
    "状況であり、引き続き取り組む。",
    "ことが明らかになった。",
];

const POINT_ENDINGS: &[&str] = &[
    "の体制整備が必要",
    "について関係機関の共通理解が必要",
    "の実態把握",
    "に向けた人材の確保",
    "の周知方法の見直し",
    "を担う医療機関の拡大",
];

/// One point of an enumeration inside a paragraph (`①…②…`).
pub fn point(rng: &mut Rng) -> String {
    format!(
        "{}{}",
        rng.choose(ISSUE_SUBJECTS),
        rng.choose(POINT_ENDINGS)
    )
}

/// One issue sentence, combined from a subject, a finding and an ending;
/// some carry a figure.
pub fn issue(rng: &mut Rng) -> String {
    let mut s = format!(
        "{}について、{}{}",
        rng.choose(ISSUE_SUBJECTS),
        rng.choose(ISSUE_FINDINGS),
        rng.choose(ISSUE_ENDINGS)
    );
    if rng.chance(0.35) {
        s.push_str(&format!(
            "アンケートでは{}％が困難と回答した。",
            rng.range(12, 78)
        ));
    }
    s
}
