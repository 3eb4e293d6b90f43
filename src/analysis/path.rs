//! Float to a target (SPEC §3): what drives one node's date, and how many
//! days each of its ancestors could slip before that date moves.
//!
//! # Complexity
//! O(A + E_A) per target, A its ancestors and E_A their links: one
//! depth-first search over the ancestors gives them in reverse topological
//! order (reverse post-order), and the backward pass visits only them. The
//! scratch arrays of [`TargetFloats`] are allocated once and reused, so many
//! targets cost no O(V) each.
//!
//! When only the ancestors whose float is below some bound are wanted (the
//! recovery of a late capability, SPEC §4), [`TargetFloats::floats_below`]
//! visits little more than them: float to a target is a shortest path
//! upstream from it. With LS = ES + f and LF = EF + f for every node of the
//! pass, a predecessor's float through one link is the successor's float plus
//! the link's slack in the schedule (its latest finish through the link,
//! taken at the successor's early dates, minus its own EF), and its float is
//! the smallest of those. Slacks are ≥ 0 except into nodes fixed by actuals;
//! [`FloatFloor`] bounds what such links can take off upstream, so the search
//! can stop wherever nothing upstream can fall below the bound.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::graph::NodeIndex;

use crate::model::portfolio::LinkTo;
use crate::model::Portfolio;

use super::schedule::{link_latest_finish, Schedule};

/// The drivers of one target node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetFloat {
    pub target: NodeIndex,
    /// EF of the target.
    pub finish: i64,
    pub driving_path: Vec<NodeIndex>,
    /// Every ancestor with its float to the target, by float then id.
    pub ancestors: Vec<(NodeIndex, i64)>,
}

/// Floats to one target after another over one schedule, reusing scratch
/// space (one per thread when run in parallel).
pub struct TargetFloats<'a> {
    portfolio: &'a Portfolio,
    schedule: &'a Schedule<'a>,
    /// Which search last reached each node (`stamp`: the current search).
    seen: Vec<u32>,
    stamp: u32,
    late_start: Vec<i64>,
    late_finish: Vec<i64>,
    /// The shortest-path search's queue, kept for its capacity.
    queue: BinaryHeap<Reverse<(i64, NodeIndex)>>,
}

