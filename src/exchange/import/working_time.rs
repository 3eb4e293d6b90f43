//! Working time of scheduling tools turned into capgraph's calendar days
//! (SPEC §10): h working hours on a calendar of H hours a day and W working
//! days a week are round(h ÷ H × 7 ÷ W) days (exact when W = 7); a date
//! with a time of day is the day it falls on, except that a finish at or
//! after the end of a working day D is D + 1 (the date by which the work is
//! complete, SPEC §3).

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// A work week: hours per day and per week, and when each weekday's work ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorkWeek {
    pub day_hours: f64,
    pub week_hours: f64,
    /// Minutes after midnight at which work ends, Monday first; `None` for
    /// a day without work. 24:00 is 1 440.
    pub day_end: [Option<u32>; 7],
}

impl WorkWeek {
    /// 8 hours a day, Monday to Friday, ending at 17:00: the usual default.
    pub fn standard() -> WorkWeek {
        let end = Some(17 * 60);
        WorkWeek {
            day_hours: 8.0,
            week_hours: 40.0,
            day_end: [end, end, end, end, end, None, None],
        }
    }

    /// W: working days a week (week hours ÷ day hours).
    pub fn days_a_week(&self) -> f64 {
        if self.day_hours > 0.0 {
            self.week_hours / self.day_hours
        } else {
            7.0
        }
    }

    /// Whether every day of the week is a working day (W = 7): then the
    /// conversion of working time is exact.
    pub fn is_seven_day(&self) -> bool {
        (self.days_a_week() - 7.0).abs() < 1e-9
    }

    /// round(h ÷ H × 7 ÷ W) calendar days for `hours` working hours
    /// (halves away from zero).
    pub fn days(&self, hours: f64) -> i64 {
        if self.week_hours <= 0.0 {
            return (hours / 24.0).round() as i64;
        }
        (hours * 7.0 / self.week_hours).round() as i64
    }

    /// The latest end of work of any day (for days without their own).
    fn latest_end(&self) -> Option<u32> {
        self.day_end.iter().flatten().copied().max()
    }

    /// The calendar day of a finish at `at`: D + 1 when `at` is at or after
    /// the end of D's work, else D.
    pub fn finish_day(&self, at: NaiveDateTime) -> NaiveDate {
        let date = at.date();
        let weekday = date.weekday().num_days_from_monday() as usize;
        let minutes = at
            .time()
            .signed_duration_since(chrono::NaiveTime::MIN)
            .num_minutes() as u32;
        let end = self.day_end[weekday].or_else(|| self.latest_end());
        match end {
            Some(end) if minutes > 0 && minutes >= end => date.succ_opt().unwrap_or(date),
            _ => date,
        }
    }
}

/// Parses a P6 date and time, `YYYY-MM-DD HH:MM`.
pub fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        parse_date_time(text).unwrap()
    }

    #[test]
    fn hours_become_calendar_days_by_the_work_week() {
        let five = WorkWeek::standard();
        // 80 h on 8 h × 5 d: 10 working days = 80 × 7 / 40 = 14 calendar days.
        assert_eq!(five.days(80.0), 14);
        // 12 h: 12 × 7 / 40 = 2.1 → 2.
        assert_eq!(five.days(12.0), 2);
        let seven = WorkWeek {
            week_hours: 56.0,
            ..five
        };
        assert!(seven.is_seven_day());
        // 8 h × 7 d: exact, 24 h = 3 days; 4 h = 0.5 → 1 (half away from zero).
        assert_eq!(seven.days(24.0), 3);
        assert_eq!(seven.days(4.0), 1);
        assert_eq!(seven.days(-16.0), -2);
    }

    #[test]
    fn a_finish_at_the_end_of_the_working_day_is_the_next_day() {
        let week = WorkWeek::standard();
        // Friday 2025-01-03 17:00 is the end of that day's work.
        assert_eq!(
            week.finish_day(at("2025-01-03 17:00")),
            NaiveDate::from_ymd_opt(2025, 1, 4).unwrap()
        );
        assert_eq!(
            week.finish_day(at("2025-01-03 12:00")),
            NaiveDate::from_ymd_opt(2025, 1, 3).unwrap()
        );
        // Midnight is already the next day's start.
        assert_eq!(
            week.finish_day(at("2025-01-03 00:00")),
            NaiveDate::from_ymd_opt(2025, 1, 3).unwrap()
        );
    }
}
