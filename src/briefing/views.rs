//! Which nodes the briefing's two diagrams show, kept small enough to read:
//! the impact view (what slipped and why) and the critical-path view.

use petgraph::graph::NodeIndex;

use crate::analysis::impact::Impact;
use crate::analysis::view::{Route, View, ViewEdge};
use crate::model::{NodeKind, Portfolio};
use crate::render::text::chain::{cut, ChainIndex};

use crate::briefing::figures::{Briefing, CapabilityStatus, Rag};

/// The impact diagram grows past this many nodes only for the chain into
/// the most late capability: it must stay readable on one A4 page.
pub const IMPACT_VIEW_LIMIT: usize = 40;
/// At most this many nodes in the critical-path diagram.
pub const CRITICAL_VIEW_LIMIT: usize = 60;

/// Adds `nodes` to `keep` unless that would pass the limit; says whether it did.
fn add_all(keep: &mut [bool], count: &mut usize, limit: usize, nodes: &[NodeIndex]) -> bool {
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

/// The steps of a chain not yet shown (`shown`), first step first, given
/// the chain walked back from its last step; `None` when they are more than
/// `room`. Stops as soon as they are: a chain meets each shown node at most
/// once, so at most `room` + 1 steps not shown and the shown ones are walked
/// however long the chain (a driving path through 10 000 capabilities).
pub fn unshown_steps(
    shown: &[bool],
    back: impl IntoIterator<Item = NodeIndex>,
    room: usize,
) -> Option<Vec<NodeIndex>> {
    let mut new = Vec::new();
    for n in back {
        if shown[n.index()] {
            continue;
        }
        if new.len() == room {
            return None;
        }
        new.push(n);
    }
    new.reverse();
    Some(new)
}

/// What the impact diagram shows, and how much of what slipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpactSelection {
    /// Per node: shown.
    pub keep: Vec<bool>,
    /// Items that slipped, and how many of them are shown.
    pub slipped: usize,
    pub slipped_shown: usize,
    /// Updates of the week, and how many of them are shown (all when they
    /// fit; else those that start a chain drawn).
    pub updates: usize,
    pub updates_shown: usize,
    /// Chains into late capabilities, and how many of them are shown (the
    /// most late first).
    pub late_chains: usize,
    pub late_chains_shown: usize,
    /// The runs of long chains into late capabilities left out.
    pub gaps: Vec<Gap>,
}

/// A run of a long chain that a view sized for the page leaves out: `steps`
/// items between the shown `from` and `to` (the first and last steps of the
/// chain are shown, as in the text: [`cut`]), drawn as one dashed line that
/// says how many steps it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub from: NodeIndex,
    pub to: NodeIndex,
    pub steps: usize,
}

/// Adds to `view` one line per gap ([`Route::Skipped`]), in the view's edge order.
pub fn add_gaps(portfolio: &Portfolio, view: &mut View, gaps: &[Gap]) {
    if gaps.is_empty() {
        return;
    }
    view.edges.extend(gaps.iter().map(|gap| ViewEdge {
        from: gap.from,
        to: gap.to,
        route: Route::Skipped { steps: gap.steps },
    }));
    view.edges
        .sort_by_key(|e| (portfolio.id_rank(e.from), portfolio.id_rank(e.to)));
}

/// The gaps of `chain` (first step first) once `keep` is final: each run of
/// steps not kept between two kept ones.
fn chain_gaps(keep: &[bool], chain: &[NodeIndex], gaps: &mut Vec<Gap>) {
    let mut last_kept: Option<NodeIndex> = None;
    let mut run = 0;
    for &n in chain {
        if !keep[n.index()] {
            run += 1;
            continue;
        }
        if let (Some(from), true) = (last_kept, run > 0) {
            gaps.push(Gap {
                from,
                to: n,
                steps: run,
            });
        }
        last_kept = Some(n);
        run = 0;
    }
}

