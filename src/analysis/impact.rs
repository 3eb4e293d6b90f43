//! Impact of delays (SPEC §4, §7): what slips when something slips, by how
//! much, and through which chain; and, without dates, what lies downstream.
//!
//! # Complexity
//! [`Impact::compute`] runs two schedules (O(V + E) each) and picks each
//! impacted node's chain link in O(in-degree): O(V + E) in all, O(V) memory.
//! Chains are kept as one predecessor link per node (they form a forest:
//! the step chosen at a node does not depend on where the walk started), so
//! a chain costs O(its length) to read and nothing to store.
//! [`StructuralImpact::compute`] is one multi-source breadth-first search:
//! O(V + E).

use petgraph::graph::NodeIndex;
use petgraph::Direction;

use crate::model::{NodeKind, Portfolio, Status};

use super::schedule::{follow, Schedule, ScheduleOptions};

/// A scenario's effect on the schedule, node by node.
#[derive(Debug, Clone)]
pub struct Impact {
    /// The schedule without any update.
    pub baseline: Schedule,
    /// The schedule with the scenario's updates.
    pub updated: Schedule,
    /// The nodes that carry an update, by id.
    pub sources: Vec<NodeIndex>,
    /// Nodes whose finish slipped (slip > 0), largest slip first, then by id.
    pub impacted: Vec<NodeIndex>,
    /// New portfolio finish − baseline finish (negative: a gain).
    pub finish_slip: i64,
    /// Capabilities whose finish slipped, by id.
    pub capabilities: Vec<CapabilitySlip>,
    pub exposure: Exposure,
    /// New EF − baseline EF, by node index.
    slips: Vec<i64>,
    /// The predecessor an impacted node's chain comes through (`None` at a
    /// node that carries an update, and for nodes not impacted).
    via: Vec<Option<NodeIndex>>,
}

/// A capability whose finish slipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapabilitySlip {
    pub node: NodeIndex,
    pub slip: i64,
    pub target: Option<i64>,
    pub baseline_finish: i64,
    pub new_finish: i64,
    /// target − new finish: negative means late.
    pub margin: Option<i64>,
    /// target − baseline finish.
    pub baseline_margin: Option<i64>,
}

impl CapabilitySlip {
    /// Whether the capability now misses its target (margin < 0).
    pub fn is_late(&self) -> bool {
        self.margin.is_some_and(|m| m < 0)
    }
}

/// What the impacted projects are worth.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Exposure {
    /// Sum of the impacted projects' `cost.investment` (missing counts 0).
    pub investment: f64,
    /// Number of impacted projects.
    pub projects: usize,
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

impl Impact {
    /// Compares the baseline schedule with the schedule under `status`.
    pub fn compute(portfolio: &Portfolio, status: &Status, options: &ScheduleOptions) -> Impact {
        // Independent: one on each core.
        let (baseline, updated) = rayon::join(
            || Schedule::compute(portfolio, None, options),
            || Schedule::compute(portfolio, Some(status), options),
        );
        let count = portfolio.node_count();
        let slips: Vec<i64> = baseline
            .all_times()
            .iter()
            .zip(updated.all_times())
            .map(|(before, after)| after.ef - before.ef)
            .collect();

        let mut carries_update = vec![false; count];
        let mut sources: Vec<NodeIndex> = status.updates.iter().map(|u| u.node).collect();
        for source in &sources {
            carries_update[source.index()] = true;
        }
        sources.sort_by_key(|n| portfolio.id_rank(*n));

        let mut impacted: Vec<NodeIndex> = portfolio
            .nodes_by_id()
            .iter()
            .copied()
            .filter(|n| slips[n.index()] > 0)
            .collect();
        // Stable sort over nodes already in id order: ties stay by id.
        impacted.sort_by_key(|n| std::cmp::Reverse(slips[n.index()]));

        // The chain rule of SPEC §4, one step per node: a binding predecessor
        // that itself slipped, then the smallest id; none at an updated node.
        let mut via = vec![None; count];
        for &node in &impacted {
            if carries_update[node.index()] {
                continue;
            }
            via[node.index()] = updated
                .binding_links(portfolio, node)
                .map(|(p, _)| p)
                .min_by_key(|p| (slips[p.index()] <= 0, portfolio.id_rank(*p)));
        }

        let capabilities = impacted_capabilities(portfolio, &baseline, &updated, &slips);
        let mut exposure = Exposure::default();
        for &node in &impacted {
            let n = portfolio.node(node);
            if n.kind == NodeKind::Project {
                exposure.projects += 1;
                exposure.investment += n.investment.unwrap_or(0.0);
            }
        }
        Impact {
            finish_slip: updated.finish - baseline.finish,
            baseline,
            updated,
            sources,
            impacted,
            capabilities,
            exposure,
            slips,
            via,
        }
    }

    /// New EF − baseline EF of `node`.
    pub fn slip(&self, node: NodeIndex) -> i64 {
        self.slips[node.index()]
    }

