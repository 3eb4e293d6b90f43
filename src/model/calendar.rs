//! Calendar dates and the day offsets the schedule counts in.
//!
//! Day 0 is `portfolio.start`; a date shown for offset `t` is `start + t days`.

use std::fmt::{self, Write as _};

use chrono::{Datelike, Duration, NaiveDate};

/// Parses exactly `YYYY-MM-DD` naming a real calendar date of the years
/// 0001 to 9999.
///
/// chrono's own parser accepts unpadded fields (`2025-1-1`), which the
/// specification does not, so the shape is checked first.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    // Years 0001–9999 (SPEC §7): the year 0000 is no real calendar year.
    let year = text[0..4].parse().ok().filter(|year| *year >= 1)?;
    let month = text[5..7].parse().ok()?;
    let day = text[8..10].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Converts between dates and day offsets from the portfolio start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub start: NaiveDate,
}

impl Calendar {
    pub fn new(start: NaiveDate) -> Self {
        Calendar { start }
    }

    /// Days from the portfolio start to `date` (negative before it).
    pub fn day_of(&self, date: NaiveDate) -> i64 {
        (date - self.start).num_days()
    }

    /// The date of day offset `day`; `None` beyond the calendar's range
    /// (about 262 000 years either way), which only absurd inputs reach.
    pub fn date_of(&self, day: i64) -> Option<NaiveDate> {
        self.start.checked_add_signed(Duration::try_days(day)?)
    }

    /// The date of day offset `day` as `YYYY-MM-DD`, or `day N` when the
    /// offset is beyond any calendar date (rather than a panic).
    pub fn format(&self, day: i64) -> String {
        self.text(day).to_string()
    }

    /// [`Calendar::format`]'s text, held on the stack: for writers of many
    /// dates (a schedule writes two a node), which need no `String` each.
    pub fn text(&self, day: i64) -> DayText {
        let mut text = DayText {
            bytes: [0; DayText::CAPACITY],
            len: 0,
        };
        match self.date_of(day) {
            Some(date) if (0..=9999).contains(&date.year()) => {
                // chrono's Display of these years (`%Y-%m-%d`), written directly.
                let digits = |n: u32, width: usize, at: &mut [u8]| {
                    let mut n = n;
                    for slot in at[..width].iter_mut().rev() {
                        *slot = b'0' + (n % 10) as u8;
                        n /= 10;
                    }
                };
                let year = date.year().unsigned_abs();
                digits(year, 4, &mut text.bytes[0..]);
                text.bytes[4] = b'-';
                digits(date.month(), 2, &mut text.bytes[5..]);
                text.bytes[7] = b'-';
                digits(date.day(), 2, &mut text.bytes[8..]);
                text.len = 10;
            }
            Some(date) => write!(text, "{date}").expect("a date fits in a DayText"),
            None => write!(text, "day {day}").expect("a day count fits in a DayText"),
        }
        text
    }
}

/// `date` as `YYYY-MM-DD` (ISO 8601): chrono's `Display`, which writes
/// the digits directly (no format string to interpret), years outside
/// 0–9999 with their sign.
pub fn format_date(date: NaiveDate) -> String {
    date.to_string()
}

/// A date (or `day N`) as text, without a heap allocation: see
/// [`Calendar::text`]. Reads as a `str`; serialises as a JSON string.
#[derive(Clone, Copy)]
pub struct DayText {
    bytes: [u8; DayText::CAPACITY],
    len: u8,
}

impl DayText {
    /// `day -9223372036854775808` is 24 bytes; chrono's widest date
    /// (`+262142-12-31`) 13.
    const CAPACITY: usize = 24;

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)])
            .expect("a DayText holds ASCII only")
    }
}

impl fmt::Write for DayText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let at = usize::from(self.len);
        let slot = self.bytes.get_mut(at..at + s.len()).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len += s.len() as u8;
        Ok(())
    }
}

impl fmt::Display for DayText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for DayText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl serde::Serialize for DayText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_padded_real_dates() {
        assert!(parse_date("2026-03-31").is_some());
        assert!(parse_date("2024-02-29").is_some()); // leap year
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2025-02-29").is_none());
        assert!(parse_date("2025-1-1").is_none());
        assert!(parse_date("2025-01-01T00:00").is_none());
        assert!(parse_date("").is_none());
        // The years 0001–9999 only (SPEC §7).
        assert!(parse_date("0001-01-01").is_some());
        assert!(parse_date("9999-12-31").is_some());
        assert!(parse_date("0000-01-01").is_none());
        assert!(parse_date("0000-02-29").is_none());
    }

    #[test]
    fn ten_days_from_new_year_is_the_eleventh() {
        // SPEC §3: a 10-day project starting 2025-01-01 finishes 2025-01-11.
        let cal = Calendar::new(parse_date("2025-01-01").unwrap());
        assert_eq!(cal.format(10), "2025-01-11");
        assert_eq!(cal.day_of(parse_date("2024-12-31").unwrap()), -1);
        assert_eq!(cal.day_of(parse_date("2026-01-01").unwrap()), 365);
    }

    #[test]
    fn an_offset_beyond_any_date_is_shown_as_a_day_count() {
        // Day counts are bounded per value (reader::MAX_DAY_COUNT) but a long
        // chain of them can still add up past year 262 143; chrono would panic.
        let cal = Calendar::new(parse_date("2025-01-01").unwrap());
        assert_eq!(cal.format(1_000_000_000_000), "day 1000000000000");
        assert_eq!(cal.format(i64::MIN), format!("day {}", i64::MIN));
    }

    #[test]
    fn hand_formatted_dates_match_chrono_on_both_sides_of_the_fast_range() {
        // Every 997th day from year −2 to 10 002 (and the edges of 0 and
        // 9999), against chrono's own %Y-%m-%d, which pads to four digits
        // inside 0..=9999 and adds a sign outside it.
        let cal = Calendar::new(NaiveDate::from_ymd_opt(0, 1, 1).unwrap());
        let mut days: Vec<i64> = (-800..3_653_900).step_by(997).collect();
        days.extend([-1, 0, 3_652_424, 3_652_425]);
        for day in days {
            let date = cal.date_of(day).unwrap();
            assert_eq!(cal.format(day), date.format("%Y-%m-%d").to_string());
        }
        assert_eq!(cal.format(-1), "-0001-12-31");
        assert_eq!(cal.format(3_652_425), "+10000-01-01");
    }
}
