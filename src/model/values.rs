//! The typed values of the descriptive, money and risk fields of SPEC §1
//! (attributes, cost profiles, fiscal years, ceilings, duration ranges), and
//! how each is read from what the file wrote.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

/// A value of a node's `attributes`: descriptive only, never in a figure.
#[derive(Debug, Clone, PartialEq)]
pub enum AttributeValue {
    Text(String),
    Number(f64),
}

/// Untagged: the string or the number as the file wrote it (`3`, not `3.0`).
impl Serialize for AttributeValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AttributeValue::Text(text) => serializer.serialize_str(text),
            AttributeValue::Number(n) => json_number(*n).serialize(serializer),
        }
    }
}

/// How a project's investment is spent over its duration (SPEC §9).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum CostProfile {
    #[default]
    Linear,
    Front,
    Back,
    Bell,
    /// The 20 weights given: each ≥ 0, with a positive sum.
    Weights(Box<[f64; 20]>),
}

/// `bell`'s weights, percent of the amount per twentieth of the duration.
const BELL: [f64; 20] = [
    0.5, 0.5, 1.5, 1.5, 4.0, 4.0, 7.5, 7.5, 11.5, 11.5, 11.5, 11.5, 7.5, 7.5, 4.0, 4.0, 1.5, 1.5,
    0.5, 0.5,
];

impl CostProfile {
    /// The named profiles, as written in the file.
    pub const NAMES: [&'static str; 4] = ["linear", "front", "back", "bell"];

    /// w1 … w20 of SPEC §9: the share of the amount spent in each twentieth
    /// of the duration (percent for the named profiles; the given weights,
    /// not normalised, otherwise).
    pub fn weights(&self) -> [f64; 20] {
        let halves = |first: f64, second: f64| {
            let mut w = [first; 20];
            w[10..].fill(second);
            w
        };
        match self {
            CostProfile::Linear => [5.0; 20],
            CostProfile::Front => halves(6.5, 3.5),
            CostProfile::Back => halves(3.5, 6.5),
            CostProfile::Bell => BELL,
            CostProfile::Weights(weights) => **weights,
        }
    }

    /// The profile a name stands for.
    pub fn named(name: &str) -> Option<CostProfile> {
        match name {
            "linear" => Some(CostProfile::Linear),
            "front" => Some(CostProfile::Front),
            "back" => Some(CostProfile::Back),
            "bell" => Some(CostProfile::Bell),
            _ => None,
        }
    }

    /// The profile of 20 weights ≥ 0 with a positive sum; why not otherwise.
    pub fn from_weights(weights: &[f64]) -> Result<CostProfile, String> {
        let weights: [f64; 20] = weights.try_into().map_err(|_| {
            format!(
                "has {} weights; a profile has exactly 20 (one per twentieth of the duration)",
                weights.len()
            )
        })?;
        if let Some(i) = weights.iter().position(|w| *w < 0.0) {
            return Err(format!(
                "weight {} is {}; weights cannot be negative",
                i + 1,
                weights[i]
            ));
        }
        if weights.iter().sum::<f64>() <= 0.0 {
            return Err("weights sum to 0; at least one must be positive".to_string());
        }
        Ok(CostProfile::Weights(Box::new(weights)))
    }

    fn name(&self) -> Option<&'static str> {
        match self {
            CostProfile::Linear => Some("linear"),
            CostProfile::Front => Some("front"),
            CostProfile::Back => Some("back"),
            CostProfile::Bell => Some("bell"),
            CostProfile::Weights(_) => None,
        }
    }
}

/// As the file gave it: the name (`"linear"` when absent) or the weights.
impl Serialize for CostProfile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.name(), self) {
            (Some(name), _) => serializer.serialize_str(name),
            (None, CostProfile::Weights(weights)) => {
                serializer.collect_seq(weights.iter().map(|w| json_number(*w)))
            }
            (None, _) => unreachable!("every other profile has a name"),
        }
    }
}