    /// The impact chain of `node`, first node first: how the delay travelled
    /// to it (SPEC §4). A node that is not impacted has the chain `[itself]`.
    pub fn chain(&self, node: NodeIndex) -> Vec<NodeIndex> {
        follow(&self.via, node)
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
    pub fn impacted_count(&self, portfolio: &Portfolio, kind: NodeKind) -> usize {
        self.impacted
            .iter()
            .filter(|n| portfolio.node(**n).kind == kind)
            .count()
    }

    /// The impacted nodes whose chain is a prefix of no other impacted node's
    /// chain (the ends of the longest chains): capabilities first, then by
    /// slip (largest first), then by id. Every impacted node lies on the
    /// chain of at least one of them.
    pub fn chain_ends(&self, portfolio: &Portfolio) -> Vec<NodeIndex> {
        let mut continued = vec![false; self.slips.len()];
        for &node in &self.impacted {
            if let Some(previous) = self.via[node.index()] {
                continued[previous.index()] = true;
            }
        }
        let mut ends: Vec<NodeIndex> = self
            .impacted
            .iter()
            .copied()
            .filter(|n| !continued[n.index()])
            .collect();
        // Stable: within each group the impacted order (slip, then id) stays.
        ends.sort_by_key(|n| portfolio.node(*n).kind != NodeKind::Capability);
        ends
    }
}

fn impacted_capabilities(
    portfolio: &Portfolio,
    baseline: &Schedule,
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
            let baseline_finish = baseline.times(node).ef;
            CapabilitySlip {
                node,
                slip: slips[node.index()],
                target,
                baseline_finish,
                new_finish,
                margin: target.map(|t| t - new_finish),
                baseline_margin: target.map(|t| t - baseline_finish),
            }
        })
        .collect()
}

/// Everything downstream of the sources, without dates (SPEC §4 `--structural`).
#[derive(Debug, Clone)]
pub struct StructuralImpact {
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

impl StructuralImpact {
    /// A breadth-first search from all sources at once: a node's depth is
    /// its distance from the nearest source, its parent the smallest-id
    /// predecessor one level up (SPEC §7).
    pub fn compute(portfolio: &Portfolio, sources: &[NodeIndex]) -> StructuralImpact {
        let graph = portfolio.graph();
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
                for successor in graph.neighbors_directed(node, Direction::Outgoing) {
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
            sources,
            reached,
            depth,
            parent,
        }
    }

    /// Links from the nearest source (0 for a source).
    pub fn depth(&self, node: NodeIndex) -> Option<u32> {
        Some(self.depth[node.index()]).filter(|d| *d != u32::MAX)
    }

    /// One shortest chain from a source to `node`, first node first.
    pub fn chain(&self, node: NodeIndex) -> Vec<NodeIndex> {
        follow(&self.parent, node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    fn delays(p: &Portfolio, delays: &[(&str, i64)]) -> Impact {
        let delays: Vec<(NodeIndex, i64)> = delays
            .iter()
            .map(|(id, d)| (p.lookup(id).expect("known id"), *d))
            .collect();
        let status = Status::from_delays(p, &delays);
        Impact::compute(p, &status, &ScheduleOptions::default())
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
                projects: 1
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
        assert_eq!(ids(&p, &impact.chain_ends(&p)), ["C"]);
        // Exposure: B (250) and C (no cost: counts 0), two projects.
        assert_eq!(
            impact.exposure,
            Exposure {
                investment: 250.0,
                projects: 2
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
        assert_eq!(ids(&p, &impact.sources), ["A"]);
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
        assert_eq!(ids(&p, &impact.sources), ["A", "B"]);
        // By slip (6: B, C, D), then 4: A.
        assert_eq!(ids(&p, &impact.impacted), ["B", "C", "D", "A"]);
        assert_eq!(chain(&p, &impact, "D"), ["B", "C", "D"]);
        assert_eq!(chain(&p, &impact, "A"), ["A"]);
        assert_eq!(impact.finish_slip, 6);
        assert_eq!(ids(&p, &impact.chain_ends(&p)), ["D", "A"]);

        // A +6, B +6: both bind at C (day 16) and both slipped: the smallest id, A.
        let impact = delays(&p, &[("A", 6), ("B", 6)]);
        assert_eq!(chain(&p, &impact, "D"), ["A", "C", "D"]);
        // B's chain [B] is a prefix of no other chain: both ends are told.
        assert_eq!(ids(&p, &impact.chain_ends(&p)), ["B", "D"]);
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
        let impact = Impact::compute(&p, &status, &ScheduleOptions::default());
        assert_eq!(slip(&p, &impact, "A"), 0);
        assert_eq!(slip(&p, &impact, "C"), 3);
        assert_eq!(chain(&p, &impact, "C"), ["Q", "C"]);
        // The same walk as the schedule's own walk-back with the same rule.
        let c = p.lookup("C").unwrap();
        let walked = impact.updated.walk_back(
            &p,
            c,
            |n| impact.slip(n) > 0,
            |n| status.updates.iter().any(|u| u.node == n),
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
                baseline_finish: 60,
                new_finish: 75,
                margin: Some(-5),
                baseline_margin: Some(10),
            }]
        );
        assert_eq!(impact.finish_slip, 15);
        assert_eq!(ids(&p, &impact.chain_ends(&p)), ["CAP"]);
        // P1 and P2 are impacted projects (P3 is not): 1 000 000 + 2 500 000.5.
        assert_eq!(
            impact.exposure,
            Exposure {
                investment: 3_500_000.5,
                projects: 2
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
        assert_eq!(ids(&p, &impact.chain_ends(&p)), ["B", "C"]);
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
