//! The diagrams' visual language, shared by the DOT, Mermaid and built-in
//! SVG renderers: a calm colour per domain, a shape per node kind, a line
//! style per relation, a colour per emphasis tone, and what a node's label says.

use petgraph::graph::NodeIndex;

use crate::analysis::view::{Route, View, ViewEdge};
use crate::model::{NodeKind, Portfolio, Relation};

use crate::render::diagram::emphasis::{Emphasis, Tone};
use crate::render::text::wording::count;

/// The colours of one domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DomainColours {
    /// Node fill.
    pub fill: &'static str,
    /// Cluster background (lighter than the node fill).
    pub background: &'static str,
    /// Cluster border and node outline.
    pub border: &'static str,
}

const COMMUNICATION: DomainColours = DomainColours {
    fill: "#d6e6f5",
    background: "#f3f7fc",
    border: "#7aa3cc",
};
const CORE: DomainColours = DomainColours {
    fill: "#d9ecd5",
    background: "#f3f9f2",
    border: "#7fae78",
};
const CYBER: DomainColours = DomainColours {
    fill: "#e6dcf0",
    background: "#f7f3fb",
    border: "#9c85bd",
};
/// For domains other than the three of the specification, in turn.
const OTHERS: [DomainColours; 3] = [
    DomainColours {
        fill: "#f5e6cc",
        background: "#fcf8f0",
        border: "#c49a5a",
    },
    DomainColours {
        fill: "#d3ecec",
        background: "#f1f9f9",
        border: "#6aa9a9",
    },
    DomainColours {
        fill: "#f2d9e0",
        background: "#fbf3f5",
        border: "#bf7f90",
    },
];
/// Nodes without a domain.
pub const NO_DOMAIN: DomainColours = DomainColours {
    fill: "#eeeeee",
    background: "#fafafa",
    border: "#9a9a9a",
};

/// The colours of each domain of `domains` (sorted): the three known service
/// areas keep their colour, others take the remaining ones in turn.
pub fn domain_colours(domains: &[String]) -> Vec<DomainColours> {
    let mut other = 0;
    domains
        .iter()
        .map(|d| match d.as_str() {
            "communication" => COMMUNICATION,
            "core" => CORE,
            "cyber" => CYBER,
            _ => {
                other += 1;
                OTHERS[(other - 1) % OTHERS.len()]
            }
        })
        .collect()
}

/// Fill and outline of an emphasis tone.
pub fn tone_colours(tone: Tone) -> (&'static str, &'static str) {
    match tone {
        Tone::Critical => ("#f8d3cc", "#c0392b"),
        Tone::NearCritical => ("#fdebbd", "#d68910"),
        Tone::Slipped => ("#fbdcb8", "#d35400"),
        Tone::Source => ("#f1b9b0", "#8e1b10"),
        // The briefing's RAG cells: red, amber and green, deeper borders.
        Tone::Late => ("#fbe3e4", "#9b1c1c"),
        Tone::AtRisk => ("#fdf0d5", "#8a5300"),
        Tone::OnTrack => ("#e3f4e8", "#1e6b3a"),
    }
}

/// The Graphviz shape of a node kind.
pub fn dot_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Project => "box",
        NodeKind::Component => "cylinder",
        NodeKind::Capability => "hexagon",
    }
}

/// What a node kind is called in a legend.
pub fn kind_legend(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Project => "project",
        NodeKind::Component => "shared component",
        NodeKind::Capability => "capability",
    }
}

/// What a line of a diagram stands for, in legend order: a chain through
/// folded nodes, the steps of a long chain that are not drawn, or a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Line {
    /// A chain through folded nodes, drawn as one line ([`Route::Folded`]).
    Folded,
    /// The steps of a long chain left out, drawn as one line that says how
    /// many ([`Route::Skipped`]).
    Skipped,
    /// A link of a relation.
    Link(Relation),
}

/// Line style of a relation, a folded chain or the steps not drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineStyle {
    pub colour: &'static str,
    /// Graphviz `style`: solid, dashed, dotted, bold.
    pub style: &'static str,
    /// Graphviz `arrowhead`.
    pub arrowhead: &'static str,
    /// Legend text.
    pub legend: &'static str,
}

/// How a line is drawn, and what the legend calls it.
pub fn line_style(line: Line) -> LineStyle {
    match line {
        Line::Link(Relation::DependsOn) => LineStyle {
            colour: "#4d4d4d",
            style: "solid",
            arrowhead: "normal",
            legend: "depends on",
        },
        Line::Link(Relation::Uses) => LineStyle {
            colour: "#5f84ab",
            style: "dashed",
            arrowhead: "normal",
            legend: "used by",
        },
        Line::Link(Relation::Provides) => LineStyle {
            colour: "#5f84ab",
            style: "solid",
            arrowhead: "empty",
            legend: "provides",
        },
        Line::Link(Relation::Delivers) => LineStyle {
            colour: "#5b8f5b",
            style: "solid",
            arrowhead: "vee",
            legend: "delivers",
        },
        Line::Folded => LineStyle {
            colour: "#8a8a8a",
            style: "dotted",
            arrowhead: "normal",
            legend: "through folded nodes",
        },
        // Dashed, not dotted: it stands for steps of the chain, not for
        // items folded into one.
        Line::Skipped => LineStyle {
            colour: "#8a8a8a",
            style: "dashed",
            arrowhead: "normal",
            legend: "steps not drawn",
        },
    }
}

/// Every relation, in legend order.
pub const RELATIONS: [Relation; 4] = [
    Relation::DependsOn,
    Relation::Uses,
    Relation::Provides,
    Relation::Delivers,
];

