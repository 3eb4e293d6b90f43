//! The validated weekly status: updates resolved to nodes, dates as day offsets.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use crate::error::Error;

use super::calendar::parse_date;
use super::portfolio::Portfolio;
use super::problem::{Problem, ProblemCode};
use super::records::{StatusRecord, UpdateRecord};

/// One node's update, dates as day offsets from the portfolio start.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub node: NodeIndex,
    pub delay_days: Option<i64>,
    pub actual_start: Option<i64>,
    pub actual_finish: Option<i64>,
    pub forecast_finish: Option<i64>,
    pub remaining_days: Option<i64>,
    pub note: Option<String>,
    /// Physical progress, 0–100 (SPEC §9 earned value); moves nothing.
    pub percent_complete: Option<f64>,
    /// Money spent on the project to date, ≥ 0.
    pub actual_cost: Option<f64>,
    /// The latest estimate of the project's whole cost, ≥ 0.
    pub estimate_at_completion: Option<f64>,
    /// The update as written, for reports that echo it.
    pub record: UpdateRecord,
}

impl Update {
    /// An update that only delays (or, negative, advances) the node.
    pub fn delay(portfolio: &Portfolio, node: NodeIndex, days: i64) -> Update {
        Update {
            node,
            delay_days: Some(days),
            actual_start: None,
            actual_finish: None,
            forecast_finish: None,
            remaining_days: None,
            note: None,
            percent_complete: None,
            actual_cost: None,
            estimate_at_completion: None,
            record: UpdateRecord {
                id: portfolio.id(node).to_string(),
                delay_days: Some(days),
                ..UpdateRecord::default()
            },
        }
    }
}

/// A scenario: the updates of one status file (or of `--delay` options),
/// tied to the portfolio it was validated against.
///
/// A status can only be made by validation ([`crate::load_status`],
/// [`crate::status_from_str`]) or from delays on a portfolio's projects
/// ([`Status::from_delays`]), and it carries that portfolio: the analyses read
/// the portfolio from the status (see [`Basis`]), so a status can never be
/// applied to another portfolio. Analyses of several weeks take them as
/// [`super::Weeks`], where each week is validated against one portfolio.
#[derive(Debug, Clone)]
pub struct Status<'p> {
    portfolio: &'p Portfolio,
    /// `as_of` as a day offset (0 for scenarios built from `--delay`).
    pub as_of: i64,
    /// `as_of` as written, when read from a file.
    pub as_of_date: Option<String>,
    updates: Vec<Update>,
}

/// The nodes of delays given by id, in the order given: an id that is not
/// a project, component or capability of `portfolio`, or an id given twice,
/// is an error.
pub(crate) fn resolve_delays<S: AsRef<str>>(
    portfolio: &Portfolio,
    delays: &[(S, i64)],
) -> Result<Vec<(NodeIndex, i64)>, Error> {
    let mut nodes: Vec<(NodeIndex, i64)> = Vec::with_capacity(delays.len());
    for (id, days) in delays {
        let id = id.as_ref();
        let node = portfolio.lookup(id).ok_or_else(|| Error::Input {
            message: format!(
                "a delay names \"{id}\", which is not a project, component or capability of {}",
                portfolio.name()
            ),
            hint: portfolio.suggest(id),
        })?;
        nodes.push((node, *days));
    }
    let mut seen: Vec<NodeIndex> = nodes.iter().map(|(n, _)| *n).collect();
    seen.sort_unstable();
    if let Some(twice) = seen.windows(2).find(|pair| pair[0] == pair[1]) {
        return Err(Error::Input {
            message: format!(
                "a delay names \"{}\" twice; give one delay per id",
                portfolio.id(twice[0])
            ),
            hint: None,
        });
    }
    Ok(nodes)
}

