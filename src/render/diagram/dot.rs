//! A view as a Graphviz DOT graph, built with graphviz-rust: one cluster per
//! domain, a shape per kind, a line style per relation, a legend, and the
//! emphasis of a highlight. Every id and label is quoted by
//! [`crate::render::diagram::dot_escape`], since graphviz-rust prints them verbatim.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::graph::NodeIndex;
use rayon::prelude::{
    IndexedParallelIterator, IntoParallelRefIterator, ParallelExtend, ParallelIterator,
};

use crate::analysis::view::{View, ViewEdge};
use crate::model::{NodeKind, Portfolio};

use crate::render::diagram::dot_escape::{html, push_html, quote_id, quote_label};
use crate::render::diagram::emphasis::Emphasis;
use crate::render::diagram::palette::{self, Line};
use crate::render::diagram::rows::Ranks;

/// Where link labels (`SS+30`, `via pki`) go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeLabels {
    /// On the edge (`label`): best placed, but makes `dot` about 12× slower.
    OnEdge,
    /// Beside the edge (`xlabel`): placed after layout, cheap.
    Beside,
    /// None.
    Off,
}

/// How much of the visual language to spend on a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DotOptions {
    pub edge_labels: EdgeLabels,
    /// One cluster per domain (off for very big views: sfdp ignores them).
    pub clusters: bool,
    pub legend: bool,
    /// How Graphviz should lay the graph out (attributes only it reads).
    pub layout: Layout,
    /// Ranks from top to bottom instead of left to right: a chain of a few
    /// items then fits the width of a page.
    pub top_down: bool,
    /// Tag each item's shape `n<index>` and each line `e<from>-<to>` (node
    /// indices): SVG classes by which the explorer finds them.
    pub element_classes: bool,
}

/// Layout hints for Graphviz, by view size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `dot` with its defaults: best for small views.
    Layered,
    /// `dot` with bounded iterations (`nslimit`, `mclimit`): long links make
    /// tens of thousands of virtual nodes whose placement otherwise takes minutes.
    LayeredBounded,
    /// `sfdp` (force-directed) with overlaps removed and edges drawn under nodes.
    ForceDirected,
}

impl DotOptions {
    /// Full labels up to 100 nodes, `xlabel`s up to [`LAYERED_LIMIT`], none
    /// beyond; clusters and the layered layout up to [`LAYERED_LIMIT`]
    /// (bounded beyond 150 nodes), `sfdp` beyond; the legend always.
    pub fn for_size(nodes: usize) -> DotOptions {
        DotOptions {
            edge_labels: match nodes {
                0..=100 => EdgeLabels::OnEdge,
                101..=LAYERED_LIMIT => EdgeLabels::Beside,
                _ => EdgeLabels::Off,
            },
            clusters: nodes <= LAYERED_LIMIT,
            legend: true,
            layout: match nodes {
                0..=150 => Layout::Layered,
                151..=LAYERED_LIMIT => Layout::LayeredBounded,
                _ => Layout::ForceDirected,
            },
            top_down: false,
            element_classes: false,
        }
    }
}

/// Above this many nodes Graphviz's `dot` takes minutes even with bounded
/// iterations (measured on portfolio-shaped graphs: 309 nodes 4.5 s, 492 nodes
/// 38 s, 854 nodes 11 min; `sfdp` draws 1 830 nodes in about 1 s).
pub const LAYERED_LIMIT: usize = 400;

fn plain(text: &str) -> Id {
    Id::Plain(text.to_string())
}

fn attr(key: &str, value: Id) -> Attribute {
    Attribute(plain(key), value)
}

/// A quoted attribute value (colours with `#`, styles with commas).
fn quoted(key: &str, value: &str) -> Attribute {
    attr(key, Id::Escaped(quote_label(value)))
}

fn node_id(name: &str) -> NodeId {
    NodeId(Id::Escaped(quote_id(name)), None)
}

