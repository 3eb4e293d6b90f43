//! Impact of delays (SPEC §4, §7): what slips when something slips, by how
//! much, and through which chain; and, without dates, what lies downstream.
//!
//! # Complexity
//! [`Impact::between`] runs two schedules (O(V + E) each) and picks the
//! chain step of each impacted node and relay in O(in-degree): O(V + E) in
//! all, O(V) memory. Chains are kept as one predecessor link per node (`via`;
//! they form a forest: the step chosen at a node does not depend on where
//! the walk started), so a chain costs O(its length) to read and nothing to
//! store. The exposure is one reverse search from the late capabilities.
//! [`StructuralImpact::of`] is one multi-source breadth-first search:
//! O(V + E).

use petgraph::graph::NodeIndex;

use crate::model::{NodeKind, Portfolio, Status};

use super::scenario::{Scenario, Source};
use super::schedule::{follow, Schedule, ScheduleOptions};

/// A scenario's effect on the schedule, node by node, against a reference.
///
/// Like a [`Schedule`], an impact keeps its portfolio ([`Impact::portfolio`]):
/// the chains, counts and orders that need names or kinds take it from
/// there, and a renderer takes the impact alone.
#[derive(Debug, Clone)]
pub struct Impact<'p> {
    /// The reference schedule: the baseline, or last week's (`--from`).
    pub reference: Schedule<'p>,
    /// The reference's `as_of` as written (`None` for the baseline).
    pub reference_as_of: Option<String>,
    /// The schedule with the scenario's updates.
    pub updated: Schedule<'p>,
    /// What differs between the reference and the scenario, by id.
    pub sources: Vec<Source>,
    /// Nodes whose finish slipped (slip > 0), largest slip first, then by id.
    pub impacted: Vec<NodeIndex>,
    /// Nodes on an impacted node's chain whose finish did not slip (an SS
    /// link passed on a start that moved), by id.
    pub relays: Vec<NodeIndex>,
    /// Scenario finish − reference finish (negative: a gain).
    pub finish_slip: i64,
    /// Capabilities whose finish slipped, by id.
    pub capabilities: Vec<CapabilitySlip>,
    pub exposure: Exposure,
    /// Scenario EF − reference EF, by node index.
    slips: Vec<i64>,
    /// The node before each impacted node and relay on its chain, by node
    /// index (`None` at a source, where a chain starts, and off the chains).
    via: Vec<Option<NodeIndex>>,
}

/// A capability whose finish slipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapabilitySlip {
    pub node: NodeIndex,
    pub slip: i64,
    pub target: Option<i64>,
    pub reference_finish: i64,
    pub new_finish: i64,
    /// target − new finish: negative means late.
    pub margin: Option<i64>,
    /// target − reference finish.
    pub reference_margin: Option<i64>,
}

impl CapabilitySlip {
    /// Whether the capability now misses its target (margin < 0).
    pub fn is_late(&self) -> bool {
        self.margin.is_some_and(|m| m < 0)
    }
}

/// What the impacted, unfinished projects are worth (SPEC §4).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Exposure {
    /// Impacted projects that are not complete in the scenario.
    pub projects: usize,
    /// The sum of their `cost.investment` (missing counts 0).
    pub investment: f64,
    /// Those of them upstream of a capability that slipped and is late.
    pub late_capability_projects: usize,
    /// The sum of those projects' investment.
    pub late_capability_investment: f64,
}

/// One step of an impact chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainStep {
    pub node: NodeIndex,
    pub slip: i64,
    /// Days of the previous step's slip this node absorbed in float (0 for
    /// the first step, and when it passed on all of it).
    pub absorbed: i64,
}