impl<'a> TargetFloats<'a> {
    pub fn new(portfolio: &'a Portfolio, schedule: &'a Schedule<'a>) -> TargetFloats<'a> {
        let count = portfolio.node_count();
        TargetFloats {
            portfolio,
            schedule,
            seen: vec![0; count],
            stamp: 0,
            late_start: vec![0; count],
            late_finish: vec![0; count],
            queue: BinaryHeap::new(),
        }
    }

    /// Every ancestor of `target` whose float to it is below `bound`, with
    /// that float (the same figure as [`TargetFloats::floats`] gives), in no
    /// particular order. `floor` must be [`FloatFloor::new`] of the same
    /// schedule. A label-correcting shortest-path search upstream from the
    /// target (see the module's doc): a node is expanded only while its
    /// float plus its floor is below the bound, and again if its float drops
    /// (which only links into fixed nodes can cause).
    pub fn floats_below(
        &mut self,
        target: NodeIndex,
        bound: i64,
        floor: &FloatFloor,
    ) -> Vec<(NodeIndex, i64)> {
        self.stamp += 1;
        let stamp = self.stamp;
        let float = &mut self.late_finish; // scratch: each reached node's float so far
        let mut reached = vec![target];
        self.seen[target.index()] = stamp;
        float[target.index()] = 0;
        self.queue.clear();
        self.queue.push(Reverse((0, target)));
        while let Some(Reverse((f, node))) = self.queue.pop() {
            if f > float[node.index()] || f + floor.0[node.index()] >= bound {
                continue; // stale, or nothing upstream of it can fall below the bound
            }
            for link in self.portfolio.incoming(node) {
                let p = link.node.index();
                let through = f + link_slack(self.schedule, link, node);
                if self.seen[p] != stamp {
                    self.seen[p] = stamp;
                    reached.push(link.node);
                } else if through >= float[p] {
                    continue;
                }
                float[p] = through;
                self.queue.push(Reverse((through, link.node)));
            }
        }
        reached
            .into_iter()
            .skip(1) // the target
            .map(|n| (n, float[n.index()]))
            .filter(|(_, f)| *f < bound)
            .collect()
    }

    /// Every ancestor of `target` with its float to it, in reverse
    /// topological order (the target's direct predecessors before theirs):
    /// the backward pass over `target`'s ancestors only, with LF(t) = EF(t);
    /// links to nodes that are not ancestors are ignored and the portfolio
    /// finish caps nothing (SPEC §7).
    pub fn floats(&mut self, target: NodeIndex) -> Vec<(NodeIndex, i64)> {
        let order = self.ancestors_in_reverse_topological_order(target);
        let target_times = self.schedule.times(target);
        self.late_finish[target.index()] = target_times.ef;
        self.late_start[target.index()] = target_times.es;
        let mut floats = Vec::with_capacity(order.len());
        for node in order {
            let own = self.schedule.times(node);
            let duration = own.effective_duration();
            let lf = self
                .portfolio
                .outgoing(node)
                .iter()
                .filter(|l| self.seen[l.node.index()] == self.stamp)
                .map(|l| {
                    let s = l.node.index();
                    link_latest_finish(&l.link, self.late_start[s], self.late_finish[s], duration)
                })
                .min()
                .expect("an ancestor has a path to the target");
            self.late_finish[node.index()] = lf;
            self.late_start[node.index()] = lf - duration;
            floats.push((node, lf - duration - own.es));
        }
        floats
    }

    /// The ancestors of `target` (itself excluded), each after all of its
    /// successors among them: the reverse post-order of an iterative
    /// depth-first search over incoming links. Marks the target and its
    /// ancestors with a new stamp.
    fn ancestors_in_reverse_topological_order(&mut self, target: NodeIndex) -> Vec<NodeIndex> {
        self.stamp += 1;
        let stamp = self.stamp;
        self.seen[target.index()] = stamp;
        let mut post_order = Vec::new();
        // (node, how many of its incoming links are explored)
        let mut stack: Vec<(NodeIndex, usize)> = vec![(target, 0)];
        while let Some((node, next)) = stack.last_mut() {
            let incoming = self.portfolio.incoming(*node);
            if let Some(link) = incoming.get(*next) {
                *next += 1;
                let p = link.node;
                if self.seen[p.index()] != stamp {
                    self.seen[p.index()] = stamp;
                    stack.push((p, 0));
                }
            } else {
                post_order.push(*node);
                stack.pop();
            }
        }
        post_order.pop(); // the target, last
        post_order.reverse();
        post_order
    }
}

/// How far the float to any target can drop going upstream from each node:
/// the smallest sum of link slacks over the paths that end at the node (≤ 0;
/// 0 unless links into nodes fixed by actuals have negative slack upstream).
pub struct FloatFloor(Vec<i64>);

impl FloatFloor {
    /// One pass in topological order over `schedule`: O(V + E).
    pub fn new(portfolio: &Portfolio, schedule: &Schedule) -> FloatFloor {
        let mut floor = vec![0; portfolio.node_count()];
        for &node in portfolio.topological_order() {
            floor[node.index()] = portfolio
                .incoming(node)
                .iter()
                .map(|l| floor[l.node.index()] + link_slack(schedule, l, node))
                .fold(0, i64::min);
        }
        FloatFloor(floor)
    }
}

/// The slack of `link` (from `link.node` into `successor`) in `schedule`: the
/// predecessor's latest finish through it, taken at the successor's early
/// dates, minus the predecessor's early finish. Its float to any target
/// through this link is the successor's float plus this.
fn link_slack(schedule: &Schedule, link: &LinkTo, successor: NodeIndex) -> i64 {
    let own = schedule.times(link.node);
    let next = schedule.times(successor);
    link_latest_finish(&link.link, next.es, next.ef, own.effective_duration()) - own.ef
}

/// The drivers of `target`: its driving path and every ancestor's float to
/// it, by float then id.
pub fn float_to_target(
    portfolio: &Portfolio,
    schedule: &Schedule,
    target: NodeIndex,
) -> TargetFloat {
    let mut ancestors = TargetFloats::new(portfolio, schedule).floats(target);
    ancestors.sort_by_key(|(node, float)| (*float, portfolio.id_rank(*node)));
    TargetFloat {
        target,
        finish: schedule.times(target).ef,
        driving_path: schedule.driving_path(target),
        ancestors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::generate::{portfolio_record, status_record, GenerateOptions};
    use crate::model::{portfolio_from_str, status_from_str, NodeKind};

    /// A valid portfolio from its JSON text.
    fn valid(text: &str) -> Portfolio {
        portfolio_from_str(text, "t.json").value.expect("valid")
    }

    /// `p`'s schedule as planned.
    fn planned(p: &Portfolio) -> Schedule<'_> {
        Schedule::compute(p, &ScheduleOptions::default())
    }

    /// `f`'s ancestors as (id, float), and its driving path as ids.
    fn by_id<'p>(p: &'p Portfolio, f: &TargetFloat) -> (Vec<(&'p str, i64)>, Vec<&'p str>) {
        let ancestors = f.ancestors.iter().map(|(n, x)| (p.id(*n), *x)).collect();
        let path = f.driving_path.iter().map(|n| p.id(*n)).collect();
        (ancestors, path)
    }

    #[test]
    fn float_to_a_capability_ignores_other_successors_and_the_portfolio_finish() {
        // A(10) and B(4) deliver CAP; B also → D(30), which ends the portfolio (T = 34).
        // Schedule: CAP ES = EF = 10. Float to CAP: LF(CAP) = 10;
        // A: LF 10, LS 0, float 0. B: LF 10 (its link to D is ignored), LS 6, float 6.
        let text = r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
            "capabilities": [{"id": "CAP", "name": "cap"}],
            "projects": [{"id": "A", "name": "a", "duration_days": 10, "delivers": ["CAP"]},
                         {"id": "B", "name": "b", "duration_days": 4, "delivers": ["CAP"]},
                         {"id": "D", "name": "d", "duration_days": 30, "depends_on": ["B"]}]}"#;
        let p = valid(text);
        let s = planned(&p);
        assert_eq!(s.finish, 34);
        let f = float_to_target(&p, &s, p.lookup("CAP").unwrap());
        assert_eq!(f.finish, 10);
        let (ancestors, path) = by_id(&p, &f);
        assert_eq!(ancestors, [("A", 0), ("B", 6)]);
        // B's total float is measured against D (B: LF = LS(D) = 4 → TF 0), not CAP.
        assert_eq!(s.times(p.lookup("B").unwrap()).total_float, 0);
        assert_eq!(path, ["A", "CAP"]);
    }

