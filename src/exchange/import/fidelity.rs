//! How closely capgraph's schedule of an imported file reproduces the
//! source tool's own early dates (SPEC §10 import summary).
//!
//! # Complexity
//! O(n) lookups for n activities with source dates.

use chrono::NaiveDate;

use crate::analysis::schedule::Schedule;
use crate::model::Portfolio;

use super::imported::SourceDates;

/// Agreement on one set of activities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agreement {
    pub activities: usize,
    pub starts_exact: usize,
    pub starts_within_week: usize,
    pub finishes_exact: usize,
    pub finishes_within_week: usize,
}

/// Agreement over every activity the source scheduled, and over those on a
/// seven-day calendar (where working time converts exactly).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fidelity {
    pub all: Agreement,
    pub seven_day: Agreement,
}

/// Days of difference allowed by "within ±7 days".
const WEEK: i64 = 7;

impl Agreement {
    fn add(&mut self, start_gap: i64, finish_gap: i64) {
        self.activities += 1;
        self.starts_exact += usize::from(start_gap == 0);
        self.starts_within_week += usize::from(start_gap.abs() <= WEEK);
        self.finishes_exact += usize::from(finish_gap == 0);
        self.finishes_within_week += usize::from(finish_gap.abs() <= WEEK);
    }
}

/// Compares `schedule`'s early dates with the source's.
pub fn fidelity(portfolio: &Portfolio, schedule: &Schedule, sources: &[SourceDates]) -> Fidelity {
    let calendar = portfolio.calendar();
    let day = |date: NaiveDate| calendar.day_of(date);
    let mut result = Fidelity::default();
    for source in sources {
        let Some(node) = portfolio.lookup(&source.id) else {
            continue;
        };
        let times = schedule.times(node);
        let start_gap = times.es - day(source.early_start);
        let finish_gap = times.ef - day(source.early_finish);
        result.all.add(start_gap, finish_gap);
        if source.seven_day {
            result.seven_day.add(start_gap, finish_gap);
        }
    }
    result
}