/// The gaps on the impact chains of the kept nodes: for each kept node whose
/// chain reaches the nearest kept node before it through nodes not kept, one
/// gap. Each node not kept is walked once (its nearest kept node before it
/// is remembered): O(V).
fn impact_gaps(keep: &[bool], impact: &Impact) -> Vec<Gap> {
    // For a node not kept: the nearest kept node before it on its chain and
    // how many nodes not kept lie between, itself included; `Some(None)`:
    // none before it.
    let mut nearest: Vec<Option<Option<(NodeIndex, usize)>>> = vec![None; keep.len()];
    let mut walked: Vec<NodeIndex> = Vec::new();
    let mut gaps = Vec::new();
    for (i, _) in keep.iter().enumerate().filter(|(_, k)| **k) {
        let to = NodeIndex::new(i);
        walked.clear();
        let mut at = impact.via(to);
        let found = loop {
            let Some(n) = at else { break None };
            if keep[n.index()] {
                break Some((n, 0));
            }
            if let Some(known) = nearest[n.index()] {
                break known;
            }
            walked.push(n);
            at = impact.via(n);
        };
        for (j, n) in walked.iter().enumerate().rev() {
            nearest[n.index()] = Some(found.map(|(from, base)| (from, base + walked.len() - j)));
        }
        if let Some((from, base)) = found {
            let steps = base + walked.len();
            if steps > 0 {
                gaps.push(Gap { from, to, steps });
            }
        }
    }
    gaps
}

impl ImpactSelection {
    /// The caption: what the diagram shows and what it leaves out.
    pub fn caption(&self) -> String {
        let mut caption = "How this week's updates travel: updated items dark red, items that slipped orange with their slip, the links that carried the delay in bold.".to_string();
        let updates = if self.updates_shown < self.updates {
            format!(
                "the {} of the {} updates that start a chain drawn",
                self.updates_shown, self.updates
            )
        } else {
            "every update".to_string()
        };
        if self.late_chains_shown < self.late_chains {
            caption.push_str(&format!(
                " It shows {} of the {} items that slipped: {updates} and {} of the {} chains into a late capability, the most late first (the other {} are not drawn); summary.json lists the rest.",
                self.slipped_shown,
                self.slipped,
                self.late_chains_shown,
                self.late_chains,
                self.late_chains - self.late_chains_shown
            ));
        } else if self.slipped_shown < self.slipped {
            caption.push_str(&format!(
                " It shows {} of the {} items that slipped: {updates} and every chain into a late capability, then the worst other chains as space allows; summary.json lists the rest.",
                self.slipped_shown, self.slipped
            ));
        } else if self.updates_shown < self.updates {
            caption.push_str(&format!(
                " It shows all {} items that slipped and {} of the {} updates; summary.json lists every update.",
                self.slipped, self.updates_shown, self.updates
            ));
        } else {
            caption.push_str(&format!(
                " It shows all {} items that slipped and all {} updates.",
                self.slipped, self.updates
            ));
        }
        caption.push_str(&gaps_note(&self.gaps));
        caption
    }
}

/// The caption's sentence for the gaps of a diagram (nothing without gaps).
pub fn gaps_note(gaps: &[Gap]) -> String {
    if gaps.is_empty() {
        return String::new();
    }
    let steps: usize = gaps.iter().map(|g| g.steps).sum();
    format!(
        " Long chains show their first and last steps: a dashed line stands for the {} left out (the schedule and impact reports list every step).",
        if steps == 1 { "1 step".to_string() } else { format!("{steps} steps") }
    )
}

