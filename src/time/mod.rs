//! Time: the date of each document, ranges of dates and the periods graphs are sliced by.
//!
//! A document's date comes from its record's date field (any format [`parse_date`] reads),
//! else from a date given for the whole input (`--date`), else from the first lines of its
//! text ([`find_in_text`]: a caption's or a dateline's `December 13, 2018`). Where it came
//! from is kept beside it ([`DateSource`]), because a date read from a field is a fact and
//! one found in the text is a guess.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

pub use chrono::NaiveDate;
use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{Datelike, NaiveTime};
use serde::{Deserialize, Serialize};

mod text;

pub use text::find_in_text;

/// Where a document's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// The record's date field or column.
    Field,
    /// The date given for the whole input (`--date`).
    Option,
    /// A date found in the first lines of the text.
    Text,
}

impl DateSource {
    /// `field`, `option` or `text`, as every output writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Field => "field",
            DateSource::Option => "option",
            DateSource::Text => "text",
        }
    }
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document's date and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dated {
    /// The calendar day (the publisher's, not converted to UTC).
    pub date: NaiveDate,
    /// Where it came from.
    pub source: DateSource,
}

/// The date of a document with date field `field` (as the source spells it) and `text`:
/// the field's date, else `option`, else the first date in the text's first lines. A field
/// that is there but does not parse is not replaced by a guess: the document stays undated
/// (and [`crate::pipeline::Summary::bad_dates`] names it).
pub fn date_document(field: Option<&str>, text: &str, option: Option<NaiveDate>) -> Option<Dated> {
    let dated = |date, source| Dated { date, source };
    match field {
        Some(raw) => parse_date(raw).map(|date| dated(date, DateSource::Field)),
        None => option
            .map(|date| dated(date, DateSource::Option))
            .or_else(|| find_in_text(text).map(|date| dated(date, DateSource::Text))),
    }
}

/// Reads a date as news data spells it: ISO 8601 (`2018-12-13`, `2018-12-13T10:00:00Z`),
/// RFC 2822 (`Thu, 13 Dec 2018 10:00:00 +0000`), `December 13, 2018`, `Dec. 13, 2018`,
/// `13 Dec 2018`, `13-Dec-18`, with surrounding spaces. A date with a time and an offset
/// keeps its own calendar day rather than UTC's. `None` when it is not a date.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    // The two spellings most corpora use, read directly: dateparser tries its formats one
    // regular expression at a time, which cost 4% of annotating the ISOT sample. Their
    // formats are parsed once: `parse_from_str` parsed the format again for every document.
    static COMMON: OnceLock<[Vec<Item<'static>>; 2]> = OnceLock::new();
    let common = COMMON.get_or_init(|| {
        ["%Y-%m-%d", "%B %d, %Y"]
            .map(|format| (StrftimeItems::new(format).parse()).expect("the formats are valid"))
    });
    for items in common {
        let mut parsed = Parsed::new();
        if chrono::format::parse(&mut parsed, raw, items.iter()).is_ok()
            && let Ok(date) = parsed.to_naive_date()
        {
            return Some(date);
        }
    }
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Some(at.date_naive());
    }
    if let Ok(at) = chrono::DateTime::parse_from_rfc2822(raw) {
        return Some(at.date_naive());
    }
    // `Dec. 13` is `Dec 13` to the parsers; `13-Dec-18` is a format they lack.
    let plain = raw.replacen(". ", " ", 1);
    dateparser::parse_with(&plain, &chrono::Utc, NaiveTime::MIN)
        .map(|at| at.date_naive())
        .ok()
        .or_else(|| NaiveDate::parse_from_str(raw, "%d-%b-%y").ok())
}

