//! Splitting a content line into items: bullets, enumerators, leading markers and
//! markers in the middle of a line (DECISIONS.md rules 2–4).

use super::lines::{leading_markers, marker_value};

/// One piece of a content line: its own leading markers and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub markers: Vec<u8>,
    pub text: String,
}

const BULLETS: &[char] = &[
    '・', '○', '●', '◎', '◆', '◇', '■', '□', '▪', '-', '–', '*', '•', '◦', '➢', '▶', '►',
];

/// Strip one leading bullet glyph or enumerator (`1.`, `(1)`, `1)`) when text follows.
pub fn strip_bullet(s: &str) -> &str {
    let t = s.trim_start();
    if let Some(c) = t.chars().next() {
        if BULLETS.contains(&c) {
            let rest = t[c.len_utf8()..].trim_start();
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    let b = t.as_bytes();
    let digits = |i: usize| b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let (start, open) = if b.first() == Some(&b'(') {
        (1, true)
    } else {
        (0, false)
    };
    let d = digits(start);
    if (1..=2).contains(&d) {
        let after = start + d;
        let closer = b.get(after).copied();
        let ok = if open {
            closer == Some(b')')
        } else {
            closer == Some(b'.') || closer == Some(b')')
        };
        if ok {
            let rest = t[after + 1..].trim_start();
            // "2.24時間" is an enumerator before a number; "1.5倍" would need a digit run
            // after the dot with no further text, which is not an item start we expect.
            if !rest.is_empty() && !rest.starts_with(['/', '.', ':']) {
                return rest;
            }
        }
    }
    t
}

/// True when the marker at byte `i` of `s` is a reference (会議(①), ②は …), not an item start.
fn is_reference(s: &str, i: usize, depth: i32) -> bool {
    if depth > 0 {
        return true;
    }
    let mut after = s[i..]
        .chars()
        .skip(1)
        .skip_while(|c| marker_value(*c).is_some());
    let next = after.next();
    matches!(
        next,
        Some(
            'は' | 'が'
                | 'を'
                | 'の'
                | 'で'
                | 'に'
                | 'と'
                | 'も'
                | 'へ'
                | 'や'
                | '、'
                | ')'
                | '）'
                | ','
                | '・'
        )
    ) || next.is_none()
}

/// Split a line of sections 1, 3 and 4 into pieces at item-starting markers.
pub fn split_marked(line: &str) -> Vec<Piece> {
    let line = strip_bullet(line);
    let mut starts = Vec::new();
    let mut depth = 0i32;
    let mut prev_marker = false;
    for (i, c) in line.char_indices() {
        match c {
            '(' | '（' | '「' | '【' | '『' | '[' => depth += 1,
            ')' | '）' | '」' | '】' | '』' | ']' => depth = (depth - 1).max(0),
            _ => {}
        }
        let is_marker = marker_value(c).is_some();
        if is_marker && !prev_marker && (i == 0 || !is_reference(line, i, depth)) {
            starts.push(i);
        }
        prev_marker = is_marker;
    }
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let mut pieces = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(line.len());
        let seg = line[s..e].trim();
        if seg.is_empty() {
            continue;
        }
        let (markers, rest) = leading_markers(seg);
        let text = strip_bullet(rest).trim().to_string();
        if text.is_empty() && markers.is_empty() {
            continue;
        }
        pieces.push(Piece { markers, text });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_and_enumerators() {
        assert_eq!(strip_bullet("・急変時対応研修"), "急変時対応研修");
        assert_eq!(strip_bullet("○地域包括"), "地域包括");
        assert_eq!(strip_bullet("2.24時間体制"), "24時間体制");
        assert_eq!(strip_bullet("(1)地域住民"), "地域住民");
        assert_eq!(strip_bullet("10/1開催"), "10/1開催");
        assert_eq!(
            strip_bullet("※②は医介連携事業で実施"),
            "※②は医介連携事業で実施"
        );
    }

    #[test]
    fn markers_mid_line_split() {
        let p = split_marked("①会議の開催(4回) ②ネットワークづくり(7回) ③⑤カードの配布");
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].markers, vec![1]);
        assert_eq!(p[1].text, "ネットワークづくり(7回)");
        assert_eq!(p[2].markers, vec![3, 5]);
    }

    #[test]
    fn references_do_not_split() {
        let p = split_marked("②会議(①)で認定を早める対象について検討中。");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].text, "会議(①)で認定を早める対象について検討中。");
        let p = split_marked("※②は医介連携事業で実施");
        assert_eq!(
            p,
            vec![Piece {
                markers: vec![],
                text: "※②は医介連携事業で実施".into()
            }]
        );
    }

    #[test]
    fn brackets_and_date_lists_stay_with_their_sentence() {
        let p = split_marked("④関係機関向けに研修会を3回実施(在宅医療について(R6/12/7)、急変時対応について(R7/1/11))。");
        assert_eq!(p.len(), 1);
        assert!(p[0].text.ends_with("(R7/1/11))。"));
        let p = split_marked("①②意見交換会議の開催。(10/1、3、28、11/13、R7/1/16 7回開催)");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].markers, vec![1, 2]);
        assert!(p[0].text.ends_with("7回開催)"));
        let p = split_marked("・「①会議と②研修」について検討");
        assert_eq!(
            p,
            vec![Piece {
                markers: vec![],
                text: "「①会議と②研修」について検討".into()
            }]
        );
    }
}