impl<'p> Impact<'p> {
    /// Compares the baseline schedule with the schedule under `status`,
    /// every update a source.
    pub fn compute(status: &Status<'p>, options: &ScheduleOptions) -> Impact<'p> {
        Impact::between(&Scenario::from_baseline(status), options)
    }

    /// Compares `scenario`'s reference schedule with its scenario schedule.
    pub fn between(scenario: &Scenario<'_, 'p>, options: &ScheduleOptions) -> Impact<'p> {
        let portfolio = scenario.portfolio();
        // Independent: one on each core.
        let (reference, updated) = rayon::join(
            || Schedule::compute(scenario.reference_basis(), options),
            || Schedule::compute(&*scenario.status, options),
        );
        let count = portfolio.node_count();
        let slips: Vec<i64> = reference
            .all_times()
            .iter()
            .zip(updated.all_times())
            .map(|(before, after)| after.ef - before.ef)
            .collect();

        let mut is_source = vec![false; count];
        for source in &scenario.sources {
            is_source[source.node.index()] = true;
        }

        let mut impacted: Vec<NodeIndex> = portfolio
            .nodes_by_id()
            .iter()
            .copied()
            .filter(|n| slips[n.index()] > 0)
            .collect();
        // Stable sort over nodes already in id order: ties stay by id.
        impacted.sort_by_key(|n| std::cmp::Reverse(slips[n.index()]));

        // The chain rule of SPEC §4, one step per node: a binding predecessor
        // that itself slipped, then the smallest id; none at a source. A step
        // to a node that did not slip makes it a relay, whose own step is
        // then taken by the same rule.
        let mut via = vec![None; count];
        let mut on_chain = vec![false; count];
        for &node in &impacted {
            on_chain[node.index()] = true;
        }
        let mut relays = Vec::new();
        let mut pending = impacted.clone();
        while let Some(node) = pending.pop() {
            if is_source[node.index()] {
                continue;
            }
            let previous = chain_step(&updated, &slips, node);
            via[node.index()] = previous;
            if let Some(p) = previous.filter(|p| !on_chain[p.index()]) {
                on_chain[p.index()] = true;
                relays.push(p);
                pending.push(p);
            }
        }
        relays.sort_by_key(|n| portfolio.id_rank(*n));

        let capabilities = impacted_capabilities(portfolio, &reference, &updated, &slips);
        let exposure = exposure(portfolio, &updated, &impacted, &capabilities);
        Impact {
            finish_slip: updated.finish - reference.finish,
            reference,
            reference_as_of: scenario.reference_as_of().map(str::to_string),
            updated,
            sources: scenario.sources.clone(),
            impacted,
            relays,
            capabilities,
            exposure,
            slips,
            via,
        }
    }

    /// The portfolio of both schedules.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.updated.portfolio()
    }

    /// The nodes of the sources, by id.
    pub fn source_nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.sources.iter().map(|s| s.node)
    }

    /// Scenario EF − reference EF of `node`.
    pub fn slip(&self, node: NodeIndex) -> i64 {
        self.slips[node.index()]
    }

    /// The node before `node` on its impact chain (`None` for a source, a
    /// chain's first node, and a node on no chain).
    pub fn via(&self, node: NodeIndex) -> Option<NodeIndex> {
        self.via[node.index()]
    }

    /// The impact chain of `node`, first node first: how the delay travelled
    /// to it (SPEC §4). A node that is not impacted has the chain `[itself]`.
    pub fn chain(&self, node: NodeIndex) -> Vec<NodeIndex> {
        follow(&self.via, node)
    }

    /// The chain of `node` told as a story: like [`Impact::chain`], but a
    /// source whose update moves no date (progress, money or a note only,
    /// now and in the reference) only passed on what reached it, so the
    /// chain goes on past it, by the same rule, to a node that slipped. The
    /// headline names the update that moved the dates, not the last report
    /// on the way.
    pub fn story_chain(&self, node: NodeIndex) -> Vec<NodeIndex> {
        let mut chain = vec![node];
        let mut at = node;
        while let Some(previous) = self.story_via(at) {
            chain.push(previous);
            at = previous;
        }
        chain.reverse();
        chain
    }

    /// The node before `node` on its story chain ([`Impact::story_chain`]).
    pub fn story_via(&self, node: NodeIndex) -> Option<NodeIndex> {
        let portfolio = self.portfolio();
        let rank = portfolio.id_rank(node);
        match self
            .sources
            .binary_search_by_key(&rank, |s| portfolio.id_rank(s.node))
        {
            Ok(i) if !self.sources[i].moves_dates() => {
                chain_step(&self.updated, &self.slips, node).filter(|p| self.slips[p.index()] > 0)
            }
            Ok(_) => None,
            Err(_) => self.via[node.index()],
        }
    }

    /// The chain of `node` with each step's slip and the days it absorbed.
    pub fn steps(&self, node: NodeIndex) -> Vec<ChainStep> {
        let chain = self.chain(node);
        let mut steps = Vec::with_capacity(chain.len());
        let mut previous: Option<i64> = None;
        for node in chain {
            let slip = self.slip(node);
            steps.push(ChainStep {
                node,
                slip,
                absorbed: previous.map_or(0, |p| (p - slip).max(0)),
            });
            previous = Some(slip);
        }
        steps
    }

    /// How many impacted nodes are of `kind`.
    pub fn impacted_count(&self, kind: NodeKind) -> usize {
        let portfolio = self.portfolio();
        self.impacted
            .iter()
            .filter(|n| portfolio.node(**n).kind == kind)
            .count()
    }

    /// The chains worth telling, by the impacted node they end at, worst
    /// first ([`Impact::sort_worst_first`]): every capability that slipped,
    /// and every impacted node whose chain no other chain continues. Every
    /// impacted node lies on the chain of at least one of them.
    pub fn chain_ends(&self) -> Vec<NodeIndex> {
        let portfolio = self.portfolio();
        let mut continued = vec![false; self.slips.len()];
        for &node in self.impacted.iter().chain(&self.relays) {
            if let Some(previous) = self.via[node.index()] {
                continued[previous.index()] = true;
            }
        }
        let mut ends: Vec<NodeIndex> = self
            .impacted
            .iter()
            .copied()
            .filter(|n| !continued[n.index()] || portfolio.node(*n).kind == NodeKind::Capability)
            .collect();
        self.sort_worst_first(&mut ends);
        ends
    }

    /// Orders chains, given by the node they end at, "worst first" (SPEC
    /// §4): those ending in a capability whose margin is negative, most late
    /// first; then those ending in another capability, largest slip first;
    /// then the rest, largest slip first; ties by id. The one order of
    /// chains in every report.
    pub fn sort_worst_first(&self, ends: &mut [NodeIndex]) {
        let portfolio = self.portfolio();
        ends.sort_by_cached_key(|&node| {
            let slip = self.slip(node);
            let group = if portfolio.node(node).kind != NodeKind::Capability {
                (2, -slip)
            } else {
                let finish = self.updated.times(node).ef;
                match portfolio.node(node).target.map(|t| t - finish) {
                    Some(margin) if margin < 0 => (0, margin),
                    _ => (1, -slip),
                }
            };
            (group, portfolio.id_rank(node))
        });
    }
}

