//! The funding computation's input taken from the validated portfolio, its
//! baseline schedule and (with a status file) this week's schedule.
//!
//! # Complexity
//! O(V + E): one pass over the projects (and, by capability, their links).

use std::collections::BTreeMap;

use petgraph::graph::NodeIndex;

use crate::analysis::schedule::Schedule;
use crate::model::{NodeKind, Portfolio, Relation, Status};

use super::curve::{Curve, Span};
use super::earned_value::Progress;
use super::fiscal::FiscalCalendar;
use super::{CapabilityMoney, Funding, FundingFigures, FundingInput, GroupMembers, ProjectMoney};
use crate::analysis::portfolio_ref::PortfolioRef;

/// How projects are grouped (`--by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Domain,
    /// A project counts in every capability it delivers.
    Capability,
    Project,
}

impl GroupBy {
    /// What one group is, in words: `domain`, `capability` or `project`.
    pub fn word(self) -> &'static str {
        match self {
            GroupBy::Domain => "domain",
            GroupBy::Capability => "capability",
            GroupBy::Project => "project",
        }
    }
}

/// Options of the funding computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FundingOptions {
    pub group_by: GroupBy,
    /// `--until YEAR`: the last fiscal year of the horizon.
    pub until: Option<i64>,
}

/// This week: the status file and the schedule it gives.
#[derive(Debug, Clone, Copy)]
pub struct ThisWeek<'a> {
    pub status: &'a Status<'a>,
    pub schedule: &'a Schedule<'a>,
}

/// The fiscal calendar of the portfolio.
pub fn fiscal_calendar(portfolio: &Portfolio) -> FiscalCalendar {
    let start = portfolio.fiscal_year_start();
    FiscalCalendar::new(portfolio.calendar().start, start.month, start.day)
}

/// Phases the money of the baseline's portfolio in the baseline and, with
/// `this_week`, in this week's schedule.
pub fn compute_funding<'p>(
    baseline: &Schedule<'p>,
    this_week: Option<ThisWeek>,
    options: &FundingOptions,
) -> Funding<'p> {
    let portfolio = baseline.portfolio();
    Funding {
        portfolio: PortfolioRef(portfolio),
        fiscal: fiscal_calendar(portfolio),
        as_of_date: this_week.and_then(|w| w.status.as_of_date.clone()),
        group_by: options.group_by,
        figures: FundingFigures::compute(&funding_input(portfolio, baseline, this_week, options)),
    }
}

fn span(schedule: &Schedule, node: NodeIndex) -> Span {
    let t = schedule.times(node);
    Span { es: t.es, ef: t.ef }
}

/// The input of [`FundingFigures::compute`] for this portfolio.
pub fn funding_input<'a>(
    portfolio: &'a Portfolio,
    baseline: &Schedule,
    this_week: Option<ThisWeek>,
    options: &FundingOptions,
) -> FundingInput<'a> {
    let current = this_week.map_or(baseline, |w| w.schedule);
    let updates = this_week.map(|w| w.status.by_node());
    let mut projects = Vec::new();
    let mut capabilities = Vec::new();
    for &n in portfolio.nodes_by_id() {
        let node = portfolio.node(n);
        match node.kind {
            NodeKind::Project => {
                let progress = updates
                    .as_ref()
                    .and_then(|u| u[n.index()])
                    .map(|u| Progress {
                        percent_complete: u.percent_complete,
                        complete: u.actual_finish.is_some(),
                        actual_cost: u.actual_cost,
                        estimate_at_completion: u.estimate_at_completion,
                    });
                projects.push(ProjectMoney {
                    node: n,
                    id: &node.id,
                    domain: node.domain.as_deref(),
                    investment: node.investment,
                    om_per_year: node.om_per_year,
                    curve: Curve::new(&node.profile.weights()),
                    authorised: &node.authorised,
                    baseline: span(baseline, n),
                    current: span(current, n),
                    progress,
                });
            }
            NodeKind::Capability => {
                if let Some(legacy) = node.legacy_om_per_year() {
                    capabilities.push(CapabilityMoney {
                        node: n,
                        id: &node.id,
                        legacy_om_per_year: legacy,
                        baseline_finish: baseline.times(n).ef,
                        current_finish: current.times(n).ef,
                    });
                }
            }
            NodeKind::Component => {}
        }
    }
    let ceilings = portfolio.ceilings();
    FundingInput {
        fiscal: fiscal_calendar(portfolio),
        groups: groups(portfolio, &projects, options.group_by),
        projects,
        capabilities,
        ceiling_investment: &ceilings.investment,
        ceiling_om: &ceilings.om,
        baseline_finish: baseline.finish,
        current_finish: current.finish,
        as_of: this_week.map(|w| w.status.as_of),
        until: options.until,
    }
}

/// The groups of `--by`, sorted by id, each with its members' indices.
fn groups(portfolio: &Portfolio, projects: &[ProjectMoney], by: GroupBy) -> Vec<GroupMembers> {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in projects.iter().enumerate() {
        match by {
            GroupBy::Domain => {
                if let Some(domain) = p.domain {
                    groups.entry(domain).or_default().push(i);
                }
            }
            GroupBy::Project => groups.entry(p.id).or_default().push(i),
            GroupBy::Capability => {
                for l in portfolio.outgoing(p.node) {
                    if l.link.relation == Relation::Delivers {
                        let members = groups.entry(portfolio.id(l.node)).or_default();
                        // The same capability delivered twice counts once.
                        if members.last() != Some(&i) {
                            members.push(i);
                        }
                    }
                }
            }
        }
    }
    groups
        .into_iter()
        .map(|(id, members)| GroupMembers {
            id: id.to_string(),
            members,
        })
        .collect()
}
