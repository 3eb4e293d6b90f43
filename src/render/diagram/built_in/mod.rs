//! capgraph's built-in layout: draws a small view as SVG where Graphviz is
//! not installed. Like the Graphviz drawing it has the title, each domain a
//! box with its name (a lane across the ranks), a shape per kind sized to
//! hold its text, a line style per relation with link labels, the emphasis
//! of a highlight, and a legend of labelled examples. Items and lines carry
//! the classes the explorer finds them by (`node n<index>`,
//! `edge e<from>-<to>`), as Graphviz's do.

mod layout;
pub mod metrics;

use std::fmt::Write as _;

use petgraph::graph::NodeIndex;

use crate::analysis::view::View;
use crate::model::{NodeKind, Portfolio};
use crate::render::diagram::emphasis::{Emphasis, Tone};
use crate::render::diagram::palette::{self, LineStyle};
use crate::render::document::html::escape_html;

use layout::{Graph, Rect};
use metrics::{text_width, FONT};

/// Views up to this many items are drawn by the built-in layout when
/// Graphviz is missing (beyond, the lines of a layered drawing without
/// Graphviz's routing cross too much to read).
pub const BUILT_IN_LIMIT: usize = 100;

const TITLE_PX: f64 = 16.0;
const CAPTION_PX: f64 = 11.0;
const LANE_PX: f64 = 12.0;
const ID_PX: f64 = 11.0;
const NAME_PX: f64 = 10.0;
const EXTRA_PX: f64 = 9.0;
const LABEL_PX: f64 = 9.0;
const LEGEND_PX: f64 = 10.0;
/// Line height as a multiple of the font size.
const LEADING: f64 = 1.3;
const MARGIN: f64 = 16.0;
/// Room between a box's border and its text.
const PAD_X: f64 = 8.0;
const PAD_Y: f64 = 6.0;
/// How far a capability's hexagon points out beyond its text.
const HEX_TIP: f64 = 12.0;
/// Half the height of a component cylinder's top and bottom ellipses.
const CYLINDER_RY: f64 = 5.0;
const MIN_BOX_WIDTH: f64 = 64.0;
const ARROW: f64 = 8.0;
const INK: &str = "#1f2933";
const MUTED: &str = "#555555";

/// One line of text in a box.
struct Line {
    text: String,
    px: f64,
    bold: bool,
}

impl Line {
    fn width(&self) -> f64 {
        text_width(&self.text, self.px, self.bold)
    }
}

/// A drawn item: its node, shape, colours and lines.
struct Item {
    node: NodeIndex,
    kind: NodeKind,
    lines: Vec<Line>,
    fill: &'static str,
    border: &'static str,
    bold: bool,
}

impl Item {
    fn text_height(&self) -> f64 {
        self.lines.iter().map(|l| l.px * LEADING).sum()
    }

    /// Width and height of the shape around the text.
    fn size(&self) -> (f64, f64) {
        let text = self.lines.iter().map(Line::width).fold(0.0, f64::max);
        let (tips, caps) = match self.kind {
            NodeKind::Project => (0.0, 0.0),
            NodeKind::Component => (0.0, 2.0 * CYLINDER_RY),
            NodeKind::Capability => (2.0 * HEX_TIP, 0.0),
        };
        (
            (text + 2.0 * PAD_X + tips).max(MIN_BOX_WIDTH).ceil(),
            (self.text_height() + 2.0 * PAD_Y + caps).ceil(),
        )
    }
}

