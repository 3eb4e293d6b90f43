//! What a highlighted diagram stresses: per node a tone (fill and border), a
//! bold outline and extra label lines ("+42d", "finish 2027-03-01 · float
//! 4d"); per edge a tone and a bold stroke. Highlights (critical path,
//! impact) fill one in; the DOT, Mermaid and built-in SVG renderers draw it.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

/// The meaning of an emphasis; each renderer maps it to colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tone {
    /// On the critical path (red).
    Critical,
    /// Near-critical: little float left (amber).
    NearCritical,
    /// Slipped in a scenario (orange).
    Slipped,
    /// Where a scenario's delay comes from (dark red).
    Source,
    /// A capability forecast after its target (RAG red).
    Late,
    /// A capability with less margin than the amber threshold (RAG amber).
    AtRisk,
    /// A capability on track (RAG green).
    OnTrack,
}

impl Tone {
    /// Every tone, in legend order.
    pub const ALL: [Tone; 7] = [
        Tone::Critical,
        Tone::NearCritical,
        Tone::Slipped,
        Tone::Source,
        Tone::Late,
        Tone::AtRisk,
        Tone::OnTrack,
    ];
}

/// How one node is stressed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeMark {
    pub tone: Option<Tone>,
    /// A thick outline.
    pub bold: bool,
    /// Extra label lines under the name, e.g. `finish 2027-03-01 · float 4d`.
    pub lines: Vec<String>,
}

/// How one edge is stressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EdgeMark {
    pub tone: Option<Tone>,
    pub bold: bool,
}

/// The emphasis of a whole diagram; empty for a plain one.
#[derive(Debug, Clone, Default)]
pub struct Emphasis {
    nodes: HashMap<NodeIndex, NodeMark>,
    edges: HashMap<(NodeIndex, NodeIndex), EdgeMark>,
    /// Legend entries for the tones in use, in the order to show them.
    pub legend: Vec<(Tone, String)>,
    /// A title line for the diagram (e.g. "critical path · finish 2029-03-31").
    pub caption: Option<String>,
}

impl Emphasis {
    /// No emphasis at all.
    pub fn none() -> Emphasis {
        Emphasis::default()
    }

    pub fn mark_node(&mut self, node: NodeIndex, mark: NodeMark) {
        self.nodes.insert(node, mark);
    }

    /// Stresses every view edge from `from` to `to`.
    pub fn mark_edge(&mut self, from: NodeIndex, to: NodeIndex, mark: EdgeMark) {
        self.edges.insert((from, to), mark);
    }

    pub fn node(&self, node: NodeIndex) -> Option<&NodeMark> {
        self.nodes.get(&node)
    }

    pub fn edge(&self, from: NodeIndex, to: NodeIndex) -> Option<&EdgeMark> {
        self.edges.get(&(from, to))
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty()
    }
}
