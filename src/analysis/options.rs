//! Options side by side (SPEC §4 "Options"): what-ifs on top of a week's
//! status, each against the status alone, and the recovery each late
//! capability needs.
//!
//! # Complexity
//! One schedule for the status and one per option (O(V + E) each, the
//! options in parallel); per capability and option O(1). The recovery of a
//! late capability is a shortest-path search upstream from it that visits
//! little more than the ancestors whose float to it is below its lateness
//! ([`TargetFloats::floats_below`]), the late capabilities in parallel; one
//! O(V + E) pass ([`FloatFloor`]) serves them all.

use std::collections::{HashMap, HashSet};

use petgraph::graph::NodeIndex;
use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::error::Error;
use crate::model::{NodeKind, Portfolio, Status};

use super::path::{FloatFloor, TargetFloats};
use super::scenario::Scenario;
use super::schedule::{Schedule, ScheduleOptions};

/// One option as given: a name and its delays (negative: an acceleration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: String,
    /// The delays (the ids of the projects, components or capabilities
    /// delayed, with their days), by id.
    pub delays: Vec<(String, i64)>,
}

/// The options compared with the status alone.
#[derive(Debug, Clone)]
pub struct OptionsComparison<'p> {
    /// The schedule with the status alone.
    pub status: Schedule<'p>,
    /// The status's `as_of` as written.
    pub as_of_date: Option<String>,
    /// Every capability, by id.
    pub capabilities: Vec<NodeIndex>,
    /// One outcome per option, in the order given.
    pub options: Vec<OptionOutcome>,
    /// The recovery of the capabilities late with the status alone, by id:
    /// all of them, or the first few ([`OptionsComparison::compute_first`]).
    pub recovery: Vec<Recovery>,
    /// How many capabilities are late with the status alone.
    pub late: usize,
}

/// What one option gives.
#[derive(Debug, Clone)]
pub struct OptionOutcome {
    pub spec: OptionSpec,
    /// The portfolio finish with the option.
    pub finish: i64,
    /// Each capability's finish with the option, in the order of
    /// [`OptionsComparison::capabilities`].
    pub capability_finishes: Vec<i64>,
    /// The option's delays on finished work (they move no finish), by id.
    pub complete_delayed: Vec<NodeIndex>,
}

/// Where a late capability's time would have to be won.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    pub capability: NodeIndex,
    /// Days late: finish − target (> 0).
    pub late_days: i64,
    /// The driving path, first node first (the capability last), each node
    /// with its float to the capability.
    pub driving_path: Vec<(NodeIndex, i64)>,
    /// The other ancestors whose float to the capability is below its
    /// lateness, by float then id: winning `late_days` on the driving path
    /// downstream of where they join it would let them drive.
    pub close_behind: Vec<(NodeIndex, i64)>,
}

