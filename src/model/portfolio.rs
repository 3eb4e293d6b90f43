//! The validated portfolio: its projects, components and capabilities (the
//! nodes, by [`NodeIndex`]), their typed links (by [`EdgeIndex`], each node's
//! also packed by node on both sides), an id → node map, and a topological
//! order; the same structure as a petgraph graph for petgraph's algorithms.
//!
//! The only way to obtain a [`Portfolio`] is [`super::load_portfolio`] (or
//! [`super::portfolio_from_str`]), which keeps it only when valid, so every
//! analysis can trust that references resolve, the graph is acyclic and
//! durations are known.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::Direction;
use rayon::slice::ParallelSliceMut;
use serde::Serialize;

use super::calendar::Calendar;
use super::values::{
    AmountsByYear, AttributeValue, Ceilings, CostProfile, DurationRange, FiscalYearStart,
};

/// What a node is.
/// Spelled once: the variant name in lower case, for [`NodeKind::as_str`],
/// `Display` and the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum NodeKind {
    Project,
    Component,
    Capability,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Serialize for NodeKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One project, component or capability.
///
/// 192 bytes: the fields few nodes carry (descriptive text, a capability's
/// legacy O&M, a project's range) are held apart, behind one pointer that
/// is null for a node without any, since a graph holds 100 000s of nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub kind: NodeKind,
    pub domain: Option<String>,
    /// Planned duration in days (0 for components and capabilities).
    pub duration: i64,
    /// "Start no earlier than" day: a project's `start`, a component's `available`.
    pub start: Option<i64>,
    /// A capability's target day.
    pub target: Option<i64>,
    pub investment: Option<f64>,
    pub om_per_year: Option<f64>,
    /// A component that is shared infrastructure, left out of overlaps (SPEC §5).
    pub infrastructure: bool,
    /// How a project spends its investment over its duration (linear by default).
    pub profile: CostProfile,
    /// A project's investment authorised per fiscal year.
    pub authorised: AmountsByYear,
    pub(super) details: Option<Box<NodeDetails>>,
}

/// A node's fields that few nodes carry (see [`Node`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NodeDetails {
    /// Descriptive only (SPEC §1): who answers for the node.
    pub owner: Option<String>,
    /// Descriptive only: free text.
    pub notes: Option<String>,
    /// Descriptive only: name → value, in file order.
    pub attributes: Vec<(String, AttributeValue)>,
    /// A capability's yearly O&M of the legacy system it replaces (SPEC §9).
    pub legacy_om_per_year: Option<f64>,
    /// A project's three-point estimate (SPEC §11).
    pub range: Option<DurationRange>,
}

impl Node {
    /// A node with these identifying fields and nothing else set.
    pub fn new(id: String, name: String, kind: NodeKind, domain: Option<String>) -> Node {
        Node {
            id,
            name,
            kind,
            domain,
            duration: 0,
            start: None,
            target: None,
            investment: None,
            om_per_year: None,
            infrastructure: false,
            profile: CostProfile::Linear,
            authorised: AmountsByYear::default(),
            details: None,
        }
    }

    /// The node with these rarely given fields (held only if any is given).
    pub fn with_details(self, details: NodeDetails) -> Node {
        let given = details != NodeDetails::default();
        Node {
            details: given.then(|| Box::new(details)),
            ..self
        }
    }

    /// Who answers for the node (descriptive only, SPEC §1).
    pub fn owner(&self) -> Option<&str> {
        self.details.as_ref()?.owner.as_deref()
    }

    /// Free text (descriptive only).
    pub fn notes(&self) -> Option<&str> {
        self.details.as_ref()?.notes.as_deref()
    }

    /// Name → value, in file order (descriptive only).
    pub fn attributes(&self) -> &[(String, AttributeValue)] {
        self.details.as_ref().map_or(&[], |d| &d.attributes)
    }

    /// A capability's yearly O&M of the legacy system it replaces (SPEC §9).
    pub fn legacy_om_per_year(&self) -> Option<f64> {
        self.details.as_ref()?.legacy_om_per_year
    }

    /// A project's three-point estimate (SPEC §11).
    pub fn range(&self) -> Option<DurationRange> {
        self.details.as_ref()?.range
    }
}

/// Which field of the file a link comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// `depends_on` entry → project.
    DependsOn,
    /// component → project that `uses` it.
    Uses,
    /// project → component it is `provided_by`.
    Provides,
    /// project → capability it `delivers`.
    Delivers,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::DependsOn => "depends_on",
            Relation::Uses => "uses",
            Relation::Provides => "provides",
            Relation::Delivers => "delivers",
        }
    }
}

