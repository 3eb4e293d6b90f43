//! Which nodes and links a diagram shows: the focus neighbourhood, the domain
//! and kind filters, and the folding of components or projects away for big
//! portfolios. Selection only; how a view looks is [`crate::render::diagram::dot`]'s job.

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use crate::model::{NodeKind, Portfolio};

/// What to fold away so that a big portfolio stays readable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Hide components; link their providers straight to their users.
    Components,
    /// Capability level: each project folds into the capabilities it delivers;
    /// other projects and components are bridged over.
    Capabilities,
}

/// The neighbourhood of one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    pub node: NodeIndex,
    /// How many links away, up- and downstream; `None` for every ancestor and descendant.
    pub depth: Option<usize>,
}

/// How to select a view.
#[derive(Debug, Clone, Default)]
pub struct ViewOptions {
    pub focus: Option<Focus>,
    /// Keep only nodes of these domains (empty: all).
    pub domains: Vec<String>,
    /// Keep only nodes of these kinds (empty: all).
    pub kinds: Vec<NodeKind>,
    pub fold: Option<Fold>,
    /// Keep only the nodes an analysis picked (indexed by node index; `None`: all).
    pub subset: Option<Vec<bool>>,
}

/// One line of the view, tail → head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewEdge {
    pub from: NodeIndex,
    pub to: NodeIndex,
    pub route: Route,
}

/// How a view edge stands for the portfolio's links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Exactly one link of the portfolio.
    Link(EdgeIndex),
    /// One or more chains through nodes the view folds away. `via` names a
    /// folded node a chain crosses (the smallest id among the first ones
    /// met), for labels; `count` is how many distinct such first nodes there
    /// are (0 when folded projects link straight to one another).
    Folded {
        via: Option<NodeIndex>,
        count: usize,
    },
    /// A chain of `steps` items a view sized for the page leaves out between
    /// its two ends (the first and last steps of a long driving path or
    /// impact chain, [`crate::render::text::chain::cut`]).
    Skipped { steps: usize },
}

/// The selected nodes and edges of a diagram.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Shown nodes, sorted by id.
    pub nodes: Vec<NodeIndex>,
    /// Shown edges, sorted by tail id, head id, then link order (direct links first).
    pub edges: Vec<ViewEdge>,
    /// For each node index: how many projects are folded into it (capability view).
    pub folded_members: Vec<u32>,
}

impl View {
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }
}

/// Nodes within `depth` links of `focus` upstream and downstream (every
/// ancestor and descendant when `depth` is `None`), the focus included.
///
/// # Complexity
/// O(V + E): two breadth-first walks.
pub fn neighbourhood(portfolio: &Portfolio, focus: Focus) -> Vec<bool> {
    let mut inside = vec![false; portfolio.node_count()];
    inside[focus.node.index()] = true;
    for direction in [Direction::Incoming, Direction::Outgoing] {
        let mut seen = vec![false; portfolio.node_count()];
        seen[focus.node.index()] = true;
        let mut frontier = vec![focus.node];
        let mut level = 0;
        while !frontier.is_empty() && focus.depth.is_none_or(|d| level < d) {
            let mut next = Vec::new();
            for node in frontier {
                let links = match direction {
                    Direction::Incoming => portfolio.incoming(node),
                    Direction::Outgoing => portfolio.outgoing(node),
                };
                for neighbour in links.iter().map(|l| l.node) {
                    if !seen[neighbour.index()] {
                        seen[neighbour.index()] = true;
                        inside[neighbour.index()] = true;
                        next.push(neighbour);
                    }
                }
            }
            frontier = next;
            level += 1;
        }
    }
    inside
}

/// What the view does with one selected node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Not selected: neither shown nor bridged.
    Absent,
    Shown,
    /// Selected but folded away: links pass through it.
    Bridged,
    /// A project folded into the capabilities it delivers.
    Member,
}