/// The DOT text of `view`.
pub fn render(
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
    options: DotOptions,
) -> String {
    let graph = graph(portfolio, view, emphasis, options);
    let mut context = PrinterContext::default();
    // graphviz-rust prints every edge twice to see whether it fits on one line
    // (inline_size); the text is the same either way here, so skip the retry.
    context.with_inline_size(0);
    let mut text = graph.print(&mut context);
    text.push('\n');
    // The graph is freed here, on this thread: the library spawns no thread
    // just to free memory (freeing 100 000 nodes' strings costs a fraction
    // of a second).
    text
}

/// The graphviz-rust graph of `view`.
pub fn graph(
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
    options: DotOptions,
) -> Graph {
    let domains = portfolio.domains();
    let colours = palette::domain_colours(&domains);
    let mut stmts = Vec::with_capacity(view.nodes.len() + view.edges.len() + 8);

    let mut title = String::from("<<B>");
    push_html(&mut title, portfolio.name());
    title.push_str("</B>");
    if let Some(caption) = &emphasis.caption {
        title.push_str("<BR/>");
        push_html(&mut title, caption);
    }
    title.push('>');
    stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("rankdir", plain(if options.top_down { "TB" } else { "LR" })),
        quoted("fontname", "Helvetica"),
        attr("fontsize", plain("14")),
        attr("label", Id::Html(title)),
        attr("labelloc", plain("t")),
        attr("labeljust", plain("l")),
        attr("nodesep", plain("0.25")),
        attr(
            "ranksep",
            plain(if options.top_down { "0.3" } else { "0.5" }),
        ),
        attr("newrank", plain("true")),
    ])));
    match options.layout {
        Layout::Layered => {}
        Layout::LayeredBounded => stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("nslimit", plain("1")),
            attr("nslimit1", plain("1")),
            attr("mclimit", plain("0.3")),
        ]))),
        Layout::ForceDirected => stmts.push(Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("overlap", plain("prism")),
            attr("outputorder", plain("edgesfirst")),
        ]))),
    }
    stmts.push(Stmt::GAttribute(GraphAttributes::Node(vec![
        attr("shape", plain("box")),
        quoted("style", "rounded,filled"),
        quoted("fontname", "Helvetica"),
        attr("fontsize", plain("10")),
        attr("margin", quoted_value("0.12,0.06")),
    ])));
    stmts.push(Stmt::GAttribute(GraphAttributes::Edge(vec![
        attr("arrowsize", plain("0.7")),
        quoted("fontname", "Helvetica"),
        attr("fontsize", plain("9")),
        quoted("fontcolor", "#555555"),
    ])));

    // Each shown node's quoted DOT name, computed once (edges repeat them).
    let mut names: Vec<String> = vec![String::new(); portfolio.node_count()];
    let quoted_names: Vec<(usize, String)> = view
        .nodes
        .par_iter()
        .map(|&n| (n.index(), quote_id(portfolio.id(n))))
        .collect();
    for (index, name) in quoted_names {
        names[index] = name;
    }
    let names = &names;

    // A view far wider than tall (a long chain) is folded into rows
    // ([`Ranks`]): the links from one row to the next leave the bottom of
    // their tail and enter the top of their head, and do not rank (each row
    // starts again at the left); the rows' first items are kept in order
    // top down by invisible links on one rank.
    let mut position = vec![usize::MAX; portfolio.node_count()];
    for (k, node) in view.nodes.iter().enumerate() {
        position[node.index()] = k;
    }
    let ranks = (!options.top_down && options.layout != Layout::ForceDirected)
        .then(|| {
            let links: Vec<(usize, usize)> = view
                .edges
                .iter()
                .map(|e| (position[e.from.index()], position[e.to.index()]))
                .collect();
            Ranks::of(view.nodes.len(), &links, true)
        })
        .filter(|ranks| ranks.per_row.is_some());
    let wraps = |edge: &ViewEdge| {
        ranks.as_ref().is_some_and(|ranks| {
            ranks.wraps(position[edge.from.index()], position[edge.to.index()])
        })
    };

    // Nodes, one group per domain (in domain order), then those without a
    // domain. Each group sets the domain's colours once as node defaults, so a
    // node statement carries only its label (and what it overrides): big
    // portfolios print in a fraction of the time. A group is a cluster (box
    // with a title) when `options.clusters`, else an anonymous subgraph.
    // Statements are big (~200 bytes): each is built in parallel straight into
    // its group, so none is moved again.
    let node_slots: Vec<usize> = view
        .nodes
        .iter()
        .map(|&n| palette::domain_slot(portfolio, &domains, n).unwrap_or(domains.len()))
        .collect();
    let mut by_slot: Vec<Vec<Stmt>> = vec![Vec::new(); domains.len() + 1];
    for (slot, group) in by_slot.iter_mut().enumerate() {
        group.par_extend(
            view.nodes
                .par_iter()
                .zip(node_slots.par_iter())
                .filter(|(_, s)| **s == slot)
                .map(|(&node, _)| {
                    Stmt::Node(node_stmt(
                        portfolio,
                        view,
                        emphasis,
                        node,
                        names,
                        options.element_classes,
                    ))
                }),
        );
    }
    for (slot, nodes) in by_slot.into_iter().enumerate() {
        if nodes.is_empty() {
            continue;
        }
        let domain = domains.get(slot);
        let colour = domain.map_or(palette::NO_DOMAIN, |_| colours[slot]);
        let mut group = Vec::with_capacity(nodes.len() + 2);
        let id = match domain {
            Some(domain) if options.clusters => {
                group.push(Stmt::GAttribute(GraphAttributes::Graph(vec![
                    attr("label", Id::Html(format!("<<B>{}</B>>", html(domain)))),
                    quoted("style", "rounded,filled"),
                    quoted("fillcolor", colour.background),
                    quoted("color", colour.border),
                    quoted("fontcolor", colour.border),
                    attr("fontsize", plain("12")),
                    // A tooltip in the reader's words, not the cluster's internal name.
                    quoted("tooltip", &format!("Domain: {domain}")),
                ])));
                Id::Escaped(quote_id(&format!("cluster_{slot}")))
            }
            _ => Id::Anonymous(String::new()),
        };
        group.push(Stmt::GAttribute(GraphAttributes::Node(vec![
            quoted("fillcolor", colour.fill),
            quoted("color", colour.border),
        ])));
        group.extend(nodes);
        stmts.push(Stmt::Subgraph(Subgraph { id, stmts: group }));
    }

    // Edges, one group per kind of line (the relations in legend order,
    // then folded chains, then steps not drawn), each setting its line
    // style once as edge defaults.
    let slot_lines: Vec<Line> = palette::RELATIONS
        .iter()
        .map(|r| Line::Link(*r))
        .chain([Line::Folded, Line::Skipped])
        .collect();
    let edge_slots: Vec<usize> = view
        .edges
        .iter()
        .map(|e| {
            let line = palette::line_of(portfolio, e);
            slot_lines.iter().position(|l| *l == line).unwrap_or(0)
        })
        .collect();
    let mut by_relation: Vec<Vec<Stmt>> = vec![Vec::new(); slot_lines.len()];
    for (slot, group) in by_relation.iter_mut().enumerate() {
        group.par_extend(
            view.edges
                .par_iter()
                .zip(edge_slots.par_iter())
                .filter(|(_, s)| **s == slot)
                .map(|(edge, _)| {
                    let (line, label) = palette::edge_text(portfolio, edge);
                    let mut stmt = edge_stmt(emphasis, edge, line, &label, options, names);
                    if wraps(edge) {
                        stmt.attributes.extend([
                            attr("constraint", plain("false")),
                            attr("tailport", plain("s")),
                            attr("headport", plain("n")),
                        ]);
                    }
                    Stmt::Edge(stmt)
                }),
        );
    }
    for (slot, edges) in by_relation.into_iter().enumerate() {
        if edges.is_empty() {
            continue;
        }
        let style = palette::line_style(slot_lines[slot]);
        let mut group = Vec::with_capacity(edges.len() + 1);
        group.push(Stmt::GAttribute(GraphAttributes::Edge(vec![
            quoted("color", style.colour),
            attr("style", plain(style.style)),
            attr("arrowhead", plain(style.arrowhead)),
        ])));
        group.extend(edges);
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Anonymous(String::new()),
            stmts: group,
        }));
    }
    if let Some(ranks) = &ranks {
        // The rows' first items on one rank, in order, then the legend as
        // one block under the last row (a legend of rows would be wider
        // than the folded drawing).
        let mut heads: Vec<NodeId> = ranks
            .row_heads()
            .into_iter()
            .map(|k| NodeId(Id::Escaped(names[view.nodes[k].index()].clone()), None))
            .collect();
        if options.legend {
            let legend = compact_legend(portfolio, view, emphasis);
            heads.push(legend.id.clone());
            stmts.push(Stmt::Node(legend));
        }
        let mut column = vec![Stmt::Attribute(attr("rank", plain("same")))];
        column.extend(
            heads
                .iter()
                .map(|head| Stmt::Node(Node::new(head.clone(), vec![]))),
        );
        for pair in heads.windows(2) {
            column.push(Stmt::Edge(Edge {
                ty: EdgeTy::Pair(Vertex::N(pair[0].clone()), Vertex::N(pair[1].clone())),
                attributes: vec![attr("style", plain("invis"))],
            }));
        }
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Anonymous(String::new()),
            stmts: column,
        }));
    } else if options.legend {
        if options.top_down {
            // Under the sinks (a capability), where a top-down chain has room:
            // invisible edges from each sink put it on the rank below.
            let legend = compact_legend(portfolio, view, emphasis);
            let legend_id = legend.id.clone();
            stmts.push(Stmt::Node(legend));
            let mut has_successor = vec![false; portfolio.node_count()];
            for edge in &view.edges {
                has_successor[edge.from.index()] = true;
            }
            for &node in view.nodes.iter().filter(|n| !has_successor[n.index()]) {
                stmts.push(Stmt::Edge(Edge {
                    ty: EdgeTy::Pair(
                        Vertex::N(NodeId(Id::Escaped(names[node.index()].clone()), None)),
                        Vertex::N(legend_id.clone()),
                    ),
                    attributes: vec![attr("style", plain("invis"))],
                }));
            }
        } else {
            stmts.push(Stmt::Subgraph(legend(portfolio, view, emphasis)));
        }
    }
    Graph::DiGraph {
        id: Id::Escaped(quote_id("capgraph")),
        strict: false,
        stmts,
    }
}

