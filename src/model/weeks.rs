//! Several weeks' statuses of one portfolio, for the analyses that compare
//! weeks: what changed since last week, the milestone trend, the briefing.

use std::path::Path;

use super::portfolio::Portfolio;
use super::problem::Checked;
use super::status::Status;
use super::{load_status, status_from_str};

/// This week's status and the weeks it is compared with: last week's (or
/// any other reference, `impact --from`) and earlier weeks' (`--history`,
/// the other files of a trend).
///
/// Every week is a week of one portfolio, this week's: the other weeks can
/// only come in as status files, which are validated against this week's
/// portfolio as they are read ([`Weeks::load_last_week`],
/// [`Weeks::load_earlier_week`], or their `_from_str` forms). A validated
/// [`Status`] of another portfolio has no way in, so the comparisons of weeks
/// ([`crate::Scenario::between`], [`crate::trend`], [`crate::Briefing`]) can
/// never mix two portfolios.
///
/// ```
/// use capgraph::{load_portfolio, load_status, trend, Scenario, Weeks};
/// use std::path::Path;
///
/// let portfolio = load_portfolio(Path::new("fixtures/digital-backbone.json"))
///     .value
///     .expect("the sample is valid");
/// let this_week = load_status(Path::new("fixtures/status-2026-w48.json"), &portfolio)
///     .value
///     .expect("this week is valid");
/// let mut weeks = Weeks::new(this_week);
/// let last_week = weeks.load_last_week(Path::new("fixtures/status-2026-w47.json"));
/// assert!(last_week.problems.is_empty());
///
/// let since_last_week = Scenario::between(&weeks).expect("last week is given");
/// assert_eq!(since_last_week.reference_as_of(), Some("2026-11-16"));
/// assert_eq!(trend(&weeks).weeks.len(), 2);
/// ```
///
/// A status validated on its own cannot be slipped in beside this week's
/// (here one of another portfolio, equal to the first but not the same):
///
/// ```compile_fail,E0308
/// use capgraph::{load_portfolio, load_status, Weeks};
/// use std::path::Path;
///
/// let sample = Path::new("fixtures/digital-backbone.json");
/// let (mine, other) = (load_portfolio(sample).value.unwrap(), load_portfolio(sample).value.unwrap());
/// let this_week = load_status(Path::new("fixtures/status-2026-w48.json"), &mine).value.unwrap();
/// let last_week = load_status(Path::new("fixtures/status-2026-w47.json"), &other).value.unwrap();
/// let mut weeks = Weeks::new(this_week);
/// // Last week comes in as a file, read against this week's portfolio.
/// weeks.load_last_week(&last_week);
/// ```
///
/// nor can a `Weeks` be put together by hand:
///
/// ```compile_fail,E0451
/// use capgraph::{load_portfolio, load_status, Weeks};
/// use std::path::Path;
///
/// let sample = Path::new("fixtures/digital-backbone.json");
/// let (mine, other) = (load_portfolio(sample).value.unwrap(), load_portfolio(sample).value.unwrap());
/// let this_week = load_status(Path::new("fixtures/status-2026-w48.json"), &mine).value.unwrap();
/// let last_week = load_status(Path::new("fixtures/status-2026-w47.json"), &other).value.unwrap();
/// let weeks = Weeks { this_week, last_week: Some(last_week), earlier: Vec::new() };
/// ```
#[derive(Debug, Clone)]
pub struct Weeks<'p> {
    this_week: Status<'p>,
    last_week: Option<Status<'p>>,
    /// In the order read.
    earlier: Vec<Status<'p>>,
}

impl<'p> Weeks<'p> {
    /// This week's status, not yet compared with any other week.
    pub fn new(this_week: Status<'p>) -> Weeks<'p> {
        Weeks {
            this_week,
            last_week: None,
            earlier: Vec::new(),
        }
    }

    /// The portfolio of every week: this week's status's.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.this_week.portfolio()
    }