/// The impact view: every update when they fit within [`IMPACT_VIEW_LIMIT`]
/// (else only those that start a chain drawn: 2 000 updates are no picture
/// either, and Graphviz would take minutes over them); the chains into late capabilities, the
/// most late first, while the view stays within [`IMPACT_VIEW_LIMIT`] items
/// (the most late one whatever its size), so that 2 000 late capabilities do
/// not make a diagram nobody can read (the caption says how many chains are
/// not drawn; summary.json and `impact` list every one); when all of those
/// are drawn, the other chains worst first, as many as fit.
pub fn impact_view(portfolio: &Portfolio, briefing: &Briefing) -> ImpactSelection {
    let impact = &briefing.impact;
    let mut keep = vec![false; portfolio.node_count()];
    let mut count = 0;
    let sources: Vec<_> = impact.source_nodes().collect();
    add_all(&mut keep, &mut count, IMPACT_VIEW_LIMIT, &sources);
    let ends = impact.chain_ends();
    let mut late = vec![false; portfolio.node_count()];
    for c in impact.capabilities.iter().filter(|c| c.is_late()) {
        late[c.node.index()] = true;
    }
    // A chain into a late capability keeps its first and last steps (the
    // gaps say how many are left out), so that one long chain does not make
    // the diagram as large as the portfolio. chain_ends lists the chains
    // worst first: the chains into late capabilities, most late first.
    let mut chains = ChainIndex::new(portfolio.node_count(), |node| impact.via(node));
    let late_ends: Vec<NodeIndex> = ends.iter().copied().filter(|e| late[e.index()]).collect();
    let mut late_shown = 0;
    for end in &late_ends {
        let (shown, _) = chains.shown(*end);
        let limit = if late_shown == 0 {
            usize::MAX
        } else {
            IMPACT_VIEW_LIMIT
        };
        if !add_all(&mut keep, &mut count, limit, &shown) {
            break;
        }
        late_shown += 1;
    }
    // Then the other chains, worst first, unless a chain into a late
    // capability had to be left out. A chain of more steps than the limit
    // cannot fit whatever it shares, so it is not walked.
    if late_shown == late_ends.len() {
        for end in ends.iter().filter(|e| !late[e.index()]) {
            if chains.step_count(*end) > IMPACT_VIEW_LIMIT {
                continue;
            }
            add_all(
                &mut keep,
                &mut count,
                IMPACT_VIEW_LIMIT,
                &impact.chain(*end),
            );
        }
    }
    let gaps = impact_gaps(&keep, impact);
    let slipped_shown = impact.impacted.iter().filter(|n| keep[n.index()]).count();
    let updates_shown = sources.iter().filter(|n| keep[n.index()]).count();
    ImpactSelection {
        keep,
        slipped: impact.impacted.len(),
        slipped_shown,
        updates: sources.len(),
        updates_shown,
        late_chains: late_ends.len(),
        late_chains_shown: late_shown,
        gaps,
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
        let path = briefing.driving_steps.back_from(c.date.node);
        if let Some(new) = unshown_steps(&keep, path, CRITICAL_VIEW_LIMIT - count) {
            add_all(&mut keep, &mut count, CRITICAL_VIEW_LIMIT, &new);
        }
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
/// A long driving path or chain keeps its first and last steps ([`cut`]).
pub fn capability_view(
    portfolio: &Portfolio,
    briefing: &Briefing,
    capability: &CapabilityStatus,
) -> CapabilitySelection {
    let impact = &briefing.impact;
    let node = capability.date.node;
    let mut keep = vec![false; portfolio.node_count()];
    let mut count = 0;
    // Long chains keep their first and last steps, as the text does.
    let driving_path = briefing.driving_steps.path(node);
    let impact_chain = impact.chain(node);
    for chain in [&driving_path[..], &impact_chain[..]] {
        let (head, _, tail) = cut(chain);
        add_all(&mut keep, &mut count, usize::MAX, head);
        add_all(&mut keep, &mut count, usize::MAX, tail);
    }
    let mut is_source = vec![false; portfolio.node_count()];
    for source in impact.source_nodes() {
        is_source[source.index()] = true;
    }
    let mut feeders: Vec<NodeIndex> = (0..keep.len())
        .filter(|i| keep[*i])
        .flat_map(|i| portfolio.incoming(NodeIndex::new(i)))
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
    let mut gaps = Vec::new();
    chain_gaps(&keep, &driving_path, &mut gaps);
    chain_gaps(&keep, &impact_chain, &mut gaps);
    gaps.sort_unstable_by_key(|g| (g.from, g.to));
    gaps.dedup();
    CapabilitySelection {
        keep,
        left_out,
        gaps,
    }
}

/// What one capability's diagram shows ([`capability_view`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapabilitySelection {
    /// Per node: shown.
    pub keep: Vec<bool>,
    /// How many items that slipped feeding the shown ones are left out.
    pub left_out: usize,
    /// The runs of its long chains left out.
    pub gaps: Vec<Gap>,
}