impl<'p> OptionsComparison<'p> {
    /// The portfolio of the status and the options.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.status.portfolio()
    }

    /// Applies each option on top of `status` (as `impact --from STATUS
    /// --delay …` does) and states the recovery of each late capability.
    /// An option naming an id the status's portfolio lacks (or one id twice)
    /// is an error.
    pub fn compute(
        status: &Status<'p>,
        options: &[OptionSpec],
        schedule_options: &ScheduleOptions,
    ) -> Result<OptionsComparison<'p>, Error> {
        Self::compute_first(status, options, schedule_options, usize::MAX)
    }

    /// As [`OptionsComparison::compute`], but states the recovery of only
    /// the first `recoveries` late capabilities by id, for a report that
    /// shows no more: each recovery searches the capability's ancestors, so
    /// the recovery of every capability on a chain through 10 000 of them
    /// costs 10⁸ steps and holds as many.
    pub fn compute_first(
        status: &Status<'p>,
        options: &[OptionSpec],
        schedule_options: &ScheduleOptions,
        recoveries: usize,
    ) -> Result<OptionsComparison<'p>, Error> {
        let portfolio = status.portfolio();
        let capabilities: Vec<NodeIndex> = portfolio.nodes_of_kind(NodeKind::Capability).collect();
        let (alone, outcomes) = rayon::join(
            || Schedule::compute(status, schedule_options),
            || {
                options
                    .par_iter()
                    .map(|spec| {
                        let scenario = Scenario::on_top(status, &spec.delays)?;
                        let schedule = Schedule::compute(&*scenario.status, schedule_options);
                        Ok(OptionOutcome {
                            spec: spec.clone(),
                            finish: schedule.finish,
                            capability_finishes: capabilities
                                .iter()
                                .map(|c| schedule.times(*c).ef)
                                .collect(),
                            complete_delayed: scenario.complete_delayed,
                        })
                    })
                    .collect::<Result<Vec<_>, Error>>()
            },
        );
        let outcomes = outcomes?;
        let late = late_capabilities(portfolio, &alone, &capabilities);
        let recovery = recovery(portfolio, &alone, &late[..late.len().min(recoveries)]);
        Ok(OptionsComparison {
            status: alone,
            as_of_date: status.as_of_date.clone(),
            capabilities,
            options: outcomes,
            recovery,
            late: late.len(),
        })
    }
}

/// The capabilities late in `schedule` and by how many days, in the order
/// of `capabilities`.
fn late_capabilities(
    portfolio: &Portfolio,
    schedule: &Schedule,
    capabilities: &[NodeIndex],
) -> Vec<(NodeIndex, i64)> {
    capabilities
        .iter()
        .filter_map(|&c| {
            let target = portfolio.node(c).target?;
            let late_days = schedule.times(c).ef - target;
            (late_days > 0).then_some((c, late_days))
        })
        .collect()
}

/// The recovery of the `late` capabilities (with their days late) in `schedule`.
fn recovery(
    portfolio: &Portfolio,
    schedule: &Schedule,
    late: &[(NodeIndex, i64)],
) -> Vec<Recovery> {
    let floor = FloatFloor::new(portfolio, schedule);
    late.par_iter()
        .map_init(
            || TargetFloats::new(portfolio, schedule),
            |floats, &(capability, late_days)| {
                let path = schedule.driving_path(capability);
                let found = path_floats(floats, &floor, capability, late_days, &path);
                // The path's floats by node (the capability itself: 0).
                let mut path_float: HashMap<NodeIndex, i64> =
                    path.iter().map(|n| (*n, 0)).collect();
                let mut close_behind = Vec::new();
                for (node, float) in found {
                    if let Some(on_path) = path_float.get_mut(&node) {
                        *on_path = float;
                    } else if float < late_days {
                        close_behind.push((node, float));
                    }
                }
                close_behind.sort_by_key(|(n, f)| (*f, portfolio.id_rank(*n)));
                Recovery {
                    capability,
                    late_days,
                    driving_path: path.iter().map(|n| (*n, path_float[n])).collect(),
                    close_behind,
                }
            },
        )
        .collect()
}

