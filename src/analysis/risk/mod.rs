//! Schedule risk (SPEC §11): Monte Carlo over three-point duration
//! estimates — the distribution of the portfolio's and each capability's
//! finish, the criticality index of every node, each capability's drivers
//! and the sensitivity tornado.
//!
//! Every iteration is a whole schedule computed by the schedule's own
//! passes ([`crate::analysis::schedule::forward_pass`],
//! [`crate::analysis::schedule::backward_pass`]), so a degenerate estimate
//! gives exactly the deterministic schedule.

pub mod draw;
pub mod estimates;
pub mod simulation;
pub mod statistics;

use petgraph::graph::NodeIndex;
use rayon::prelude::{IntoParallelIterator, ParallelIterator};

use crate::analysis::portfolio_ref::PortfolioRef;
use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::model::{Basis, NodeKind, Portfolio, Update};

use draw::{Copula, Estimate};
use simulation::{Drawn, Plan, Samples};
use statistics::{average_ranks, pearson, FinishDistribution};

/// A three-point estimate of a duration, in days: min ≤ mode ≤ max.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreePoint {
    pub min: i64,
    pub mode: i64,
    pub max: i64,
}

/// The distribution drawn from on [min, max].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    #[default]
    Triangular,
    /// Beta on [a, b] with α = 1 + 4(m − a)/(b − a), β = 1 + 4(b − m)/(b − a).
    Pert,
}

impl Shape {
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Triangular => "triangular",
            Shape::Pert => "pert",
        }
    }
}

/// How to run the simulation (SPEC §11 defaults).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RiskOptions {
    pub iterations: usize,
    pub seed: u64,
    pub shape: Shape,
    /// R in [0, 1): the correlation of the draws within one domain.
    pub correlation: f64,
}

impl Default for RiskOptions {
    fn default() -> Self {
        RiskOptions {
            iterations: 10_000,
            seed: 1,
            shape: Shape::Triangular,
            correlation: 0.0,
        }
    }
}

/// How many top entries the drivers and the tornado list.
pub const TOP: usize = 10;

/// A node with a share of the iterations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeShare {
    pub node: NodeIndex,
    pub share: f64,
}

/// A project's rank correlation with a finish.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sensitivity {
    pub node: NodeIndex,
    pub correlation: f64,
}

/// One capability's risk figures.
#[derive(Debug, Clone, PartialEq)]
pub struct CapabilityRisk {
    pub node: NodeIndex,
    pub finish: FinishDistribution,
    /// The (at most [`TOP`]) nodes most often on its driving path, most
    /// often first, then by id; the capability itself is not listed.
    pub drivers: Vec<NodeShare>,
}

/// The outcome of a simulation, with the portfolio and status date it ran
/// on: read and rendered alone.
#[derive(Debug, Clone)]
pub struct RiskAnalysis<'p> {
    portfolio: PortfolioRef<'p>,
    /// `as_of` of the status simulated, as written in it; `None` for the plan.
    pub as_of_date: Option<String>,
    pub options: RiskOptions,
    /// The distribution of the portfolio finish.
    pub finish: FinishDistribution,
    /// By capability id.
    pub capabilities: Vec<CapabilityRisk>,
    /// Per node index: the share of iterations in which it is critical.
    pub criticality: Vec<f64>,
    /// The (at most [`TOP`]) varying projects whose drawn duration has the
    /// largest rank correlation (in absolute value) with the portfolio
    /// finish; then by id.
    pub sensitivity: Vec<Sensitivity>,
    /// Projects whose duration varies: a range with min < max, not complete.
    pub varying: usize,
    drawn: Vec<Drawn>,
    varies: Vec<bool>,
    samples: Samples,
}

/// Per node index: each project's three-point estimate from the portfolio
/// file (its `range`, else `risk.default_range_pct`).
pub fn estimates(portfolio: &Portfolio) -> Vec<Option<ThreePoint>> {
    estimates::estimates_with(
        portfolio,
        |node| portfolio.node(node).range().map(|r| (r.min, r.max)),
        portfolio.default_range_pct(),
    )
}

