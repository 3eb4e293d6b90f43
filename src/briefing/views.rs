//! Which nodes the briefing's two diagrams show, kept small enough to read:
//! the impact view (what slipped and why) and the critical-path view.

use crate::model::{NodeKind, Portfolio};

use crate::briefing::figures::Briefing;

/// The impact diagram grows past this many nodes only for updates and chains
/// into late capabilities: it must stay readable on one A4 page.
pub const IMPACT_VIEW_LIMIT: usize = 40;
/// At most this many nodes in the critical-path diagram.
pub const CRITICAL_VIEW_LIMIT: usize = 60;

/// Adds `nodes` to `keep` unless that would pass the limit; says whether it did.
fn add_all(
    keep: &mut [bool],
    count: &mut usize,
    limit: usize,
    nodes: &[petgraph::graph::NodeIndex],
) -> bool {
    let new = nodes.iter().filter(|n| !keep[n.index()]).count();
    if *count + new > limit {
        return false;
    }
    for n in nodes {
        if !keep[n.index()] {
            keep[n.index()] = true;
            *count += 1;
        }
    }
    true
}

/// What the impact diagram shows, and how much of what slipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpactSelection {
    /// Per node: shown.
    pub keep: Vec<bool>,
    /// Items that slipped, and how many of them are shown.
    pub slipped: usize,
    pub slipped_shown: usize,
    /// Updates of the week, all shown.
    pub updates: usize,
}

impl ImpactSelection {
    /// The caption: what the diagram shows and what it leaves out.
    pub fn caption(&self) -> String {
        let mut caption = "How this week's updates travel: updated items dark red, items that slipped orange with their slip, the links that carried the delay in bold.".to_string();
        if self.slipped_shown < self.slipped {
            caption.push_str(&format!(
                " It shows {} of the {} items that slipped: every update and every chain into a late capability, then the worst other chains as space allows; summary.json lists the rest.",
                self.slipped_shown, self.slipped
            ));
        } else {
            caption.push_str(&format!(
                " It shows all {} items that slipped and all {} updates.",
                self.slipped, self.updates
            ));
        }
        caption
    }
}

/// The impact view: every update and every chain into a late capability
/// (whatever their number: leaving one out would misstate the week), then
/// the other chains worst first, as many as fit under the limit.
pub fn impact_view(portfolio: &Portfolio, briefing: &Briefing) -> ImpactSelection {
    let impact = &briefing.impact;
    let mut keep = vec![false; portfolio.node_count()];
    let mut count = 0;
    let sources: Vec<_> = impact.source_nodes().collect();
    add_all(&mut keep, &mut count, usize::MAX, &sources);
    let ends = impact.chain_ends(portfolio);
    let late = |node| {
        impact
            .capabilities
            .iter()
            .any(|c| c.node == node && c.is_late())
    };
    for end in ends.iter().filter(|e| late(**e)) {
        add_all(&mut keep, &mut count, usize::MAX, &impact.chain(*end));
    }
    // chain_ends lists the chains worst first: the order of importance.
    for end in ends.iter().filter(|e| !late(**e)) {
        add_all(
            &mut keep,
            &mut count,
            IMPACT_VIEW_LIMIT,
            &impact.chain(*end),
        );
    }
    let slipped_shown = impact.impacted.iter().filter(|n| keep[n.index()]).count();
    ImpactSelection {
        keep,
        slipped: impact.impacted.len(),
        slipped_shown,
        updates: sources.len(),
    }
}

/// The critical-path view: the critical path, then each capability's driving
/// path (late ones first), as many as fit under the limit.
pub fn critical_view(portfolio: &Portfolio, briefing: &Briefing) -> Vec<bool> {
    let schedule = &briefing.impact.updated;
    let mut keep = vec![false; portfolio.node_count()];
    let mut count = 0;
    add_all(
        &mut keep,
        &mut count,
        CRITICAL_VIEW_LIMIT,
        &schedule.critical_path,
    );
    let mut capabilities: Vec<_> = briefing.capabilities.iter().collect();
    capabilities.sort_by_key(|c| (c.date.margin, portfolio.id_rank(c.date.node)));
    for c in capabilities {
        add_all(
            &mut keep,
            &mut count,
            CRITICAL_VIEW_LIMIT,
            &c.date.driving_path,
        );
    }
    // Near-critical projects, by float, where room is left.
    let mut near: Vec<_> = portfolio
        .nodes_by_id()
        .iter()
        .copied()
        .filter(|n| {
            portfolio.node(*n).kind == NodeKind::Project && schedule.times(*n).near_critical
        })
        .collect();
    near.sort_by_key(|n| (schedule.times(*n).total_float, portfolio.id_rank(*n)));
    for n in near {
        add_all(&mut keep, &mut count, CRITICAL_VIEW_LIMIT, &[n]);
    }
    keep
}
