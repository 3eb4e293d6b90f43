//! The figures every export carries (SPEC §10), gathered once from the
//! portfolio and its schedule: per node its identity and dates, per link its
//! relation, type, lag and whether it binds.
//!
//! Only assembly: every figure comes from [`Schedule`]; the format writers
//! only spell these values out.
//!
//! # Complexity
//! O(V + E log E): the links are sorted for deterministic output.

use petgraph::graph::NodeIndex;

use crate::analysis::schedule::{link_bound, Schedule};
use crate::model::{AttributeValue, Link, NodeKind, Portfolio};

/// One project, component or capability as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportNode<'a> {
    pub node: NodeIndex,
    pub id: &'a str,
    pub kind: NodeKind,
    pub name: &'a str,
    pub domain: Option<&'a str>,
    pub owner: Option<&'a str>,
    /// Descriptive `attributes`, in file order.
    pub attributes: &'a [(String, AttributeValue)],
    /// The planned duration in days (0 for components and capabilities).
    pub duration: i64,
    /// Early start and finish as day offsets from the portfolio start.
    pub es: i64,
    pub ef: i64,
    pub early_start: String,
    pub early_finish: String,
    pub total_float: i64,
    pub critical: bool,
    /// A capability's target date.
    pub target: Option<String>,
    /// A capability's margin, target − finish in days (negative: late).
    pub margin: Option<i64>,
    /// A project's `cost.investment`.
    pub investment: Option<f64>,
}

/// One link, predecessor → successor, as exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportEdge<'a> {
    pub source: &'a str,
    pub target: &'a str,
    pub source_kind: NodeKind,
    pub target_kind: NodeKind,
    /// Relation, type and lag.
    pub link: Link,
    /// Whether the link's bound equals the successor's early start (SPEC §7
    /// "Binding"): it drives the successor's date.
    pub binds: bool,
}

/// One attribute name used by some node, and whether every value given
/// for it is a number (then typed formats type it as one; otherwise its
/// numbers are written as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttributeKey<'a> {
    pub name: &'a str,
    pub numeric: bool,
}

/// The whole graph as exported: nodes by id, links by (source, target,
/// relation, type, lag).
#[derive(Debug, Clone, PartialEq)]
pub struct ExportGraph<'a> {
    pub name: &'a str,
    /// Every attribute name of any node, sorted.
    pub attribute_keys: Vec<AttributeKey<'a>>,
    pub start: String,
    pub currency: &'a str,
    pub nodes: Vec<ExportNode<'a>>,
    pub edges: Vec<ExportEdge<'a>>,
}