/// A project's `range`: the least and most days of its three-point estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DurationRange {
    pub min: i64,
    pub max: i64,
}

/// The first day of every fiscal year (`fiscal_year_start`, SPEC §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FiscalYearStart {
    pub month: u32,
    pub day: u32,
}

impl Default for FiscalYearStart {
    fn default() -> Self {
        FiscalYearStart { month: 1, day: 1 }
    }
}

impl FiscalYearStart {
    /// Parses exactly `"MM-DD"`, a day that every year has (so not `"02-29"`);
    /// why not otherwise.
    pub fn parse(text: &str) -> Result<FiscalYearStart, String> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 5
            && bytes[2] == b'-'
            && [0, 1, 3, 4].iter().all(|&i| bytes[i].is_ascii_digit());
        if !shaped {
            return Err(format!("\"{text}\" is not of the form \"MM-DD\""));
        }
        let month: u32 = text[..2].parse().expect("two digits");
        let day: u32 = text[3..].parse().expect("two digits");
        if (month, day) == (2, 29) {
            return Err("\"02-29\" is not in every year; a fiscal year cannot start on it".into());
        }
        // 2001 is not a leap year: every day it has, every year has.
        if chrono::NaiveDate::from_ymd_opt(2001, month, day).is_none() {
            return Err(format!("\"{text}\" is not a day of the year"));
        }
        Ok(FiscalYearStart { month, day })
    }
}

/// `MM-DD`.
impl fmt::Display for FiscalYearStart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl Serialize for FiscalYearStart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `ceilings`: money available per fiscal year, by the year's label.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ceilings {
    pub investment: BTreeMap<i32, f64>,
    pub om: BTreeMap<i32, f64>,
}

/// A fiscal-year key: four digits, `0001` to `9999` (the years a date may
/// have, SPEC §7).
pub fn parse_year(text: &str) -> Option<i32> {
    let digits = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
    digits
        .then(|| text.parse().expect("four digits"))
        .filter(|year| *year >= 1)
}