/// The view as SVG laid out by capgraph itself, without Graphviz; ranks top
/// down when `top_down`, else left to right (folded into rows when far
/// wider than tall, as the Graphviz drawing is).
pub fn built_in_svg(
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
    top_down: bool,
) -> String {
    let domains = portfolio.domains();
    let colours = palette::domain_colours(&domains);
    let mut position = vec![usize::MAX; portfolio.node_count()];
    for (k, node) in view.nodes.iter().enumerate() {
        position[node.index()] = k;
    }
    let items: Vec<Item> = view
        .nodes
        .iter()
        .map(|&node| item(portfolio, view, emphasis, &domains, &colours, node))
        .collect();
    let lane_of =
        |node: NodeIndex| palette::domain_slot(portfolio, &domains, node).unwrap_or(domains.len());
    let links: Vec<(usize, usize, String, palette::Line)> = view
        .edges
        .iter()
        .map(|edge| {
            let (line, label) = palette::edge_text(portfolio, edge);
            (
                position[edge.from.index()],
                position[edge.to.index()],
                label,
                line,
            )
        })
        .collect();
    let graph = Graph {
        items: items
            .iter()
            .map(|item| {
                let (w, h) = item.size();
                (w, h, lane_of(item.node))
            })
            .collect(),
        lanes: domains.len() + 1,
        lane_min: (0..=domains.len())
            .map(|slot| match domains.get(slot) {
                Some(name) if top_down => text_width(name, LANE_PX, true) + 2.0 * PAD_X,
                _ => 0.0,
            })
            .collect(),
        links: links
            .iter()
            .map(|(from, to, label, _)| {
                let width = if label.is_empty() {
                    0.0
                } else {
                    text_width(label, LABEL_PX, false)
                };
                (*from, *to, width)
            })
            .collect(),
        top_down,
    };
    let placed = layout::place(&graph);

    // Title block above, legend below; the width is the widest of the three.
    let title = portfolio.name();
    let legend = legend_entries(portfolio, view, emphasis);
    let inner = placed
        .width
        .max(text_width(title, TITLE_PX, true))
        .max(360.0);
    let caption: Vec<String> = emphasis
        .caption
        .as_deref()
        .map(|c| wrap(c, CAPTION_PX, inner))
        .unwrap_or_default();
    let legend_rows = legend_rows(&legend, inner);
    let title_height = TITLE_PX * LEADING + caption.len() as f64 * CAPTION_PX * LEADING + 10.0;
    let legend_height = if legend.is_empty() {
        0.0
    } else {
        LEGEND_PX * LEADING + 8.0 + legend_rows.len() as f64 * LEGEND_ROW + 8.0
    };
    let width = (inner + 2.0 * MARGIN).ceil();
    let height = (MARGIN + title_height + placed.height + 14.0 + legend_height + MARGIN).ceil();
    let (dx, dy) = (MARGIN, MARGIN + title_height);

    let mut svg = String::with_capacity(2_000 + items.len() * 600 + links.len() * 300);
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}pt\" height=\"{height}pt\" viewBox=\"0 0 {width} {height}\" font-family=\"{FONT}\" role=\"img\" aria-label=\"{t}\">",
        t = escape_html(title)
    );
    let _ = writeln!(svg, "<title>{}</title>", escape_html(title));
    let _ = writeln!(
        svg,
        "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    let mut y = MARGIN + TITLE_PX;
    let _ = writeln!(
        svg,
        "<text x=\"{MARGIN}\" y=\"{y}\" font-size=\"{TITLE_PX}\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
        escape_html(title)
    );
    for line in &caption {
        y += CAPTION_PX * LEADING;
        let _ = writeln!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{y:.1}\" font-size=\"{CAPTION_PX}\" fill=\"{INK}\">{}</text>",
            escape_html(line)
        );
    }

    // Domains.
    for &(slot, ref lane) in &placed.lanes {
        let Some(domain) = domains.get(slot) else {
            continue;
        };
        let colour = colours[slot];
        let _ = writeln!(
            svg,
            "<g class=\"cluster\"><title>Domain: {name}</title><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"8\" fill=\"{}\" stroke=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{LANE_PX}\" font-weight=\"bold\" fill=\"{}\">{name}</text></g>",
            lane.x + dx,
            lane.y + dy,
            lane.w,
            lane.h,
            colour.background,
            colour.border,
            lane.x + dx + PAD_X,
            lane.y + dy + LANE_PX + 4.0,
            colour.border,
            name = escape_html(domain)
        );
    }

    // Lines under the boxes.
    let shift = |r: &Rect| Rect {
        x: r.x + dx,
        y: r.y + dy,
        ..*r
    };
    for ((from, to, label, kind), edge) in links.iter().zip(&view.edges) {
        let style = palette::line_style(*kind);
        let (colour, bold) = palette::edge_stroke(emphasis, edge, *kind);
        let _ = write!(
            svg,
            "<g class=\"edge e{}-{}\"><title>{} → {}</title>",
            edge.from.index(),
            edge.to.index(),
            escape_html(portfolio.id(edge.from)),
            escape_html(portfolio.id(edge.to))
        );
        line(
            &mut svg,
            &shift(&placed.items[*from]),
            &shift(&placed.items[*to]),
            // A line from one row of a folded drawing to the next leaves
            // the tail's bottom and enters the head's top.
            top_down || placed.rows[*from] != placed.rows[*to],
            &style,
            colour,
            bold,
            label,
        );
        svg.push_str("</g>\n");
    }

    // Boxes.
    for (item, rect) in items.iter().zip(&placed.items) {
        shape(&mut svg, portfolio, item, &shift(rect));
    }

    // Legend.
    if !legend.is_empty() {
        let top = dy + placed.height + 14.0;
        let _ = writeln!(
            svg,
            "<g class=\"legend\"><title>Legend</title><rect x=\"{MARGIN}\" y=\"{top:.1}\" width=\"{inner:.1}\" height=\"{legend_height:.1}\" rx=\"6\" fill=\"#ffffff\" stroke=\"#bbbbbb\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{LEGEND_PX}\" font-weight=\"bold\" fill=\"{MUTED}\">Legend</text>",
            MARGIN + PAD_X,
            top + 6.0 + LEGEND_PX
        );
        let mut row_top = top + LEGEND_PX * LEADING + 8.0;
        for row in &legend_rows {
            let mut x = MARGIN + PAD_X;
            for &k in row {
                x = legend_entry(&mut svg, &legend[k], x, row_top);
            }
            row_top += LEGEND_ROW;
        }
        svg.push_str("</g>\n");
    }
    svg.push_str("</svg>\n");
    svg
}

