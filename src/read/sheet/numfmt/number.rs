//! Numbers shown through a format code: digits placed in `0`/`#`/`?`
//! placeholders (extra integer digits go to the leftmost), decimals rounded
//! half away from zero on 15 significant digits as Excel does, `,` grouping
//! and scaling, `%`, `E+` exponents; literal text kept where it stands.

use super::{text, NumFmt, Tok};

impl NumFmt {
    /// A number shown through the code.
    pub fn number(&self, v: f64) -> String {
        let toks = &self.toks;
        let digit = |t: &Tok| matches!(t, Tok::Digit(_));
        if !v.is_finite() || (toks.contains(&Tok::Slash) && toks.iter().any(digit)) {
            // Fractions (`# ?/?`) are not shown as such.
            return text::number(v);
        }
        let end = toks.iter().position(|t| matches!(t, Tok::Exp(_)));
        let mantissa = &toks[..end.unwrap_or(toks.len())];
        let point = mantissa.iter().position(|t| *t == Tok::Point);
        let int_end = point.unwrap_or(mantissa.len());
        let ints: Vec<usize> = (0..int_end).filter(|&i| digit(&toks[i])).collect();
        let decs: Vec<usize> = (int_end..mantissa.len())
            .filter(|&i| digit(&toks[i]))
            .collect();
        let last_digit = mantissa.iter().rposition(digit);
        let scale = mantissa
            .iter()
            .enumerate()
            .filter(|(i, t)| **t == Tok::Comma && last_digit.is_some_and(|l| *i > l))
            .count();
        let group = ints.first().zip(ints.last()).is_some_and(|(&a, &b)| {
            (a..b).any(|i| toks[i] == Tok::Comma && last_digit.is_some_and(|l| i < l))
        });
        let percent = toks.iter().filter(|t| **t == Tok::Percent).count();
        let mut a =
            v.abs() * 100f64.powi(percent.min(4) as i32) / 1000f64.powi(scale.min(4) as i32);
        let mut exp = None;
        if end.is_some() && a > 0.0 {
            let e = a.log10().floor() as i32 + 1 - ints.len().max(1) as i32;
            a /= 10f64.powi(e);
            exp = Some(e);
        }
        let (mut int, frac) = fixed(a, decs.len());
        if let (Some(e), true) = (exp.as_mut(), int.len() > ints.len().max(1)) {
            // Rounding carried into one more integer digit (9.99 → 10.0).
            let (i2, _) = fixed(a / 10.0, decs.len());
            *e += 1;
            int = i2;
        }
        let mut slot: Vec<String> = vec![String::new(); toks.len()];
        let digits = int.trim_start_matches('0');
        if ints.is_empty() {
            // `.00`: integer digits go before the point; a format of literals
            // only (`"済"`) shows no digits.
            if let Some(s) = point
                .or(decs.first().copied())
                .and_then(|at| slot.get_mut(at))
            {
                s.push_str(digits);
            }
        } else if group {
            let zeros = ints.iter().filter(|&&i| toks[i] == Tok::Digit('0')).count();
            slot[ints[0]] = grouped(&format!("{digits:0>zeros$}"));
        } else {
            let mut rest: Vec<char> = digits.chars().collect();
            for (k, &i) in ints.iter().enumerate().rev() {
                slot[i] = match rest.pop() {
                    Some(d) if k == 0 => rest.drain(..).chain([d]).collect(),
                    Some(d) => d.to_string(),
                    None if toks[i] == Tok::Digit('0') => "0".into(),
                    None => String::new(),
                };
            }
        }
        let frac: Vec<char> = frac.chars().collect();
        let keep = (0..decs.len())
            .rev()
            .find(|&k| toks[decs[k]] == Tok::Digit('0') || frac.get(k) != Some(&'0'));
        for (k, &i) in decs.iter().enumerate() {
            if keep.is_some_and(|keep| k <= keep) {
                slot[i].extend(frac.get(k));
            }
        }
        let mut out = String::new();
        let shows_digits = slot
            .iter()
            .any(|s| s.chars().any(|c| ('1'..='9').contains(&c)));
        if v < 0.0 && (shows_digits || toks.contains(&Tok::General)) {
            out.push('-');
        }
        for (i, t) in toks.iter().enumerate() {
            out.push_str(&slot[i]);
            match t {
                Tok::Lit(s) => out.push_str(s),
                Tok::Point => out.push('.'),
                Tok::Percent => out.push('%'),
                Tok::Slash => out.push('/'),
                Tok::General => out.push_str(&text::number(a)),
                Tok::Date(c, n) => out.extend(std::iter::repeat_n(*c, *n)),
                Tok::Exp(plus) => {
                    let e = exp.unwrap_or(0);
                    let width = toks[i..].iter().filter(|t| digit(t)).count();
                    out.push('E');
                    if e < 0 {
                        out.push('-');
                    } else if *plus {
                        out.push('+');
                    }
                    out.push_str(&format!("{:0>width$}", e.unsigned_abs()));
                }
                Tok::Digit(_) | Tok::Comma => {}
            }
            if matches!(t, Tok::Exp(_)) {
                break;
            }
        }
        if let Some(e) = end {
            // Literal text after the exponent's digits.
            for t in &toks[e..] {
                if let Tok::Lit(s) = t {
                    out.push_str(s);
                }
            }
        }
        out
    }
}

/// `a` (≥ 0) with `n` decimals, rounded half away from zero on its 15
/// significant digits as Excel does: (integer digits, decimal digits).
fn fixed(a: f64, n: usize) -> (String, String) {
    let n = n.min(30);
    let s = format!("{a:.14e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let sig: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    let n_int = exp + 1;
    let (mut int, mut frac): (Vec<u8>, Vec<u8>) = if n_int <= 0 {
        let lead = usize::try_from(-n_int).unwrap_or(0).min(400);
        (vec![b'0'], [vec![b'0'; lead], sig].concat())
    } else if n_int as usize >= sig.len() {
        let trail = (n_int as usize - sig.len()).min(400);
        ([sig, vec![b'0'; trail]].concat(), Vec::new())
    } else {
        let (i, f) = sig.split_at(n_int as usize);
        (i.to_vec(), f.to_vec())
    };
    let up = frac.get(n).is_some_and(|&c| c >= b'5');
    frac.resize(n, b'0');
    if up {
        let mut carry = true;
        for c in frac.iter_mut().rev().chain(int.iter_mut().rev()) {
            if *c == b'9' {
                *c = b'0';
            } else {
                *c += 1;
                carry = false;
                break;
            }
        }
        if carry {
            int.insert(0, b'1');
        }
    }
    let int = String::from_utf8(int).unwrap_or_default();
    let int = match int.trim_start_matches('0') {
        "" => "0".to_string(),
        t => t.to_string(),
    };
    (int, String::from_utf8(frac).unwrap_or_default())
}

/// `1234567` → `1,234,567`.
fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
