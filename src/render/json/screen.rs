//! A screening as stable JSON (`screen --format json`,
//! `"schema": "capgraph.screen/1"`, SPEC §12).

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::screen::{Figure, Screening};

#[derive(Serialize)]
struct ScreenJson<'a> {
    schema: &'static str,
    portfolio: &'a str,
    /// The status's `as_of`, or null without `--status`.
    as_of: Option<String>,
    high_float_days: i64,
    high_duration_days: i64,
    checks: Vec<CheckJson<'a>>,
    passed: usize,
    failed: usize,
    not_applicable: usize,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    number: u8,
    name: &'static str,
    count: usize,
    population: usize,
    value: Option<serde_json::Number>,
    threshold: serde_json::Number,
    pass: Option<bool>,
    ids: Vec<&'a str>,
}

/// A figure as a JSON number: counts and days whole, shares and indices
/// as unrounded fractions.
fn number(figure: Figure) -> serde_json::Number {
    match figure {
        Figure::Count(n) => n.into(),
        Figure::Days(n) => n.into(),
        Figure::Share(x) | Figure::Index(x) => {
            serde_json::Number::from_f64(x).unwrap_or_else(|| 0.into())
        }
    }
}

/// Writes the screening as pretty-printed JSON, checks in SPEC order.
pub fn write_screen(screening: &Screening, out: &mut dyn Write) -> io::Result<()> {
    let portfolio = screening.portfolio();
    let json = ScreenJson {
        schema: "capgraph.screen/1",
        portfolio: portfolio.name(),
        as_of: screening.as_of.map(|d| portfolio.calendar().format(d)),
        high_float_days: screening.options.high_float_days,
        high_duration_days: screening.options.high_duration_days,
        checks: screening
            .checks
            .iter()
            .map(|c| CheckJson {
                number: c.number,
                name: c.name,
                count: c.count,
                population: c.population,
                value: c.value.map(number),
                threshold: number(c.threshold),
                pass: c.pass,
                ids: c.ids.iter().map(|n| portfolio.id(*n)).collect(),
            })
            .collect(),
        passed: screening.passed(),
        failed: screening.failed(),
        not_applicable: screening.not_applicable(),
    };
    super::write_json(&json, out)
}