/// The item of `node`: its lines (id, wrapped name, extra lines) and colours.
fn item(
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
    domains: &[String],
    colours: &[palette::DomainColours],
    node: NodeIndex,
) -> Item {
    let text = palette::node_text(portfolio, view, emphasis, node);
    let mut lines = vec![Line {
        text: text.id.to_string(),
        px: ID_PX,
        bold: true,
    }];
    lines.extend(text.name.iter().map(|l| Line {
        text: l.clone(),
        px: NAME_PX,
        bold: false,
    }));
    lines.extend(text.extra.iter().map(|l| Line {
        text: l.clone(),
        px: EXTRA_PX,
        bold: false,
    }));
    let colour =
        palette::domain_slot(portfolio, domains, node).map_or(palette::NO_DOMAIN, |s| colours[s]);
    let mark = emphasis.node(node);
    let (fill, border) = mark
        .and_then(|m| m.tone)
        .map_or((colour.fill, colour.border), palette::tone_colours);
    Item {
        node,
        kind: portfolio.node(node).kind,
        lines,
        fill,
        border,
        bold: mark.is_some_and(|m| m.bold),
    }
}

/// The outline of a kind's shape in `rect`.
fn outline(kind: NodeKind, rect: &Rect, fill: &str, border: &str, stroke: f64) -> String {
    let Rect { x, y, w, h } = *rect;
    let paint = format!("fill=\"{fill}\" stroke=\"{border}\" stroke-width=\"{stroke}\"");
    match kind {
        NodeKind::Project => {
            format!("<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"6\" {paint}/>")
        }
        NodeKind::Component => {
            let (rx, ry) = (w / 2.0, CYLINDER_RY);
            format!(
                "<path d=\"M{x:.1},{top:.1} a{rx:.1},{ry} 0 0 1 {w:.1},0 v{body:.1} a{rx:.1},{ry} 0 0 1 -{w:.1},0 z\" {paint}/><path d=\"M{x:.1},{top:.1} a{rx:.1},{ry} 0 0 0 {w:.1},0\" fill=\"none\" stroke=\"{border}\" stroke-width=\"{stroke}\"/>",
                top = y + ry,
                body = h - 2.0 * ry,
            )
        }
        NodeKind::Capability => {
            let tip = HEX_TIP.min(w / 2.0);
            format!(
                "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" {paint}/>",
                x + tip, y, x + w - tip, y, x + w, y + h / 2.0, x + w - tip, y + h, x + tip, y + h, x, y + h / 2.0
            )
        }
    }
}

