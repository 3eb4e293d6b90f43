//! What an impact compares (SPEC §4): the reference schedule's updates, the
//! scenario's updates, and the **sources**, what differs between the two.
//!
//! | made by | reference | scenario | sources |
//! |---|---|---|---|
//! | [`Scenario::from_baseline`] | baseline | a status | every update |
//! | [`Scenario::from_delays`] | baseline | `--delay`s | the delays |
//! | [`Scenario::between`] | last week | this week (of one [`Weeks`]) | new, changed and removed updates |
//! | [`Scenario::on_top`] | a status | it plus `--delay`s | the delays |
//!
//! # Complexity
//! Each constructor is O(V + updates): updates are matched through a table
//! indexed by node.

use std::borrow::Cow;

use petgraph::graph::NodeIndex;

use crate::error::Error;
use crate::model::records::UpdateRecord;
use crate::model::status::resolve_delays;
use crate::model::{Basis, Portfolio, Status, Update, Weeks};

/// One thing that differs between the reference and the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub node: NodeIndex,
    /// The update as given (for a delay, `{id, delay_days}`); for a removed
    /// update, the reference's update that the scenario no longer has.
    pub update: UpdateRecord,
    /// The scenario no longer has this update (`--from FILE --status FILE2`).
    pub removed: bool,
    /// The reference's update of the same id that this one changes (`None`
    /// for a new update, a removed one, and a delay).
    pub previous: Option<UpdateRecord>,
}

impl Source {
    /// Whether this difference can move a date: the update, or the
    /// reference's update it changes, sets a schedule field (SPEC §2). One
    /// that only reports progress, money or a note moves nothing itself.
    pub fn moves_dates(&self) -> bool {
        self.update.sets_dates() || self.previous.as_ref().is_some_and(|p| p.sets_dates())
    }
}

/// A reference, a scenario and the sources that tell them apart, all of
/// one portfolio (the scenario status's). `'p` is the portfolio's
/// lifetime, `'s` the borrow of the statuses it was made from.
#[derive(Debug, Clone)]
pub struct Scenario<'s, 'p: 's> {
    /// The reference's updates (`None`: the baseline, no updates).
    pub reference: Option<&'s Status<'p>>,
    /// The scenario's updates.
    pub status: Cow<'s, Status<'p>>,
    /// What differs, by id.
    pub sources: Vec<Source>,
    /// Delays given on nodes that the reference fixes with an
    /// `actual_finish`: added to their `delay_days`, they move no finish.
    pub complete_delayed: Vec<NodeIndex>,
}

