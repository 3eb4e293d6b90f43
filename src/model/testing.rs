//! Helpers for the model's unit tests: tiny files as JSON text, and problems
//! reduced to what the tests compare.

use super::problem::Problem;
use super::{portfolio_from_str, status_from_str, Portfolio, Weeks};

/// A portfolio file starting 2025-01-01 with these top-level fields added
/// (JSON object members, e.g. `"projects": [...]`).
pub fn portfolio_text(members: &str) -> String {
    let separator = if members.trim().is_empty() { "" } else { "," };
    format!(r#"{{"portfolio": {{"name": "T", "start": "2025-01-01"}}{separator} {members}}}"#)
}

/// (code, JSON path, id or "") of each problem, in the order found.
pub fn findings(problems: &[Problem]) -> Vec<(&'static str, String, String)> {
    problems
        .iter()
        .map(|p| {
            (
                p.code.as_str(),
                p.path.clone(),
                p.id.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// Asserts the problems, in order, as (code, JSON path, id or "").
#[track_caller]
pub fn expect_findings(problems: &[Problem], expected: &[(&str, &str, &str)]) {
    let expected: Vec<(&str, String, String)> = expected
        .iter()
        .map(|(code, path, id)| (*code, path.to_string(), id.to_string()))
        .collect();
    assert_eq!(findings(problems), expected, "{problems:#?}");
}

/// The problems of a portfolio given as top-level members.
pub fn portfolio_problems(members: &str) -> Vec<Problem> {
    portfolio_from_str(&portfolio_text(members), "t.json").problems
}

/// A portfolio that must be valid (warnings allowed).
pub fn valid_portfolio(members: &str) -> Portfolio {
    let checked = portfolio_from_str(&portfolio_text(members), "t.json");
    checked
        .value
        .unwrap_or_else(|| panic!("invalid: {:#?}", checked.problems))
}

/// Last week and this week, status files as JSON text, of `portfolio`.
#[track_caller]
pub fn two_weeks<'p>(portfolio: &'p Portfolio, last_week: &str, this_week: &str) -> Weeks<'p> {
    let this_week = status_from_str(this_week, portfolio, "this-week.json")
        .value
        .expect("this week is valid");
    let mut weeks = Weeks::new(this_week);
    weeks
        .last_week_from_str(last_week, "last-week.json")
        .value
        .expect("last week is valid");
    weeks
}
