//! Chart axes: a linear scale from data to pixels, and the ticks and labels
//! of a time axis (days of the portfolio calendar shown as dates) or a
//! number axis.

use chrono::{Datelike, NaiveDate};

use crate::model::Calendar;
use crate::render::text::money::format_money_short;

/// How a number axis labels its ticks.
#[derive(Debug, Clone, PartialEq)]
pub enum NumberFormat {
    /// `1 200`, `0.5`.
    Plain,
    /// A fraction shown as a percentage: 0.25 → `25 %`.
    Percent,
    /// Money, shortened: `12.5 M EUR`.
    Money(String),
}

impl NumberFormat {
    pub fn format(&self, value: f64) -> String {
        match self {
            NumberFormat::Plain if value.fract() == 0.0 => format!("{value:.0}"),
            NumberFormat::Plain => format!("{value}"),
            NumberFormat::Percent => format!("{:.0} %", value * 100.0),
            NumberFormat::Money(currency) => format_money_short(value, currency),
        }
    }
}

/// What an axis measures.
#[derive(Debug, Clone, PartialEq)]
pub enum AxisKind {
    /// Day offsets of this calendar, labelled as dates.
    Time(Calendar),
    Number(NumberFormat),
    /// One row per label, the first at the top (a milestone chart, a
    /// Gantt): row `i` is the value `i`.
    Rows(Vec<String>),
}

/// One axis: its title, kind and the data range it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub title: String,
    pub kind: AxisKind,
    pub min: f64,
    pub max: f64,
}

/// A tick: where it is (data units) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub value: f64,
    pub label: String,
}

impl Axis {
    /// A time axis over days `from..=to` of `calendar`, padded so that the
    /// extreme points do not sit on the frame.
    pub fn time(title: impl Into<String>, calendar: Calendar, from: i64, to: i64) -> Axis {
        let pad = ((to - from) as f64 * 0.04).max(2.0);
        Axis {
            title: title.into(),
            kind: AxisKind::Time(calendar),
            min: from as f64 - pad,
            max: to as f64 + pad,
        }
    }

    /// A number axis from `min` to `max`, widened to round tick values
    /// (0 stays the bottom when `min` is 0).
    pub fn number(title: impl Into<String>, format: NumberFormat, min: f64, max: f64) -> Axis {
        let max = if max > min { max } else { min + 1.0 };
        let step = nice_step((max - min) / 5.0);
        Axis {
            title: title.into(),
            kind: AxisKind::Number(format),
            min: (min / step).floor() * step,
            max: (max / step).ceil() * step,
        }
    }

    /// One row per label, the first at the top; each row is one unit high,
    /// its value its index.
    pub fn rows(title: impl Into<String>, labels: Vec<String>) -> Axis {
        let last = labels.len().max(1) as f64 - 0.5;
        Axis {
            title: title.into(),
            kind: AxisKind::Rows(labels),
            // Reversed, so that the first row is drawn at the top.
            min: last,
            max: -0.5,
        }
    }

    /// At most `count` ticks inside the axis range, at round values: dates
    /// at week, month, quarter or year starts; numbers at 1, 2 or 5 × 10ⁿ.
    pub fn ticks(&self, count: usize) -> Vec<Tick> {
        let count = count.max(2);
        match &self.kind {
            AxisKind::Time(calendar) => time_ticks(*calendar, self.min, self.max, count),
            // Every row is labelled, however many.
            AxisKind::Rows(labels) => labels
                .iter()
                .enumerate()
                .map(|(i, label)| Tick {
                    value: i as f64,
                    label: label.clone(),
                })
                .collect(),
            AxisKind::Number(format) => {
                let step = nice_step((self.max - self.min) / count as f64);
                let mut ticks = Vec::new();
                let mut value = (self.min / step).ceil() * step;
                while value <= self.max + step * 1e-9 {
                    // Avoid `-0` and float dust in labels.
                    let clean = (value / step).round() * step + 0.0;
                    ticks.push(Tick {
                        value: clean,
                        label: format.format(clean),
                    });
                    value += step;
                }
                ticks
            }
        }
    }

