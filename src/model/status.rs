//! The validated weekly status: updates resolved to nodes, dates as day offsets.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use super::calendar::parse_date;
use super::portfolio::Portfolio;
use super::problem::{Problem, ProblemCode};
use super::records::{StatusRecord, UpdateRecord};

/// One node's update, dates as day offsets from the portfolio start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    pub node: NodeIndex,
    pub delay_days: Option<i64>,
    pub actual_start: Option<i64>,
    pub actual_finish: Option<i64>,
    pub forecast_finish: Option<i64>,
    pub remaining_days: Option<i64>,
    pub note: Option<String>,
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
            record: UpdateRecord {
                id: portfolio.id(node).to_string(),
                delay_days: Some(days),
                ..UpdateRecord::default()
            },
        }
    }
}

/// A scenario: the updates of one status file (or of `--delay` options).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Status {
    /// `as_of` as a day offset (0 for scenarios built from `--delay`).
    pub as_of: i64,
    /// `as_of` as written, when read from a file.
    pub as_of_date: Option<String>,
    pub updates: Vec<Update>,
}

impl Status {
    /// A scenario of plain delays, as given by `--delay ID=DAYS`.
    pub fn from_delays(portfolio: &Portfolio, delays: &[(NodeIndex, i64)]) -> Status {
        Status {
            as_of: 0,
            as_of_date: None,
            updates: delays
                .iter()
                .map(|(n, d)| Update::delay(portfolio, *n, *d))
                .collect(),
        }
    }

    /// The update of each node, indexed by node.
    pub fn by_node(&self, node_count: usize) -> Vec<Option<&Update>> {
        let mut table = vec![None; node_count];
        for update in &self.updates {
            table[update.node.index()] = Some(update);
        }
        table
    }
}

/// Validates status records against the portfolio (SPEC §2, §7).
pub fn validate_status(
    record: &StatusRecord,
    portfolio: &Portfolio,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Status {
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
        updates.push(Update {
            node,
            delay_days: u.delay_days,
            actual_start,
            actual_finish,
            forecast_finish,
            remaining_days: u.remaining_days,
            note: u.note.clone(),
            record: u.clone(),
        });
    }
    Status {
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