/// The four precedence link types of SPEC §3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum LinkType {
    /// finish-to-start: ES(S) ≥ EF(P) + L
    FS,
    /// start-to-start: ES(S) ≥ ES(P) + L
    SS,
    /// finish-to-finish: EF(S) ≥ EF(P) + L
    FF,
    /// start-to-finish: EF(S) ≥ ES(P) + L
    SF,
}

impl LinkType {
    /// Parses the exact upper-case spelling (SPEC §7).
    pub fn parse(text: &str) -> Option<LinkType> {
        match text {
            "FS" => Some(LinkType::FS),
            "SS" => Some(LinkType::SS),
            "FF" => Some(LinkType::FF),
            "SF" => Some(LinkType::SF),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LinkType::FS => "FS",
            LinkType::SS => "SS",
            LinkType::FF => "FF",
            LinkType::SF => "SF",
        }
    }

    /// Whether the link constrains the predecessor's start (SS, SF) rather than its finish.
    pub fn from_start(self) -> bool {
        matches!(self, LinkType::SS | LinkType::SF)
    }

    /// Whether the link constrains the successor's finish (FF, SF) rather than its start.
    pub fn to_finish(self) -> bool {
        matches!(self, LinkType::FF | LinkType::SF)
    }
}

/// A typed edge, predecessor → successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub relation: Relation,
    pub link_type: LinkType,
    /// Days, within ± [`super::reader::MAX_DAY_COUNT`] (as read).
    pub lag: i32,
}

impl Link {
    /// A plain finish-to-start link without lag.
    pub fn plain(relation: Relation) -> Link {
        Link {
            relation,
            link_type: LinkType::FS,
            lag: 0,
        }
    }

    /// `SS+30`, `FF-5`, or empty for a plain FS link (for labels).
    pub fn label(&self) -> String {
        match (self.link_type, self.lag) {
            (LinkType::FS, 0) => String::new(),
            (t, 0) => t.as_str().to_string(),
            (t, lag) => format!("{}{lag:+}", t.as_str()),
        }
    }

    /// The link in a committee's words: "finish-to-start, 300 days lead",
    /// "start-to-start, 30 days lag" ("" for a plain finish-to-start).
    pub fn describe(&self) -> String {
        let kind = match self.link_type {
            LinkType::FS => "finish-to-start",
            LinkType::SS => "start-to-start",
            LinkType::FF => "finish-to-finish",
            LinkType::SF => "start-to-finish",
        };
        match (self.link_type, self.lag) {
            (LinkType::FS, 0) => String::new(),
            (_, 0) => kind.to_string(),
            (_, lag) if lag < 0 => format!("{kind}, {} days lead", -lag),
            (_, lag) => format!("{kind}, {lag} days lag"),
        }
    }
}

/// Id → node. foldhash rather than the standard SipHash: validation looks
/// up every reference (some 700 000 on a 100 000-project portfolio), and
/// ids come from the portfolio's own author, not from an adversary.
pub type IdIndex = HashMap<IdKey, NodeIndex, foldhash::fast::RandomState>;

/// An id as a key of the [`IdIndex`], looked up by `&str`. A short id (most
/// are) is held in the table itself: looking it up reads no other memory,
/// and indexing a node copies no string to the heap.
#[derive(Clone)]
pub struct IdKey(KeyBytes);

#[derive(Clone)]
enum KeyBytes {
    Inline {
        length: u8,
        bytes: [u8; IdKey::INLINE],
    },
    Heap(Box<str>),
}

impl IdKey {
    /// The longest id held inline, in bytes: the key takes no more room
    /// than a `String` would.
    const INLINE: usize = 22;

    pub fn new(id: &str) -> IdKey {
        if id.len() > Self::INLINE {
            return IdKey(KeyBytes::Heap(id.into()));
        }
        let mut bytes = [0u8; Self::INLINE];
        bytes[..id.len()].copy_from_slice(id.as_bytes());
        IdKey(KeyBytes::Inline {
            length: id.len() as u8,
            bytes,
        })
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            KeyBytes::Inline { length, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*length)]).expect("copied from a str")
            }
            KeyBytes::Heap(id) => id,
        }
    }
}

/// Hashes and compares as the `str` it holds, so that `&str` looks it up.
impl std::borrow::Borrow<str> for IdKey {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::hash::Hash for IdKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq for IdKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for IdKey {}

impl fmt::Debug for IdKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// One link, predecessor → successor: what the portfolio holds per link,
/// in the order links are added (their [`EdgeIndex`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Edge {
    pub(super) from: NodeIndex,
    pub(super) to: NodeIndex,
    pub(super) link: Link,
}