    #[test]
    fn float_to_target_through_start_to_start_links() {
        // E(3) -SS+2-> A(10) → CAP: ES(A) = 2, EF 12 = EF(CAP).
        // Float to CAP: A LF 12 LS 2 float 0; E: LF ≤ LS(A) − 2 + D(E) = 2 − 2 + 3 = 3,
        // LS 0, float 0. F(1) → CAP: LF 12, LS 11, float 11.
        let text = r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
            "capabilities": [{"id": "CAP", "name": "cap"}],
            "projects": [{"id": "E", "name": "e", "duration_days": 3},
                         {"id": "A", "name": "a", "duration_days": 10, "delivers": ["CAP"],
                          "depends_on": [{"id": "E", "type": "SS", "lag_days": 2}]},
                         {"id": "F", "name": "f", "duration_days": 1, "delivers": ["CAP"]}]}"#;
        let p = valid(text);
        let s = planned(&p);
        let f = float_to_target(&p, &s, p.lookup("CAP").unwrap());
        let (ancestors, path) = by_id(&p, &f);
        assert_eq!(ancestors, [("A", 0), ("E", 0), ("F", 11)]);
        assert_eq!(path, ["E", "A", "CAP"]);
    }

    #[test]
    fn one_scratch_serves_many_targets() {
        // A(10) → B(5) → CAP1; A → C(2) → CAP2; B → CAP2. Floats to CAP1:
        // B 0, A 0. To CAP2 (ES max(15, 12) = 15): B 0, A 0, C 15 − 12 = 3.
        // The second and third passes reuse the scratch of the first.
        let text = r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
            "capabilities": [{"id": "CAP1", "name": "c1"}, {"id": "CAP2", "name": "c2"}],
            "projects": [{"id": "A", "name": "a", "duration_days": 10},
                         {"id": "B", "name": "b", "duration_days": 5, "depends_on": ["A"],
                          "delivers": ["CAP1", "CAP2"]},
                         {"id": "C", "name": "c", "duration_days": 2, "depends_on": ["A"],
                          "delivers": ["CAP2"]}]}"#;
        let p = valid(text);
        let s = planned(&p);
        let mut floats = TargetFloats::new(&p, &s);
        let sorted = |mut v: Vec<(NodeIndex, i64)>| {
            v.sort_by_key(|(n, f)| (*f, p.id_rank(*n)));
            v.iter()
                .map(|(n, f)| (p.id(*n).to_string(), *f))
                .collect::<Vec<_>>()
        };
        let (cap1, cap2) = (p.lookup("CAP1").unwrap(), p.lookup("CAP2").unwrap());
        let first = sorted(floats.floats(cap1));
        let second = sorted(floats.floats(cap2));
        let third = sorted(floats.floats(cap1));
        assert_eq!(first, [("A".to_string(), 0), ("B".to_string(), 0)]);
        assert_eq!(
            second,
            [
                ("A".to_string(), 0),
                ("B".to_string(), 0),
                ("C".to_string(), 3)
            ]
        );
        assert_eq!(third, first);
    }

    /// The floats of [`TargetFloats::floats`] below `bound`, sorted.
    fn full_pass_below(
        floats: &mut TargetFloats,
        target: NodeIndex,
        bound: i64,
    ) -> Vec<(NodeIndex, i64)> {
        let mut all: Vec<_> = floats
            .floats(target)
            .into_iter()
            .filter(|(_, f)| *f < bound)
            .collect();
        all.sort();
        all
    }

    #[test]
    fn a_link_into_a_started_project_can_take_float_below_zero() {
        // A(10) → B(5) → CAP. B started on day 2 (as of day 4), so it binds to
        // nothing: ES(B) = 2, EF(B) = 7 = EF(CAP). A: ES 0, EF 10.
        // Float to CAP: B 0; A through B: LS(B) − EF(A) = 2 − 10 = −8.
        // The slack of A → B is −8, so the floor of B (and CAP) is −8.
        // With bound 0 the search must still reach A through B (float 0 + floor
        // −8 < 0) and report A at −8, not leave it out.
        let text = r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
            "capabilities": [{"id": "CAP", "name": "cap"}],
            "projects": [{"id": "A", "name": "a", "duration_days": 10},
                         {"id": "B", "name": "b", "duration_days": 5, "depends_on": ["A"],
                          "delivers": ["CAP"]}]}"#;
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let status = status_from_str(
            r#"{"as_of": "2025-01-05", "updates": [{"id": "B", "actual_start": "2025-01-03"}]}"#,
            &p,
            "s.json",
        )
        .value
        .expect("valid status");
        let s = Schedule::compute(&status, &ScheduleOptions::default());
        let (a, b, cap) = (
            p.lookup("A").unwrap(),
            p.lookup("B").unwrap(),
            p.lookup("CAP").unwrap(),
        );
        assert_eq!((s.times(b).es, s.times(b).ef, s.times(cap).ef), (2, 7, 7));
        let floor = FloatFloor::new(&p, &s);
        assert_eq!(floor.0[cap.index()], -8);
        let mut floats = TargetFloats::new(&p, &s);
        let mut below = floats.floats_below(cap, 0, &floor);
        below.sort();
        assert_eq!(below, [(a, -8)]);
        let mut below = floats.floats_below(cap, 1, &floor);
        below.sort_by_key(|(n, _)| p.id_rank(*n));
        assert_eq!(below, [(a, -8), (b, 0)]);
    }

    #[test]
    fn the_bounded_search_agrees_with_the_full_pass_on_a_generated_week() {
        // An independent check: the full backward pass over each target's
        // ancestors, filtered, against the bounded shortest-path search, for
        // every capability and several bounds, on a generated portfolio with
        // its status (started and finished projects: negative slacks occur).
        let options = GenerateOptions {
            projects: 3_000,
            seed: 7,
        };
        let portfolio_text = serde_json::to_string(&portfolio_record(&options)).unwrap();
        let p = portfolio_from_str(&portfolio_text, "g.json")
            .value
            .expect("valid");
        let status_text = serde_json::to_string(&status_record(&options)).unwrap();
        let status = status_from_str(&status_text, &p, "s.json")
            .value
            .expect("valid status");
        let s = Schedule::compute(&status, &ScheduleOptions::default());
        let floor = FloatFloor::new(&p, &s);
        assert!(
            floor.0.iter().any(|f| *f < 0),
            "the week should have links with negative slack"
        );
        let mut full = TargetFloats::new(&p, &s);
        let mut bounded = TargetFloats::new(&p, &s);
        let mut compared = 0;
        for cap in p.nodes_of_kind(NodeKind::Capability) {
            for bound in [-5, 0, 1, 10, 60, 400] {
                let expected = full_pass_below(&mut full, cap, bound);
                let mut got = bounded.floats_below(cap, bound, &floor);
                got.sort();
                assert_eq!(got, expected, "{} below {bound}", p.id(cap));
                compared += expected.len();
            }
        }
        assert!(compared > 1_000, "only {compared} floats compared");
    }
}
