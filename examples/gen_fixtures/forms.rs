//! The six forms of the seed bundle (`/work/shared/seed/000_f72b01b8a35b09c7.txt`,
//! 資料2-1 … 2-6) as data, hand-transcribed. Every string here is seed text; the
//! renderers decide only where it goes. `scripts/fixtures/check_seed.py` checks
//! that each string occurs in the seed.
//!
//! A line keeps its leading category markers (①②…) as in the seed; bullet glyphs
//! are not part of the text (the renderers add Word numbering or a typed `・`).

/// One form (one submission).
pub struct Form {
    /// N of 資料2-N: the form's place in the published bundle.
    pub no: u8,
    /// File-name slug: `2-N_{slug}`.
    pub slug: &'static str,
    /// Short place name for sheet names (`2-1 枚方市`).
    pub place: &'static str,
    /// The form starts with `■ 連携の拠点の取組について`.
    pub title: bool,
    /// The material id line exactly as in the seed, if the seed has one.
    pub material_id: Option<&'static str>,
    pub header: Header,
    /// The five category names of the header row, as this form writes them
    /// (`\n` where the seed shows a wrapped line inside the cell).
    pub categories: [&'static str; 5],
    /// All four sections are rows of one table (寝屋川市).
    pub one_table: bool,
    pub sections: [Section; 4],
}

/// The header table.
pub struct Header {
    /// 実施主体 spans all three rows and 対象地域 is the first sub-label (守口市).
    pub implementer_first: bool,
    pub area: &'static str,
    pub hub: &'static str,
    pub contractor: &'static str,
}

/// Where a section's heading stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HeadingStyle {
    /// A body paragraph before the section's table or paragraphs.
    Body,
    /// A table row spanning every column.
    FullRow,
    /// A left label cell (lines separated by `\n`) with the content on its right.
    Label,
}

