use super::*;

#[test]
fn a_caption_or_dateline_date_is_found_and_a_weekday_is_not() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let cases = [
        (
            "Title\n\nA caption - in New York, U.S., January 27, 2017. REUTERS",
            day(2017, 1, 27),
        ),
        (
            "Title\n\nFILE PHOTO - in New York, U.S., January 27, 2017. REUTERS",
            None,
        ),
        (
            "WASHINGTON, Dec. 13, 2018 (Reuters) - text",
            day(2018, 12, 13),
        ),
        ("LONDON 13 December 2018 - text", day(2018, 12, 13)),
        ("Posted 2018-12-13 by staff", day(2018, 12, 13)),
        ("Bloomberg reported on Sunday that Haftar ...", None),
        ("In May 2019 talks failed on December 20", None),
        ("1\n2\n3\n4\n5\nToo late: January 27, 2017", None),
    ];
    for (text, expected) in cases {
        assert_eq!(find_in_text(text), expected, "{text:?}");
    }
}