impl<'p> Status<'p> {
    /// A scenario of plain delays, as given by `--delay ID=DAYS`: each id is
    /// looked up in `portfolio`, so a delay cannot fall on another
    /// portfolio's project. An id the portfolio lacks, or one given twice,
    /// is an error ([`Error::Input`], with a hint for a near id).
    pub fn from_delays<S: AsRef<str>>(
        portfolio: &'p Portfolio,
        delays: &[(S, i64)],
    ) -> Result<Status<'p>, Error> {
        Ok(Status::delayed(
            portfolio,
            &resolve_delays(portfolio, delays)?,
        ))
    }

    /// The portfolio as planned: a status without updates.
    pub(crate) fn planned(portfolio: &'p Portfolio) -> Status<'p> {
        Status::delayed(portfolio, &[])
    }

    /// Plain delays on nodes of `portfolio` (see [`resolve_delays`]).
    pub(crate) fn delayed(portfolio: &'p Portfolio, delays: &[(NodeIndex, i64)]) -> Status<'p> {
        Status {
            portfolio,
            as_of: 0,
            as_of_date: None,
            updates: delays
                .iter()
                .map(|(n, d)| Update::delay(portfolio, *n, *d))
                .collect(),
        }
    }

    /// The portfolio this status was validated against.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.portfolio
    }

    /// The updates, in file order.
    pub fn updates(&self) -> &[Update] {
        &self.updates
    }

    /// The updates, for what-ifs built on this status inside the library
    /// (their nodes must be this status's portfolio's).
    pub(crate) fn updates_mut(&mut self) -> &mut Vec<Update> {
        &mut self.updates
    }

    /// The update of each node, indexed by node.
    pub fn by_node(&self) -> Vec<Option<&Update>> {
        let mut table = vec![None; self.portfolio.node_count()];
        for update in &self.updates {
            table[update.node.index()] = Some(update);
        }
        table
    }
}

/// What a schedule is computed on: the portfolio as planned (the baseline),
/// or a status, which brings the portfolio it was validated against. Made
/// from a `&Portfolio` or a `&Status`, so there is no way to pair a status
/// with another portfolio (the crate documentation shows the attempt, which
/// does not compile).
///
/// `'p` is the portfolio's lifetime, `'s` the status's borrow: a schedule
/// keeps only the portfolio, so it may outlive the borrow of the status.
#[derive(Debug, Clone, Copy)]
pub enum Basis<'s, 'p> {
    /// The portfolio as planned, no updates.
    Baseline(&'p Portfolio),
    /// The status's portfolio with the status's updates.
    Status(&'s Status<'p>),
}

impl<'s, 'p> Basis<'s, 'p> {
    /// The portfolio, the status's own when there is one.
    pub fn portfolio(self) -> &'p Portfolio {
        match self {
            Basis::Baseline(portfolio) => portfolio,
            Basis::Status(status) => status.portfolio,
        }
    }

    /// The status, if any.
    pub fn status(self) -> Option<&'s Status<'p>> {
        match self {
            Basis::Baseline(_) => None,
            Basis::Status(status) => Some(status),
        }
    }

    /// The update of each node, indexed by node (all `None` for the baseline).
    pub fn updates_by_node(self) -> Vec<Option<&'s Update>> {
        match self {
            Basis::Baseline(portfolio) => vec![None; portfolio.node_count()],
            Basis::Status(status) => status.by_node(),
        }
    }

    /// The status's `as_of` day (0 for the baseline).
    pub fn as_of(self) -> i64 {
        self.status().map_or(0, |s| s.as_of)
    }
}

impl<'s, 'p> From<&'p Portfolio> for Basis<'s, 'p> {
    fn from(portfolio: &'p Portfolio) -> Basis<'s, 'p> {
        Basis::Baseline(portfolio)
    }
}

impl<'s, 'p> From<&'s Status<'p>> for Basis<'s, 'p> {
    fn from(status: &'s Status<'p>) -> Basis<'s, 'p> {
        Basis::Status(status)
    }
}