fn quoted_value(value: &str) -> Id {
    Id::Escaped(quote_label(value))
}

fn node_stmt(
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
    node: NodeIndex,
    names: &[String],
    element_classes: bool,
) -> Node {
    let text = palette::node_text(portfolio, view, emphasis, node);
    let mut label = String::with_capacity(64);
    label.push_str("<<B>");
    push_html(&mut label, text.id);
    label.push_str("</B>");
    for line in &text.name {
        label.push_str("<BR/>");
        push_html(&mut label, line);
    }
    if !text.extra.is_empty() {
        label.push_str("<BR/><FONT POINT-SIZE=\"9\">");
        for (i, line) in text.extra.iter().enumerate() {
            if i > 0 {
                label.push_str("<BR/>");
            }
            push_html(&mut label, line);
        }
        label.push_str("</FONT>");
    }
    label.push('>');

    let kind = portfolio.node(node).kind;
    let mut attributes = Vec::with_capacity(5);
    attributes.push(attr("label", Id::Html(label)));
    if kind != NodeKind::Project {
        attributes.push(attr("shape", plain(palette::dot_shape(kind))));
    }
    let mark = emphasis.node(node);
    if let Some(tone) = mark.and_then(|m| m.tone) {
        let (fill, border) = palette::tone_colours(tone);
        attributes.push(quoted("fillcolor", fill));
        attributes.push(quoted("color", border));
    }
    if mark.is_some_and(|m| m.bold) {
        attributes.push(attr("penwidth", plain("3")));
    }
    if element_classes {
        attributes.push(attr("class", plain(&format!("n{}", node.index()))));
    }
    Node::new(
        NodeId(Id::Escaped(names[node.index()].clone()), None),
        attributes,
    )
}