/// SPEC §4 exposure: impacted projects not complete in the scenario, and
/// those of them upstream of a late capability that slipped.
///
/// # Complexity
/// One reverse search from the late capabilities: O(V + E).
fn exposure(
    portfolio: &Portfolio,
    updated: &Schedule,
    impacted: &[NodeIndex],
    capabilities: &[CapabilitySlip],
) -> Exposure {
    let mut upstream = vec![false; portfolio.node_count()];
    let mut pending: Vec<NodeIndex> = capabilities
        .iter()
        .filter(|c| c.is_late())
        .map(|c| c.node)
        .collect();
    for node in &pending {
        upstream[node.index()] = true;
    }
    while let Some(node) = pending.pop() {
        for predecessor in portfolio.predecessors(node) {
            if !upstream[predecessor.index()] {
                upstream[predecessor.index()] = true;
                pending.push(predecessor);
            }
        }
    }
    let mut exposure = Exposure::default();
    for &node in impacted {
        let n = portfolio.node(node);
        if n.kind != NodeKind::Project || updated.times(node).complete {
            continue;
        }
        let investment = n.investment.unwrap_or(0.0);
        exposure.projects += 1;
        exposure.investment += investment;
        if upstream[node.index()] {
            exposure.late_capability_projects += 1;
            exposure.late_capability_investment += investment;
        }
    }
    exposure
}

fn impacted_capabilities(
    portfolio: &Portfolio,
    reference: &Schedule,
    updated: &Schedule,
    slips: &[i64],
) -> Vec<CapabilitySlip> {
    portfolio
        .nodes_by_id()
        .iter()
        .copied()
        .filter(|n| portfolio.node(*n).kind == NodeKind::Capability && slips[n.index()] > 0)
        .map(|node| {
            let target = portfolio.node(node).target;
            let new_finish = updated.times(node).ef;
            let reference_finish = reference.times(node).ef;
            CapabilitySlip {
                node,
                slip: slips[node.index()],
                target,
                reference_finish,
                new_finish,
                margin: target.map(|t| t - new_finish),
                reference_margin: target.map(|t| t - reference_finish),
            }
        })
        .collect()
}

/// Everything downstream of the sources, without dates (SPEC §4 `--structural`).
#[derive(Debug, Clone)]
pub struct StructuralImpact<'p> {
    portfolio: &'p Portfolio,
    /// The sources, by id.
    pub sources: Vec<NodeIndex>,
    /// Every node reachable downstream from a source, sources excluded, by
    /// depth then id.
    pub reached: Vec<NodeIndex>,
    /// Links from the nearest source, by node index (`u32::MAX`: unreached).
    depth: Vec<u32>,
    /// The smallest-id predecessor one level up, by node index.
    parent: Vec<Option<NodeIndex>>,
}

