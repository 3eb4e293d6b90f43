//! Float to a target (SPEC §3): what drives one node's date, and how many
//! days each of its ancestors could slip before that date moves.
//!
//! # Complexity
//! O(V + E) per target: one reverse search for the ancestors, one backward
//! pass restricted to them.

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;

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

/// Runs the backward pass over `target`'s ancestors only, with LF(t) = EF(t);
/// links to nodes that are not ancestors are ignored and the portfolio
/// finish caps nothing (SPEC §7).
pub fn float_to_target(
    portfolio: &Portfolio,
    schedule: &Schedule,
    target: NodeIndex,
) -> TargetFloat {
    let graph = portfolio.graph();
    let count = graph.node_count();
    // in_scope: the target and its ancestors.
    let mut in_scope = vec![false; count];
    in_scope[target.index()] = true;
    let mut stack = vec![target];
    while let Some(node) = stack.pop() {
        for predecessor in graph.neighbors_directed(node, Direction::Incoming) {
            if !in_scope[predecessor.index()] {
                in_scope[predecessor.index()] = true;
                stack.push(predecessor);
            }
        }
    }
    let mut late_start = vec![0i64; count];
    let mut late_finish = vec![0i64; count];
    let target_times = schedule.times(target);
    late_finish[target.index()] = target_times.ef;
    late_start[target.index()] = target_times.es;
    let mut ancestors = Vec::new();
    for &node in portfolio.topological_order().iter().rev() {
        if !in_scope[node.index()] || node == target {
            continue;
        }
        let own = schedule.times(node);
        let duration = own.effective_duration();
        let lf = graph
            .edges_directed(node, Direction::Outgoing)
            .filter(|edge| in_scope[edge.target().index()])
            .map(|edge| {
                let s = edge.target().index();
                link_latest_finish(edge.weight(), late_start[s], late_finish[s], duration)
            })
            .min()
            .expect("an ancestor has a path to the target");
        late_finish[node.index()] = lf;
        late_start[node.index()] = lf - duration;
        ancestors.push((node, lf - duration - own.es));
    }
    ancestors.sort_by_key(|(node, float)| (*float, portfolio.id_rank(*node)));
    TargetFloat {
        target,
        finish: target_times.ef,
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
}