fn edge_stmt(
    emphasis: &Emphasis,
    edge: &ViewEdge,
    line: Line,
    label: &str,
    options: DotOptions,
    names: &[String],
) -> Edge {
    // The line style comes from the relation group's defaults; only emphasis
    // and the label are per edge.
    let mut attributes = Vec::new();
    if let Some(mark) = emphasis.edge(edge.from, edge.to) {
        let (colour, bold) = palette::edge_stroke(emphasis, edge, line);
        if mark.tone.is_some() {
            attributes.push(quoted("color", colour));
        }
        if bold {
            attributes.push(attr("penwidth", plain("2.5")));
        }
    }
    if !label.is_empty() {
        match options.edge_labels {
            EdgeLabels::OnEdge => attributes.push(attr("label", Id::Escaped(quote_label(label)))),
            EdgeLabels::Beside => attributes.push(attr("xlabel", Id::Escaped(quote_label(label)))),
            EdgeLabels::Off => {}
        }
    }
    if options.element_classes {
        let class = format!("\"e{}-{}\"", edge.from.index(), edge.to.index());
        attributes.push(attr("class", Id::Escaped(class)));
    }
    Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(Id::Escaped(names[edge.from.index()].clone()), None)),
            Vertex::N(NodeId(Id::Escaped(names[edge.to.index()].clone()), None)),
        ),
        attributes,
    }
}

