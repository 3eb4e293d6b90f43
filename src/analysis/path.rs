//! Float to a target (SPEC §3): what drives one node's date, and how many
//! days each of its ancestors could slip before that date moves.
//!
//! # Complexity
//! O(A + E_A) per target, A its ancestors and E_A their links: one
//! depth-first search over the ancestors gives them in reverse topological
//! order (reverse post-order), and the backward pass visits only them. The
//! scratch arrays of [`TargetFloats`] are allocated once and reused, so many
//! targets cost no O(V) each.

use petgraph::graph::NodeIndex;

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
    schedule: &'a Schedule,
    /// Which search last reached each node (`stamp`: the current search).
    seen: Vec<u32>,
    stamp: u32,
    late_start: Vec<i64>,
    late_finish: Vec<i64>,
}

impl<'a> TargetFloats<'a> {
    pub fn new(portfolio: &'a Portfolio, schedule: &'a Schedule) -> TargetFloats<'a> {
        let count = portfolio.node_count();
        TargetFloats {
            portfolio,
            schedule,
            seen: vec![0; count],
            stamp: 0,
            late_start: vec![0; count],
            late_finish: vec![0; count],
        }
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
        driving_path: schedule.driving_path(portfolio, target),
        ancestors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::model::portfolio_from_str;

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
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let s = Schedule::compute(&p, None, &ScheduleOptions::default());
        assert_eq!(s.finish, 34);
        let cap = p.lookup("CAP").unwrap();
        let f = float_to_target(&p, &s, cap);
        assert_eq!(f.finish, 10);
        let got: Vec<(&str, i64)> = f.ancestors.iter().map(|(n, x)| (p.id(*n), *x)).collect();
        assert_eq!(got, [("A", 0), ("B", 6)]);
        // B's total float is measured against D (B: LF = LS(D) = 4 → TF 0), not CAP.
        assert_eq!(s.times(p.lookup("B").unwrap()).total_float, 0);
        let path: Vec<&str> = f.driving_path.iter().map(|n| p.id(*n)).collect();
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
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let s = Schedule::compute(&p, None, &ScheduleOptions::default());
        let f = float_to_target(&p, &s, p.lookup("CAP").unwrap());
        let got: Vec<(&str, i64)> = f.ancestors.iter().map(|(n, x)| (p.id(*n), *x)).collect();
        assert_eq!(got, [("A", 0), ("E", 0), ("F", 11)]);
        let path: Vec<&str> = f.driving_path.iter().map(|n| p.id(*n)).collect();
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
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let s = Schedule::compute(&p, None, &ScheduleOptions::default());
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
}
