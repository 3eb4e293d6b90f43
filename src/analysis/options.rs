//! Options side by side (SPEC §4 "Options"): what-ifs on top of a week's
//! status, each against the status alone, and the recovery each late
//! capability needs.
//!
//! # Complexity
//! One schedule for the status and one per option (O(V + E) each, the
//! options in parallel); per capability and option O(1). The recovery of a
//! late capability is one float-to-target pass over its ancestors
//! ([`TargetFloats`]), the late capabilities in parallel.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;
use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::model::{NodeKind, Portfolio, Status};

use super::path::TargetFloats;
use super::scenario::Scenario;
use super::schedule::{Schedule, ScheduleOptions};

/// One option as given: a name and its delays (negative: an acceleration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: String,
    /// The delays, by id.
    pub delays: Vec<(NodeIndex, i64)>,
}

/// The options compared with the status alone.
#[derive(Debug, Clone)]
pub struct OptionsComparison {
    /// The schedule with the status alone.
    pub status: Schedule,
    /// Every capability, by id.
    pub capabilities: Vec<NodeIndex>,
    /// One outcome per option, in the order given.
    pub options: Vec<OptionOutcome>,
    /// The capabilities late with the status alone, by id.
    pub recovery: Vec<Recovery>,
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

impl OptionsComparison {
    /// Applies each option on top of `status` (as `impact --from STATUS
    /// --delay …` does) and states the recovery of each late capability.
    pub fn compute(
        portfolio: &Portfolio,
        status: &Status,
        options: &[OptionSpec],
        schedule_options: &ScheduleOptions,
    ) -> OptionsComparison {
        let capabilities: Vec<NodeIndex> = portfolio.nodes_of_kind(NodeKind::Capability).collect();
        let (alone, outcomes) = rayon::join(
            || Schedule::compute(portfolio, Some(status), schedule_options),
            || {
                options
                    .par_iter()
                    .map(|spec| {
                        let scenario = Scenario::on_top(portfolio, status, &spec.delays);
                        let schedule =
                            Schedule::compute(portfolio, Some(&scenario.status), schedule_options);
                        OptionOutcome {
                            spec: spec.clone(),
                            finish: schedule.finish,
                            capability_finishes: capabilities
                                .iter()
                                .map(|c| schedule.times(*c).ef)
                                .collect(),
                            complete_delayed: scenario.complete_delayed,
                        }
                    })
                    .collect()
            },
        );
        let recovery = recovery(portfolio, &alone, &capabilities);
        OptionsComparison {
            status: alone,
            capabilities,
            options: outcomes,
            recovery,
        }
    }
}

/// The recovery of every capability late in `schedule`, by id.
fn recovery(
    portfolio: &Portfolio,
    schedule: &Schedule,
    capabilities: &[NodeIndex],
) -> Vec<Recovery> {
    let late: Vec<(NodeIndex, i64)> = capabilities
        .iter()
        .filter_map(|&c| {
            let target = portfolio.node(c).target?;
            let late_days = schedule.times(c).ef - target;
            (late_days > 0).then_some((c, late_days))
        })
        .collect();
    late.par_iter()
        .map_init(
            || TargetFloats::new(portfolio, schedule),
            |floats, &(capability, late_days)| {
                let path = schedule.driving_path(portfolio, capability);
                // The path's floats by node (the capability itself: 0).
                let mut path_float: HashMap<NodeIndex, i64> =
                    path.iter().map(|n| (*n, 0)).collect();
                let mut close_behind = Vec::new();
                for (node, float) in floats.floats(capability) {
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