impl<'p> StructuralImpact<'p> {
    /// Everything downstream of the scenario's sources, without dates.
    pub fn of(scenario: &Scenario<'_, 'p>) -> StructuralImpact<'p> {
        let sources: Vec<NodeIndex> = scenario.sources.iter().map(|s| s.node).collect();
        StructuralImpact::compute(scenario.portfolio(), &sources)
    }

    /// A breadth-first search from all sources at once: a node's depth is
    /// its distance from the nearest source, its parent the smallest-id
    /// predecessor one level up (SPEC §7).
    fn compute(portfolio: &'p Portfolio, sources: &[NodeIndex]) -> StructuralImpact<'p> {
        let count = portfolio.node_count();
        let mut depth = vec![u32::MAX; count];
        let mut parent: Vec<Option<NodeIndex>> = vec![None; count];
        let mut sources = sources.to_vec();
        sources.sort_by_key(|n| portfolio.id_rank(*n));
        sources.dedup();
        for source in &sources {
            depth[source.index()] = 0;
        }
        let mut level = sources.clone();
        let mut reached = Vec::new();
        let mut next = Vec::new();
        let mut d = 0;
        while !level.is_empty() {
            for &node in &level {
                for successor in portfolio.successors(node) {
                    let s = successor.index();
                    if depth[s] == u32::MAX {
                        depth[s] = d + 1;
                        parent[s] = Some(node);
                        next.push(successor);
                    } else if depth[s] == d + 1
                        && parent[s].is_some_and(|p| portfolio.id_rank(node) < portfolio.id_rank(p))
                    {
                        parent[s] = Some(node);
                    }
                }
            }
            next.sort_by_key(|n| portfolio.id_rank(*n));
            reached.extend_from_slice(&next);
            level = std::mem::take(&mut next);
            d += 1;
        }
        StructuralImpact {
            portfolio,
            sources,
            reached,
            depth,
            parent,
        }
    }

    /// The portfolio searched.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.portfolio
    }

    /// Links from the nearest source (0 for a source).
    pub fn depth(&self, node: NodeIndex) -> Option<u32> {
        Some(self.depth[node.index()]).filter(|d| *d != u32::MAX)
    }

    /// The smallest-id predecessor of `node` one level up (`None` for a source).
    pub fn parent(&self, node: NodeIndex) -> Option<NodeIndex> {
        self.parent[node.index()]
    }

    /// One shortest chain from a source to `node`, first node first.
    pub fn chain(&self, node: NodeIndex) -> Vec<NodeIndex> {
        follow(&self.parent, node)
    }
}

