//! Splitting header values into entity names (DECISIONS.md rule 10).
//!
//! Always split on 、 , ; 及び および 並びに and line breaks; split on ・ / and
//! white space only when the part before ends in an entity word, so
//! 大東・四條畷医師会 stays whole while 大東市・四條畷市 splits. A legal-form
//! prefix (一般社団法人, 医療法人 …) never ends a name (DECISIONS 30).

const ENTITY_ENDINGS: &[&str] = &[
    "市",
    "町",
    "村",
    "区",
    "県",
    "府",
    "会",
    "課",
    "係",
    "センター",
    "協議会",
    "病院",
    "診療所",
    "法人",
    "事務所",
    "局",
    "部",
    "室",
    "財団",
    "機構",
    "組合",
    "ステーション",
    "クリニック",
    "事業所",
    "保健所",
    "本部",
];

/// Legal forms written before a name; a name never ends with one of them.
const LEGAL_FORMS: &[&str] = &[
    "一般社団法人",
    "公益社団法人",
    "一般財団法人",
    "公益財団法人",
    "社会福祉法人",
    "社会医療法人",
    "医療法人社団",
    "医療法人財団",
    "医療法人",
    "特定非営利活動法人",
    "NPO法人",
    "独立行政法人",
    "地方独立行政法人",
];

fn ends_with_entity_word(s: &str) -> bool {
    ENTITY_ENDINGS.iter().any(|e| s.ends_with(e)) && !is_legal_form(s)
}

/// Words ending the name of a unit inside a body (its centre, office, desk).
const UNIT_ENDINGS: &[&str] = &["センター", "室", "係", "窓口", "事務局", "支所", "分室"];

/// True when the name after a space is a unit of the body before it
/// (`白鷺市医師会 在宅医療サポートセンター`): it names no place of its own
/// and ends as a unit does (DECISIONS 10).
fn is_unit_of_before(right: &str) -> bool {
    let name = right.split(' ').next().unwrap_or("");
    let place_led = name
        .chars()
        .take(5)
        .any(|c| matches!(c, '市' | '町' | '村' | '区' | '県' | '府'));
    !place_led && !is_legal_form_led(name) && UNIT_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// True when `s` starts with a legal form (`社会福祉法人…`).
fn is_legal_form_led(s: &str) -> bool {
    LEGAL_FORMS.iter().any(|f| s.starts_with(f))
}

/// True when `s` is nothing but a legal-form prefix (`一般社団法人`, `(一社)`).
fn is_legal_form(s: &str) -> bool {
    let s = s.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | ' '));
    LEGAL_FORMS.contains(&s)
}

/// Split a normalised header value (lines joined by `\n`) into names.
pub fn split_entities(value: &str) -> Vec<String> {
    let mut firm: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = value.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let rest: String = chars[i..].iter().take(3).collect();
        if matches!(c, '、' | ',' | '，' | ';' | '；' | '\n') {
            firm.push(std::mem::take(&mut cur));
        } else if rest.starts_with("及び")
            || rest.starts_with("並びに")
            || rest.starts_with("および")
        {
            firm.push(std::mem::take(&mut cur));
            i += if rest.starts_with("及び") { 2 } else { 3 };
            continue;
        } else {
            cur.push(c);
        }
        i += 1;
    }
    firm.push(cur);
    let mut out = Vec::new();
    for part in firm {
        soft_split(part.trim(), &mut out);
    }
    out.retain(|s| !s.is_empty());
    out
}

fn soft_split(part: &str, out: &mut Vec<String>) {
    let mut start = 0;
    for (i, c) in part.char_indices() {
        if matches!(c, '・' | '/' | ' ') {
            let left = part[start..i].trim();
            let right = part[i + c.len_utf8()..].trim();
            if ends_with_entity_word(left)
                && right.chars().count() >= 2
                && !(c == ' ' && is_unit_of_before(right))
            {
                out.push(left.to_string());
                start = i + c.len_utf8();
            }
        }
    }
    out.push(part[start..].trim().to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_stay_with_their_name() {
        assert_eq!(
            split_entities("一般社団法人 北浜市医師会"),
            vec!["一般社団法人 北浜市医師会"]
        );
        assert_eq!(
            split_entities("医療法人 港南会、社会福祉法人 緑ヶ丘町社会福祉協議会"),
            vec!["医療法人 港南会", "社会福祉法人 緑ヶ丘町社会福祉協議会"]
        );
        assert_eq!(
            split_entities("公益社団法人 東雲市医師会 東雲市社会福祉協議会"),
            vec!["公益社団法人 東雲市医師会", "東雲市社会福祉協議会"]
        );
        assert_eq!(
            split_entities("一般社団法人 北浜市医師会 在宅医療・介護連携支援センター"),
            vec!["一般社団法人 北浜市医師会 在宅医療・介護連携支援センター"]
        );
        assert_eq!(
            split_entities("北浜市社会福祉協議会 北浜市地域包括支援センター"),
            vec!["北浜市社会福祉協議会", "北浜市地域包括支援センター"]
        );
    }

    #[test]
    fn splits_between_whole_names_only() {
        assert_eq!(
            split_entities("門真市、門真市医師会"),
            vec!["門真市", "門真市医師会"]
        );
        assert_eq!(
            split_entities("大東・四條畷医師会"),
            vec!["大東・四條畷医師会"]
        );
        assert_eq!(
            split_entities("大東市・四條畷市"),
            vec!["大東市", "四條畷市"]
        );
        assert_eq!(
            split_entities("交野市社会福祉協議会 交野市地域包括支援センター"),
            vec!["交野市社会福祉協議会", "交野市地域包括支援センター"]
        );
        assert_eq!(
            split_entities("一社)交野市医師会"),
            vec!["一社)交野市医師会"]
        );
        assert_eq!(split_entities("A市及びB町"), vec!["A市", "B町"]);
    }
}