    /// This week's status.
    pub fn this_week(&self) -> &Status<'p> {
        &self.this_week
    }

    /// Last week's status (the reference this week is compared with), if read.
    pub fn last_week(&self) -> Option<&Status<'p>> {
        self.last_week.as_ref()
    }

    /// Earlier weeks' statuses, in the order read.
    pub fn earlier(&self) -> &[Status<'p>] {
        &self.earlier
    }

    /// Every week (earlier weeks, last week, this week) by `as_of`; weeks of
    /// the same `as_of` in that order.
    pub fn by_as_of(&self) -> Vec<&Status<'p>> {
        let mut weeks: Vec<&Status<'p>> = self.earlier.iter().collect();
        weeks.extend(&self.last_week);
        weeks.push(&self.this_week);
        weeks.sort_by_key(|s| s.as_of);
        weeks
    }

    /// Reads last week's status file, validated against this week's
    /// portfolio: its problems, and last week's status when it is valid (it
    /// then replaces any last week read before).
    pub fn load_last_week(&mut self, path: &Path) -> Checked<&Status<'p>> {
        let checked = load_status(path, self.portfolio());
        self.keep_last_week(checked)
    }

    /// [`Weeks::load_last_week`] from JSON text; `file` names it in problems.
    pub fn last_week_from_str(&mut self, text: &str, file: &str) -> Checked<&Status<'p>> {
        let checked = status_from_str(text, self.portfolio(), file);
        self.keep_last_week(checked)
    }

    /// Reads an earlier week's status file, validated against this week's
    /// portfolio: its problems, and the week's status when it is valid (it is
    /// then added to the earlier weeks).
    pub fn load_earlier_week(&mut self, path: &Path) -> Checked<&Status<'p>> {
        let checked = load_status(path, self.portfolio());
        self.keep_earlier_week(checked)
    }

    /// [`Weeks::load_earlier_week`] from JSON text; `file` names it in problems.
    pub fn earlier_week_from_str(&mut self, text: &str, file: &str) -> Checked<&Status<'p>> {
        let checked = status_from_str(text, self.portfolio(), file);
        self.keep_earlier_week(checked)
    }

    fn keep_last_week(&mut self, checked: Checked<Status<'p>>) -> Checked<&Status<'p>> {
        Checked {
            value: checked.value.map(|status| &*self.last_week.insert(status)),
            problems: checked.problems,
        }
    }

    fn keep_earlier_week(&mut self, checked: Checked<Status<'p>>) -> Checked<&Status<'p>> {
        Checked {
            value: checked.value.map(|status| {
                self.earlier.push(status);
                &self.earlier[self.earlier.len() - 1]
            }),
            problems: checked.problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::valid_portfolio;

    fn portfolio() -> Portfolio {
        valid_portfolio(
            r#""projects": [{"id": "A", "name": "a", "duration_days": 10},
                            {"id": "B", "name": "b", "duration_days": 10}]"#,
        )
    }

    #[test]
    fn other_weeks_are_read_against_this_weeks_portfolio() {
        let p = portfolio();
        let this_week = status_from_str(r#"{"as_of": "2025-01-15"}"#, &p, "w3.json")
            .value
            .expect("valid");
        let mut weeks = Weeks::new(this_week);
        let last = weeks.last_week_from_str(
            r#"{"as_of": "2025-01-08", "updates": [{"id": "A", "delay_days": 2}]}"#,
            "w2.json",
        );
        assert!(last.problems.is_empty());
        assert!(std::ptr::eq(last.value.expect("valid").portfolio(), &p));
        // An id of no project of this portfolio: the week is refused with the
        // usual problem, and the weeks stay as they were.
        let unknown = weeks.earlier_week_from_str(
            r#"{"as_of": "2025-01-01", "updates": [{"id": "Z", "delay_days": 1}]}"#,
            "w1.json",
        );
        assert!(unknown.value.is_none());
        assert_eq!(unknown.problems[0].code.as_str(), "unknown-reference");
        assert_eq!(unknown.problems[0].file, "w1.json");
        assert!(weeks.earlier().is_empty());
        weeks
            .earlier_week_from_str(r#"{"as_of": "2025-01-01"}"#, "w1.json")
            .value
            .expect("valid");
        // 2025-01-01 is day 0, 01-08 day 7, 01-15 day 14.
        let as_ofs: Vec<i64> = weeks.by_as_of().iter().map(|s| s.as_of).collect();
        assert_eq!(as_ofs, [0, 7, 14]);
        assert_eq!(weeks.last_week().map(|s| s.as_of), Some(7));
        assert!(std::ptr::eq(weeks.portfolio(), &p));
    }
}