/// The ancestors of `capability` whose float to it is below `late_days`,
/// and at least every node of its driving `path` with its float. A driving
/// path's float is usually 0, but a finish-bound link (FF, SF) into a project
/// whose finish is forecast binds through its planned duration, while the
/// backward pass takes the forecast finish and leaves slack on the link: then
/// the search's bound doubles until the whole path is reached (each search
/// visits little more than the nodes below its bound).
fn path_floats(
    floats: &mut TargetFloats,
    floor: &FloatFloor,
    capability: NodeIndex,
    late_days: i64,
    path: &[NodeIndex],
) -> Vec<(NodeIndex, i64)> {
    let on_path: HashSet<NodeIndex> = path.iter().copied().collect();
    let mut bound = late_days;
    loop {
        let found = floats.floats_below(capability, bound, floor);
        let reached = found.iter().filter(|(n, _)| on_path.contains(n)).count();
        if reached + 1 == on_path.len() {
            // every node but the capability itself, which is no ancestor
            return found;
        }
        bound = bound.saturating_mul(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::path::float_to_target;
    use crate::generate::{portfolio_record, status_record, GenerateOptions};
    use crate::model::{portfolio_from_str, status_from_str};

    #[test]
    fn a_report_that_lists_few_recoveries_works_out_only_those() {
        // A (100 days) delivers C1, C2 and C3, each with target day 31
        // (2025-02-01): all three 69 days late, C1 and C2 first by id.
        let p = portfolio_from_str(
            r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
                "capabilities": [{"id": "C3", "name": "c", "target": "2025-02-01"},
                                 {"id": "C1", "name": "c", "target": "2025-02-01"},
                                 {"id": "C2", "name": "c", "target": "2025-02-01"}],
                "projects": [{"id": "A", "name": "a", "duration_days": 100,
                              "delivers": ["C1", "C2", "C3"]}]}"#,
            "t.json",
        )
        .value
        .expect("valid");
        let status = status_from_str(r#"{"as_of": "2025-01-01"}"#, &p, "s.json")
            .value
            .expect("valid status");
        let options = ScheduleOptions::default();
        let all = OptionsComparison::compute(&status, &[], &options).unwrap();
        let first = OptionsComparison::compute_first(&status, &[], &options, 2).unwrap();
        let ids = |c: &OptionsComparison| -> Vec<(String, i64)> {
            c.recovery
                .iter()
                .map(|r| (p.id(r.capability).to_string(), r.late_days))
                .collect()
        };
        assert_eq!(
            ids(&all),
            [("C1".into(), 69), ("C2".into(), 69), ("C3".into(), 69)]
        );
        assert_eq!((all.late, first.late), (3, 3));
        assert_eq!(first.recovery, all.recovery[..2]);
    }

    #[test]
    fn the_recovery_agrees_with_the_full_float_to_target_pass() {
        // An independent check of the bounded search: for every late
        // capability of a generated week, the driving path's floats and the
        // nodes close behind equal what the full backward pass over all of
        // its ancestors (`path --to`'s figures) gives. The week has finish
        // forecasts behind finish-bound links, so some driving paths carry
        // float and the search's bound has to grow.
        let options = GenerateOptions {
            projects: 100_000,
            seed: 1,
        };
        let text = serde_json::to_string(&portfolio_record(&options)).unwrap();
        let p = portfolio_from_str(&text, "g.json").value.expect("valid");
        let text = serde_json::to_string(&status_record(&options)).unwrap();
        let status = status_from_str(&text, &p, "s.json")
            .value
            .expect("valid status");
        let comparison =
            OptionsComparison::compute(&status, &[], &ScheduleOptions::default()).unwrap();
        assert!(comparison.recovery.len() > 100);
        let mut with_path_float = 0;
        for recovery in &comparison.recovery {
            let full = float_to_target(&p, &comparison.status, recovery.capability);
            let float_of = |n: NodeIndex| {
                full.ancestors
                    .iter()
                    .find(|(a, _)| *a == n)
                    .map_or(0, |(_, f)| *f)
            };
            let expected_path: Vec<(NodeIndex, i64)> = full
                .driving_path
                .iter()
                .map(|n| (*n, float_of(*n)))
                .collect();
            assert_eq!(recovery.driving_path, expected_path);
            let expected_close: Vec<(NodeIndex, i64)> = full
                .ancestors
                .iter()
                .filter(|(n, f)| *f < recovery.late_days && !full.driving_path.contains(n))
                .copied()
                .collect();
            assert_eq!(recovery.close_behind, expected_close);
            if recovery
                .driving_path
                .iter()
                .any(|(_, f)| *f >= recovery.late_days)
            {
                with_path_float += 1;
            }
        }
        assert!(
            with_path_float > 0,
            "no driving path with float in this week"
        );
    }
}