/// An item: its shape and its lines, centred.
fn shape(svg: &mut String, portfolio: &Portfolio, item: &Item, rect: &Rect) {
    let node = portfolio.node(item.node);
    let tooltip = if node.name.is_empty() || node.name == node.id {
        node.id.clone()
    } else {
        format!("{}: {}", node.id, node.name)
    };
    let stroke = if item.bold { 3.0 } else { 1.0 };
    let _ = write!(
        svg,
        "<g class=\"node n{}\"><title>{}</title>{}",
        item.node.index(),
        escape_html(&tooltip),
        outline(item.kind, rect, item.fill, item.border, stroke)
    );
    let caps = if item.kind == NodeKind::Component {
        2.0 * CYLINDER_RY
    } else {
        0.0
    };
    // The lines centred in the room left under the cylinder's top.
    let room = rect.h - caps;
    let mut y = rect.y + caps + (room - item.text_height()) / 2.0;
    let centre = rect.x + rect.w / 2.0;
    for line in &item.lines {
        // The baseline: about four fifths of the font size below the line's top.
        let baseline = y + line.px * (LEADING - 1.0) / 2.0 + line.px * 0.8;
        let _ = write!(
            svg,
            "<text x=\"{centre:.1}\" y=\"{baseline:.1}\" text-anchor=\"middle\" font-size=\"{}\"{} fill=\"{INK}\">{}</text>",
            line.px,
            if line.bold { " font-weight=\"bold\"" } else { "" },
            escape_html(&line.text)
        );
        y += line.px * LEADING;
    }
    svg.push_str("</g>\n");
}

/// A point on the cubic Bézier `p` at `t`.
fn bezier(p: &[(f64, f64); 4], t: f64) -> (f64, f64) {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (
        a * p[0].0 + b * p[1].0 + c * p[2].0 + d * p[3].0,
        a * p[0].1 + b * p[1].1 + c * p[2].1 + d * p[3].1,
    )
}

/// A link from `from` to `to`: a curve leaving the tail's far side and
/// entering the head's near side, its arrowhead, and its label just before
/// the head.
#[allow(clippy::too_many_arguments)]
fn line(
    svg: &mut String,
    from: &Rect,
    to: &Rect,
    top_down: bool,
    style: &LineStyle,
    colour: &str,
    bold: bool,
    label: &str,
) {
    // Along the ranks (r) and across (o), turned back into x and y at the end.
    let xy = |r: f64, o: f64| if top_down { (o, r) } else { (r, o) };
    let (r0, o0) = if top_down {
        (from.y + from.h, from.x + from.w / 2.0)
    } else {
        (from.x + from.w, from.y + from.h / 2.0)
    };
    let (r1, o1) = if top_down {
        (to.y, to.x + to.w / 2.0)
    } else {
        (to.x, to.y + to.h / 2.0)
    };
    let end = r1 - ARROW;
    let bend = ((end - r0) / 2.0).max(16.0);
    let curve = [
        xy(r0, o0),
        xy(r0 + bend, o0),
        xy(end - bend, o1),
        xy(end, o1),
    ];
    let width = if bold { 2.5 } else { 1.0 };
    let dash = match style.style {
        "dashed" => " stroke-dasharray=\"6,4\"",
        "dotted" => " stroke-dasharray=\"2,3\"",
        _ => "",
    };
    let _ = write!(
        svg,
        "<path d=\"M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\"{dash}/>",
        curve[0].0, curve[0].1, curve[1].0, curve[1].1, curve[2].0, curve[2].1, curve[3].0, curve[3].1
    );
    // The arrowhead, pointing along the ranks.
    let half = 4.0;
    let (tip, left, right, notch) = (
        xy(r1, o1),
        xy(end, o1 - half),
        xy(end, o1 + half),
        xy(end + 3.0, o1),
    );
    let _ = match style.arrowhead {
        "empty" => write!(
            svg,
            "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"#ffffff\" stroke=\"{colour}\"/>",
            tip.0, tip.1, left.0, left.1, right.0, right.1
        ),
        "vee" => write!(
            svg,
            "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{colour}\" stroke=\"{colour}\"/>",
            tip.0, tip.1, left.0, left.1, notch.0, notch.1, right.0, right.1
        ),
        _ => write!(
            svg,
            "<polygon points=\"{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}\" fill=\"{colour}\" stroke=\"{colour}\"/>",
            tip.0, tip.1, left.0, left.1, right.0, right.1
        ),
    };
    if label.is_empty() {
        return;
    }
    // The label in the gap before the head, on the curve, on a white ground.
    let label_width = text_width(label, LABEL_PX, false);
    let r_label = if top_down {
        r1 - ARROW - 4.0 - LABEL_PX
    } else {
        r1 - ARROW - 4.0 - label_width / 2.0
    };
    let (mut low, mut high) = (0.0, 1.0);
    for _ in 0..30 {
        let mid = (low + high) / 2.0;
        let (x, y) = bezier(&curve, mid);
        let r = if top_down { y } else { x };
        if r < r_label {
            low = mid;
        } else {
            high = mid;
        }
    }
    let (x, y) = bezier(&curve, low);
    let (x, y) = if top_down { (x, r_label) } else { (r_label, y) };
    let _ = write!(
        svg,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#ffffff\" fill-opacity=\"0.85\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"{LABEL_PX}\" fill=\"{MUTED}\">{}</text>",
        x - label_width / 2.0 - 2.0,
        y - LABEL_PX * 0.65,
        label_width + 4.0,
        LABEL_PX * 1.3,
        y + LABEL_PX * 0.35,
        escape_html(label)
    );
}

