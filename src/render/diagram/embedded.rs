//! The embedded pure-Rust layout (layout-rs) that draws small views as SVG
//! where Graphviz is not installed. Running Graphviz itself is the binary's
//! business (a child process).

use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use crate::analysis::view::View;
use crate::model::{NodeKind, Portfolio};

use crate::render::diagram::emphasis::Emphasis;
use crate::render::diagram::palette;

/// Views up to this many nodes are drawn by the embedded layout when Graphviz is missing.
pub const EMBEDDED_LIMIT: usize = 100;

/// The view as SVG laid out by layout-rs, without Graphviz: the same colours,
/// boxes for every kind (the kind is written under the id), no clusters.
/// An error (layout-rs panicked) is its message.
pub fn embedded_svg(
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
) -> Result<String, String> {
    let domains = portfolio.domains();
    let colours = palette::domain_colours(&domains);
    let draw = || {
        let mut graph = VisualGraph::new(Orientation::LeftToRight);
        let mut handles = vec![None; portfolio.node_count()];
        for &node in &view.nodes {
            let text = palette::node_text(portfolio, view, emphasis, node);
            let kind = portfolio.node(node).kind;
            let mut lines = vec![text.id.to_string()];
            if kind != NodeKind::Project {
                lines.push(format!("({})", palette::kind_legend(kind)));
            }
            lines.extend(text.name);
            lines.extend(text.extra);
            let label: String = lines
                .join("\n")
                .chars()
                .map(crate::render::inert::visible)
                .collect();
            let colour = palette::domain_slot(portfolio, &domains, node)
                .map_or(palette::NO_DOMAIN, |s| colours[s]);
            let mark = emphasis.node(node);
            let (fill, border) = mark
                .and_then(|m| m.tone)
                .map_or((colour.fill, colour.border), palette::tone_colours);
            let width = if mark.is_some_and(|m| m.bold) { 3 } else { 1 };
            let rounded = if kind == NodeKind::Project { 8 } else { 0 };
            let look = StyleAttr::new(
                Color::fast(border),
                width,
                Some(Color::fast(fill)),
                rounded,
                12,
            );
            let shape = ShapeKind::new_box(&label);
            let size = layout::std_shapes::render::get_shape_size(
                Orientation::LeftToRight,
                &shape,
                12,
                false,
            );
            let element = Element::create(shape, look, Orientation::LeftToRight, size);
            handles[node.index()] = Some(graph.add_node(element));
        }
        for edge in &view.edges {
            let (Some(from), Some(to)) = (handles[edge.from.index()], handles[edge.to.index()])
            else {
                continue;
            };
            let (relation, label) = palette::edge_text(portfolio, edge);
            let style = palette::line_style(relation);
            let (colour, bold) = palette::edge_stroke(emphasis, edge, relation);
            let width = if bold { 3 } else { 1 };
            let line = match style.style {
                "dashed" => LineStyleKind::Dashed,
                "dotted" => LineStyleKind::Dotted,
                _ => LineStyleKind::Normal,
            };
            let look = StyleAttr::new(Color::fast(colour), width, None, 0, 10);
            let arrow = Arrow::new(
                LineEndKind::None,
                LineEndKind::Arrow,
                line,
                &label,
                &look,
                &None,
                &None,
            );
            graph.add_edge(arrow, from, to);
        }
        let mut svg = SVGWriter::new();
        if !view.nodes.is_empty() {
            graph.do_it(false, false, false, &mut svg);
        }
        svg.finalize()
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(draw)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_string());
        format!("the embedded layout failed: {message}")
    })
}
