use super::*;

fn num(code: &str, v: f64) -> String {
    NumFmt::parse(code).number(v)
}

fn at(year: i32, month: u32, day: u32) -> Moment {
    Moment {
        year,
        month,
        day,
        hour: 0,
        minute: 0,
        second: 0,
    }
}

fn date(code: &str, m: Moment) -> Option<String> {
    NumFmt::parse(code).date(&m)
}

#[test]
fn numbers_keep_their_literal_text() {
    let cases: &[(&str, f64, &str)] = &[
        (r#"0"回""#, 3.0, "3回"),
        (r#"#,##0"件""#, 3.0, "3件"),
        (r#"#,##0"件""#, 1234.0, "1,234件"),
        (r#"#,##0"人""#, 1_234_567.0, "1,234,567人"),
        (r#"0"名""#, 120.0, "120名"),
        (r#""年間"0"回""#, 10.0, "年間10回"),
        (r#""全"0"回シリーズ""#, 5.0, "全5回シリーズ"),
        (r#"General"回""#, 3.0, "3回"),
        (r#"G/標準"回""#, 2.5, "2.5回"),
        (r"0\回", 4.0, "4回"),
        ("0回", 4.0, "4回"),
        (r#"0"回";[Red]\-0"回""#, 6.0, "6回"),
        (r#"[Blue]0"か所""#, 7.0, "7か所"),
        (r#"[>=100]0"件";0"件""#, 8.0, "8件"),
        (
            r#"_ * #,##0_ ;_ * \-#,##0_ ;_ * "-"_ ;_ @_ "#,
            1500.0,
            "1,500",
        ),
        ("0_);(0)", 9.0, "9"),
        (r#""済""#, 1.0, "済"),
        (";;;", 1.0, ""),
    ];
    for (code, v, want) in cases {
        assert_eq!(num(code, *v), *want, "{code} with {v}");
    }
}

#[test]
fn digits_decimals_and_percent() {
    let cases: &[(&str, f64, &str)] = &[
        ("General", 3.0, "3"),
        ("General", 0.1 + 0.2, "0.3"),
        ("", 2.5, "2.5"),
        ("@", 12.0, "12"),
        ("0", 3.0, "3"),
        ("0", 2.5, "3"),
        ("0", 3.49, "3"),
        ("0.0", 3.0, "3.0"),
        ("0.00", 1.005, "1.01"),
        ("0.00", 2.675, "2.68"),
        ("#,##0.00", 1234.5, "1,234.50"),
        ("0.0#", 3.1, "3.1"),
        ("0.0#", 3.12345, "3.12"),
        ("#.##", 0.5, ".5"),
        (".00", 0.25, ".25"),
        ("00", 7.0, "07"),
        ("000-0000", 5_730_042.0, "573-0042"),
        ("0%", 0.3, "30%"),
        ("0.0%", 0.125, "12.5%"),
        ("0.00%", 1.0, "100.00%"),
        ("#,##0,", 1_234_567.0, "1,235"),
        (r#"0,"千円""#, 25_000.0, "25千円"),
        ("0", -3.0, "-3"),
        (r#"0"回""#, -2.0, "-2回"),
        ("#,##0", -1234.0, "-1,234"),
        ("0", 0.0, "0"),
        ("#", 0.0, ""),
        ("0", 1e20, "100000000000000000000"),
        (r#"[$¥-411]#,##0"#, 3000.0, "¥3,000"),
        (r##""¥"#,##0"##, 3000.0, "¥3,000"),
        ("0.00E+00", 12345.0, "1.23E+04"),
        ("0.0E+0", 0.00012, "1.2E-4"),
        ("0.00E+00", 9.999, "1.00E+01"),
        ("# ?/?", 1.5, "1.5"),
    ];
    for (code, v, want) in cases {
        assert_eq!(num(code, *v), *want, "{code} with {v}");
    }
}

#[test]
fn dates_in_the_forms_the_date_scanner_reads() {
    let d = at(2025, 10, 13);
    let cases: &[(&str, &str)] = &[
        ("yyyy/m/d", "2025/10/13"),
        ("yyyy/mm/dd", "2025/10/13"),
        ("yyyy-mm-dd", "2025/10/13"),
        ("mm-dd-yy", "2025/10/13"),
        ("m/d/yy", "2025/10/13"),
        ("d-mmm-yy", "2025/10/13"),
        (r#"yyyy"年"m"月"d"日""#, "2025/10/13"),
        ("yyyy年m月d日", "2025/10/13"),
        (r#"yyyy"年"m"月"d"日"(aaa)"#, "2025/10/13"),
        ("yyyy/m/d(aaa)", "2025/10/13"),
        (r#"yyyy"年"m"月""#, "2025年10月"),
        ("yyyy/mm", "2025年10月"),
        ("mmm-yy", "2025年10月"),
        (r#"yyyy"年""#, "2025年"),
        (r#"m"月"d"日""#, "10月13日"),
        (r#"m"月"d"日"(aaa)"#, "10月13日"),
        ("mm月dd日", "10月13日"),
        ("m/d", "10/13"),
        ("m/d(aaa)", "10/13"),
        ("d-mmm", "10/13"),
        ("mm/dd", "10/13"),
        (r#"m"月""#, "10月"),
        ("mmmm", "10月"),
        (r#"d"日""#, "13日"),
    ];
    for (code, want) in cases {
        assert_eq!(date(code, d).as_deref(), Some(*want), "{code}");
    }
}

#[test]
fn japanese_era_formats() {
    let d = at(2025, 10, 13);
    let cases: &[(&str, &str)] = &[
        ("ggge\"年\"m\"月\"d\"日\"", "令和7年10月13日"),
        ("[$-ja-JP]ggge\"年\"m\"月\"d\"日\"", "令和7年10月13日"),
        ("[$-411]ggge\"年\"m\"月\"d\"日\"", "令和7年10月13日"),
        ("[$-411]ggge年m月d日", "令和7年10月13日"),
        ("[$-411]ge.m.d", "令和7年10月13日"),
        ("[$-411]gge\"年\"m\"月\"d\"日\"", "令和7年10月13日"),
        ("[$-411]ggge\"年\"m\"月\"", "令和7年10月"),
        ("[$-411]ggge\"年\"", "令和7年"),
        ("[$-411]ggge\"年\"m\"月\"d\"日\"(aaa)", "令和7年10月13日"),
        ("[$-411]ee\"年\"mm\"月\"dd\"日\"", "令和7年10月13日"),
    ];
    for (code, want) in cases {
        assert_eq!(date(code, d).as_deref(), Some(*want), "{code}");
    }
    let era = "[$-411]ggge\"年\"m\"月\"d\"日\"";
    let gannen = "[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\";@";
    let cases = [
        (era, at(2019, 5, 1), "令和1年5月1日"),
        (gannen, at(2019, 5, 1), "令和元年5月1日"),
        (gannen, at(2020, 5, 1), "令和2年5月1日"),
        (era, at(2019, 4, 30), "平成31年4月30日"),
        (era, at(1989, 1, 8), "平成1年1月8日"),
        (gannen, at(1989, 1, 8), "平成元年1月8日"),
        (era, at(1989, 1, 7), "昭和64年1月7日"),
    ];
    for (code, m, want) in cases {
        assert_eq!(date(code, m).as_deref(), Some(want), "{code} {m:?}");
    }
}

#[test]
fn times_and_minutes() {
    let mut m = at(2025, 10, 13);
    m.hour = 9;
    m.minute = 30;
    let cases: &[(&str, &str)] = &[
        ("h:mm", "9:30"),
        ("hh:mm", "9:30"),
        ("h:mm AM/PM", "9:30"),
        (r#"h"時"mm"分""#, "9:30"),
        ("yyyy/m/d h:mm", "2025/10/13 9:30"),
        ("m/d h:mm", "10/13 9:30"),
        ("mm:ss", "9:30"),
    ];
    for (code, want) in cases {
        assert_eq!(date(code, m).as_deref(), Some(*want), "{code}");
    }
    // A date format shows no time of day when there is none.
    assert_eq!(
        date("yyyy/m/d h:mm", at(2025, 1, 2)).as_deref(),
        Some("2025/1/2")
    );
    // A code with no date field shows none.
    assert_eq!(date("0\"回\"", at(2025, 1, 2)), None);
}

#[test]
fn what_is_a_date_code() {
    let date_codes = [
        "yyyy/m/d",
        "m\"月\"d\"日\"",
        "[$-411]ggge\"年\"",
        "ge.m.d",
        "h:mm",
        "[h]:mm:ss",
        "[mm]",
    ];
    for c in date_codes {
        assert!(NumFmt::parse(c).is_date(), "{c}");
    }
    let number_codes = [
        "General",
        "0\"日\"",
        "0\"月\"",
        "#,##0\"件\"",
        "[Red]0",
        "0.00E+00",
        "\"mm\"0",
        "\\d0",
        "[$-411]0",
    ];
    for c in number_codes {
        assert!(!NumFmt::parse(c).is_date(), "{c}");
    }
    assert!(NumFmt::parse("General").is_general());
    assert!(NumFmt::parse("").is_general());
    assert!(!NumFmt::parse("0").is_general());
}

#[test]
fn japanese_builtin_ids() {
    let d = at(2025, 10, 13);
    let shown = |id| NumFmt::of_style("General", Some(id)).date(&d);
    assert_eq!(shown(14), None); // calamine names its code itself (mm-dd-yy)
    assert_eq!(shown(27).as_deref(), Some("令和7年10月13日"));
    assert_eq!(shown(31).as_deref(), Some("2025/10/13"));
    assert_eq!(shown(34).as_deref(), Some("2025年10月"));
    assert_eq!(shown(56).as_deref(), Some("10月13日"));
    assert_eq!(shown(58).as_deref(), Some("令和7年10月13日"));
    // A custom code under a Japanese id wins over the table.
    assert_eq!(
        NumFmt::of_style("yyyy/m/d", Some(31)).date(&d).as_deref(),
        Some("2025/10/13")
    );
}

#[test]
fn hostile_codes_do_not_panic() {
    let codes = [
        "\"",
        "\\",
        "[",
        "[$",
        "_",
        "*",
        "E+",
        "0E+",
        "0.0E-",
        ",,,,,,,,",
        "%%%%%%%%%%",
        "0000000000000000000000000000000000000000.0000000000000000000000000000000000000",
        "#,##0,,,,,,,,,,,,",
        "yyyyyyyyyyyyyyyyyy",
        "[$-ja-JP-x-gannen",
        "\u{1F600}0\u{1F600}",
    ];
    for c in codes {
        let f = NumFmt::parse(c);
        for v in [0.0, -1.5, 1e308, -1e-308, f64::NAN, f64::INFINITY, 45943.5] {
            let _ = f.number(v);
        }
        let _ = f.date(&at(2025, 10, 13));
    }
}