/// The links between `count` nodes as a petgraph graph, edge for edge in
/// index order (so with the same indices and the same adjacency order).
pub(super) fn petgraph_of(count: usize, edges: &[Edge]) -> DiGraph<(), Link> {
    let mut graph = DiGraph::with_capacity(count, edges.len());
    for _ in 0..count {
        graph.add_node(());
    }
    for edge in edges {
        graph.add_edge(edge.from, edge.to, edge.link);
    }
    graph
}

/// One link as seen from one of its ends: the node at the other end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkTo {
    pub node: NodeIndex,
    pub edge: EdgeIndex,
    pub link: Link,
}

/// Every node's links on one side (incoming or outgoing), packed node after
/// node (compressed sparse rows), each node's in the order petgraph's
/// `edges_directed` yields them (latest edge first). Built straight from the
/// list of links: the analyses read them sequentially.
///
/// # Complexity
/// Built in O(V + E); a node's links in O(1).
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Node `n`'s links are `links[first[n]..first[n + 1]]`.
    first: Vec<usize>,
    links: Vec<LinkTo>,
}

impl Links {
    /// The links among `count` nodes on the `direction` side of each node.
    pub(super) fn new(count: usize, edges: &[Edge], direction: Direction) -> Links {
        // (the node whose list the edge is on, the node at its other end)
        let ends = |edge: &Edge| match direction {
            Direction::Outgoing => (edge.from, edge.to),
            Direction::Incoming => (edge.to, edge.from),
        };
        let mut first = vec![0usize; count + 1];
        for edge in edges {
            first[ends(edge).0.index() + 1] += 1;
        }
        for i in 1..first.len() {
            first[i] += first[i - 1];
        }
        let mut fill = first.clone();
        let mut links = vec![
            LinkTo {
                node: NodeIndex::end(),
                edge: EdgeIndex::end(),
                link: Link::plain(Relation::DependsOn),
            };
            edges.len()
        ];
        for (i, edge) in edges.iter().enumerate().rev() {
            let (own, other) = ends(edge);
            links[fill[own.index()]] = LinkTo {
                node: other,
                edge: EdgeIndex::new(i),
                link: edge.link,
            };
            fill[own.index()] += 1;
        }
        Links { first, links }
    }

    /// The links of `node`.
    pub fn of(&self, node: NodeIndex) -> &[LinkTo] {
        &self.links[self.first[node.index()]..self.first[node.index() + 1]]
    }
}

/// The validated portfolio graph.
#[derive(Debug, Clone)]
pub struct Portfolio {
    pub(super) name: String,
    pub(super) calendar: Calendar,
    pub(super) currency: String,
    pub(super) domains: Option<Vec<String>>,
    pub(super) fiscal_year_start: FiscalYearStart,
    pub(super) ceilings: Ceilings,
    pub(super) default_range_pct: Option<(f64, f64)>,
    /// By [`NodeIndex`].
    pub(super) nodes: Vec<Node>,
    /// By [`EdgeIndex`].
    pub(super) edges: Vec<Edge>,
    pub(super) index: IdIndex,
    pub(super) topological_order: Vec<NodeIndex>,
    pub(super) outgoing: Links,
    /// Built when first asked for: validation (all `check` does) needs
    /// neither, the analyses do.
    pub(super) incoming: OnceLock<Links>,
    pub(super) id_order: OnceLock<IdOrder>,
    /// The ids sorted for `did you mean` hints, built at the first hint.
    pub(super) near_ids: OnceLock<super::problem::NearIds>,
    /// Built at the first call of [`Portfolio::graph`].
    pub(super) graph: OnceLock<DiGraph<(), Link>>,
}

/// The nodes in byte order of their ids, and each node's place in it.
#[derive(Debug, Clone)]
pub(super) struct IdOrder {
    by_id: Vec<NodeIndex>,
    rank: Vec<u32>,
}

impl IdOrder {
    /// # Complexity
    /// O(V log V) comparisons of the ids' first 16 bytes, held as numbers
    /// (most ids are shorter): the whole ids are compared only on a tie.
    fn new(nodes: &[Node]) -> IdOrder {
        let head = |id: &str| {
            let mut bytes = [0u8; 16];
            let n = id.len().min(16);
            bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
            u128::from_be_bytes(bytes)
        };
        let mut keyed: Vec<(u128, NodeIndex)> = nodes
            .iter()
            .enumerate()
            .map(|(n, node)| (head(&node.id), NodeIndex::new(n)))
            .collect();
        keyed.par_sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| nodes[a.1.index()].id.cmp(&nodes[b.1.index()].id))
        });
        let by_id: Vec<NodeIndex> = keyed.into_iter().map(|(_, n)| n).collect();
        let mut rank = vec![0u32; by_id.len()];
        for (place, index) in by_id.iter().enumerate() {
            rank[index.index()] = place as u32;
        }
        IdOrder { by_id, rank }
    }
}