/// A JSON number for an amount: an integer when the amount is whole
/// (`123400000`, not `123400000.0`), so that a value read from a file is
/// written back as it was, else the float as is.
pub fn json_number(amount: f64) -> serde_json::Number {
    // 2^53: beyond it f64 no longer holds every integer, so keep the float.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if amount.fract() == 0.0 && amount.abs() <= EXACT {
        serde_json::Number::from(amount as i64)
    } else {
        serde_json::Number::from_f64(amount).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

/// `serialize_with` for an optional amount (skipped when `None`).
pub fn serialize_optional_number<S: Serializer>(
    amount: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    amount.map(json_number).serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_profiles_have_the_weights_of_spec_9() {
        // Each sums to 100 percent: linear 20 × 5; front 10 × 6.5 + 10 × 3.5;
        // bell 2 × (0.5 + 0.5 + 1.5 + 1.5 + 4 + 4 + 7.5 + 7.5 + 11.5 + 11.5) = 2 × 50.
        for name in CostProfile::NAMES {
            let w = CostProfile::named(name).unwrap().weights();
            assert_eq!(w.iter().sum::<f64>(), 100.0, "{name}");
        }
        assert_eq!(CostProfile::Front.weights()[9], 6.5);
        assert_eq!(CostProfile::Front.weights()[10], 3.5);
        assert_eq!(CostProfile::Back.weights()[0], 3.5);
        assert_eq!(CostProfile::Bell.weights()[9], 11.5);
    }

    #[test]
    fn profiles_are_written_back_as_given() {
        let json = |p: &CostProfile| serde_json::to_string(p).unwrap();
        assert_eq!(json(&CostProfile::default()), "\"linear\"");
        assert_eq!(json(&CostProfile::Bell), "\"bell\"");
        let mut weights = vec![0.0; 20];
        weights[0] = 1.5;
        weights[19] = 2.0;
        let given = CostProfile::from_weights(&weights).unwrap();
        assert_eq!(json(&given), "[1.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2]");
    }

    #[test]
    fn weights_must_be_20_non_negative_with_a_positive_sum() {
        assert!(CostProfile::from_weights(&[1.0; 19])
            .unwrap_err()
            .contains("has 19 weights"));
        let mut negative = [1.0; 20];
        negative[3] = -1.0;
        assert!(CostProfile::from_weights(&negative)
            .unwrap_err()
            .contains("weight 4 is -1"));
        assert!(CostProfile::from_weights(&[0.0; 20])
            .unwrap_err()
            .contains("sum to 0"));
    }

    #[test]
    fn fiscal_year_starts_are_days_of_every_year() {
        assert_eq!(
            FiscalYearStart::parse("04-06"),
            Ok(FiscalYearStart { month: 4, day: 6 })
        );
        assert_eq!(
            FiscalYearStart::parse("12-31").unwrap().to_string(),
            "12-31"
        );
        for bad in [
            "02-29", "02-30", "13-01", "00-10", "4-06", "04/06", "04-06 ", "",
        ] {
            assert!(FiscalYearStart::parse(bad).is_err(), "{bad}");
        }
        assert!(FiscalYearStart::parse("02-29")
            .unwrap_err()
            .contains("every year"));
    }

    #[test]
    fn year_keys_are_four_digits_from_0001() {
        assert_eq!(parse_year("2026"), Some(2026));
        assert_eq!(parse_year("0001"), Some(1));
        for bad in ["0000", "26", "20260", "+202", "FY26", " 2026"] {
            assert_eq!(parse_year(bad), None, "{bad}");
        }
    }

    #[test]
    fn whole_numbers_are_written_as_integers() {
        assert_eq!(json_number(123_400_000.0).to_string(), "123400000");
        assert_eq!(json_number(2.5).to_string(), "2.5");
        let attribute = AttributeValue::Number(3.0);
        assert_eq!(serde_json::to_string(&attribute).unwrap(), "3");
        let text = AttributeValue::Text("x".into());
        assert_eq!(serde_json::to_string(&text).unwrap(), "\"x\"");
    }
}

/// Amounts by fiscal year, sorted by year, each year once (a project's
/// `cost.authorised`). A boxed slice: one allocation of 16 bytes a year,
/// where a `BTreeMap` takes a node of 160 bytes for even one year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AmountsByYear(Box<[(i32, f64)]>);

impl AmountsByYear {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The amount of `year`, if given.
    pub fn get(&self, year: i32) -> Option<f64> {
        let found = self.0.binary_search_by_key(&year, |&(y, _)| y);
        found.ok().map(|i| self.0[i].1)
    }

    /// The years given, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.0.iter().map(|&(year, _)| year)
    }

    /// The first and the last year given.
    pub fn first_and_last(&self) -> Option<(i32, i32)> {
        Some((self.0.first()?.0, self.0.last()?.0))
    }

    /// (year, amount) in year order.
    pub fn iter(&self) -> impl Iterator<Item = (i32, f64)> + '_ {
        self.0.iter().copied()
    }
}

/// Sorted by year; a year given twice keeps its last amount (as a map would).
impl FromIterator<(i32, f64)> for AmountsByYear {
    fn from_iter<I: IntoIterator<Item = (i32, f64)>>(amounts: I) -> Self {
        let mut amounts: Vec<(i32, f64)> = amounts.into_iter().collect();
        // Stable: a year's amounts stay in the order given; reversed, the
        // last of them is the first, the one `dedup` keeps.
        amounts.sort_by_key(|&(year, _)| year);
        amounts.reverse();
        amounts.dedup_by_key(|&mut (year, _)| year);
        amounts.reverse();
        AmountsByYear(amounts.into())
    }
}
