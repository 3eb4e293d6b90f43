//! Which nodes the briefing's two diagrams show, kept small enough to read:
//! the impact view (what slipped and why) and the critical-path view.

use crate::model::{NodeKind, Portfolio};

use crate::briefing::figures::Briefing;

/// At most this many nodes in the impact diagram: it must stay readable on
/// one A4 page, so the chains into capabilities come first.
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

/// The impact view: the chains into the capabilities that slipped, then the
/// other chains worst first, as many as fit under the limit.
pub fn impact_view(portfolio: &Portfolio, briefing: &Briefing) -> Vec<bool> {
    let impact = &briefing.impact;
    let mut keep = vec![false; portfolio.node_count()];
    let mut count = 0;
    // chain_ends lists the chains worst first: the order of importance.
    for end in impact.chain_ends(portfolio) {
        add_all(&mut keep, &mut count, IMPACT_VIEW_LIMIT, &impact.chain(end));
    }
    // Updates that moved nothing still show as the week's sources.
    let sources: Vec<_> = impact.source_nodes().collect();
    add_all(&mut keep, &mut count, IMPACT_VIEW_LIMIT, &sources);
    keep
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
