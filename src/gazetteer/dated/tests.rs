use super::*;

#[test]
fn bounds_take_the_first_or_last_day_of_what_they_name() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let cases = [
        ("2024", false, day(2024, 1, 1)),
        ("2024", true, day(2024, 12, 31)),
        ("2024-02", false, day(2024, 2, 1)),
        ("2024-02", true, day(2024, 2, 29)),
        ("2023-12", true, day(2023, 12, 31)),
        ("2024-05-12", true, day(2024, 5, 12)),
        ("2024-5-12", false, None),
        ("2024-13", false, None),
        ("May 2024", false, None),
        ("24", false, None),
    ];
    for (text, end, want) in cases {
        assert_eq!(parse_bound(text, end), want, "{text} {end}");
    }
}

#[test]
fn windows_hold_their_bounds_inclusively() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let w = Window {
        from: Some(day(2020, 3, 11)),
        until: Some(day(2021, 1, 31)),
    };
    assert!(w.contains(day(2020, 3, 11)) && w.contains(day(2021, 1, 31)));
    assert!(!w.contains(day(2020, 3, 10)) && !w.contains(day(2021, 2, 1)));
    let after = Window {
        from: Some(day(2021, 2, 1)),
        until: None,
    };
    assert!(!w.overlaps(&after) && after.contains(day(2099, 1, 1)));
    let open = Window::default();
    assert!(open.overlaps(&w) && w.overlaps(&open));
}

fn load_error(text: &str) -> String {
    let g = super::super::GazetteerBuilder::new()
        .source("test.ron", text)
        .build();
    g.unwrap_err().to_string()
}

#[test]
fn bad_dated_facts_are_errors_at_their_place() {
    let office = "offices: [(id: \"post\", name: \"Post\", titles: [\"the post\"])],\n";
    let cases = [
        (
            "(entities: [\n (id: \"a\", kind: \"person\", name: \"A B\", dated: [(office: \"post\", from: \"2020\", until: \"2019-12\")]),\n])",
            "test.ron:2:87: a dated fact of `a` ends (2019-12-31) before it starts (2020-01-01)",
        ),
        (
            "(entities: [\n (id: \"a\", kind: \"group\", name: \"A\", dated: [(affiliation: \"zz\")]),\n])",
            "test.ron:2:60: `a` is affiliated with unknown id `zz`",
        ),
        (
            "(entities: [\n (id: \"a\", kind: \"person\", name: \"A B\", dated: [(office: \"zz\")]),\n])",
            "test.ron:2:58: `a` holds unknown office `zz`",
        ),
        (
            "(entities: [\n (id: \"a\", kind: \"person\", name: \"A B\", dated: [(alias: \"C\", office: \"post\")]),\n])",
            "test.ron:2:7: a dated fact of `a` must give exactly one of `alias`, `affiliation` and `office`",
        ),
        (
            "(entities: [\n (id: \"a\", kind: \"person\", name: \"A B\", dated: [(alias: \"C\", from: \"May 2020\")]),\n])",
            "test.ron:2:68: date \"May 2020\" of `a` is not YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            "(offices: [(id: \"post\", name: \"Post\", titles: [\"x\"], context: [\"zz\"])], entities: [])",
            "test.ron:1:64: office `post` has unknown context id `zz`",
        ),
        (
            "(offices: [(id: \"post\", name: \"Post\", titles: [\"--\"])], entities: [])",
            "test.ron:1:48: empty title \"--\" of office `post`",
        ),
    ];
    for (text, want) in cases {
        // Offices are declared on the first line, so positions stay those of `cases`.
        let text = text.replacen("(entities", &format!("({office}entities"), 1);
        let want = want.replacen("test.ron:2:", "test.ron:3:", 1);
        assert_eq!(load_error(&text), want, "{text}");
    }
}

#[test]
fn overlapping_terms_of_one_office_are_an_error() {
    let text = "(offices: [(id: \"post\", name: \"Post\", titles: [\"the post\"])], entities: [
 (id: \"a\", kind: \"person\", name: \"A B\", dated: [(office: \"post\", until: \"2020-03\")]),
 (id: \"b\", kind: \"person\", name: \"C D\", dated: [(office: \"post\", from: \"2020-03-31\")]),
])";
    assert_eq!(
        load_error(text),
        "test.ron:3:58: the terms of `a` and `b` as `post` overlap"
    );
    let apart = text.replace("2020-03-31", "2020-04");
    let g = super::super::GazetteerBuilder::new()
        .source("test.ron", &apart)
        .build()
        .unwrap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(g.holder(OfficeId(0), day(2020, 3, 31)), g.lookup("a"));
    assert_eq!(g.holder(OfficeId(0), day(2020, 4, 1)), g.lookup("b"));
}

#[test]
fn shipped_offices_have_their_holders() {
    let g = Gazetteer::builtin().unwrap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let post = |id: &str| OfficeId(g.offices().iter().position(|o| o.id == id).unwrap() as u16);
    let holder = |office: &str, date| {
        g.holder(post(office), date)
            .map(|e| g.entity(e).id.as_str())
    };
    let cases = [
        (
            "russia_defence_minister",
            day(2023, 1, 1),
            Some("sergei_shoigu"),
        ),
        ("russia_defence_minister", day(2024, 5, 13), None),
        (
            "russia_defence_minister",
            day(2025, 1, 1),
            Some("andrei_belousov"),
        ),
        ("un_envoy_libya", day(2018, 1, 1), Some("ghassan_salame")),
        ("un_envoy_libya", day(2020, 3, 5), None),
        (
            "un_envoy_libya",
            day(2020, 6, 1),
            Some("stephanie_williams"),
        ),
        ("un_envoy_libya", day(2021, 6, 1), Some("jan_kubis")),
        (
            "us_secretary_of_state",
            day(2019, 1, 1),
            Some("mike_pompeo"),
        ),
        (
            "us_secretary_of_state",
            day(2025, 6, 1),
            Some("marco_rubio"),
        ),
    ];
    for (office, date, want) in cases {
        assert_eq!(holder(office, date), want, "{office} {date}");
    }
}