/// What a legend entry shows before its text.
enum Example {
    Kind(NodeKind),
    Tone(Tone),
    Line(palette::Line),
}

const LEGEND_ROW: f64 = 24.0;
const EXAMPLE_WIDTH: f64 = 40.0;
const EXAMPLE_HEIGHT: f64 = 16.0;

/// The legend: the kinds shown, the emphasis tones, the relations shown.
fn legend_entries(
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
) -> Vec<(Example, String)> {
    let mut entries: Vec<(Example, String)> = palette::kinds_shown(portfolio, view)
        .into_iter()
        .map(|k| (Example::Kind(k), palette::kind_legend(k).to_string()))
        .collect();
    entries.extend(
        emphasis
            .legend
            .iter()
            .map(|(tone, text)| (Example::Tone(*tone), text.clone())),
    );
    entries.extend(
        palette::lines_shown(portfolio, view)
            .into_iter()
            .map(|l| (Example::Line(l), palette::line_style(l).legend.to_string())),
    );
    entries
}

fn entry_width(text: &str) -> f64 {
    EXAMPLE_WIDTH + 6.0 + text_width(text, LEGEND_PX, false) + 18.0
}

/// The entries in rows that fit `width`.
fn legend_rows(entries: &[(Example, String)], width: f64) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut used = f64::INFINITY;
    for (k, (_, text)) in entries.iter().enumerate() {
        let w = entry_width(text);
        if used + w > width - 2.0 * PAD_X {
            rows.push(Vec::new());
            used = 0.0;
        }
        rows.last_mut().expect("a row").push(k);
        used += w;
    }
    rows
}

/// One legend entry at `x` in the row whose top is `top`; returns where the
/// next one starts.
fn legend_entry(svg: &mut String, (example, text): &(Example, String), x: f64, top: f64) -> f64 {
    let rect = Rect {
        x,
        y: top + (LEGEND_ROW - EXAMPLE_HEIGHT) / 2.0,
        w: EXAMPLE_WIDTH,
        h: EXAMPLE_HEIGHT,
    };
    match example {
        Example::Kind(kind) => svg.push_str(&outline(*kind, &rect, "#ffffff", "#777777", 1.0)),
        Example::Tone(tone) => {
            let (fill, border) = palette::tone_colours(*tone);
            svg.push_str(&outline(NodeKind::Project, &rect, fill, border, 2.0));
        }
        Example::Line(kind) => {
            let style = palette::line_style(*kind);
            let from = Rect {
                x: rect.x - 1.0,
                y: rect.y,
                w: 1.0,
                h: rect.h,
            };
            let to = Rect {
                x: rect.x + rect.w,
                y: rect.y,
                w: 1.0,
                h: rect.h,
            };
            line(svg, &from, &to, false, &style, style.colour, false, "");
        }
    }
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{LEGEND_PX}\" fill=\"{INK}\">{}</text>",
        x + EXAMPLE_WIDTH + 6.0,
        top + LEGEND_ROW / 2.0 + LEGEND_PX * 0.35,
        escape_html(text)
    );
    x + entry_width(text)
}

/// Words of `text` in lines no wider than `width` at `px`.
fn wrap(text: &str, px: f64, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && text_width(&candidate, px, false) > width {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}