impl<'s, 'p: 's> Scenario<'s, 'p> {
    /// The baseline against `status`: every update is a source.
    pub fn from_baseline(status: &'s Status<'p>) -> Scenario<'s, 'p> {
        let portfolio = status.portfolio();
        let sources = status
            .updates()
            .iter()
            .map(|u| Source {
                node: u.node,
                update: u.record.clone(),
                removed: false,
                previous: None,
            })
            .collect();
        Scenario {
            reference: None,
            status: Cow::Borrowed(status),
            sources: by_id(portfolio, sources),
            complete_delayed: Vec::new(),
        }
    }

    /// The baseline against plain delays (`--delay ID=DAYS …`), by id: an
    /// id `portfolio` lacks, or one given twice, is an error (see
    /// [`Status::from_delays`]).
    pub fn from_delays<S: AsRef<str>>(
        portfolio: &'p Portfolio,
        delays: &[(S, i64)],
    ) -> Result<Scenario<'s, 'p>, Error> {
        let delays = resolve_delays(portfolio, delays)?;
        Ok(Scenario {
            reference: None,
            status: Cow::Owned(Status::delayed(portfolio, &delays)),
            sources: delay_sources(portfolio, &delays),
            complete_delayed: Vec::new(),
        })
    }

    /// Last week against this week, of `weeks`: the sources are the
    /// updates of this week that are new or differ from last week's update of
    /// the same id, and last week's updates that this week no longer has
    /// (removed). `None` when no last week was read.
    ///
    /// Both weeks are of one portfolio by construction (see [`Weeks`]): two
    /// statuses validated apart cannot be compared.
    ///
    /// ```compile_fail,E0061
    /// use capgraph::{load_portfolio, load_status, Scenario};
    /// use std::path::Path;
    ///
    /// let sample = Path::new("fixtures/digital-backbone.json");
    /// let (mine, other) = (load_portfolio(sample).value.unwrap(), load_portfolio(sample).value.unwrap());
    /// let last_week = load_status(Path::new("fixtures/status-2026-w47.json"), &other).value.unwrap();
    /// let this_week = load_status(Path::new("fixtures/status-2026-w48.json"), &mine).value.unwrap();
    /// let scenario = Scenario::between(&last_week, &this_week);
    /// ```
    pub fn between(weeks: &'s Weeks<'p>) -> Option<Scenario<'s, 'p>> {
        let previous = weeks.last_week()?;
        let current = weeks.this_week();
        let portfolio = current.portfolio();
        let before = previous.by_node();
        let now = current.by_node();
        let mut sources: Vec<Source> = current
            .updates()
            .iter()
            .filter(|u| before[u.node.index()].is_none_or(|b| b.record != u.record))
            .map(|u| Source {
                node: u.node,
                update: u.record.clone(),
                removed: false,
                previous: before[u.node.index()].map(|b| b.record.clone()),
            })
            .collect();
        sources.extend(
            previous
                .updates()
                .iter()
                .filter(|u| now[u.node.index()].is_none())
                .map(|u| Source {
                    node: u.node,
                    update: u.record.clone(),
                    removed: true,
                    previous: None,
                }),
        );
        Some(Scenario {
            reference: Some(previous),
            status: Cow::Borrowed(current),
            sources: by_id(portfolio, sources),
            complete_delayed: Vec::new(),
        })
    }

    /// A what-if on top of `reference`: its updates plus `delays`. A delay
    /// on a node that `reference` already updates adds to that update's
    /// `delay_days`; the delays are the sources. The ids are looked up in
    /// the reference's portfolio: one it lacks, or one given twice, is an
    /// error.
    pub fn on_top<S: AsRef<str>>(
        reference: &'s Status<'p>,
        delays: &[(S, i64)],
    ) -> Result<Scenario<'s, 'p>, Error> {
        let portfolio = reference.portfolio();
        let delays = resolve_delays(portfolio, delays)?;
        let mut status = reference.clone();
        let mut position: Vec<Option<usize>> = vec![None; portfolio.node_count()];
        for (i, update) in status.updates().iter().enumerate() {
            position[update.node.index()] = Some(i);
        }
        let mut complete_delayed = Vec::new();
        for &(node, days) in &delays {
            match position[node.index()] {
                Some(i) => {
                    let update = &mut status.updates_mut()[i];
                    let total = update.delay_days.unwrap_or(0) + days;
                    update.delay_days = Some(total);
                    update.record.delay_days = Some(total);
                    if update.actual_finish.is_some() {
                        complete_delayed.push(node);
                    }
                }
                None => status
                    .updates_mut()
                    .push(Update::delay(portfolio, node, days)),
            }
        }
        complete_delayed.sort_by_key(|n| portfolio.id_rank(*n));
        Ok(Scenario {
            reference: Some(reference),
            status: Cow::Owned(status),
            sources: delay_sources(portfolio, &delays),
            complete_delayed,
        })
    }

    /// The portfolio of the reference and the scenario.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.status.portfolio()
    }

    /// What the reference schedule is computed on.
    pub fn reference_basis(&self) -> Basis<'s, 'p> {
        match self.reference {
            Some(reference) => Basis::Status(reference),
            None => Basis::Baseline(self.portfolio()),
        }
    }

    /// The reference's `as_of` as written (`None` for the baseline).
    pub fn reference_as_of(&self) -> Option<&str> {
        self.reference.and_then(|r| r.as_of_date.as_deref())
    }
}

fn delay_sources(portfolio: &Portfolio, delays: &[(NodeIndex, i64)]) -> Vec<Source> {
    let sources = delays
        .iter()
        .map(|&(node, days)| Source {
            node,
            update: UpdateRecord {
                id: portfolio.id(node).to_string(),
                delay_days: Some(days),
                ..UpdateRecord::default()
            },
            removed: false,
            previous: None,
        })
        .collect();
    by_id(portfolio, sources)
}