    /// The label of one value on this axis (a date, or a number).
    pub fn label(&self, value: f64) -> String {
        match &self.kind {
            AxisKind::Time(calendar) => calendar.format(value.round() as i64),
            AxisKind::Number(format) => format.format(value),
            AxisKind::Rows(labels) => usize::try_from(value.round() as i64)
                .ok()
                .and_then(|i| labels.get(i))
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// 1, 2 or 5 × 10ⁿ, the smallest at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// Tick spacings for time axes, finest first: (months, days) and the label style.
const TIME_STEPS: [(u32, i64, DateLabel); 8] = [
    (0, 1, DateLabel::Day),
    (0, 7, DateLabel::Day),
    (1, 0, DateLabel::Month),
    (3, 0, DateLabel::Month),
    (6, 0, DateLabel::Month),
    (12, 0, DateLabel::Year),
    (24, 0, DateLabel::Year),
    (60, 0, DateLabel::Year),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateLabel {
    /// `2026-11-16`
    Day,
    /// `Mar 2027`
    Month,
    /// `2027`
    Year,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn time_ticks(calendar: Calendar, min: f64, max: f64, count: usize) -> Vec<Tick> {
    let (Some(first), Some(last)) = (
        calendar.date_of(min.ceil() as i64),
        calendar.date_of(max.floor() as i64),
    ) else {
        return Vec::new();
    };
    for (months, days, style) in TIME_STEPS {
        let dates = if months == 0 {
            day_steps(first, last, days)
        } else {
            month_steps(first, last, months)
        };
        if dates.len() <= count || (months, days) == (60, 0) {
            return dates
                .into_iter()
                .map(|date| Tick {
                    value: calendar.day_of(date) as f64,
                    label: match style {
                        DateLabel::Day => crate::model::calendar::format_date(date),
                        DateLabel::Month => {
                            format!("{} {}", MONTHS[date.month0() as usize], date.year())
                        }
                        DateLabel::Year => date.year().to_string(),
                    },
                })
                .collect();
        }
    }
    Vec::new()
}

/// Every `days`-th day from `first` (weeks start on Mondays).
fn day_steps(first: NaiveDate, last: NaiveDate, days: i64) -> Vec<NaiveDate> {
    let mut date = first;
    if days == 7 {
        let to_monday = (7 - i64::from(date.weekday().num_days_from_monday())) % 7;
        date += chrono::Duration::days(to_monday);
    }
    let mut dates = Vec::new();
    while date <= last {
        dates.push(date);
        date += chrono::Duration::days(days);
    }
    dates
}

/// First days of months whose count since year 0 is a multiple of
/// `months`: every month, quarter or half-year from January, and for
/// multi-year steps the years divisible by the step.
fn month_steps(first: NaiveDate, last: NaiveDate, months: u32) -> Vec<NaiveDate> {
    let months = i64::from(months);
    let mut index = i64::from(first.year()) * 12 + i64::from(first.month0());
    if first.day() > 1 {
        index += 1;
    }
    index = (index + months - 1).div_euclid(months) * months;
    let mut dates = Vec::new();
    while let Some(date) = NaiveDate::from_ymd_opt(
        index.div_euclid(12) as i32,
        index.rem_euclid(12) as u32 + 1,
        1,
    ) {
        if date > last {
            break;
        }
        dates.push(date);
        index += months;
    }
    dates
}

/// Data → pixels along one axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub from: f64,
    pub to: f64,
}

impl Scale {
    pub fn new(axis: &Axis, from: f64, to: f64) -> Scale {
        Scale {
            min: axis.min,
            max: axis.max,
            from,
            to,
        }
    }

    pub fn at(&self, value: f64) -> f64 {
        let span = self.max - self.min;
        if span == 0.0 {
            return (self.from + self.to) / 2.0;
        }
        self.from + (value - self.min) / span * (self.to - self.from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::parse_date;

    fn calendar() -> Calendar {
        Calendar::new(parse_date("2025-01-01").unwrap())
    }

    #[test]
    fn number_ticks_fall_on_round_values() {
        let axis = Axis::number("x", NumberFormat::Plain, 0.0, 93.0);
        // Step for 93 / 5 = 18.6 is 20: 0 … 100.
        assert_eq!((axis.min, axis.max), (0.0, 100.0));
        let labels: Vec<String> = axis.ticks(5).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["0", "20", "40", "60", "80", "100"]);
        let percent = Axis::number("p", NumberFormat::Percent, 0.0, 1.0);
        let labels: Vec<String> = percent.ticks(4).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["0 %", "50 %", "100 %"]);
    }

    #[test]
    fn time_ticks_pick_weeks_months_or_years_by_span() {
        let c = calendar();
        // 2025-01-01 (day 0) to 2025-01-29 (day 28), padded by 2 days
        // (day −2 = Monday 2024-12-30 to day 30): the Mondays.
        let weeks = Axis::time("t", c, 0, 28);
        let labels: Vec<String> = weeks.ticks(6).into_iter().map(|t| t.label).collect();
        assert_eq!(
            labels,
            [
                "2024-12-30",
                "2025-01-06",
                "2025-01-13",
                "2025-01-20",
                "2025-01-27"
            ]
        );
        // Days 0 to 1095 (2025-01-01 to 2028-01-01) with room for 8 ticks:
        // half-years make 7 (quarters would make 13).
        let years = Axis {
            min: 0.0,
            max: 365.0 * 3.0,
            ..Axis::time("t", c, 0, 1)
        };
        let labels: Vec<String> = years.ticks(8).into_iter().map(|t| t.label).collect();
        assert_eq!(
            labels,
            ["Jan 2025", "Jul 2025", "Jan 2026", "Jul 2026", "Jan 2027", "Jul 2027", "Jan 2028"]
        );
        let labels: Vec<String> = years.ticks(4).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["2025", "2026", "2027", "2028"]);
        // Each tick's value is the day of its date.
        assert_eq!(years.ticks(4)[1].value, 365.0);
    }

    #[test]
    fn a_scale_maps_the_range_onto_the_pixels() {
        let axis = Axis::number("x", NumberFormat::Plain, 0.0, 100.0);
        let s = Scale::new(&axis, 100.0, 300.0);
        assert_eq!(s.at(0.0), 100.0);
        assert_eq!(s.at(50.0), 200.0);
        // Inverted (y grows downwards in SVG).
        let s = Scale::new(&axis, 300.0, 100.0);
        assert_eq!(s.at(100.0), 100.0);
    }

    #[test]
    fn rows_run_from_the_top_one_unit_each() {
        let axis = Axis::rows("", vec!["A".into(), "B".into(), "C".into()]);
        // Plot from y = 400 (bottom) to 100 (top): three rows of 100 px,
        // row 0 centred at 150, row 2 at 350.
        let s = Scale::new(&axis, 400.0, 100.0);
        assert_eq!(s.at(0.0), 150.0);
        assert_eq!(s.at(2.0), 350.0);
        let labels: Vec<String> = axis.ticks(2).into_iter().map(|t| t.label).collect();
        assert_eq!(labels, ["A", "B", "C"]);
        assert_eq!(axis.label(1.0), "B");
    }
}