impl<'a> ExportGraph<'a> {
    /// Gathers the figures of `portfolio` under `schedule`.
    pub fn new(portfolio: &'a Portfolio, schedule: &Schedule) -> ExportGraph<'a> {
        let calendar = portfolio.calendar();
        let nodes = portfolio
            .nodes_by_id()
            .iter()
            .map(|&n| {
                let node = portfolio.node(n);
                let times = schedule.times(n);
                let capability = node.kind == NodeKind::Capability;
                ExportNode {
                    node: n,
                    id: &node.id,
                    kind: node.kind,
                    name: &node.name,
                    domain: node.domain.as_deref(),
                    owner: node.owner(),
                    attributes: node.attributes(),
                    duration: node.duration,
                    es: times.es,
                    ef: times.ef,
                    early_start: calendar.format(times.es),
                    early_finish: calendar.format(times.ef),
                    total_float: times.total_float,
                    critical: times.critical,
                    target: node.target.map(|t| calendar.format(t)),
                    margin: if capability {
                        node.target.map(|t| t - times.ef)
                    } else {
                        None
                    },
                    investment: if node.kind == NodeKind::Project {
                        node.investment
                    } else {
                        None
                    },
                }
            })
            .collect();
        // Each node's place in id order: links sort by these numbers in
        // the order their ids would give (ids are unique), without
        // comparing the texts.
        let mut rank = vec![0u32; portfolio.node_count()];
        for (place, n) in portfolio.nodes_by_id().iter().enumerate() {
            rank[n.index()] = place as u32;
        }
        let times = schedule.all_times();
        let mut edges: Vec<(u32, u32, ExportEdge<'a>)> = portfolio
            .links()
            .map(|(from, to, link)| {
                let successor = &times[to.index()];
                let edge = ExportEdge {
                    source: portfolio.id(from),
                    target: portfolio.id(to),
                    source_kind: portfolio.node(from).kind,
                    target_kind: portfolio.node(to).kind,
                    link,
                    // As Schedule::binding_links decides it.
                    binds: !successor.fixed
                        && link_bound(&link, &times[from.index()], successor.planned_duration)
                            == successor.es,
                };
                (rank[from.index()], rank[to.index()], edge)
            })
            .collect();
        edges.sort_unstable_by_key(|(source, target, e)| {
            (
                *source,
                *target,
                e.link.relation,
                e.link.link_type,
                e.link.lag,
            )
        });
        let mut keys: std::collections::BTreeMap<&'a str, bool> = std::collections::BTreeMap::new();
        for node in portfolio.nodes() {
            for (name, value) in node.attributes() {
                let numeric = matches!(value, AttributeValue::Number(_));
                *keys.entry(name.as_str()).or_insert(numeric) &= numeric;
            }
        }
        ExportGraph {
            name: portfolio.name(),
            attribute_keys: keys
                .into_iter()
                .map(|(name, numeric)| AttributeKey { name, numeric })
                .collect(),
            start: calendar.format(0),
            currency: portfolio.currency(),
            nodes,
            edges: edges.into_iter().map(|(_, _, edge)| edge).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::model::testing::valid_portfolio;
    use crate::model::LinkType;

    #[test]
    fn nodes_carry_schedule_figures_and_links_say_whether_they_bind() {
        // A (10 days) → B (5 days, FS) and A → B again as SS+2; B delivers C
        // (target 2025-01-20). Start 2025-01-01.
        // ES(A)=0, EF(A)=10; B: FS bound 10, SS+2 bound 2 → ES(B)=10, EF=15.
        // So the FS link binds and the SS link does not. C: ES=EF=15, margin
        // = 19 − 15 = 4. T = 15: every node has float 0 except none; all critical.
        let p = valid_portfolio(
            r#""capabilities": [{"id": "C", "name": "cap", "target": "2025-01-20"}],
               "projects": [{"id": "A", "name": "a", "duration_days": 10,
                             "cost": {"investment": 5}},
                            {"id": "B", "name": "b", "duration_days": 5,
                             "depends_on": ["A", {"id": "A", "type": "SS", "lag_days": 2}],
                             "delivers": ["C"]}]"#,
        );
        let schedule = Schedule::compute(&p, &ScheduleOptions::default());
        let graph = ExportGraph::new(&p, &schedule);
        let ids: Vec<&str> = graph.nodes.iter().map(|n| n.id).collect();
        assert_eq!(ids, ["A", "B", "C"]);
        let b = &graph.nodes[1];
        assert_eq!(
            (b.early_start.as_str(), b.early_finish.as_str()),
            ("2025-01-11", "2025-01-16")
        );
        assert_eq!(graph.nodes[0].investment, Some(5.0));
        let c = &graph.nodes[2];
        assert_eq!(
            (c.target.as_deref(), c.margin),
            (Some("2025-01-20"), Some(4))
        );
        assert_eq!(c.investment, None);
        let edges: Vec<(&str, &str, LinkType, i32, bool)> = graph
            .edges
            .iter()
            .map(|e| (e.source, e.target, e.link.link_type, e.link.lag, e.binds))
            .collect();
        assert_eq!(
            edges,
            [
                ("A", "B", LinkType::FS, 0, true),
                ("A", "B", LinkType::SS, 2, false),
                ("B", "C", LinkType::FS, 0, true),
            ]
        );
    }
}