/// A name for a legend node that no portfolio node has.
fn legend_name(portfolio: &Portfolio, base: &str) -> String {
    // The name shows as the entry's title in SVG viewers: the reader's words.
    let mut name = format!("Legend: {base}");
    while portfolio.lookup(&name).is_some() {
        name.push('\'');
    }
    name
}

/// The legend: the kinds and relations the view shows, and the emphasis tones.
fn legend(portfolio: &Portfolio, view: &View, emphasis: &Emphasis) -> Subgraph {
    let mut stmts = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
        attr("label", Id::Html("<<B>Legend</B>>".to_string())),
        quoted("style", "rounded"),
        quoted("color", "#bbbbbb"),
        quoted("fontcolor", "#555555"),
        attr("fontsize", plain("11")),
        quoted("tooltip", "Legend"),
    ]))];
    let kinds = palette::kinds_shown(portfolio, view);
    // Legend entries are chained by invisible edges so that they form rows
    // (left to right) instead of one tall column.
    let mut row: Vec<String> = Vec::new();
    for kind in kinds {
        let name = legend_name(portfolio, palette::kind_legend(kind));
        row.push(name.clone());
        stmts.push(Stmt::Node(Node::new(
            node_id(&name),
            vec![
                attr(
                    "label",
                    Id::Escaped(quote_label(palette::kind_legend(kind))),
                ),
                attr("shape", plain(palette::dot_shape(kind))),
                quoted("fillcolor", "#ffffff"),
                quoted("color", "#777777"),
                quoted(
                    "tooltip",
                    &format!("Legend: {}", palette::kind_legend(kind)),
                ),
            ],
        )));
    }
    for (tone, text) in &emphasis.legend {
        let (fill, border) = palette::tone_colours(*tone);
        let name = legend_name(portfolio, text);
        row.push(name.clone());
        stmts.push(Stmt::Node(Node::new(
            node_id(&name),
            vec![
                attr("label", Id::Escaped(quote_label(text))),
                quoted("fillcolor", fill),
                quoted("color", border),
                attr("penwidth", plain("2")),
                quoted("tooltip", &format!("Legend: {text}")),
            ],
        )));
    }
    let lines = palette::lines_shown(portfolio, view);
    invisible_chain(&row, &mut stmts);
    let mut previous_head: Option<String> = None;
    for line in lines {
        let style = palette::line_style(line);
        let tail = legend_name(portfolio, &format!("{} (from)", style.legend));
        let head = legend_name(portfolio, &format!("{} (to)", style.legend));
        for name in [&tail, &head] {
            stmts.push(Stmt::Node(Node::new(
                node_id(name),
                vec![
                    attr("shape", plain("point")),
                    attr("width", plain("0.06")),
                    quoted("color", style.colour),
                    quoted("tooltip", &format!("Legend: {}", style.legend)),
                ],
            )));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(node_id(&tail)), Vertex::N(node_id(&head))),
            attributes: vec![
                attr("label", Id::Escaped(quote_label(style.legend))),
                quoted("tooltip", &format!("Legend: {}", style.legend)),
                quoted("color", style.colour),
                attr("style", plain(style.style)),
                attr("arrowhead", plain(style.arrowhead)),
            ],
        }));
        if let Some(previous) = previous_head.replace(head) {
            invisible_chain(&[previous, tail], &mut stmts);
        }
    }
    Subgraph {
        id: Id::Escaped(quote_id("cluster_legend")),
        stmts,
    }
}

