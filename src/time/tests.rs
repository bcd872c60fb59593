use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn news_dates_parse_to_their_day() {
    let cases = [
        ("December 31, 2017 ", day(2017, 12, 31)),
        ("December 3, 2017", day(2017, 12, 3)),
        ("march 3, 2016", day(2016, 3, 3)),
        ("Dec. 13, 2018", day(2018, 12, 13)),
        ("Dec 13, 2018", day(2018, 12, 13)),
        ("13 Dec 2018", day(2018, 12, 13)),
        ("14-Feb-18", day(2018, 2, 14)),
        ("2018-12-13", day(2018, 12, 13)),
        ("2018-12-13T23:30:00-05:00", day(2018, 12, 13)),
        ("Thu, 13 Dec 2018 23:30:00 -0500", day(2018, 12, 13)),
    ];
    for (raw, expected) in cases {
        assert_eq!(parse_date(raw), Some(expected), "{raw:?}");
    }
    for raw in [
        "",
        "on Sunday",
        "MSNBC HOST Rudely Assumes [Video]",
        "2018-13-45",
        "February 30, 2017",
    ] {
        assert_eq!(parse_date(raw), None, "{raw:?}");
    }
}

#[test]
fn a_field_wins_and_a_bad_field_is_not_replaced_by_a_guess() {
    let text = "Caption, December 13, 2018. Text.";
    let option = Some(day(2020, 1, 1));
    let got = |field| date_document(field, text, option).map(|d| (d.date, d.source));
    assert_eq!(
        got(Some("2019-05-02")),
        Some((day(2019, 5, 2), DateSource::Field))
    );
    assert_eq!(got(Some("soon")), None);
    assert_eq!(got(None), Some((day(2020, 1, 1), DateSource::Option)));
    let found = date_document(None, text, None).unwrap();
    assert_eq!(
        (found.date, found.source),
        (day(2018, 12, 13), DateSource::Text)
    );
}

#[test]
fn periods_start_and_name() {
    let d = day(2019, 8, 15);
    let expected = [
        (Period::Year, day(2019, 1, 1), "2019"),
        (Period::Quarter, day(2019, 7, 1), "2019-Q3"),
        (Period::Month, day(2019, 8, 1), "2019-08"),
        (Period::Week, day(2019, 8, 12), "2019-W33"),
    ];
    for (period, start, label) in expected {
        assert_eq!(period.start(d), start, "{period}");
        assert_eq!(period.label(d), label, "{period}");
        assert_eq!(
            period.label(period.start(d)),
            label,
            "{period}: the start names it"
        );
        assert_eq!(period.as_str().parse::<Period>(), Ok(period));
    }
    // The ISO week of 2019-12-30 belongs to 2020.
    assert_eq!(Period::Week.label(day(2019, 12, 30)), "2020-W01");
}

#[test]
fn a_bounded_range_leaves_undated_documents_out() {
    let range = DateRange {
        from: Some(day(2016, 1, 1)),
        to: Some(day(2016, 12, 31)),
    };
    assert!(range.contains(Some(day(2016, 1, 1))));
    assert!(range.contains(Some(day(2016, 12, 31))));
    assert!(!range.contains(Some(day(2017, 1, 1))));
    assert!(!range.contains(None));
    assert!(DateRange::default().contains(None));
}

#[test]
fn bounds_read_back_every_label() {
    for (unit, label, first, last) in [
        (Period::Year, "2019", day(2019, 1, 1), day(2019, 12, 31)),
        (
            Period::Quarter,
            "2019-Q3",
            day(2019, 7, 1),
            day(2019, 9, 30),
        ),
        (Period::Month, "2020-02", day(2020, 2, 1), day(2020, 2, 29)),
        (Period::Week, "2019-W01", day(2018, 12, 31), day(2019, 1, 6)),
    ] {
        assert_eq!(unit.bounds(label), Some((first, last)), "{label}");
        assert_eq!(unit.label(first), label);
    }
    for (unit, label) in [
        (Period::Month, "2019-7"),
        (Period::Month, "2019-13"),
        (Period::Quarter, "2019-Q5"),
        (Period::Year, "2019-07"),
        (Period::Week, "2019-W54"),
    ] {
        assert_eq!(unit.bounds(label), None, "{label}");
    }
}