impl Portfolio {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn calendar(&self) -> Calendar {
        self.calendar
    }

    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// The first day of every fiscal year (1 January unless the file says otherwise).
    pub fn fiscal_year_start(&self) -> FiscalYearStart {
        self.fiscal_year_start
    }

    /// Money available per fiscal year (empty when the file gives none).
    pub fn ceilings(&self) -> &Ceilings {
        &self.ceilings
    }

    /// `risk.default_range_pct` as (lo, hi) percent, lo ≤ 0 ≤ hi.
    pub fn default_range_pct(&self) -> Option<(f64, f64)> {
        self.default_range_pct
    }

    /// The declared `domains`, if the file lists them.
    pub fn declared_domains(&self) -> Option<&[String]> {
        self.domains.as_deref()
    }

    /// The declared domains, or else the distinct domains of the nodes, sorted.
    pub fn domains(&self) -> Vec<String> {
        let mut domains: Vec<String> = match &self.domains {
            Some(d) => d.clone(),
            None => self.nodes.iter().filter_map(|n| n.domain.clone()).collect(),
        };
        domains.sort();
        domains.dedup();
        domains
    }

    /// The links as a petgraph graph, for petgraph's algorithms: the same
    /// node and edge indices, each node's edges in the order of
    /// [`Portfolio::incoming`] and [`Portfolio::outgoing`]. It holds the
    /// structure only: read a node with [`Portfolio::node`]. Built at the
    /// first call (the analyses read the packed link lists instead).
    pub fn graph(&self) -> &DiGraph<(), Link> {
        self.graph
            .get_or_init(|| petgraph_of(self.nodes.len(), &self.edges))
    }

    /// Every node, indexed by its [`NodeIndex`].
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = &Node> + '_ {
        self.nodes.iter()
    }

    /// Every node's index, in index order.
    pub fn node_indices(&self) -> impl ExactSizeIterator<Item = NodeIndex> {
        (0..self.node_count()).map(NodeIndex::new)
    }

    /// The link with this index (as `graph()[edge]`).
    pub fn link(&self, edge: EdgeIndex) -> Link {
        self.edges[edge.index()].link
    }

    /// Every link, predecessor → successor, in index order (as
    /// `graph().edge_references()`).
    pub fn links(&self) -> impl ExactSizeIterator<Item = (NodeIndex, NodeIndex, Link)> + '_ {
        self.edges.iter().map(|e| (e.from, e.to, e.link))
    }

    pub fn link_count(&self) -> usize {
        self.edges.len()
    }

    pub fn node(&self, index: NodeIndex) -> &Node {
        &self.nodes[index.index()]
    }

    pub fn id(&self, index: NodeIndex) -> &str {
        &self.nodes[index.index()].id
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The node with this id.
    pub fn lookup(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// Every node, predecessors before successors.
    pub fn topological_order(&self) -> &[NodeIndex] {
        &self.topological_order
    }

    /// Every node, sorted by id in byte order.
    pub fn nodes_by_id(&self) -> &[NodeIndex] {
        &self.id_order().by_id
    }

    /// The nodes of one kind, by id in byte order.
    pub fn nodes_of_kind(&self, kind: NodeKind) -> impl Iterator<Item = NodeIndex> + '_ {
        self.nodes_by_id()
            .iter()
            .copied()
            .filter(move |n| self.node(*n).kind == kind)
    }

    /// The position of the node's id in byte order: compares like the ids, cheaply.
    pub fn id_rank(&self, index: NodeIndex) -> u32 {
        self.id_order().rank[index.index()]
    }

    /// Sorted at the first call.
    fn id_order(&self) -> &IdOrder {
        self.id_order.get_or_init(|| IdOrder::new(&self.nodes))
    }

    /// The links into `node`, from its predecessors (as
    /// `graph().edges_directed(node, Incoming)`, in the same order).
    pub fn incoming(&self, node: NodeIndex) -> &[LinkTo] {
        self.incoming
            .get_or_init(|| Links::new(self.nodes.len(), &self.edges, Direction::Incoming))
            .of(node)
    }

    /// The links out of `node`, to its successors (as
    /// `graph().edges_directed(node, Outgoing)`, in the same order).
    pub fn outgoing(&self, node: NodeIndex) -> &[LinkTo] {
        self.outgoing.of(node)
    }

    /// The node at the other end of each link into `node`, one per link (as
    /// `graph().neighbors_directed(node, Incoming)`, in the same order).
    pub fn predecessors(&self, node: NodeIndex) -> impl ExactSizeIterator<Item = NodeIndex> + '_ {
        self.incoming(node).iter().map(|l| l.node)
    }

    /// The node at the other end of each link out of `node`, one per link
    /// (as `graph().neighbors_directed(node, Outgoing)`, in the same order).
    pub fn successors(&self, node: NodeIndex) -> impl ExactSizeIterator<Item = NodeIndex> + '_ {
        self.outgoing(node).iter().map(|l| l.node)
    }

    /// The `did you mean` hint for an unknown id.
    ///
    /// # Complexity
    /// O(log V) after the first hint, which sorts the ids (see
    /// [`super::problem::NearIds`]).
    pub fn suggest(&self, id: &str) -> Option<String> {
        self.near_ids
            .get_or_init(|| super::problem::NearIds::new(self.nodes.iter().map(|n| n.id.as_str())))
            .suggest(id)
    }
}

