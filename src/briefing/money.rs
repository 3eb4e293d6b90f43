//! The figures of the briefing's Money section (SPEC §8 item 8): the
//! funding analysis of this week against the baseline, and what the
//! sentences tell — how much of a year's investment moved out of it, into
//! which years and mainly through which projects.
//!
//! # Complexity
//! The funding analysis, plus O(P × Y) over its project years.

use std::collections::BTreeSet;

use petgraph::graph::NodeIndex;

use crate::model::{NodeKind, Portfolio, Status};

use crate::analysis::funding::from_model::{compute_funding, FundingOptions, ThisWeek};
use crate::analysis::funding::{Funding, FundingFigures};
use crate::analysis::schedule::Schedule;

/// Investment that this week's schedule takes out of one fiscal year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearMove {
    /// Index into the funding's years.
    pub year: usize,
    /// Σ over projects of their decrease in that year (baseline − this week, when positive).
    pub amount: f64,
    /// The years into which those projects' spending grew, by year.
    pub into: Vec<usize>,
    /// The projects whose spending fell that year, with the fall, largest first.
    pub projects: Vec<(NodeIndex, f64)>,
}

/// The Money section's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyBriefing<'p> {
    /// The status date, as a day offset.
    pub as_of: i64,
    /// `funding --status`'s analysis (grouped by domain), with its portfolio.
    pub funding: Funding<'p>,
    /// Years that lose investment this week, the largest move first.
    pub moves: Vec<YearMove>,
}

/// Whether the portfolio carries any money at all.
fn has_money(portfolio: &Portfolio) -> bool {
    portfolio.nodes().any(|n| {
        let positive = |x: Option<f64>| x.is_some_and(|x| x > 0.0);
        match n.kind {
            NodeKind::Project => positive(n.investment) || positive(n.om_per_year),
            NodeKind::Capability => positive(n.legacy_om_per_year()),
            NodeKind::Component => false,
        }
    })
}

impl<'p> MoneyBriefing<'p> {
    /// The section's figures, or nothing when the baseline's portfolio has
    /// no costs.
    pub fn compute(
        baseline: &Schedule<'p>,
        this_week: &Schedule,
        status: &Status,
    ) -> Option<MoneyBriefing<'p>> {
        if !has_money(baseline.portfolio()) {
            return None;
        }
        let funding = compute_funding(
            baseline,
            Some(ThisWeek {
                status,
                schedule: this_week,
            }),
            &FundingOptions::default(),
        );
        let moves = year_moves(&funding.figures);
        Some(MoneyBriefing {
            as_of: status.as_of,
            funding,
            moves,
        })
    }
}

/// For every year whose investment some project no longer spends: how much
/// leaves it, which projects, and where their spending grew.
fn year_moves(funding: &FundingFigures) -> Vec<YearMove> {
    let count = funding.years.len();
    let mut moves: Vec<YearMove> = (0..count)
        .map(|year| YearMove {
            year,
            amount: 0.0,
            into: Vec::new(),
            projects: Vec::new(),
        })
        .collect();
    // Per year that loses money, the years that gain (a set: a horizon of
    // many years must not cost a years × years table).
    let mut grew: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); count];
    for project in &funding.projects {
        for out in &project.years {
            if out.flows.shift < 0.0 {
                let m = &mut moves[out.year];
                m.amount -= out.flows.shift;
                m.projects.push((project.node, -out.flows.shift));
                for into in &project.years {
                    if into.flows.shift > 0.0 {
                        grew[out.year].insert(into.year);
                    }
                }
            }
        }
    }
    for m in &mut moves {
        m.into = std::mem::take(&mut grew[m.year]).into_iter().collect();
        // Largest fall first; ties keep id order (projects come by id).
        m.projects.sort_by(|a, b| b.1.total_cmp(&a.1));
    }
    moves.retain(|m| m.amount > 0.0);
    moves.sort_by(|a, b| b.amount.total_cmp(&a.amount).then(a.year.cmp(&b.year)));
    moves
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::funding::{FiscalYear, Later};
    use crate::analysis::funding::{Flows, ProjectFunding, ProjectYear};

    fn year(year: usize, shift: f64) -> ProjectYear {
        ProjectYear {
            year,
            flows: Flows {
                shift,
                ..Flows::default()
            },
            authorised: None,
            unspendable: None,
            unfunded: None,
        }
    }

    #[test]
    fn a_move_adds_the_falls_of_one_year_and_names_where_they_went() {
        // A: −21 in year 1, +15 in 2, +6 in 3. B: −9.4 in 1, +9.4 in 2.
        // C: +2 in 1 (an acceleration), −2 in 0.
        // Year 1 loses 30.4 (A 21, B 9.4) into years 2 and 3; year 0 loses 2 into 1.
        let project = |i: usize, years: Vec<ProjectYear>| ProjectFunding {
            node: NodeIndex::new(i),
            years,
        };
        let funding = FundingFigures {
            years: (0..4)
                .map(|y| FiscalYear {
                    year: 2026 + y,
                    start: 0,
                    end: 0,
                })
                .collect(),
            totals: Vec::new(),
            later: Later::default(),
            groups: Vec::new(),
            projects: vec![
                project(0, vec![year(1, -21.0), year(2, 15.0), year(3, 6.0)]),
                project(1, vec![year(1, -9.4), year(2, 9.4)]),
                project(2, vec![year(0, -2.0), year(1, 2.0)]),
            ],
            capabilities: Vec::new(),
            earned_value: None,
            outside_horizon: Vec::new(),
        };
        let moves = year_moves(&funding);
        assert_eq!(moves.len(), 2);
        assert_eq!(moves[0].year, 1);
        assert!((moves[0].amount - 30.4).abs() < 1e-9);
        assert_eq!(moves[0].into, vec![2, 3]);
        assert_eq!(
            moves[0].projects,
            vec![(NodeIndex::new(0), 21.0), (NodeIndex::new(1), 9.4)]
        );
        assert_eq!((moves[1].year, moves[1].into.clone()), (0, vec![1]));
    }
}