/// Characters per line of a wrapped name.
pub const NAME_WIDTH: usize = 24;

/// What a node's label says, line by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeText<'a> {
    pub id: &'a str,
    /// The name, wrapped; empty when the name repeats the id.
    pub name: Vec<String>,
    /// Extra lines: folded members, then the emphasis's lines.
    pub extra: Vec<String>,
}

/// The label lines of `node` in `view` with `emphasis`.
pub fn node_text<'a>(
    portfolio: &'a Portfolio,
    view: &View,
    emphasis: &'a Emphasis,
    node: NodeIndex,
) -> NodeText<'a> {
    let n = portfolio.node(node);
    let name = if n.name == n.id || n.name.is_empty() {
        Vec::new()
    } else {
        crate::render::diagram::dot_escape::wrap(&n.name, NAME_WIDTH)
    };
    let mut extra = Vec::new();
    if let Some(&members) = view.folded_members.get(node.index()) {
        if members > 0 {
            extra.push(format!(
                "{members} project{}",
                if members == 1 { "" } else { "s" }
            ));
        }
    }
    if let Some(mark) = emphasis.node(node) {
        extra.extend(mark.lines.iter().cloned());
    }
    NodeText {
        id: &n.id,
        name,
        extra,
    }
}

/// The index of a node's domain in `domains`, if it has one.
pub fn domain_slot(portfolio: &Portfolio, domains: &[String], node: NodeIndex) -> Option<usize> {
    let domain = portfolio.node(node).domain.as_ref()?;
    domains.binary_search(domain).ok()
}

/// What a view edge stands for and its label: "start-to-start, 30 days
/// lag" for a typed or lagged link, `via pki` (`via pki +2`) for a folded
/// chain, "… 12 more steps …" for steps not drawn.
pub fn edge_text(portfolio: &Portfolio, edge: &ViewEdge) -> (Line, String) {
    match edge.route {
        Route::Link(ix) => {
            let link = portfolio.link(ix);
            (Line::Link(link.relation), link.describe())
        }
        Route::Folded { via, count } => {
            let label = match (via, count) {
                (Some(via), 0 | 1) => format!("via {}", portfolio.id(via)),
                (Some(via), n) => format!("via {} +{}", portfolio.id(via), n - 1),
                (None, _) => String::new(),
            };
            (Line::Folded, label)
        }
        Route::Skipped { steps } => (
            Line::Skipped,
            format!("… {} …", count(steps, "more step", "more steps")),
        ),
    }
}

/// The node kinds a view shows, in order (for the legend).
pub fn kinds_shown(portfolio: &Portfolio, view: &View) -> Vec<NodeKind> {
    let mut kinds: Vec<NodeKind> = view.nodes.iter().map(|n| portfolio.node(*n).kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// The kinds of line a view's edges show, in legend order (for the
/// legend: "steps not drawn" only when a long chain was shortened).
pub fn lines_shown(portfolio: &Portfolio, view: &View) -> Vec<Line> {
    let mut lines: Vec<Line> = view.edges.iter().map(|e| line_of(portfolio, e)).collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// What a view edge stands for.
pub fn line_of(portfolio: &Portfolio, edge: &ViewEdge) -> Line {
    match edge.route {
        Route::Link(ix) => Line::Link(portfolio.link(ix).relation),
        Route::Folded { .. } => Line::Folded,
        Route::Skipped { .. } => Line::Skipped,
    }
}

/// The stroke colour of a view edge, and whether it is bold: its emphasis
/// tone if it has one, else its line's colour.
pub fn edge_stroke(emphasis: &Emphasis, edge: &ViewEdge, line: Line) -> (&'static str, bool) {
    let mark = emphasis.edge(edge.from, edge.to);
    let colour = mark
        .and_then(|m| m.tone)
        .map_or(line_style(line).colour, |t| tone_colours(t).1);
    (colour, mark.is_some_and(|m| m.bold))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::view::{select, ViewOptions};
    use crate::model::portfolio_from_str;

    #[test]
    fn the_legend_explains_steps_not_drawn_only_where_a_chain_was_shortened() {
        // A → B → C, all shown: two "depends on" links, nothing else.
        let p = portfolio_from_str(
            r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
                "projects": [{"id": "A", "name": "a", "duration_days": 1},
                             {"id": "B", "name": "b", "duration_days": 1, "depends_on": ["A"]},
                             {"id": "C", "name": "c", "duration_days": 1, "depends_on": ["B"]}]}"#,
            "t.json",
        )
        .value
        .expect("valid");
        let mut view = select(&p, &ViewOptions::default());
        assert_eq!(lines_shown(&p, &view), [Line::Link(Relation::DependsOn)]);
        // A line from A to C standing for B, left out: its own entry, not
        // "through folded nodes", drawn unlike a folded chain.
        view.edges.push(ViewEdge {
            from: p.lookup("A").unwrap(),
            to: p.lookup("C").unwrap(),
            route: Route::Skipped { steps: 1 },
        });
        let lines = lines_shown(&p, &view);
        assert_eq!(lines, [Line::Skipped, Line::Link(Relation::DependsOn)]);
        assert_eq!(line_style(Line::Skipped).legend, "steps not drawn");
        assert_ne!(
            line_style(Line::Skipped).style,
            line_style(Line::Folded).style
        );
        let (line, label) = edge_text(&p, view.edges.last().unwrap());
        assert_eq!((line, label.as_str()), (Line::Skipped, "… 1 more step …"));
    }
}