/// Validates status records against the portfolio (SPEC §2, §7). Returns
/// the status even when there are errors, so it is private to the model (as
/// [`super::validate`]'s portfolio).
pub(super) fn validate_status<'p>(
    record: &StatusRecord,
    portfolio: &'p Portfolio,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Status<'p> {
    let mut v = StatusValidator {
        file,
        calendar: portfolio.calendar(),
        problems,
    };
    let as_of = if record.as_of.is_empty() {
        None
    } else {
        v.day(Some(&record.as_of), "/as_of".to_string(), "")
    };
    let mut seen: HashMap<NodeIndex, usize> = HashMap::new();
    let mut updates = Vec::new();
    for (i, u) in record.updates.iter().enumerate() {
        let path = format!("/updates/{i}");
        if u.id.is_empty() {
            continue;
        }
        let Some(node) = portfolio.lookup(&u.id) else {
            v.report(
                ProblemCode::UnknownReference,
                format!("{path}/id"),
                &u.id,
                format!("update for \"{}\", which is not a project, component or capability of the portfolio", u.id),
                portfolio.suggest(&u.id),
            );
            continue;
        };
        if let Some(first) = seen.insert(node, i) {
            v.report(
                ProblemCode::DuplicateUpdate,
                format!("{path}/id"),
                &u.id,
                format!(
                    "\"{}\" is already updated at /updates/{first}; one update per id",
                    u.id
                ),
                Some("merge the two updates into one".to_string()),
            );
            continue;
        }
        let actual_start = v.day(
            u.actual_start.as_deref(),
            format!("{path}/actual_start"),
            &u.id,
        );
        let actual_finish = v.day(
            u.actual_finish.as_deref(),
            format!("{path}/actual_finish"),
            &u.id,
        );
        let forecast_finish = v.day(
            u.forecast_finish.as_deref(),
            format!("{path}/forecast_finish"),
            &u.id,
        );
        if let (Some(s), Some(f)) = (actual_start, actual_finish) {
            if f < s {
                v.report(
                    ProblemCode::FinishBeforeStart,
                    format!("{path}/actual_finish"),
                    &u.id,
                    format!(
                        "actual_finish {} is before actual_start {}",
                        u.actual_finish.as_deref().unwrap_or_default(),
                        u.actual_start.as_deref().unwrap_or_default()
                    ),
                    Some("correct one of the two dates".to_string()),
                );
            }
        }
        if let Some(r) = u.remaining_days.filter(|r| *r < 0) {
            v.report(
                ProblemCode::NegativeRemaining,
                format!("{path}/remaining_days"),
                &u.id,
                format!("remaining_days is {r}; it must be 0 or more"),
                Some("use actual_finish for work that is complete".to_string()),
            );
        }
        if let Some(p) = u.percent_complete.filter(|p| !(0.0..=100.0).contains(p)) {
            v.report(
                ProblemCode::PercentOutOfRange,
                format!("{path}/percent_complete"),
                &u.id,
                format!("percent_complete is {p}; it lies within 0 to 100"),
                None,
            );
        }
        for (field, amount) in [
            ("actual_cost", u.actual_cost),
            ("estimate_at_completion", u.estimate_at_completion),
        ] {
            if let Some(amount) = amount.filter(|a| *a < 0.0) {
                v.report(
                    ProblemCode::NegativeCost,
                    format!("{path}/{field}"),
                    &u.id,
                    format!("{field} is {amount}; amounts of money cannot be negative"),
                    None,
                );
            }
        }
        updates.push(Update {
            node,
            delay_days: u.delay_days,
            actual_start,
            actual_finish,
            forecast_finish,
            remaining_days: u.remaining_days,
            note: u.note.clone(),
            percent_complete: u.percent_complete,
            actual_cost: u.actual_cost,
            estimate_at_completion: u.estimate_at_completion,
            record: u.clone(),
        });
    }
    Status {
        portfolio,
        as_of: as_of.unwrap_or(0),
        as_of_date: Some(record.as_of.clone()),
        updates,
    }
}

struct StatusValidator<'a> {
    file: &'a str,
    calendar: super::calendar::Calendar,
    problems: &'a mut Vec<Problem>,
}