/// The legend as one block (a table in a single node) for small top-down
/// diagrams: a row per kind, emphasis tone and relation, each with a
/// labelled example, so that it takes a corner rather than a page-wide strip.
fn compact_legend(portfolio: &Portfolio, view: &View, emphasis: &Emphasis) -> Node {
    // Each entry is an example cell and its text.
    let mut entries: Vec<(String, String)> = Vec::new();
    for kind in palette::kinds_shown(portfolio, view) {
        let shape = match kind {
            NodeKind::Project => "rounded box",
            NodeKind::Component => "cylinder",
            NodeKind::Capability => "hexagon",
        };
        entries.push((
            format!("<TD>{}</TD>", html(shape)),
            palette::kind_legend(kind).to_string(),
        ));
    }
    for (tone, text) in &emphasis.legend {
        let (fill, border) = palette::tone_colours(*tone);
        entries.push((
            format!(
                "<TD BGCOLOR=\"{fill}\" COLOR=\"{border}\" BORDER=\"2\" WIDTH=\"26\" HEIGHT=\"12\"></TD>"
            ),
            text.clone(),
        ));
    }
    for line in palette::lines_shown(portfolio, view) {
        let style = palette::line_style(line);
        let line = match style.style {
            "dashed" => "╌╌╌",
            "dotted" => "┄┄┄",
            _ => "───",
        };
        let head = match style.arrowhead {
            "empty" => "▷",
            "vee" => "›",
            _ => "▶",
        };
        entries.push((
            format!(
                "<TD><FONT COLOR=\"{}\">{line}{head}</FONT></TD>",
                style.colour
            ),
            style.legend.to_string(),
        ));
    }
    // Two entries a row: a block about as wide as a box or two.
    let mut rows = String::from(
        "<<TABLE BORDER=\"1\" COLOR=\"#bbbbbb\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\" STYLE=\"ROUNDED\">\
         <TR><TD COLSPAN=\"4\" ALIGN=\"LEFT\"><FONT COLOR=\"#555555\"><B>Legend</B></FONT></TD></TR>",
    );
    for pair in entries.chunks(2) {
        rows.push_str("<TR>");
        for (example, text) in pair {
            rows.push_str(&format!("{example}<TD ALIGN=\"LEFT\">{}</TD>", html(text)));
        }
        if pair.len() == 1 {
            rows.push_str("<TD></TD><TD></TD>");
        }
        rows.push_str("</TR>");
    }
    rows.push_str("</TABLE>>");
    Node::new(
        node_id(&legend_name(portfolio, "legend")),
        vec![
            attr("label", Id::Html(rows)),
            attr("shape", plain("plain")),
            quoted("style", ""),
            attr("fontsize", plain("9")),
            quoted("tooltip", "Legend"),
        ],
    )
}

/// Invisible edges `a -> b -> c …` that keep legend entries in a row.
fn invisible_chain(names: &[String], stmts: &mut Vec<Stmt>) {
    for pair in names.windows(2) {
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(node_id(&pair[0])), Vertex::N(node_id(&pair[1]))),
            attributes: vec![attr("style", plain("invis"))],
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigger_views_trade_labels_and_layout_for_speed() {
        let small = DotOptions::for_size(100);
        assert_eq!(
            (small.edge_labels, small.layout, small.clusters),
            (EdgeLabels::OnEdge, Layout::Layered, true)
        );
        let medium = DotOptions::for_size(151);
        assert_eq!(
            (medium.edge_labels, medium.layout),
            (EdgeLabels::Beside, Layout::LayeredBounded)
        );
        let big = DotOptions::for_size(LAYERED_LIMIT + 1);
        assert_eq!(
            (big.edge_labels, big.layout, big.clusters),
            (EdgeLabels::Off, Layout::ForceDirected, false)
        );
    }
}