#[cfg(test)]
mod tests {
    use petgraph::visit::EdgeRef;

    use super::*;
    use crate::model::testing::valid_portfolio;

    #[test]
    fn packed_links_are_petgraphs_in_petgraphs_order() {
        // B depends on A twice (FS and SS+2), C on A and B; A provides k,
        // which C uses: several links per node, both directions.
        let p = valid_portfolio(
            r#""components": [{"id": "k", "name": "k", "provided_by": "A"}],
               "projects": [{"id": "A", "name": "a", "duration_days": 1},
                            {"id": "B", "name": "b", "duration_days": 1,
                             "depends_on": ["A", {"id": "A", "type": "SS", "lag_days": 2}]},
                            {"id": "C", "name": "c", "duration_days": 1,
                             "depends_on": ["A", "B"], "uses": ["k"]}]"#,
        );
        for node in p.graph().node_indices() {
            for (direction, packed) in [
                (Direction::Incoming, p.incoming(node)),
                (Direction::Outgoing, p.outgoing(node)),
            ] {
                let expected: Vec<LinkTo> = p
                    .graph()
                    .edges_directed(node, direction)
                    .map(|e| LinkTo {
                        node: if direction == Direction::Incoming {
                            e.source()
                        } else {
                            e.target()
                        },
                        edge: e.id(),
                        link: *e.weight(),
                    })
                    .collect();
                assert_eq!(packed, expected.as_slice());
            }
        }
        assert_eq!(p.incoming(p.lookup("B").unwrap()).len(), 2);
    }

    #[test]
    fn nodes_and_links_stay_small() {
        // A portfolio holds 100 000s of nodes and each link three times (its
        // edge, and on both ends' lists): these sizes are its memory.
        // Node: three strings (3 × 24), `duration` (8), start, target,
        // investment, O&M and profile (5 × 16), `authorised` (16), the
        // details pointer (8), kind and infrastructure (2, padded to 8):
        // 72 + 8 + 80 + 16 + 8 + 8.
        assert_eq!(std::mem::size_of::<Node>(), 192);
        // relation, type (1 byte each, padded to 4), lag (4).
        assert_eq!(std::mem::size_of::<Link>(), 8);
        // node and edge (4 each) and the link.
        assert_eq!(std::mem::size_of::<LinkTo>(), 16);
        // its two nodes (4 each) and the link.
        assert_eq!(std::mem::size_of::<Edge>(), 16);
    }

    #[test]
    fn id_keys_look_up_short_and_long_ids_alike() {
        // 22 bytes are held inline, 23 on the heap; both are found by `&str`
        // and hash as that `str` (else the lookups below would miss).
        let short = "P-".repeat(11);
        let long = format!("{short}X");
        let mut index = IdIndex::default();
        index.insert(IdKey::new(&short), NodeIndex::new(1));
        index.insert(IdKey::new(&long), NodeIndex::new(2));
        index.insert(IdKey::new(""), NodeIndex::new(3));
        assert_eq!(index.get(short.as_str()), Some(&NodeIndex::new(1)));
        assert_eq!(index.get(long.as_str()), Some(&NodeIndex::new(2)));
        assert_eq!(index.get(""), Some(&NodeIndex::new(3)));
        assert_eq!(index.get("P-"), None);
        assert_eq!(IdKey::new(&long).as_str(), long);
        assert!(matches!(IdKey::new(&short).0, KeyBytes::Inline { .. }));
        assert!(matches!(IdKey::new(&long).0, KeyBytes::Heap(_)));
    }
}