/// Runs the simulation of SPEC §11: `estimates` gives, per node index, the
/// three-point estimate of its duration (`None`: it keeps its duration).
pub fn analyse<'s, 'p>(
    basis: impl Into<Basis<'s, 'p>>,
    estimates: &[Option<ThreePoint>],
    options: &RiskOptions,
) -> RiskAnalysis<'p>
where
    'p: 's,
{
    let basis = basis.into();
    let portfolio = basis.portfolio();
    let updates: Vec<Option<&Update>> = basis.updates_by_node();
    let deterministic = Schedule::compute(basis, &ScheduleOptions::default());
    let capabilities: Vec<NodeIndex> = portfolio
        .nodes_by_id()
        .iter()
        .copied()
        .filter(|n| portfolio.node(*n).kind == NodeKind::Capability)
        .collect();

    // The copula's factors: one per domain of a drawn project, in domain order.
    let mut domains: Vec<&str> = Vec::new();
    let mut drawn: Vec<Drawn> = Vec::new();
    for node in portfolio.node_indices() {
        let Some(points) = estimates[node.index()] else {
            continue;
        };
        let Some(estimate) = Estimate::new(points, options.shape) else {
            continue;
        };
        drawn.push(Drawn {
            node,
            estimate,
            domain: None,
        });
        if let Some(domain) = portfolio.node(node).domain.as_deref() {
            domains.push(domain);
        }
    }
    domains.sort_unstable();
    domains.dedup();
    for d in &mut drawn {
        d.domain = portfolio
            .node(d.node)
            .domain
            .as_deref()
            .and_then(|name| domains.binary_search(&name).ok());
    }
    // A complete project's finish is fixed: whatever it draws, it does not vary.
    let varies: Vec<bool> = drawn
        .iter()
        .map(|d| updates[d.node.index()].is_none_or(|u| u.actual_finish.is_none()))
        .collect();

    let plan = Plan {
        portfolio,
        updates,
        as_of: basis.as_of(),
        base: portfolio.nodes().map(|n| n.duration).collect(),
        drawn,
        domains: domains.len(),
        copula: Copula::new(options.correlation),
        capabilities,
        seed: options.seed,
    };
    let (samples, tallies) = plan.run(options.iterations);
    let n = options.iterations;
    let share = |count: u32| if n == 0 { 0.0 } else { count as f64 / n as f64 };

    let portfolio_finish = {
        let mut column = samples.finish_column(0);
        FinishDistribution::new(&mut column, deterministic.finish, None)
    };
    let mut drivers: Vec<Vec<NodeShare>> = vec![Vec::new(); plan.capabilities.len()];
    for (&(slot, node), &count) in &tallies.drivers {
        drivers[slot as usize].push(NodeShare {
            node: NodeIndex::new(node as usize),
            share: share(count),
        });
    }
    let capabilities = plan
        .capabilities
        .iter()
        .zip(drivers)
        .enumerate()
        .map(|(slot, (&node, mut drivers))| {
            let mut column = samples.finish_column(1 + slot);
            let finish = FinishDistribution::new(
                &mut column,
                deterministic.times(node).ef,
                portfolio.node(node).target,
            );
            drivers.sort_by(|a, b| {
                b.share
                    .total_cmp(&a.share)
                    .then(portfolio.id_rank(a.node).cmp(&portfolio.id_rank(b.node)))
            });
            drivers.truncate(TOP);
            CapabilityRisk {
                node,
                finish,
                drivers,
            }
        })
        .collect();

    let mut analysis = RiskAnalysis {
        portfolio: PortfolioRef(portfolio),
        as_of_date: basis.status().and_then(|s| s.as_of_date.clone()),
        options: *options,
        finish: portfolio_finish,
        capabilities,
        criticality: tallies.critical.iter().map(|&c| share(c)).collect(),
        sensitivity: Vec::new(),
        varying: varies.iter().filter(|v| **v).count(),
        drawn: plan.drawn,
        varies,
        samples,
    };
    analysis.sensitivity = analysis.sensitivity_to(0, |_| true);
    analysis
}

impl<'p> RiskAnalysis<'p> {
    /// The portfolio simulated.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.portfolio.0
    }

    /// The varying projects (among those `include` keeps) whose drawn
    /// duration correlates most, by Spearman's ρ in absolute value, with
    /// the finish in `column` (0: the portfolio; 1 + i: capability i):
    /// at most [`TOP`], then by id.
    ///
    /// # Complexity
    /// O(D · N log N) for D drawn projects and N iterations.
    fn sensitivity_to(
        &self,
        column: usize,
        include: impl Fn(NodeIndex) -> bool + Sync,
    ) -> Vec<Sensitivity> {
        let portfolio = self.portfolio();
        let finish_ranks = average_ranks(&self.samples.finish_column(column));
        let mut sensitivity: Vec<Sensitivity> = (0..self.drawn.len())
            .into_par_iter()
            .filter(|&j| self.varies[j] && include(self.drawn[j].node))
            .map(|j| Sensitivity {
                node: self.drawn[j].node,
                correlation: pearson(&average_ranks(&self.samples.draw_column(j)), &finish_ranks),
            })
            .collect();
        sensitivity.sort_by(|a, b| {
            b.correlation
                .abs()
                .total_cmp(&a.correlation.abs())
                .then(portfolio.id_rank(a.node).cmp(&portfolio.id_rank(b.node)))
        });
        sensitivity.truncate(TOP);
        sensitivity
    }

    /// The varying projects whose drawn duration correlates most with the
    /// finish of `capability` (one of [`RiskAnalysis::capabilities`]), as
    /// [`RiskAnalysis::sensitivity`] does for the portfolio finish; only
    /// projects upstream of the capability are considered.
    pub fn capability_sensitivity(&self, capability: NodeIndex) -> Vec<Sensitivity> {
        let Some(slot) = self.capabilities.iter().position(|c| c.node == capability) else {
            return Vec::new();
        };
        let upstream = upstream_of(self.portfolio(), capability);
        self.sensitivity_to(1 + slot, |n| upstream[n.index()])
    }
}

/// Per node index: whether the node is `target` or upstream of it.
fn upstream_of(portfolio: &Portfolio, target: NodeIndex) -> Vec<bool> {
    let mut seen = vec![false; portfolio.node_count()];
    let mut stack = vec![target];
    seen[target.index()] = true;
    while let Some(node) = stack.pop() {
        for l in portfolio.incoming(node) {
            if !seen[l.node.index()] {
                seen[l.node.index()] = true;
                stack.push(l.node);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests;
