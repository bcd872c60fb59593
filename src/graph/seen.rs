//! When a node or an edge was seen: first and last date, and counts per period. Added up
//! exactly, in any order, so that shards and slices merge into the whole.

use std::collections::BTreeMap;

use crate::time::{NaiveDate, Period};

/// The time of one node or edge while documents are added.
#[derive(Debug, Default, Clone)]
pub(super) struct Seen {
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    /// Count per period, keyed by the period's first day, in time order.
    periods: Vec<(NaiveDate, u64)>,
}

impl Seen {
    /// Counts `n` on `date`, whose period starts on `start`.
    pub(super) fn add(&mut self, date: NaiveDate, start: NaiveDate, n: u64) {
        self.first = Some(self.first.map_or(date, |f| f.min(date)));
        self.last = Some(self.last.map_or(date, |l| l.max(date)));
        self.count(start, n);
    }

    /// Counts `n` in the period starting on `start`.
    fn count(&mut self, start: NaiveDate, n: u64) {
        // Documents (and slices) mostly come in time order: the last period is the likely one.
        match self.periods.last_mut() {
            Some((last, count)) if *last == start => *count += n,
            _ => match self.periods.binary_search_by(|(p, _)| p.cmp(&start)) {
                Ok(i) => self.periods[i].1 += n,
                Err(i) => self.periods.insert(i, (start, n)),
            },
        }
    }

    /// Adds `other`'s counts, as if its dates had been added here.
    pub(super) fn absorb(&mut self, other: &Seen) {
        let Some(first) = other.first else {
            return;
        };
        self.first = Some(self.first.map_or(first, |f| f.min(first)));
        self.last = self.last.max(other.last);
        for &(start, n) in &other.periods {
            self.count(start, n);
        }
    }

    /// The record's `first_seen`, `last_seen` and `periods`, periods named in `unit`.
    pub(super) fn finish(self, unit: Period) -> Time {
        let periods = self.periods.into_iter();
        Time {
            first_seen: self.first,
            last_seen: self.last,
            periods: periods.map(|(start, n)| (unit.label(start), n)).collect(),
        }
    }
}

/// The time fields of a node or edge record.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Time {
    pub(super) first_seen: Option<NaiveDate>,
    pub(super) last_seen: Option<NaiveDate>,
    pub(super) periods: Vec<(String, u64)>,
}

impl Time {
    /// The time fields of a record, gathered.
    pub(super) fn of(
        first_seen: Option<NaiveDate>,
        last_seen: Option<NaiveDate>,
        periods: Vec<(String, u64)>,
    ) -> Time {
        Time {
            first_seen,
            last_seen,
            periods,
        }
    }
}

/// Adds `other`'s time into a record's: the earlier first, the later last, and the counts
/// of each period added (labels sort in time order, so the result stays sorted).
pub(super) fn merge(
    (first, last, periods): (
        &mut Option<NaiveDate>,
        &mut Option<NaiveDate>,
        &mut Vec<(String, u64)>,
    ),
    other: Time,
) {
    *first = match (*first, other.first_seen) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    *last = match (*last, other.last_seen) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    if other.periods.is_empty() {
        return;
    }
    let mut all: BTreeMap<String, u64> = std::mem::take(periods).into_iter().collect();
    for (label, n) in other.periods {
        *all.entry(label).or_default() += n;
    }
    *periods = all.into_iter().collect();
}

#[cfg(test)]
mod tests;
