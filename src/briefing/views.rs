//! Which nodes the briefing's two diagrams show, kept small enough to read:
//! the impact view (what slipped and why) and the critical-path view.

use crate::model::{NodeKind, Portfolio};

use crate::briefing::figures::{Briefing, CapabilityStatus, Rag};

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
    let ends = impact.chain_ends();
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

/// At most this many items in one capability's diagram: small enough to
/// print legibly on half an A4 page.
pub const CAPABILITY_VIEW_LIMIT: usize = 6;
/// At most this many capability diagrams, the least margin first.
pub const CAPABILITY_VIEWS: usize = 8;

/// The late and at-risk capabilities that get a diagram of their own, the
/// least margin first.
pub fn capabilities_drawn<'a>(
    portfolio: &Portfolio,
    briefing: &'a Briefing<'a>,
) -> Vec<&'a CapabilityStatus> {
    let mut drawn: Vec<&CapabilityStatus> = briefing
        .capabilities
        .iter()
        .filter(|c| matches!(c.rag, Rag::Red | Rag::Amber))
        .collect();
    drawn.sort_by_key(|c| (c.date.margin, portfolio.id_rank(c.date.node)));
    drawn.truncate(CAPABILITY_VIEWS);
    drawn
}

/// One capability's diagram (SPEC §8 item 11): its driving path, the chain
/// through which this week's delay reached it, then the items that slipped
/// (the updates among them) feeding either, the biggest slip first, as many
/// as fit under [`CAPABILITY_VIEW_LIMIT`]; and how many of those were left out.
pub fn capability_view(
    portfolio: &Portfolio,
    briefing: &Briefing,
    capability: &CapabilityStatus,
) -> (Vec<bool>, usize) {
    let impact = &briefing.impact;
    let node = capability.date.node;
    let mut keep = vec![false; portfolio.node_count()];
    let mut count = 0;
    add_all(
        &mut keep,
        &mut count,
        usize::MAX,
        &capability.date.driving_path,
    );
    add_all(&mut keep, &mut count, usize::MAX, &impact.chain(node));
    let mut is_source = vec![false; portfolio.node_count()];
    for source in impact.source_nodes() {
        is_source[source.index()] = true;
    }
    let mut feeders: Vec<petgraph::graph::NodeIndex> = (0..keep.len())
        .filter(|i| keep[*i])
        .flat_map(|i| portfolio.incoming(petgraph::graph::NodeIndex::new(i)))
        .map(|link| link.node)
        .filter(|n| !keep[n.index()] && (impact.slip(*n) > 0 || is_source[n.index()]))
        .collect();
    feeders.sort_unstable();
    feeders.dedup();
    feeders.sort_by_key(|n| (std::cmp::Reverse(impact.slip(*n)), portfolio.id_rank(*n)));
    let left_out = feeders
        .into_iter()
        .filter(|feeder| !add_all(&mut keep, &mut count, CAPABILITY_VIEW_LIMIT, &[*feeder]))
        .count();
    (keep, left_out)
}