/// Selects the view: focus first (on the whole graph), then the domain and
/// kind filters (a filtered-out node takes its links with it), then folding.
///
/// # Complexity
/// O(V + E) without folding; folding adds, per bridged node, the set of shown
/// nodes just upstream of it (small in real portfolios), and the sort of the
/// edges, O(E log E).
pub fn select(portfolio: &Portfolio, options: &ViewOptions) -> View {
    let count = portfolio.node_count();
    let within = options.focus.map(|f| neighbourhood(portfolio, f));
    let selected = |ix: NodeIndex| {
        let node = portfolio.node(ix);
        within.as_ref().is_none_or(|w| w[ix.index()])
            && options.subset.as_ref().is_none_or(|s| s[ix.index()])
            && (options.domains.is_empty()
                || node
                    .domain
                    .as_ref()
                    .is_some_and(|d| options.domains.iter().any(|x| x == d)))
            && (options.kinds.is_empty() || options.kinds.contains(&node.kind))
    };
    let mut roles = vec![Role::Absent; count];
    for ix in portfolio.node_indices() {
        if selected(ix) {
            roles[ix.index()] = Role::Shown;
        }
    }
    match options.fold {
        None => {}
        Some(Fold::Components) => {
            for ix in portfolio.node_indices() {
                if roles[ix.index()] == Role::Shown
                    && portfolio.node(ix).kind == NodeKind::Component
                {
                    roles[ix.index()] = Role::Bridged;
                }
            }
        }
        Some(Fold::Capabilities) => {
            for ix in portfolio.node_indices() {
                if roles[ix.index()] != Role::Shown
                    || portfolio.node(ix).kind == NodeKind::Capability
                {
                    continue;
                }
                let delivers_shown = portfolio.successors(ix).any(|t| {
                    roles[t.index()] == Role::Shown
                        && portfolio.node(t).kind == NodeKind::Capability
                });
                roles[ix.index()] = if delivers_shown {
                    Role::Member
                } else {
                    Role::Bridged
                };
            }
        }
    }

    // What each node stands as in the view: itself, its capabilities, or nothing.
    let representatives = |ix: NodeIndex| -> Vec<NodeIndex> {
        match roles[ix.index()] {
            Role::Shown => vec![ix],
            Role::Member => {
                let mut caps: Vec<NodeIndex> = portfolio
                    .successors(ix)
                    .filter(|t| {
                        roles[t.index()] == Role::Shown
                            && portfolio.node(*t).kind == NodeKind::Capability
                    })
                    .collect();
                caps.sort_unstable();
                caps.dedup();
                caps
            }
            Role::Absent | Role::Bridged => Vec::new(),
        }
    };

    let mut nodes: Vec<NodeIndex> = portfolio
        .nodes_by_id()
        .iter()
        .copied()
        .filter(|ix| roles[ix.index()] == Role::Shown)
        .collect();
    nodes.shrink_to_fit();
    let mut folded_members = vec![
        0u32;
        if options.fold == Some(Fold::Capabilities) {
            count
        } else {
            0
        }
    ];

    let mut edges: Vec<ViewEdge> = Vec::new();
    // Folded edges keyed by (from, to) while collecting: (via, set of crossed nodes).
    let mut folded: Vec<(NodeIndex, NodeIndex, Option<NodeIndex>)> = Vec::new();
    // Shown representatives just upstream of each bridged node (through bridged chains),
    // with the bridged nodes crossed on the way; filled in topological order.
    let mut upstream: Vec<Vec<(NodeIndex, Option<NodeIndex>)>> = vec![Vec::new(); count];

    for &ix in portfolio.topological_order() {
        let role = roles[ix.index()];
        if role == Role::Absent {
            continue;
        }
        if role == Role::Member {
            for cap in representatives(ix) {
                folded_members[cap.index()] += 1;
            }
        }
        // What this node stands as, computed only when a folded link needs it.
        let mut heads_cache: Option<Vec<NodeIndex>> = None;
        for edge in portfolio.incoming(ix) {
            let tail = edge.node;
            let tail_role = roles[tail.index()];
            if tail_role == Role::Absent {
                continue;
            }
            if tail_role == Role::Shown && role == Role::Shown {
                // The common case, without folding: one link, one view edge.
                edges.push(ViewEdge {
                    from: tail,
                    to: ix,
                    route: Route::Link(edge.edge),
                });
                continue;
            }
            let heads = heads_cache.get_or_insert_with(|| representatives(ix));
            if tail_role == Role::Bridged {
                if role == Role::Bridged {
                    let inherited: Vec<(NodeIndex, Option<NodeIndex>)> =
                        upstream[tail.index()].clone();
                    upstream[ix.index()].extend(inherited);
                } else {
                    for &(from, via) in &upstream[tail.index()] {
                        for &to in heads.iter() {
                            if from != to {
                                folded.push((from, to, via));
                            }
                        }
                    }
                }
                continue;
            }
            let tails = representatives(tail);
            if role == Role::Bridged {
                for from in tails {
                    upstream[ix.index()].push((from, Some(ix)));
                }
                continue;
            }
            for &from in &tails {
                for &to in heads.iter() {
                    if from != to {
                        folded.push((from, to, None));
                    }
                }
            }
        }
        if role == Role::Bridged {
            let list = &mut upstream[ix.index()];
            // Keep, per upstream node, the crossed node with the smallest id.
            list.sort_unstable_by_key(|(from, via)| {
                (from.index(), via.map(|v| portfolio.id_rank(v)))
            });
            list.dedup_by_key(|(from, _)| *from);
        }
    }

    // Merge folded chains per (from, to): smallest-id via, number of distinct vias.
    folded.sort_unstable_by_key(|(from, to, via)| {
        (from.index(), to.index(), via.map(|v| portfolio.id_rank(v)))
    });
    folded.dedup();
    let mut start = 0;
    while start < folded.len() {
        let (from, to, via) = folded[start];
        let mut end = start;
        while end < folded.len() && folded[end].0 == from && folded[end].1 == to {
            end += 1;
        }
        let count = folded[start..end]
            .iter()
            .filter(|(_, _, v)| v.is_some())
            .count();
        edges.push(ViewEdge {
            from,
            to,
            route: Route::Folded { via, count },
        });
        start = end;
    }

    // Keys computed once: comparing through `id_rank` on every step costs cache misses.
    edges.sort_by_cached_key(|e| {
        let order = match e.route {
            Route::Link(id) => id.index(),
            Route::Folded { .. } | Route::Skipped { .. } => usize::MAX,
        };
        (portfolio.id_rank(e.from), portfolio.id_rank(e.to), order)
    });
    View {
        nodes,
        edges,
        folded_members,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small portfolio:
    ///
    /// ```text
    /// P-A ─provides→ pki ─uses→ P-B ─depends_on→ P-C ─delivers→ CAP-X
    ///                    └─uses→ P-D ─delivers→ CAP-Y
    /// P-A ─delivers→ CAP-X
    /// ```
    /// Domains: P-A cyber, pki cyber, P-B core, P-C core, P-D communication,
    /// CAP-X core, CAP-Y communication.
    pub(crate) fn small() -> Portfolio {
        let json = serde_json::json!({
            "portfolio": { "name": "t", "start": "2025-01-01" },
            "domains": ["communication", "core", "cyber"],
            "components": [ { "id": "pki", "name": "PKI", "domain": "cyber", "provided_by": "P-A" } ],
            "capabilities": [
                { "id": "CAP-X", "name": "X", "domain": "core" },
                { "id": "CAP-Y", "name": "Y", "domain": "communication" }
            ],
            "projects": [
                { "id": "P-A", "name": "A", "domain": "cyber", "duration_days": 10, "delivers": ["CAP-X"] },
                { "id": "P-B", "name": "B", "domain": "core", "duration_days": 10, "uses": ["pki"] },
                { "id": "P-C", "name": "C", "domain": "core", "duration_days": 10,
                  "depends_on": [ { "id": "P-B", "type": "SS", "lag_days": 5 } ], "delivers": ["CAP-X"] },
                { "id": "P-D", "name": "D", "domain": "communication", "duration_days": 10,
                  "uses": ["pki"], "delivers": ["CAP-Y"] }
            ]
        });
        portfolio_from_json(&json)
    }

    /// Validates an in-memory portfolio; panics on any error (test data is valid).
    pub(crate) fn portfolio_from_json(json: &serde_json::Value) -> Portfolio {
        let checked = crate::model::portfolio_from_str(&json.to_string(), "test.json");
        checked
            .value
            .unwrap_or_else(|| panic!("invalid test portfolio: {:?}", checked.problems))
    }

    fn ids(portfolio: &Portfolio, view: &View) -> Vec<String> {
        view.nodes
            .iter()
            .map(|ix| portfolio.id(*ix).to_string())
            .collect()
    }

    fn edge_ids(portfolio: &Portfolio, view: &View) -> Vec<String> {
        view.edges
            .iter()
            .map(|e| format!("{}>{}", portfolio.id(e.from), portfolio.id(e.to)))
            .collect()
    }

    fn focus(portfolio: &Portfolio, id: &str, depth: Option<usize>) -> ViewOptions {
        ViewOptions {
            focus: Some(Focus {
                node: portfolio.lookup(id).unwrap(),
                depth,
            }),
            ..ViewOptions::default()
        }
    }

    #[test]
    fn whole_portfolio_shows_every_node_and_link_sorted() {
        let p = small();
        let v = select(&p, &ViewOptions::default());
        assert_eq!(
            ids(&p, &v),
            ["CAP-X", "CAP-Y", "P-A", "P-B", "P-C", "P-D", "pki"]
        );
        assert_eq!(
            edge_ids(&p, &v),
            [
                "P-A>CAP-X",
                "P-A>pki",
                "P-B>P-C",
                "P-C>CAP-X",
                "P-D>CAP-Y",
                "pki>P-B",
                "pki>P-D"
            ]
        );
    }

    #[test]
    fn focus_with_depth_one_takes_direct_neighbours_only() {
        // pki: upstream P-A (1 link), downstream P-B and P-D (1 link).
        let p = small();
        let v = select(&p, &focus(&p, "pki", Some(1)));
        assert_eq!(ids(&p, &v), ["P-A", "P-B", "P-D", "pki"]);
        assert_eq!(edge_ids(&p, &v), ["P-A>pki", "pki>P-B", "pki>P-D"]);
    }

    #[test]
    fn focus_without_depth_takes_all_ancestors_and_descendants_not_siblings() {
        // P-B: ancestors pki, P-A; descendants P-C, CAP-X. Not P-D (a sibling via pki),
        // not CAP-Y.
        let p = small();
        let v = select(&p, &focus(&p, "P-B", None));
        assert_eq!(ids(&p, &v), ["CAP-X", "P-A", "P-B", "P-C", "pki"]);
        // depth 2 from P-B: up pki (1), P-A (2); down P-C (1), CAP-X (2): the same set.
        let v2 = select(&p, &focus(&p, "P-B", Some(2)));
        assert_eq!(ids(&p, &v2), ids(&p, &v));
        // depth 0: the node alone.
        let v0 = select(&p, &focus(&p, "P-B", Some(0)));
        assert_eq!(ids(&p, &v0), ["P-B"]);
    }

    #[test]
    fn domain_and_kind_filters_drop_nodes_with_their_links() {
        let p = small();
        let core = ViewOptions {
            domains: vec!["core".into()],
            ..ViewOptions::default()
        };
        let v = select(&p, &core);
        assert_eq!(ids(&p, &v), ["CAP-X", "P-B", "P-C"]);
        assert_eq!(edge_ids(&p, &v), ["P-B>P-C", "P-C>CAP-X"]);

        let both = ViewOptions {
            domains: vec!["core".into(), "cyber".into()],
            kinds: vec![NodeKind::Project],
            ..ViewOptions::default()
        };
        let v = select(&p, &both);
        assert_eq!(ids(&p, &v), ["P-A", "P-B", "P-C"]);
        assert_eq!(edge_ids(&p, &v), ["P-B>P-C"]);
    }

    #[test]
    fn folding_components_links_providers_to_users_through_them() {
        // pki is provided by P-A and used by P-B and P-D: P-A>P-B, P-A>P-D via pki.
        let p = small();
        let v = select(
            &p,
            &ViewOptions {
                fold: Some(Fold::Components),
                ..ViewOptions::default()
            },
        );
        assert_eq!(ids(&p, &v), ["CAP-X", "CAP-Y", "P-A", "P-B", "P-C", "P-D"]);
        assert_eq!(
            edge_ids(&p, &v),
            [
                "P-A>CAP-X",
                "P-A>P-B",
                "P-A>P-D",
                "P-B>P-C",
                "P-C>CAP-X",
                "P-D>CAP-Y"
            ]
        );
        let pki = p.lookup("pki");
        let through = v
            .edges
            .iter()
            .find(|e| p.id(e.from) == "P-A" && p.id(e.to) == "P-B")
            .unwrap();
        assert_eq!(through.route, Route::Folded { via: pki, count: 1 });
    }

    #[test]
    fn capability_view_folds_projects_into_what_they_deliver() {
        // P-A delivers CAP-X; P-C delivers CAP-X; P-D delivers CAP-Y; P-B and pki deliver
        // nothing and are bridged. Links between groups: P-A→pki→P-D gives CAP-X→CAP-Y
        // (via pki); P-A→pki→P-B→P-C stays inside CAP-X (P-A and P-C both in CAP-X).
        let p = small();
        let v = select(
            &p,
            &ViewOptions {
                fold: Some(Fold::Capabilities),
                ..ViewOptions::default()
            },
        );
        assert_eq!(ids(&p, &v), ["CAP-X", "CAP-Y"]);
        assert_eq!(edge_ids(&p, &v), ["CAP-X>CAP-Y"]);
        assert_eq!(v.folded_members[p.lookup("CAP-X").unwrap().index()], 2);
        assert_eq!(v.folded_members[p.lookup("CAP-Y").unwrap().index()], 1);
    }
}