/// An inclusive range of dates; a missing bound is open. With any bound, an undated
/// document is outside: its place in time is unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    /// The first day kept.
    pub from: Option<NaiveDate>,
    /// The last day kept.
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// Whether the range has a bound at all.
    pub fn is_bounded(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Whether a document dated `date` (or undated) is kept.
    pub fn contains(&self, date: Option<NaiveDate>) -> bool {
        if !self.is_bounded() {
            return true;
        }
        date.is_some_and(|d| self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t))
    }
}

/// The unit of the periods that nodes and edges count over and that `--slice` cuts by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// Calendar years: `2019`.
    Year,
    /// Calendar quarters: `2019-Q3`.
    Quarter,
    /// Calendar months: `2019-07`.
    #[default]
    Month,
    /// ISO 8601 weeks (Monday to Sunday, numbered in their ISO year): `2019-W07`.
    Week,
}

impl Period {
    /// The first day of the period holding `date`: the key periods sort and add by.
    pub fn start(self, date: NaiveDate) -> NaiveDate {
        let (year, month) = (date.year(), date.month());
        let first = |month| NaiveDate::from_ymd_opt(year, month, 1).expect("a valid month");
        match self {
            Period::Year => first(1),
            Period::Quarter => first((month - 1) / 3 * 3 + 1),
            Period::Month => first(month),
            Period::Week => date.week(chrono::Weekday::Mon).first_day(),
        }
    }

    /// The period's name: `2019`, `2019-Q3`, `2019-07` or `2019-W07`; also a directory name.
    pub fn label(self, date: NaiveDate) -> String {
        match self {
            Period::Year => format!("{}", date.year()),
            Period::Quarter => format!("{}-Q{}", date.year(), (date.month() - 1) / 3 + 1),
            Period::Month => format!("{}-{:02}", date.year(), date.month()),
            Period::Week => {
                let week = date.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
        }
    }

    /// The first and last day of the period named `label`, as [`Period::label`] writes it;
    /// `None` for a label of another unit or none at all.
    pub fn bounds(self, label: &str) -> Option<(NaiveDate, NaiveDate)> {
        let number = |s: &str| s.parse::<u32>().ok();
        let start = match self {
            Period::Year => NaiveDate::from_ymd_opt(label.parse().ok()?, 1, 1)?,
            Period::Quarter => {
                let (year, quarter) = label.split_once("-Q")?;
                let quarter = number(quarter).filter(|q| (1..=4).contains(q))?;
                NaiveDate::from_ymd_opt(year.parse().ok()?, (quarter - 1) * 3 + 1, 1)?
            }
            Period::Month => {
                let (year, month) = label.split_once('-')?;
                NaiveDate::from_ymd_opt(year.parse().ok()?, number(month)?, 1)?
            }
            Period::Week => {
                let (year, week) = label.split_once("-W")?;
                NaiveDate::from_isoywd_opt(year.parse().ok()?, number(week)?, chrono::Weekday::Mon)?
            }
        };
        // A label that reads but is not canonical (`2019-7`) names no period.
        if self.label(start) != label {
            return None;
        }
        let next = match self {
            Period::Year => start.checked_add_months(chrono::Months::new(12))?,
            Period::Quarter => start.checked_add_months(chrono::Months::new(3))?,
            Period::Month => start.checked_add_months(chrono::Months::new(1))?,
            Period::Week => start.checked_add_days(chrono::Days::new(7))?,
        };
        Some((start, next.pred_opt()?))
    }

    /// `year`, `quarter`, `month` or `week`.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Quarter => "quarter",
            Period::Month => "month",
            Period::Week => "week",
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(text: &str) -> Result<Period, String> {
        [Period::Year, Period::Quarter, Period::Month, Period::Week]
            .into_iter()
            .find(|p| p.as_str() == text)
            .ok_or_else(|| format!("unknown period `{text}` (year, quarter, month or week)"))
    }
}

/// Reads an ISO date (`2019-07-01`), as `--date`, `--from` and `--to` take it.
pub fn parse_iso(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|e| format!("`{text}` is not a date YYYY-MM-DD ({e})"))
}

#[cfg(test)]
mod tests;
