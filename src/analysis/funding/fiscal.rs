//! Fiscal years (SPEC §9): fiscal year Y runs from Y-MM-DD to the day before
//! (Y+1)-MM-DD and is labelled by the calendar year in which it starts.
//!
//! Dates are counted with the proleptic Gregorian day number (Howard
//! Hinnant's `days_from_civil`), in plain integers: a schedule of absurd
//! length (a million-day project) reaches years no calendar type holds, and
//! must still give figures rather than a panic.
//!
//! # Complexity
//! Every conversion is O(1).

use chrono::{Datelike, NaiveDate};

/// Days from 1970-01-01 to the Gregorian date `year-month-day`.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The Gregorian (year, month, day) of a day number from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The fiscal years of one portfolio, in day offsets from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiscalCalendar {
    /// The day number of the portfolio start (day 0).
    origin: i64,
    month: u32,
    day: u32,
}

impl FiscalCalendar {
    /// Fiscal years starting on `month`-`day` (never 02-29, which validation
    /// refuses) for a portfolio starting on `start`.
    pub fn new(start: NaiveDate, month: u32, day: u32) -> FiscalCalendar {
        FiscalCalendar {
            origin: days_from_civil(i64::from(start.year()), start.month(), start.day()),
            month,
            day,
        }
    }

    /// The first day of fiscal year `year`, as a day offset.
    pub fn year_start(&self, year: i64) -> i64 {
        days_from_civil(year, self.month, self.day) - self.origin
    }

    /// The label of the fiscal year holding day offset `day`.
    pub fn year_of(&self, day: i64) -> i64 {
        let (year, month, day_of_month) = civil_from_days(self.origin + day);
        if (month, day_of_month) >= (self.month, self.day) {
            year
        } else {
            year - 1
        }
    }

    /// `YYYY-MM-DD` of a day offset (signed and wider outside years 0–9999).
    pub fn date_text(&self, day: i64) -> String {
        let (year, month, day_of_month) = civil_from_days(self.origin + day);
        if (0..=9999).contains(&year) {
            format!("{year:04}-{month:02}-{day_of_month:02}")
        } else {
            format!("{year:+05}-{month:02}-{day_of_month:02}")
        }
    }

    /// `MM-DD`: the first day of every fiscal year.
    pub fn start_text(&self) -> String {
        format!("{:02}-{:02}", self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::parse_date;

    #[test]
    fn day_numbers_agree_with_chrono_over_four_centuries() {
        let epoch = parse_date("1970-01-01").unwrap();
        let mut date = parse_date("1899-12-25").unwrap();
        while date < parse_date("2305-01-01").unwrap() {
            let n = (date - epoch).num_days();
            assert_eq!(
                days_from_civil(date.year().into(), date.month(), date.day()),
                n
            );
            assert_eq!(
                civil_from_days(n),
                (i64::from(date.year()), date.month(), date.day())
            );
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn calendar_years_by_default() {
        // Portfolio from 2025-01-01: 2025 has 365 days, 2026 starts at day 365.
        let fiscal = FiscalCalendar::new(parse_date("2025-01-01").unwrap(), 1, 1);
        assert_eq!(fiscal.year_start(2025), 0);
        assert_eq!(fiscal.year_start(2026), 365);
        assert_eq!(fiscal.year_of(364), 2025);
        assert_eq!(fiscal.year_of(365), 2026);
        assert_eq!(fiscal.year_of(-1), 2024);
        assert_eq!(fiscal.date_text(365), "2026-01-01");
        assert_eq!(fiscal.start_text(), "01-01");
    }

    #[test]
    fn a_fiscal_year_from_april_is_labelled_by_the_year_it_starts_in() {
        // FY 2025 = 2025-04-01 … 2026-03-31. From a 2025-01-01 start:
        // 2025-04-01 is day 31 + 28 + 31 = 90; 2026-04-01 is day 365 + 90 = 455.
        let fiscal = FiscalCalendar::new(parse_date("2025-01-01").unwrap(), 4, 1);
        assert_eq!(fiscal.year_of(0), 2024);
        assert_eq!(fiscal.year_of(89), 2024);
        assert_eq!(fiscal.year_of(90), 2025);
        assert_eq!(fiscal.year_start(2025), 90);
        assert_eq!(fiscal.year_start(2026), 455);
        assert_eq!(fiscal.year_of(454), 2025);
        assert_eq!(fiscal.start_text(), "04-01");
    }

    #[test]
    fn years_far_beyond_any_calendar_still_have_numbers() {
        let fiscal = FiscalCalendar::new(parse_date("2025-01-01").unwrap(), 1, 1);
        let far = 100_000_000_000i64; // about 274 million years
        let year = fiscal.year_of(far);
        assert!(fiscal.year_start(year) <= far && far < fiscal.year_start(year + 1));
        assert!(fiscal.date_text(far).starts_with('+'));
    }
}