/// The chain rule of SPEC §4, one step: `node`'s binding predecessor in
/// `updated` that itself slipped, then the smallest id (`None` where its
/// driving path starts).
fn chain_step(updated: &Schedule, slips: &[i64], node: NodeIndex) -> Option<NodeIndex> {
    let portfolio = updated.portfolio();
    updated
        .binding_links(node)
        .map(|(p, _)| p)
        .min_by_key(|p| (slips[p.index()] <= 0, portfolio.id_rank(*p)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::scenario::Scenario;
    use crate::model::testing::two_weeks;
    use crate::model::{portfolio_from_str, status_from_str};

    /// A portfolio starting 2025-01-01 (day 0) from its JSON lists.
    fn portfolio(components: &str, capabilities: &str, projects: &str) -> Portfolio {
        let text = format!(
            r#"{{"portfolio": {{"name": "T", "start": "2025-01-01"}},
                "components": {components}, "capabilities": {capabilities},
                "projects": {projects}}}"#
        );
        let checked = portfolio_from_str(&text, "test.json");
        assert_eq!(checked.error_count(), 0, "{:?}", checked.problems);
        checked.value.expect("valid")
    }

    fn delays<'p>(p: &'p Portfolio, delays: &[(&str, i64)]) -> Impact<'p> {
        let status = Status::from_delays(p, delays).expect("known ids");
        Impact::compute(&status, &ScheduleOptions::default())
    }

    fn sources(p: &Portfolio, impact: &Impact) -> Vec<String> {
        impact.source_nodes().map(|n| p.id(n).to_string()).collect()
    }

    fn ids(p: &Portfolio, nodes: &[NodeIndex]) -> Vec<String> {
        nodes.iter().map(|n| p.id(*n).to_string()).collect()
    }

    fn slip(p: &Portfolio, impact: &Impact, id: &str) -> i64 {
        impact.slip(p.lookup(id).expect("known id"))
    }

    fn chain(p: &Portfolio, impact: &Impact, id: &str) -> Vec<String> {
        ids(p, &impact.chain(p.lookup(id).expect("known id")))
    }

    /// A(10) → C(5) ← B(4): C starts on day 10, driven by A; B has 6 days of float.
    const FORK: &str = r#"[
        {"id": "A", "name": "a", "duration_days": 10, "cost": {"investment": 1000}},
        {"id": "B", "name": "b", "duration_days": 4, "cost": {"investment": 250}},
        {"id": "C", "name": "c", "duration_days": 5, "depends_on": ["A", "B"]}]"#;

    #[test]
    fn a_delay_within_float_slips_only_the_late_node() {
        // B +5: B finishes on day 9 instead of 4 (slip 5); C still starts on
        // max(10, 9) = 10, so C and the portfolio finish (15) do not move.
        let p = portfolio("[]", "[]", FORK);
        let impact = delays(&p, &[("B", 5)]);
        assert_eq!(ids(&p, &impact.impacted), ["B"]);
        assert_eq!(slip(&p, &impact, "B"), 5);
        assert_eq!(slip(&p, &impact, "C"), 0);
        assert_eq!(impact.finish_slip, 0);
        assert_eq!(chain(&p, &impact, "B"), ["B"]);
        // Exposure: B alone, investment 250.
        assert_eq!(
            impact.exposure,
            Exposure {
                investment: 250.0,
                projects: 1,
                ..Exposure::default()
            }
        );
    }

    #[test]
    fn a_delay_larger_than_the_float_passes_on_the_rest() {
        // B +10: B EF 4 → 14 (slip 10); C ES max(10, 14) = 14, EF 19 instead
        // of 15: slip 4, the other 6 days absorbed by B's float.
        let p = portfolio("[]", "[]", FORK);
        let impact = delays(&p, &[("B", 10)]);
        assert_eq!(ids(&p, &impact.impacted), ["B", "C"]);
        assert_eq!(slip(&p, &impact, "C"), 4);
        assert_eq!(impact.finish_slip, 4);
        let c = p.lookup("C").unwrap();
        let steps: Vec<(String, i64, i64)> = impact
            .steps(c)
            .iter()
            .map(|s| (p.id(s.node).to_string(), s.slip, s.absorbed))
            .collect();
        assert_eq!(steps, [("B".to_string(), 10, 0), ("C".to_string(), 4, 6)]);
        // C's chain continues B's: only C's chain is worth telling.
        assert_eq!(ids(&p, &impact.chain_ends()), ["C"]);
        // Exposure: B (250) and C (no cost: counts 0), two projects; no
        // capability, so nothing upstream of a late one.
        assert_eq!(
            impact.exposure,
            Exposure {
                investment: 250.0,
                projects: 2,
                ..Exposure::default()
            }
        );
    }

    #[test]
    fn a_gain_on_a_tied_path_shortens_nothing() {
        // A(10) and B(10) both → C(5). A −5: A EF 5, but B still drives C at
        // day 10, so C EF stays 15: no node is impacted, the finish does not move.
        let p = portfolio(
            "[]",
            "[]",
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 10},
                {"id": "C", "name": "c", "duration_days": 5, "depends_on": ["A", "B"]}]"#,
        );
        let impact = delays(&p, &[("A", -5)]);
        assert_eq!(slip(&p, &impact, "A"), -5);
        assert_eq!(slip(&p, &impact, "C"), 0);
        assert!(impact.impacted.is_empty());
        assert_eq!(impact.finish_slip, 0);
        assert_eq!(impact.exposure, Exposure::default());
        assert_eq!(sources(&p, &impact), ["A"]);
    }

    #[test]
    fn a_gain_on_the_only_driving_path_moves_the_finish_earlier() {
        // FORK, A −8: A EF 2; C ES max(2, 4) = 4 (B drives now), EF 9 instead
        // of 15: the finish moves 6 days earlier; nothing is impacted.
        let p = portfolio("[]", "[]", FORK);
        let impact = delays(&p, &[("A", -8)]);
        assert_eq!(impact.finish_slip, -6);
        assert!(impact.impacted.is_empty());
    }

    #[test]
    fn two_delays_meet_and_the_chain_follows_the_one_that_binds() {
        // A(10) → C(5) ← B(10), C → D(3). A +4, B +6:
        // A EF 14 (slip 4), B EF 16 (slip 6); C ES max(14, 16) = 16, EF 21
        // instead of 15 (slip 6); D ES 21, EF 24 instead of 18 (slip 6).
        // Only B's link binds at C, so D's chain is B → C → D. A's own chain is [A].
        let p = portfolio(
            "[]",
            "[]",
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "B", "name": "b", "duration_days": 10},
                {"id": "C", "name": "c", "duration_days": 5, "depends_on": ["A", "B"]},
                {"id": "D", "name": "d", "duration_days": 3, "depends_on": ["C"]}]"#,
        );
        let impact = delays(&p, &[("B", 6), ("A", 4)]);
        assert_eq!(sources(&p, &impact), ["A", "B"]);
        // By slip (6: B, C, D), then 4: A.
        assert_eq!(ids(&p, &impact.impacted), ["B", "C", "D", "A"]);
        assert_eq!(chain(&p, &impact, "D"), ["B", "C", "D"]);
        assert_eq!(chain(&p, &impact, "A"), ["A"]);
        assert_eq!(impact.finish_slip, 6);
        assert_eq!(ids(&p, &impact.chain_ends()), ["D", "A"]);

        // A +6, B +6: both bind at C (day 16) and both slipped: the smallest id, A.
        let impact = delays(&p, &[("A", 6), ("B", 6)]);
        assert_eq!(chain(&p, &impact, "D"), ["A", "C", "D"]);
        // B's chain [B] is a prefix of no other chain: both ends are told.
        assert_eq!(ids(&p, &impact.chain_ends()), ["B", "D"]);
    }

    #[test]
    fn the_chain_prefers_a_binding_predecessor_that_slipped() {
        // A(10) -SS-> C(5), Q(2) → C. Baseline: C ES max(0, 2) = 2, EF 7.
        // Status: A actually ran days 5–10 (ES 0 → 5, EF 10: slip 0), Q +3
        // (EF 5, slip 3). C ES max(5 via SS, 5 via Q) = 5, EF 10: slip 3.
        // Both links bind; A has the smaller id but did not slip: the chain
        // goes through Q.
        let p = portfolio(
            "[]",
            "[]",
            r#"[{"id": "A", "name": "a", "duration_days": 10},
                {"id": "Q", "name": "q", "duration_days": 2},
                {"id": "C", "name": "c", "duration_days": 5,
                 "depends_on": [{"id": "A", "type": "SS"}, "Q"]}]"#,
        );
        let status = status_from_str(
            r#"{"as_of": "2025-01-11", "updates": [
                {"id": "A", "actual_start": "2025-01-06", "actual_finish": "2025-01-11"},
                {"id": "Q", "delay_days": 3}]}"#,
            &p,
            "status.json",
        )
        .value
        .expect("valid status");
        let impact = Impact::compute(&status, &ScheduleOptions::default());
        assert_eq!(slip(&p, &impact, "A"), 0);
        assert_eq!(slip(&p, &impact, "C"), 3);
        assert_eq!(chain(&p, &impact, "C"), ["Q", "C"]);
        // The same walk as the schedule's own walk-back with the same rule.
        let c = p.lookup("C").unwrap();
        let walked = impact.updated.walk_back(
            c,
            |n| impact.slip(n) > 0,
            |n| status.updates().iter().any(|u| u.node == n),
        );
        assert_eq!(impact.chain(c), walked);
    }

    #[test]
    fn a_chain_runs_through_a_component_into_a_capability() {
        // P1(30) provides comp; P2(20) uses comp and delivers CAP; P3(60)
        // delivers CAP. CAP target 2025-03-12 = day 31 + 28 + 11 = 70.
        // Baseline: comp 30, P2 30–50, P3 0–60, CAP max(50, 60) = 60, T = 60.
        // P1 +25: P1 EF 55, comp 55, P2 55–75, CAP max(75, 60) = 75:
        // slip 15, 10 of P2's 25 absorbed (P2 had 10 days of float to CAP);
        // margin 70 − 75 = −5. T 75: finish slip 15.
        let p = portfolio(
            r#"[{"id": "comp", "name": "c", "provided_by": "P1"}]"#,
            r#"[{"id": "CAP", "name": "cap", "target": "2025-03-12"}]"#,
            r#"[{"id": "P1", "name": "p1", "duration_days": 30, "cost": {"investment": 1000000}},
                {"id": "P2", "name": "p2", "duration_days": 20, "uses": ["comp"], "delivers": ["CAP"],
                 "cost": {"investment": 2500000.5}},
                {"id": "P3", "name": "p3", "duration_days": 60, "delivers": ["CAP"],
                 "cost": {"investment": 7000000}}]"#,
        );
        let impact = delays(&p, &[("P1", 25)]);
        assert_eq!(chain(&p, &impact, "CAP"), ["P1", "comp", "P2", "CAP"]);
        let cap = p.lookup("CAP").unwrap();
        let steps: Vec<(i64, i64)> = impact
            .steps(cap)
            .iter()
            .map(|s| (s.slip, s.absorbed))
            .collect();
        assert_eq!(steps, [(25, 0), (25, 0), (25, 0), (15, 10)]);
        assert_eq!(
            impact.capabilities,
            [CapabilitySlip {
                node: cap,
                slip: 15,
                target: Some(70),
                reference_finish: 60,
                new_finish: 75,
                margin: Some(-5),
                reference_margin: Some(10),
            }]
        );
        assert_eq!(impact.finish_slip, 15);
        assert_eq!(ids(&p, &impact.chain_ends()), ["CAP"]);
        // P1 and P2 are impacted projects (P3 is not): 1 000 000 + 2 500 000.5;
        // both lie upstream of CAP, which slipped and is late.
        assert_eq!(
            impact.exposure,
            Exposure {
                investment: 3_500_000.5,
                projects: 2,
                late_capability_projects: 2,
                late_capability_investment: 3_500_000.5,
            }
        );
    }

    #[test]
    fn an_updated_node_has_the_chain_of_itself() {
        // FORK, B +10 and C +1: C slips 4 + 1 = 5, but it carries an update.
        let p = portfolio("[]", "[]", FORK);
        let impact = delays(&p, &[("B", 10), ("C", 1)]);
        assert_eq!(slip(&p, &impact, "C"), 5);
        assert_eq!(chain(&p, &impact, "C"), ["C"]);
        assert_eq!(ids(&p, &impact.chain_ends()), ["B", "C"]);
    }

    #[test]
    fn a_delay_under_a_finish_to_finish_link_starts_the_node_earlier() {
        // SPEC §7 bounds ES with d′ under FF/SF links, so a longer duration
        // moves the start earlier rather than the finish later:
        // P(10) -FF-> X(2) -SS-> Y(1). Baseline: X ES 10 − 2 = 8, EF 10; Y 8–9.
        // X +5: d′ 7, X ES max(0, 10 − 7) = 3, EF 10 (slip 0); Y 3–4 (slip −5).
        let p = portfolio(
            "[]",
            "[]",
            r#"[{"id": "P", "name": "p", "duration_days": 10},
                {"id": "X", "name": "x", "duration_days": 2, "depends_on": [{"id": "P", "type": "FF"}]},
                {"id": "Y", "name": "y", "duration_days": 1, "depends_on": [{"id": "X", "type": "SS"}]}]"#,
        );
        let impact = delays(&p, &[("X", 5)]);
        assert_eq!(slip(&p, &impact, "X"), 0);
        assert_eq!(slip(&p, &impact, "Y"), -5);
        assert!(impact.impacted.is_empty());
    }

    #[test]
    fn a_chain_through_a_start_that_moved_lists_the_relay() {
        // S(10) → R(5) -SS-> T(5). R is forecast to finish on day 30
        // (2025-01-31) in both weeks; this week S is 8 days late.
        // Last week: S 0–10, R ES 10, EF max(15, 30) = 30; T ES 10 (SS), EF 15.
        // This week: S 0–18 (slip 8); R ES 18, EF max(23, 30) = 30 (slip 0);
        // T ES 18, EF 23 (slip 8). T's only binding link is R's: R did not
        // slip but carries the chain (a relay), itself bound by S, a source.
        let p = portfolio(
            "[]",
            "[]",
            r#"[{"id": "S", "name": "s", "duration_days": 10},
                {"id": "R", "name": "r", "duration_days": 5, "depends_on": ["S"]},
                {"id": "T", "name": "t", "duration_days": 5,
                 "depends_on": [{"id": "R", "type": "SS"}]}]"#,
        );
        let weeks = two_weeks(
            &p,
            r#"{"as_of": "2025-01-02", "updates": [{"id": "R", "forecast_finish": "2025-01-31"}]}"#,
            r#"{"as_of": "2025-01-09", "updates": [{"id": "R", "forecast_finish": "2025-01-31"},
                {"id": "S", "delay_days": 8}]}"#,
        );
        let scenario = Scenario::between(&weeks).expect("last week");
        let impact = Impact::between(&scenario, &ScheduleOptions::default());
        assert_eq!(sources(&p, &impact), ["S"]);
        assert_eq!(ids(&p, &impact.impacted), ["S", "T"]);
        assert_eq!(slip(&p, &impact, "R"), 0);
        assert_eq!(ids(&p, &impact.relays), ["R"]);
        assert_eq!(chain(&p, &impact, "T"), ["S", "R", "T"]);
        assert_eq!(impact.via(p.lookup("R").unwrap()), p.lookup("S"));
        assert_eq!(impact.reference_as_of.as_deref(), Some("2025-01-02"));
        // T continues S's chain through R: only T's chain is told.
        assert_eq!(ids(&p, &impact.chain_ends()), ["T"]);
    }

    /// A(10) → CAP1 (target day 12, 2025-01-13); B(10) → CAP2 (target day
    /// 100, 2025-04-11); C(10) → D(10); E(20) → CAP9 (target day 15,
    /// 2025-01-16: 5 days late already). Investment A 100, B 200, C 400,
    /// D 800, E 1000.
    const LATE: &str = r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
        "capabilities": [{"id": "CAP1", "name": "c1", "target": "2025-01-13"},
                         {"id": "CAP2", "name": "c2", "target": "2025-04-11"},
                         {"id": "CAP9", "name": "c9", "target": "2025-01-16"}],
        "projects": [
          {"id": "A", "name": "a", "duration_days": 10, "delivers": ["CAP1"], "cost": {"investment": 100}},
          {"id": "B", "name": "b", "duration_days": 10, "delivers": ["CAP2"], "cost": {"investment": 200}},
          {"id": "C", "name": "c", "duration_days": 10, "cost": {"investment": 400}},
          {"id": "D", "name": "d", "duration_days": 10, "depends_on": ["C"], "cost": {"investment": 800}},
          {"id": "E", "name": "e", "duration_days": 20, "delivers": ["CAP9"], "cost": {"investment": 1000}}]}"#;

    fn late_impact(p: &Portfolio) -> Impact<'_> {
        // A +5: CAP1 10 → 15, margin 12 − 15 = −3 (late). B +5: CAP2 10 →
        // 15, margin 85. C finished on day 20 (2025-01-21): slip 10, complete;
        // D 10–20 → 20–30, slip 10. E +1: CAP9 20 → 21, margin −5 → −6.
        let status = status_from_str(
            r#"{"as_of": "2025-01-22", "updates": [{"id": "A", "delay_days": 5},
                {"id": "B", "delay_days": 5}, {"id": "E", "delay_days": 1},
                {"id": "C", "actual_start": "2025-01-01", "actual_finish": "2025-01-21"}]}"#,
            p,
            "s.json",
        )
        .value
        .expect("valid");
        Impact::compute(&status, &ScheduleOptions::default())
    }

    #[test]
    fn exposure_leaves_out_finished_projects_and_names_the_late_part() {
        // Impacted projects: A 5, B 5, C 10, D 10, E 1. C is complete: out.
        // Exposed: A, B, D, E = 100 + 200 + 800 + 1000 = 2100. Upstream of
        // a late capability that slipped: A (CAP1) and E (CAP9) = 1100.
        let p = portfolio_from_str(LATE, "t.json").value.expect("valid");
        let impact = late_impact(&p);
        assert_eq!(slip(&p, &impact, "C"), 10);
        assert_eq!(
            impact.exposure,
            Exposure {
                projects: 4,
                investment: 2100.0,
                late_capability_projects: 2,
                late_capability_investment: 1100.0,
            }
        );
    }

    #[test]
    fn chains_are_ordered_worst_first() {
        // Chain ends: CAP1 (late by 3), CAP2 (slip 5, on time), CAP9 (late
        // by 6) and D (slip 10; C → D). Worst first: the late capabilities,
        // most late first (CAP9, CAP1); then CAP2, although D slipped more.
        let p = portfolio_from_str(LATE, "t.json").value.expect("valid");
        let impact = late_impact(&p);
        assert_eq!(ids(&p, &impact.chain_ends()), ["CAP9", "CAP1", "CAP2", "D"]);
    }

    #[test]
    fn structural_impact_of_a_diamond() {
        // S → Y → D, S → X → D, D → E; Z → E (not downstream of S).
        // Depths: X 1, Y 1, D 2, E 3. D's parents one level up are X and Y:
        // the smallest id, X. E's chain: S → X → D → E.
        let p = portfolio(
            "[]",
            "[]",
            r#"[{"id": "S", "name": "s"},
                {"id": "Y", "name": "y", "depends_on": ["S"]},
                {"id": "X", "name": "x", "depends_on": ["S"]},
                {"id": "D", "name": "d", "depends_on": ["Y", "X"]},
                {"id": "Z", "name": "z"},
                {"id": "E", "name": "e", "depends_on": ["D", "Z"]}]"#,
        );
        let s = p.lookup("S").unwrap();
        let reach = StructuralImpact::compute(&p, &[s]);
        assert_eq!(ids(&p, &reach.reached), ["X", "Y", "D", "E"]);
        let depths: Vec<Option<u32>> = reach.reached.iter().map(|n| reach.depth(*n)).collect();
        assert_eq!(depths, [Some(1), Some(1), Some(2), Some(3)]);
        assert_eq!(
            ids(&p, &reach.chain(p.lookup("E").unwrap())),
            ["S", "X", "D", "E"]
        );
        assert_eq!(reach.depth(p.lookup("Z").unwrap()), None);

        // From S and D at once: D is a source (excluded, depth 0), E is at depth 1.
        let d = p.lookup("D").unwrap();
        let reach = StructuralImpact::compute(&p, &[d, s]);
        assert_eq!(ids(&p, &reach.sources), ["D", "S"]);
        assert_eq!(ids(&p, &reach.reached), ["E", "X", "Y"]);
        assert_eq!(ids(&p, &reach.chain(p.lookup("E").unwrap())), ["D", "E"]);
    }
}