/// How the seed arranges a section's lines.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Content {
    /// Body paragraphs (headings, bullets, plain paragraphs) — 枚方市.
    Paragraphs,
    /// One cell, one paragraph per line (merged below the category row, or right
    /// of the label).
    Cell,
    /// One cell holding every line in ONE paragraph, joined by a space (守口市).
    Joined,
    /// One table row per line, the label cell merged vertically over them.
    RowPerLine,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Line {
    /// A category heading line (枚方市: `①会議の開催（年間５回開催）`).
    Heading(&'static str),
    /// A bulleted item (bullet glyph not included).
    Bullet(&'static str),
    /// A plain paragraph / line.
    Para(&'static str),
    /// A line continuing the previous item after a line break (枚方市 section 3:
    /// `先進市視察（７月）…` under `ＩＣＴを活用した情報共有の推進`).
    Cont(&'static str),
    /// A second-level bullet (大東市 section 4 ④; glyph `・` not included).
    SubBullet(&'static str),
}

impl Line {
    pub fn text(&self) -> &'static str {
        match *self {
            Line::Heading(t)
            | Line::Bullet(t)
            | Line::Para(t)
            | Line::Cont(t)
            | Line::SubBullet(t) => t,
        }
    }
}

pub struct Section {
    pub no: u8,
    /// The heading as the seed writes it; for [`HeadingStyle::Label`] the label
    /// cell's lines are separated by `\n`.
    pub heading: &'static str,
    pub style: HeadingStyle,
    /// A row of the five category names precedes the content.
    pub category_row: bool,
    pub body: Content,
    pub lines: &'static [Line],
}

/// The five category names as most forms write them.
pub const CATEGORIES: [&str; 5] = [
    "①会議の開催",
    "②地域の資源の把握・関係機関との調整",
    "③急変時対応等の体制構築等",
    "④在宅医療に係る研修",
    "⑤在宅医療の普及啓発",
];

pub const TITLE: &str = "■ 連携の拠点の取組について";

use Content::*;
use HeadingStyle::*;
use Line::*;

pub fn all() -> [Form; 6] {
    [
        hirakata(),
        neyagawa(),
        moriguchi(),
        kadoma(),
        daito(),
        katano(),
    ]
}

fn hirakata() -> Form {
    Form {
        no: 1,
        slug: "hirakata",
        place: "枚方市",
        title: true,
        material_id: Some("資料 2 — 1"),
        header: Header {
            implementer_first: false,
            area: "枚方市",
            hub: "枚方市医師会",
            contractor: "枚方市医師会",
        },
        categories: CATEGORIES,
        one_table: false,
        sections: [
            Section {
                no: 1,
                heading: "（１）令和6年度の取組実績",
                style: Body,
                category_row: true,
                body: Paragraphs,
                lines: &[
                    Heading("①会議の開催（年間５回開催）"),
                    Bullet("積極的医療機関・保健所・市担当課との担当者会議「今年度の方向性決定・取組みの情報共有・会議前打合せ」（５・６・９月）"),
                    Bullet("積極的医療機関・市担当課・保健所・関係機関（在支診・在支病等）との実務者会議「在宅医療の現状・課題把握」（１０月）"),
                    Bullet("積極的医療機関・保健所との担当者会議「今後の取組みの検討」（３月）"),
                    Heading("②地域の資源の把握・関係機関との調整"),
                    Bullet("市内医療機関を対象に、在宅医療の現状・かかりつけ医の診療支援等に関するアンケート調査を実施"),
                ],
            },
            Section {
                no: 2,
                heading: "（２）令和6年度の取組みを通じた課題",
                style: Body,
                category_row: false,
                body: Paragraphs,
                lines: &[
                    Para("在宅医療に係るアンケート調査結果より、「診療中や夜間・祝休日等の応援体制」「患者急変時のバックベットのレスパイト入院の仕組み」「患者情報共有システム」「保険請求や同行研修等の機会」等の支援ニーズを把握した。関係機関連携による24時間医療体制構築を目指しているが、現状としては、情報共有手段の模索、緊急対応のための人員配置等、数多くの懸念事項がある。引き続き積極的医療機関や市担当部署と協働し、実現可能な緊急対応スキームづくりを目指す。また、情報共有システムを基盤とした関係機関連携について協議し、取組んでいく。"),
                ],
            },
            Section {
                no: 3,
                heading: "（３）令和7年度の取組計画",
                style: Body,
                category_row: true,
                body: Paragraphs,
                lines: &[
                    Heading("①会議の開催（年間５回開催予定）"),
                    Bullet("積極的医療機関・保健所・市担当課との担当者会議「今年度の方向性決定・取組みの情報共有・会議前打合せ」（５・６月、１０月）"),
                    Bullet("積極的医療機関・診療所・市担当課・保健所との意見交換会「在宅医療の現状・課題把握、多職種連携体制づくり」（１１月予定）"),
                    Bullet("積極的医療機関・保健所との担当者会議「今後の取組みの検討」（２～３月予定）"),
                    Heading("②地域の資源の把握・関係機関との調整"),
                    Bullet("ACPIに関する冊子の作成・配布、利用者・患者への啓発につなげる（１２～１月予定）"),
                    Bullet("在宅主治医不在時等の看取り代診システム構築に向けた検討（～３月）"),
                    Bullet("ＩＣＴを活用した情報共有の推進"),
                    Cont("先進市視察（７月）、ＩＣＴ活用のスキーム、運用規約・様式・サポート体制案等を作成（１１～２月予定）"),
                    Heading("④在宅医療に係る研修"),
                    Bullet("ＩＣＴネットワークシステム説明会を開催 連携の拠点・積極的医療機関（医師・看護師・MSW）担当者、行政職員対象（６月）"),
                    Heading("⑤在宅医療の普及啓発"),
                    Bullet("在宅医療の現状やACPIについての講演会を開催 民生委員対象（６月）"),
                ],
            },
            Section {
                no: 4,
                heading: "（４）令和7年度の進捗状況",
                style: Body,
                category_row: false,
                body: Paragraphs,
                lines: &[
                    Bullet("①担当者会議は５月・６月に開催。今年度の取組み検討・決定、意見交換会・研修会等の事前打ち合わせを行った。１１月開催の意見交換会では、診療所の在宅医療の現状共有やＩＣＴを活用した多職種連携体制づくりについて協議予定。２～３月開催の担当者会議では、今後の取組みを検討予定。"),
                    Bullet("②１月頃までに、医療介護関係者と協働し、ACPIに係る意向等を記載する冊子を作成予定。居宅介護支援事業所や訪問看護ステーション等から利用者・患者へ配布、啓発することを想定している。"),
                    Bullet("②今年度、在宅主治医不在時等の看取り代診システム構築に向け、医師会内での検討及び訪問看護ステーションとの調整を図る。"),
                    Bullet("②④ＩＣＴ活用による情報共有を検討。６月、連携の拠点・積極的医療機関、行政を対象としたバイタルリンクシステム説明会を開催。システム概要・管理方法・使用方法等を把握した。７月には同システム運用中の堺市医師会へ視察。実際の管理・運用方法、システム活用のメリット・課題等を理解した。"),
                    Bullet("⑤在宅医療の普及啓発として、６月、民生委員を対象に、在宅医療の現状やACPIに関する講演会を開催した。"),
                    Para("在宅主治医不在時等の在宅診療支援体制、ＩＣＴを活用した患者情報共有システム構築のためには、人員確保やスキームの改良等、いまだ課題は残る。在宅医療に係る研修・普及啓発の継続も必要。引き続き積極的医療機関や市担当部署と協働し、地域で完結した24時間医療体制づくりを目指し、取り組んでいく。"),
                ],
            },
        ],
    }
}

fn neyagawa() -> Form {
    Form {
        no: 2,
        slug: "neyagawa",
        place: "寝屋川市",
        title: true,
        material_id: Some("資料 2－2"),
        header: Header {
            implementer_first: false,
            area: "寝屋川市",
            hub: "寝屋川市医師会",
            contractor: "寝屋川市",
        },
        categories: [
            "①会議の開催",
            "②地域の資源の把握・\n関係機関との調整",
            "③急変時対応等の\n体制構築等",
            "④在宅医療に係る研修",
            "⑤在宅医療の普及啓発",
        ],
        one_table: true,
        sections: [
            Section {
                no: 1,
                heading: "（１）令和6年度の実績",
                style: FullRow,
                category_row: true,
                body: Cell,
                lines: &[
                    Para("①②行政視点と、医療機関視点をともに集約する２種類の会議を開催。課題抽出を行う際、現在の行政の視点からみた神経筋難病患者に対する医療資源、連携の課題を抽出する会議をおこないながら、地域の医療資源に対してのその課題解決を行政とは毎月、積極的医療機関とは隔月で意見交換会を行った。"),
                    Para("拠点としては、神経筋難病患者の在宅医療の実態、人工呼吸器等の電源依存患者の実態調査を行い、人数を推定するとともに、地域で対応できる医療機関をヒアリング抽出し、市内の神経筋難病患者が通院する病院群に情報提供を行った。"),
                    Para("③積極的医療機関に対し、24時間対応ができる体制や連携の実態について、アンケートを行った。"),
                    Para("④わがやねやがわACPワーキンググループ主催の小規模通いの場への市民啓発活動へ参加協力した。"),
                    Para("⑤寝屋川市医師会で発行しているかかりつけ医療資源マップの作成と配布を行った。"),
                ],
            },
            Section {
                no: 2,
                heading: "（２）\n令和6年度の\n取り組みを\n通じた課題",
                style: Label,
                category_row: false,
                body: RowPerLine,
                lines: &[
                    Para("1.神経筋難病患者に加え、精神身体障害合併患者の在宅医療、小児慢性疾患の方の在宅医療、その他難病の方の在宅医療を提供できる資源調整の課題。"),
                    Para("2.24時間体制、緊急体制を実践するうえでの支援内容を抽出するために具体的な、より詳しいヒアリングによる情報収集が必要。"),
                    Para("3.ACP普及啓発の担い手としての協力者の確保。"),
                ],
            },
            Section {
                no: 3,
                heading: "（３）令和7年度の実践計画",
                style: FullRow,
                category_row: true,
                body: Cell,
                lines: &[
                    Para("①②行政視点と、医療機関視点をともに集約する２種類の会議を開催。現在、寝屋川市とともに現在の行政の視点からみた医療資源、連携の課題を抽出する会議をおこないながら、地域の医療資源に対してのその課題解決を行政とは毎月、積極的医療機関とは隔月で行い続ける。"),
                    Para("精神身体合併患者の在宅医療のニーズを拾い上げ、医療機関につなげていくための流れについて検討考察し、次年度からの実践計画を策定する。"),
                    Para("③24時間体制や連携の実態について、市内の全クリニックを対象に個別のインタビューを開始する。"),
                    Para("④市民啓発活動のイベント開催協力"),
                    Para("⑤かかりつけ医療資源マップの作成と配布を継続する"),
                ],
            },
            Section {
                no: 4,
                heading: "（４）\n令和7年度の\n進捗状況",
                style: Label,
                category_row: false,
                body: RowPerLine,
                lines: &[
                    Para("①②拠点・保健所・市担当課での会議（12回開催予定中、7回実施）拠点・積極的医療機関（6回開催予定）"),
                    Para("③インタビューフォームは作成終了し、インタビューの訪問スケジュールを作成中で10月より調査開始予定"),
                    Para("④ACPワーキンググループ主催の市民向けACP講座を令和7年10月25日に講師として参加予定。"),
                    Para("⑤前年度配布冊子を増刷予定"),
                ],
            },
        ],
    }
}

fn moriguchi() -> Form {
    Form {
        no: 3,
        slug: "moriguchi",
        place: "守口市",
        title: false,
        material_id: None,
        header: Header {
            implementer_first: true,
            area: "守口市",
            hub: "守口市",
            contractor: "守口市高齢介護課",
        },
        categories: CATEGORIES,
        one_table: false,
        sections: [
            Section {
                no: 1,
                heading: "（１）令和6年度の実績",
                style: FullRow,
                category_row: true,
                body: Joined,
                lines: &[
                    Para("①連携の拠点と積極的医療機関、在宅介護の関係機関(第2回から)の参加する「在宅医療の推進に向けた会議」の開催(4回)"),
                    Para("②「守口市地域づくり連携会議」において地域の障がい福祉事業所や医療機関等の有機的なネットワークづくり(7回)、交流学習会（10月）"),
                    Para("③関係機関と情報共有し、救急安心カード・救急安心カプセルの配布等の日常療養支援資材の活用の促し"),
                    Para("③介護事業者連絡会 会長会で救急搬送時の課題を共有及びACPの取組の実態や現状について各連絡会にて調査"),
                    Para("④【医介連携】地域包括支援センター全体会ACP講演会(6月)"),
                    Para("⑤エンディングノートについて第3包括圏域地域支援ネットワーク会議で聞き取り。病院とACP普及啓発における課題点等を共有"),
                ],
            },
            Section {
                no: 2,
                heading: "（２）\n令和6年度の\n取り組みを\n通じた課題",
                style: Label,
                category_row: false,
                body: Cell,
                lines: &[
                    Para("○地域包括ケアシステムに基づく会議体や連携体制は整っているため、今後、医療を含めた連携体制の整備が必要。"),
                ],
            },
            Section {
                no: 3,
                heading: "（３）令和7年度の実績",
                style: FullRow,
                category_row: true,
                body: Joined,
                lines: &[
                    Para("①連携の拠点と積極的医療機関、消防本部、在宅面で関わる各機関が参加する「在宅医療の推進に向けた会議」の開催(6回)。さらなる連携の推進のため、医師会等に参加を呼びかけ、メンバーの充実を図る。"),
                    Para("②「守口市地域づくり連携会議」での地域の障がい福祉事業所や医療機関等の有機的なネットワークづくり（7回）、交流学習会（10月）"),
                    Para("②退院時における在宅医療・サービスへの速やかな移行のため、要介護認定の過程に対する条件やルールの検討及び退院直後の短期集中支援の仕組み作りについて検討"),
                    Para("③⑤外出中に救急要請した際に活用できる「安心カード」の配布・検証方法及び次年度作成分の記載内容について検討"),
                    Para("④⑤介護職・民生委員等向け（一般住民も参加可）に、在宅医療・ACPに関するパネルディスカッション（3月）"),
                    Para("⑤高齢者大学でACPについて一コマ講義（前年度に働きかけ・講師紹介）"),
                ],
            },
            Section {
                no: 4,
                heading: "（４）\n令和7年度の\n進捗状況",
                style: Label,
                category_row: false,
                body: Joined,
                lines: &[
                    Para("①前半3回の会議では「入退院支援・日常療養支援」、「急変時対応・看取り」のグループに分かれて昨年度抽出した課題を踏まえて具体的な取組を検討。後半3回の会議で取組の詳細について検討、評価をし、次年度に向けた検討予定。"),
                    Para("②地域生活支援拠点等の整備・拡充を目的に、地域の障がい福祉事業所等の関係機関と有機的なネットワークづくりとして月1回程度の連絡会議・年1回関係機関との交流学習会を開催。"),
                    Para("②会議(①)で認定を早める対象や自費サービスも含めた退院直後の短期集中支援の仕組み作りについて検討中。"),
                    Para("③⑤会議(①)で協議した計画を元に、「安心カード」について10月からモデル配布開始。配布時にアンケートを取り、1月頃に実績確認。本人の意思表示の記入欄作成等、次年度分の作成に向けて記載内容について検討予定。"),
                    Para("④⑤会議(①)で協議している計画を元に、介護職・民生委員等向け（一般住民も参加可）に看取り時や急変時について事例を踏まえ、在宅医療・ACPの観点から理解を深めてもらうためのパネルディスカッションを3月に実施予定。"),
                    Para("⑤1月に高齢者大学で前年度に働きかけ・調整を行ったACPについて1コマ講義。"),
                ],
            },
        ],
    }
}

fn kadoma() -> Form {
    Form {
        no: 4,
        slug: "kadoma",
        place: "門真市",
        title: false,
        material_id: None,
        header: Header {
            implementer_first: false,
            area: "門真市",
            hub: "門真市、門真市医師会",
            contractor: "門真市医師会",
        },
        categories: CATEGORIES,
        one_table: false,
        sections: [
            Section {
                no: 1,
                heading: "(1) 令和6年度の実績",
                style: FullRow,
                category_row: true,
                body: Cell,
                lines: &[
                    Para("①関係機関の連携に際する問題点の抽出と解決に向けた調整のための門真市在宅医療連携拠点事業連絡会開催(7回)"),
                    Para("②医療や介護・障がい福祉等の関係機関からの在宅医療等に係る相談窓口の設置（平日9時～13時）"),
                    Para("②看取りに関する対応調査、一覧を作成"),
                    Para("②蘇生を望まない心肺停止傷病者への救急隊の標準的ガイドラインの周知"),
                    Para("③24時間対応体制の構築に向けた関係機関会議の支援（7診療所が機能強化型在宅療養支援診療所としてグループ診療体制を構築）"),
                ],
            },
            Section {
                no: 2,
                heading: "(2)\n令和6年度の\n取り組みを\n通じた課題",
                style: Label,
                category_row: false,
                body: Cell,
                lines: &[
                    Para("○「連携の拠点」の取組について関係機関への周知が必要。"),
                    Para("○対象者及び関わる事業者が重なることから、医介連携事業と連携の拠点事業を混同されている方がおられる。医介連携事業は、介護の範疇で必要な医療との調整で、連携の拠点の事業は、医療の範疇での在宅医療に関する案件の調整であることを周知していく必要がある。"),
                ],
            },
            Section {
                no: 3,
                heading: "(3) 令和7年度の実績",
                style: FullRow,
                category_row: true,
                body: Cell,
                lines: &[
                    Para("①関係機関の連携に際する問題点の抽出と解決に向けた調整及び解決を確認するための門真市在宅医療連携拠点事業連絡会開催(10回)"),
                    Para("②積極的医療機関や介護・障がい福祉等の関係機関からの在宅医療等に係る相談窓口の設置（平日9時～13時）"),
                    Para("②医療、介護、障がい福祉サービスの所在地や機能等の把握、多職種との情報共有。"),
                    Para("③24時間対応体制の構築に向けた門真市医師会在宅医療サポートAチームの支援（8月）"),
                    Para("④門真市医師会在宅医療サポートチーム数の増加・拡大に向けた医師向けの研修（8月、12月）"),
                    Para("⑤エンディングノートを活用した市民や在宅医療関係者へのACPの研修（11月）"),
                ],
            },
            Section {
                no: 4,
                heading: "(4)\n令和7年度の\n進捗状況",
                style: Label,
                category_row: false,
                body: Cell,
                lines: &[
                    Para("①4つの医療機能確保に向け、医療・介護・障がい福祉資源の把握、地域の実情に応じた24時間体制の構築に向けた関係機関との会議を開催。関係団体が連携する際の問題点の抽出及び解決に向けた調整のために協議。"),
                    Para("②医師会内に相談窓口を設置し、積極的医療機関や介護・障がい福祉などの関係機関からの在宅医療等に係る相談に随時対応。相談対応以外の時間帯で医療、介護、障がい福祉サービスの所在地や機能などを把握し、多職種との情報共有などを実施。"),
                    Para("③24時間対応体制の構築に向けた門真市医師会在宅医療サポートAチームの支援を8月に実施。"),
                    Para("④医師向けに門真市医師会在宅医療サポートAチームによる活動報告を踏まえて門真市内における在宅往診チームの増加・拡大のための研修を8月に実施。12月にも実施予定。"),
                    Para("⑤在宅医療へのACPに対する理解促進・普及啓発について、エンディングノートを用いた市民や在宅医療関係者への研修を11月に開催予定。"),
                ],
            },
        ],
    }
}

fn daito() -> Form {
    Form {
        no: 5,
        slug: "daito",
        place: "大東市・四條畷市",
        title: true,
        material_id: Some("資料 2—5"),
        header: Header {
            implementer_first: false,
            area: "大東市、四條畷市",
            hub: "大東・四條畷医師会",
            contractor: "大東市、四條畷市",
        },
        categories: CATEGORIES,
        one_table: false,
        sections: [
            Section {
                no: 1,
                heading: "（１）令和6年度の取組実績",
                style: Body,
                category_row: true,
                body: Cell,
                lines: &[
                    Para("①在支診間の連携強化、在宅診療上の課題解決に向けた懇話会・会議を実施（R6/7/13、R7/1/7）。 参加医療機関の中から強化型在支診を申請するに至った。"),
                    Para("②積極的医療機関における非常用電源貸出の運用検討会（R6/10/15 R7/2/22）。"),
                    Para("③救急隊、介護・医療職の多職種チームで救急医療体制の検討（R7/2/20）。"),
                    Para("④関係機関向けに在宅医療に係る研修会を3回実施（在宅医療について(R6/12/7)、急変時対応について(R7/1/11)、在宅看取りについて(R7/2/1)）。"),
                    Para("⑤在宅医療やかかりつけ医、ACPについての知識と理解促進のため地域住民対象の研修会を実施（R7/3/1）。"),
                    Para("※②は医介連携事業で実施"),
                ],
            },
            Section {
                no: 2,
                heading: "（２）\n令和6年度の\n取り組みを\n通じた課題",
                style: Label,
                category_row: false,
                body: Cell,
                lines: &[
                    Para("日常の療養支援の4つの場面における取組を医介連携事業と連携し進める中で①地域住民のACPの理解を推進②4つの場面における患者の必要な情報の迅速かつ効率的な共有手段が必要③地域住民が在宅医療について身近に感じ理解する十分な機会が必要とのことを明確化した。"),
                    Para("また、在宅医療の更なる拡充を目指すためには、④専門職の知識の更なる向上⑤在宅医療を担う医療機関が抱える課題の解決策を見出すためにも実態を把握をする必要がある。"),
                ],
            },
            Section {
                no: 3,
                heading: "（３）令和7年度取組計画",
                style: Body,
                category_row: true,
                body: Cell,
                lines: &[
                    Para("①在支診間の連携強化、在宅診療上の課題解決に向けた懇話会の開催（2回）。"),
                    Para("②③在宅患者の急変時の課題抽出及び解決策検討の会議（2回）"),
                    Para("②訪問診療の現状と課題を把握するため、訪問診療・往診を行う医療機関へアンケートを実施"),
                    Para("④関係機関向けに在宅医療に係る研修会を実施（急変時対応について(R7/9/6)、医療と介護連携について(R8/2/28)）"),
                    Para("⑤在宅医療やACP普及啓発のため地域住民対象の研修を実施（嚥下・栄養について(R7/11/15)、多職種連携から看取りについて(R7/1/24)) 予定"),
                ],
            },
            Section {
                no: 4,
                heading: "（４）\n令和7年度の\n進捗状況",
                style: Label,
                category_row: false,
                body: Cell,
                lines: &[
                    Para("①在支診間の連携強化、在宅診療上の課題解決に向けた懇話会はR7/11月、R8/3月に開催（予定）。"),
                    Para("②③在宅患者の急変時の課題抽出及び解決策検討の会議はR7/10月、R8/2月に開催（予定）。"),
                    Para("②訪問診療の現状と課題を把握するため、訪問診療・往診を行う医療機関へアンケートをR7/11月に実施(予定)。"),
                    Para("④関係機関向けに在宅医療に係る研修会については下記の通り実施及び準備を進めている。"),
                    SubBullet("急変時対応研修（R7/9/6）実施済み。"),
                    SubBullet("医療と介護の連携については講師選定等準備中(R8/2/28予定)。"),
                    Para("⑤在宅医療やACP普及啓発のため地域住民対象の研修(R8/1/24 予定)については講師選定・依頼を行い実施に向けて準備を進めている。"),
                ],
            },
        ],
    }
}

fn katano() -> Form {
    Form {
        no: 6,
        slug: "katano",
        place: "交野市",
        title: false,
        material_id: None,
        header: Header {
            implementer_first: false,
            area: "交野市",
            hub: "一社）交野市医師会",
            contractor: "交野市社会福祉協議会 交野市地域包括支援センター",
        },
        categories: CATEGORIES,
        one_table: false,
        sections: [
            Section {
                no: 1,
                heading: "（１）令和6年度の取組実績",
                style: Body,
                category_row: true,
                body: Cell,
                lines: &[
                    Para("①ACP をふまえた在宅医療に係る医療と救急活動検討会議を開催（9/11 1回）"),
                    Para("①②在宅医療における終末期医療体制を検討する中で、「望まない救急搬送」について消防本部、保健所を含めた多機能職種との認識共有を深める等の意見交換会議の開催。（10/1、3、28、11/13、R7/1/16、2/21、28 7回開催）"),
                    Para("③ACP をふまえた在宅医療における終末期医療体制の整備を検討。医介連携事業を基本とした多職種連携によるACP の普及推進と連携の強化を踏まえ、拠点として在宅医療における終末期医療体制の整備について検討"),
                ],
            },
            Section {
                no: 2,
                heading: "（２）令和6年度の取り組みを通じた課題",
                style: Label,
                category_row: false,
                body: Cell,
                lines: &[
                    Para("市民が自らが望む終末期医療について、家族や医師・ケアチームが本人と家族の思いを共有できる仕組みづくりが必要であるが、市民のACPの認知度は低く、ACP普及の取組みが充分とは言えない状況。"),
                    Para("そこで、ACP普及を基本とした多職種連携チームを立ち上げ、市民へのACPなどの知識を高める取り組み等を展開すると共に、ACPに係る多職種連携のさらなる強化を図る。"),
                ],
            },
            Section {
                no: 3,
                heading: "（３）令和7年度取組計画",
                style: Body,
                category_row: true,
                body: Cell,
                lines: &[
                    Para("①ACPに係る多職種チーム（以下、チーム）を立ち上げ、3つのグループ（チームの活動方針等を決定するコアメンバーによるグループ、チームメンバー向け内部研修等を企画するグループ、市民向けACPの普及啓発推進グループ）を設置し、企画等の検討を行う会議を開催。また、各グループの取組は、チーム会議（委員会）において進捗状況の共有化を図ると共に意見交換等を行っている（6回）。"),
                    Para("②市内4中学校区にある拠点となる施設において、地域の住民を対象に、ACPに係る個別説明会を開催し意見交換を行う。その内容をふまえ、コアグループにおいて、ACPの普及に係る課題や解決策について検討する。"),
                    Para("④広く市民にACPの普及・啓発を図るための専門的知識や好事例についてのチーム内研修会を開催（1回）市民へのACP普及啓発を目的とし、市民向け研修会を開催（1回）。また、これまで市等関係機関間で取り組んできた災害訓練の機会を活用し、在宅医療の方まで視点を広げた課題を抽出し、災害時医療救護に係る地域の医師等への研修会を医師等を対象に開催（1回）。"),
                    Para("⑤市民を対象とした福祉イベントの機会を活用した、ACP普及に向けた専用ブースの設置による周知と啓発グッズ等の配布"),
                ],
            },
            Section {
                no: 4,
                heading: "（４）令和7年度の進捗状況",
                style: Label,
                category_row: false,
                body: Cell,
                lines: &[
                    Para("①コアグループの会議は随時開催（集約中）。第1回チーム会議（委員会）10/20開催予定"),
                    Para("②子育てサロンにおける説明会 9/2開催、民生児童委員会における説明会 9/16開催"),
                    Para("④市・四條畷保健所等災害時合同訓練に併設し、在宅医療の方を含む災害時医療救護に係る研修会 9/27開催"),
                    Para("⑤市民フォーラムにおいて、市民を対象にACPに係る研修会 9/13開催"),
                ],
            },
        ],
    }
}