impl StatusValidator<'_> {
    fn report(
        &mut self,
        code: ProblemCode,
        path: String,
        id: &str,
        message: String,
        hint: Option<String>,
    ) {
        let mut problem = Problem::new(code, self.file, &path, message).with_hint(hint);
        if !id.is_empty() {
            problem = problem.with_id(id);
        }
        self.problems.push(problem);
    }

    /// A status date as a day offset; invalid dates and dates before the
    /// portfolio start are reported (SPEC §7).
    fn day(&mut self, text: Option<&str>, path: String, id: &str) -> Option<i64> {
        let text = text?;
        let Some(date) = parse_date(text) else {
            self.report(
                ProblemCode::InvalidDate,
                path,
                id,
                format!("\"{text}\" is not a calendar date"),
                Some("write dates as YYYY-MM-DD, e.g. 2026-11-23".to_string()),
            );
            return None;
        };
        let offset = self.calendar.day_of(date);
        if offset < 0 {
            let start = self.calendar.format(0);
            self.report(
                ProblemCode::DateBeforeStart,
                path,
                id,
                format!("{text} is before the portfolio start {start}"),
                Some("status dates must fall on or after the portfolio start".to_string()),
            );
            return None;
        }
        Some(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::status_from_str;
    use crate::model::testing::{expect_findings, valid_portfolio};

    #[test]
    fn delays_are_given_by_id_and_an_unknown_or_repeated_id_is_an_error() {
        let p = portfolio();
        // By id: the delay falls on this portfolio's project of that id.
        let status = Status::from_delays(&p, &[("B", 4), ("P-COR-001", -2)]).unwrap();
        let delays: Vec<(&str, Option<i64>)> = status
            .updates()
            .iter()
            .map(|u| (p.id(u.node), u.delay_days))
            .collect();
        assert_eq!(delays, [("B", Some(4)), ("P-COR-001", Some(-2))]);
        // An id the portfolio lacks: an error naming it, with the near id.
        match Status::from_delays(&p, &[("P-COR-01", 3)]) {
            Err(Error::Input { message, hint }) => {
                assert!(message.contains("\"P-COR-01\""), "{message}");
                assert!(
                    message.contains("not a project, component or capability"),
                    "{message}"
                );
                assert_eq!(hint.as_deref(), Some("did you mean \"P-COR-001\"?"));
            }
            other => panic!("expected an input error, got {other:?}"),
        }
        // One id twice: an error, not two updates of one project.
        match Status::from_delays(&p, &[("B", 1), ("P-COR-001", 2), ("B", 3)]) {
            Err(Error::Input { message, .. }) => {
                assert!(message.contains("\"B\" twice"), "{message}");
            }
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    /// Start 2025-01-01; A (10 days), component k, capability C.
    fn portfolio() -> Portfolio {
        valid_portfolio(
            r#""components": [{"id": "k", "name": "k", "provided_by": "P-COR-001"}],
               "capabilities": [{"id": "C", "name": "c"}],
               "projects": [{"id": "P-COR-001", "name": "a", "duration_days": 10, "delivers": ["C"]},
                            {"id": "B", "name": "b", "duration_days": 5, "uses": ["k"]}]"#,
        )
    }

    fn status_problems(text: &str) -> Vec<Problem> {
        status_from_str(text, &portfolio(), "s.json").problems
    }

    fn with_updates(updates: &str) -> Vec<Problem> {
        status_problems(&format!(
            r#"{{"as_of": "2025-06-16", "updates": [{updates}]}}"#
        ))
    }

    #[test]
    fn a_valid_status_turns_dates_into_day_offsets() {
        // as_of 2025-02-01 = day 31; actual_start 2025-01-11 = day 10;
        // forecast 2025-03-01 = day 59. Components and capabilities may be updated.
        let p = portfolio();
        let checked = status_from_str(
            r#"{"as_of": "2025-02-01", "updates": [
                {"id": "P-COR-001", "actual_start": "2025-01-11", "forecast_finish": "2025-03-01",
                 "note": "late"},
                {"id": "k", "delay_days": 3}, {"id": "C", "remaining_days": 0}]}"#,
            &p,
            "s.json",
        );
        assert!(checked.problems.is_empty(), "{:#?}", checked.problems);
        let status = checked.value.unwrap();
        assert_eq!(status.as_of, 31);
        let a = &status.updates[0];
        assert_eq!((a.actual_start, a.forecast_finish), (Some(10), Some(59)));
        assert_eq!(a.note.as_deref(), Some("late"));
        assert_eq!(status.updates[1].node, p.lookup("k").unwrap());
    }

    #[test]
    fn as_of_is_required_and_updates_are_optional() {
        expect_findings(
            &status_problems(r#"{"updates": []}"#),
            &[("missing-field", "", "")],
        );
        assert!(status_problems(r#"{"as_of": "2025-06-16"}"#).is_empty());
        expect_findings(
            &status_problems(r#"{"as_of": "16/06/2025"}"#),
            &[("invalid-date", "/as_of", "")],
        );
    }

    #[test]
    fn status_dates_before_the_portfolio_start_are_errors() {
        expect_findings(
            &status_problems(r#"{"as_of": "2024-12-31"}"#),
            &[("date-before-start", "/as_of", "")],
        );
        expect_findings(
            &with_updates(
                r#"{"id": "P-COR-001", "actual_start": "2024-12-16"},
                   {"id": "B", "forecast_finish": "2024-01-01"}"#,
            ),
            &[
                ("date-before-start", "/updates/0/actual_start", "P-COR-001"),
                ("date-before-start", "/updates/1/forecast_finish", "B"),
            ],
        );
    }

    #[test]
    fn an_actual_finish_before_the_actual_start_is_an_error() {
        expect_findings(
            &with_updates(
                r#"{"id": "B", "actual_start": "2025-03-10", "actual_finish": "2025-02-24"}"#,
            ),
            &[("finish-before-start", "/updates/0/actual_finish", "B")],
        );
        // The same day is fine (a zero-length piece of work).
        assert!(with_updates(
            r#"{"id": "B", "actual_start": "2025-03-10", "actual_finish": "2025-03-10"}"#
        )
        .is_empty());
    }

    #[test]
    fn two_updates_for_one_id_are_an_error_at_the_second() {
        let problems = with_updates(
            r#"{"id": "B", "delay_days": 3}, {"id": "k", "delay_days": 1},
               {"id": "B", "remaining_days": 4}"#,
        );
        expect_findings(&problems, &[("duplicate-update", "/updates/2/id", "B")]);
        assert!(problems[0].message.contains("/updates/0"));
    }

    #[test]
    fn an_unknown_id_is_an_error_with_a_hint() {
        let problems = with_updates(r#"{"id": "B", "delay_days": 3}, {"id": "P-COR-01"}"#);
        expect_findings(
            &problems,
            &[("unknown-reference", "/updates/1/id", "P-COR-01")],
        );
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean \"P-COR-001\"?")
        );
    }

    #[test]
    fn remaining_days_must_not_be_negative() {
        expect_findings(
            &with_updates(r#"{"id": "B", "remaining_days": -14}"#),
            &[("negative-remaining", "/updates/0/remaining_days", "B")],
        );
        // A negative delay is a gain, not an error.
        assert!(with_updates(r#"{"id": "B", "delay_days": -14}"#).is_empty());
    }

    #[test]
    fn unknown_fields_and_wrong_types_in_updates() {
        expect_findings(
            &with_updates(r#"{"id": "B", "delay": 3}, {"id": "k", "delay_days": "3"}"#),
            &[
                ("unknown-field", "/updates/0/delay", "B"),
                ("wrong-type", "/updates/1/delay_days", "k"),
            ],
        );
    }

    #[test]
    fn earned_value_fields_are_read_and_checked() {
        // 0 and 100 are the bounds of percent_complete, both allowed.
        let p = portfolio();
        let text = r#"{"as_of": "2025-06-16", "updates": [
            {"id": "P-COR-001", "percent_complete": 100, "actual_cost": 0, "estimate_at_completion": 2.5},
            {"id": "B", "percent_complete": 0}]}"#;
        let status = status_from_str(text, &p, "s.json").value.expect("valid");
        let u = &status.updates[0];
        assert_eq!(
            (u.percent_complete, u.actual_cost, u.estimate_at_completion),
            (Some(100.0), Some(0.0), Some(2.5))
        );
        assert_eq!(status.updates[1].percent_complete, Some(0.0));
        expect_findings(
            &with_updates(
                r#"{"id": "P-COR-001", "percent_complete": 100.5, "actual_cost": -1},
                   {"id": "B", "percent_complete": -0.1, "estimate_at_completion": -3},
                   {"id": "k", "percent_complete": "50", "actual_cost": null}"#,
            ),
            &[
                // Types are found while reading, before the values are checked.
                ("wrong-type", "/updates/2/percent_complete", "k"),
                ("wrong-type", "/updates/2/actual_cost", "k"),
                (
                    "percent-out-of-range",
                    "/updates/0/percent_complete",
                    "P-COR-001",
                ),
                ("negative-cost", "/updates/0/actual_cost", "P-COR-001"),
                ("percent-out-of-range", "/updates/1/percent_complete", "B"),
                ("negative-cost", "/updates/1/estimate_at_completion", "B"),
            ],
        );
    }
}