fn by_id(portfolio: &Portfolio, mut sources: Vec<Source>) -> Vec<Source> {
    sources.sort_by_key(|s| portfolio.id_rank(s.node));
    sources
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{portfolio_from_str, status_from_str};

    fn portfolio() -> Portfolio {
        portfolio_from_str(
            r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
                "projects": [{"id": "A", "name": "a", "duration_days": 10},
                             {"id": "B", "name": "b", "duration_days": 10},
                             {"id": "C", "name": "c", "duration_days": 10},
                             {"id": "D", "name": "d", "duration_days": 10}]}"#,
            "t.json",
        )
        .value
        .expect("valid")
    }

    fn status<'p>(p: &'p Portfolio, text: &str) -> Status<'p> {
        status_from_str(text, p, "s.json").value.expect("valid")
    }

    fn ids(p: &Portfolio, sources: &[Source]) -> Vec<(String, bool)> {
        sources
            .iter()
            .map(|s| (p.id(s.node).to_string(), s.removed))
            .collect()
    }

    #[test]
    fn between_two_weeks_the_sources_are_what_changed() {
        // Last week: A +5, B +3, D started. This week: A +5 (same), B +7
        // (changed), C +2 (new); D's update is gone (removed).
        let p = portfolio();
        let current = status(
            &p,
            r#"{"as_of": "2025-01-12", "updates": [{"id": "C", "delay_days": 2},
                {"id": "B", "delay_days": 7}, {"id": "A", "delay_days": 5}]}"#,
        );
        let mut weeks = Weeks::new(current);
        assert!(Scenario::between(&weeks).is_none(), "no last week yet");
        weeks
            .last_week_from_str(
                r#"{"as_of": "2025-01-05", "updates": [{"id": "A", "delay_days": 5},
                    {"id": "B", "delay_days": 3}, {"id": "D", "actual_start": "2025-01-02"}]}"#,
                "previous.json",
            )
            .value
            .expect("valid");
        let scenario = Scenario::between(&weeks).expect("last week was read");
        assert_eq!(
            ids(&p, &scenario.sources),
            [
                ("B".to_string(), false),
                ("C".to_string(), false),
                ("D".to_string(), true)
            ]
        );
        assert_eq!(
            scenario.sources[2].update.actual_start.as_deref(),
            Some("2025-01-02")
        );
        // B's change keeps last week's value; C is new.
        assert_eq!(
            scenario.sources[0]
                .previous
                .as_ref()
                .and_then(|p| p.delay_days),
            Some(3)
        );
        assert_eq!(scenario.sources[1].previous, None);
        assert_eq!(scenario.reference_as_of(), Some("2025-01-05"));
    }

    #[test]
    fn a_delay_on_top_adds_to_the_update_of_the_same_id() {
        // Reference: A +5, B finished. Delays: A +3 (A's delay becomes 8),
        // B +4 (added, but B is complete), C −2 (a new update).
        let p = portfolio();
        let reference = status(
            &p,
            r#"{"as_of": "2025-01-05", "updates": [{"id": "A", "delay_days": 5},
                {"id": "B", "actual_finish": "2025-01-04"}]}"#,
        );
        let scenario = Scenario::on_top(&reference, &[("C", -2), ("A", 3), ("B", 4)]).unwrap();
        let delay_of = |id: &str| {
            let node = p.lookup(id).unwrap();
            scenario
                .status
                .updates()
                .iter()
                .find(|u| u.node == node)
                .and_then(|u| u.delay_days)
        };
        assert_eq!(delay_of("A"), Some(8));
        assert_eq!(delay_of("B"), Some(4));
        assert_eq!(delay_of("C"), Some(-2));
        assert_eq!(scenario.status.as_of, reference.as_of);
        // The sources are the delays as given, by id.
        let given: Vec<(String, Option<i64>)> = scenario
            .sources
            .iter()
            .map(|s| (s.update.id.clone(), s.update.delay_days))
            .collect();
        assert_eq!(
            given,
            [
                ("A".to_string(), Some(3)),
                ("B".to_string(), Some(4)),
                ("C".to_string(), Some(-2))
            ]
        );
        assert_eq!(scenario.complete_delayed, [p.lookup("B").unwrap()]);
        // The reference itself is unchanged.
        assert_eq!(reference.updates().len(), 2);
    }
}
