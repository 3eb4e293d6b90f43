//! GraphML for yEd, Gephi and networkx (SPEC §10): typed `<key>`s so that
//! numbers stay numbers, and yFiles shape and label data so that yEd shows
//! each node's id and name in the shape and colour of its kind and domain,
//! placed left to right by early start.
//!
//! networkx's `read_graphml` reads the typed keys by their `attr.name` (and
//! turns the yFiles label into a `label` attribute); Gephi and yEd ignore
//! what they do not know.
//!
//! The file is lean, for portfolios of 100 000 projects: one line per node
//! and per link, no indentation, short key ids (`d0`…, each declared with
//! its full `attr.name`, which is what networkx, Gephi and yEd go by), and
//! yFiles drawing data on a link only where it shows something — a type or
//! lag label (`SS+30`) or a binding link's thicker line. Every other link is
//! left to yEd's default edge: the yFiles GraphML reader calls
//! `ReadEdgeRealizerHandler.applyDefault` for an edge "when no data tag is
//! defined" (yFiles for Java API, `y.io.graphml.graph2d`), and yEd's
//! default edge style is the one it gives edges created without a chosen
//! style (yEd Q&A 20859, "What default style…"; not tried in yEd itself).
//! Figures are never left to a `<default>`: networkx's
//! `read_graphml` puts those into `G.graph["edge_default"]`, not on the
//! links (checked with networkx 3.6.1).

use std::borrow::Cow;
use std::io::{self, Write};

use itoa::Buffer as Integer;
use rayon::prelude::{
    IndexedParallelIterator, IntoParallelRefMutIterator, ParallelIterator, ParallelSlice,
};

use crate::model::NodeKind;
use crate::render::diagram::palette::{domain_colours, DomainColours, NO_DOMAIN};

use super::figures::{AttributeKey, ExportEdge, ExportGraph, ExportNode};
use super::{attribute_text, decimal};

/// The short ids of the keys, as the `<data>` elements name them.
mod id {
    pub const PORTFOLIO: &str = "d0";
    pub const START: &str = "d1";
    pub const CURRENCY: &str = "d2";
    pub const KIND: &str = "d3";
    pub const NAME: &str = "d4";
    pub const DOMAIN: &str = "d5";
    pub const OWNER: &str = "d6";
    pub const DURATION: &str = "d7";
    pub const EARLY_START: &str = "d8";
    pub const EARLY_FINISH: &str = "d9";
    pub const TOTAL_FLOAT: &str = "d10";
    pub const CRITICAL: &str = "d11";
    pub const TARGET: &str = "d12";
    pub const MARGIN: &str = "d13";
    pub const INVESTMENT: &str = "d14";
    pub const RELATION: &str = "d15";
    pub const TYPE: &str = "d16";
    pub const LAG: &str = "d17";
    pub const BINDS: &str = "d18";
    pub const NODE_GRAPHICS: &str = "d19";
    pub const EDGE_GRAPHICS: &str = "d20";
    /// Followed by the attribute's slot: `a0`, `a1`…
    pub const ATTRIBUTE: &str = "a";
}

/// A GraphML key: its short id, its `attr.name` (what networkx, Gephi and
/// yEd call the figure), what it is for and its type.
struct Key {
    id: &'static str,
    name: &'static str,
    owner: &'static str,
    kind: &'static str,
}

const fn key(id: &'static str, name: &'static str, owner: &'static str, kind: &'static str) -> Key {
    Key {
        id,
        name,
        owner,
        kind,
    }
}

const KEYS: &[Key] = &[
    key(id::PORTFOLIO, "portfolio", "graph", "string"),
    key(id::START, "start", "graph", "string"),
    key(id::CURRENCY, "currency", "graph", "string"),
    key(id::KIND, "kind", "node", "string"),
    key(id::NAME, "name", "node", "string"),
    key(id::DOMAIN, "domain", "node", "string"),
    key(id::OWNER, "owner", "node", "string"),
    key(id::DURATION, "duration", "node", "long"),
    key(id::EARLY_START, "early_start", "node", "string"),
    key(id::EARLY_FINISH, "early_finish", "node", "string"),
    key(id::TOTAL_FLOAT, "total_float", "node", "long"),
    key(id::CRITICAL, "critical", "node", "boolean"),
    key(id::TARGET, "target", "node", "string"),
    key(id::MARGIN, "margin", "node", "long"),
    key(id::INVESTMENT, "investment", "node", "double"),
    key(id::RELATION, "relation", "edge", "string"),
    key(id::TYPE, "type", "edge", "string"),
    key(id::LAG, "lag", "edge", "long"),
    key(id::BINDS, "binds", "edge", "boolean"),
];

/// Nodes or links rendered together by one parallel task.
const CHUNK: usize = 1024;
/// Chunks rendered at a time, into buffers used again for the next window.
const WINDOW: usize = 8;

/// Horizontal pixels per day of early start in yEd's initial placement.
const PIXELS_PER_DAY: i64 = 2;
/// Vertical distance between rows (one node per row, in id order).
const ROW_HEIGHT: usize = 60;

/// Writes `graph` as GraphML.
///
/// # Complexity
/// Linear in the output.
pub fn write_graphml(graph: &ExportGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut head = Vec::with_capacity(4096);
    head.extend_from_slice(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
"#,
    );
    for key in KEYS {
        push_key(&mut head, key.id, key.owner, key.name, key.kind);
    }
    // One key per attribute name, `attributes.NAME`, so that an attribute
    // never collides with a figure of the same name.
    let attribute_ids: Vec<String> = (0..graph.attribute_keys.len())
        .map(|slot| format!("{}{slot}", id::ATTRIBUTE))
        .collect();
    for (key, key_id) in graph.attribute_keys.iter().zip(&attribute_ids) {
        let name = format!("attributes.{}", key.name);
        let kind = if key.numeric { "double" } else { "string" };
        push_key(&mut head, key_id, "node", &name, kind);
    }
    for (key_id, owner, yfiles) in [
        (id::NODE_GRAPHICS, "node", "nodegraphics"),
        (id::EDGE_GRAPHICS, "edge", "edgegraphics"),
    ] {
        push_pieces(
            &mut head,
            &[
                r#"<key id=""#,
                key_id,
                r#"" for=""#,
                owner,
                r#"" yfiles.type=""#,
                yfiles,
                "\"/>\n",
            ],
        );
    }
    head.extend_from_slice(b"<graph id=\"portfolio\" edgedefault=\"directed\">\n");
    for (key, value) in [
        (id::PORTFOLIO, graph.name),
        (id::START, &graph.start),
        (id::CURRENCY, graph.currency),
    ] {
        push_data(&mut head, key, value);
        head.push(b'\n');
    }
    out.write_all(&head)?;
    let mut domains: Vec<String> = graph
        .nodes
        .iter()
        .filter_map(|n| n.domain.map(str::to_string))
        .collect();
    domains.sort_unstable();
    domains.dedup();
    let colours = domain_colours(&domains);
    write_in_parallel(&graph.nodes, out, |row, node, text| {
        let colour = node
            .domain
            .and_then(|d| domains.binary_search_by(|x| x.as_str().cmp(d)).ok())
            .map_or(NO_DOMAIN, |slot| colours[slot]);
        write_node(
            node,
            row,
            colour,
            &graph.attribute_keys,
            &attribute_ids,
            text,
        );
    })?;
    write_in_parallel(&graph.edges, out, |row, edge, text| {
        write_edge(edge, row, text);
    })?;
    out.write_all(b"</graph>\n</graphml>\n")
}

/// `<key id="ID" for="OWNER" attr.name="NAME" attr.type="TYPE"/>` and a
/// newline, the name escaped.
fn push_key(out: &mut Vec<u8>, key_id: &str, owner: &str, name: &str, kind: &str) {
    push_pieces(out, &[r#"<key id=""#, key_id, r#"" for=""#, owner]);
    out.extend_from_slice(br#"" attr.name=""#);
    push_escaped(out, name);
    push_pieces(out, &[r#"" attr.type=""#, kind, "\"/>\n"]);
}

/// Renders `items` a chunk per parallel task, [`WINDOW`] chunks at a time,
/// and writes them in order: the same bytes as one pass. The window's
/// buffers serve every window, so memory stays small (rendering the whole
/// file at once made the kernel spend a fifth of the time on fresh pages).
/// `render` gets each item's row number.
fn write_in_parallel<T: Sync>(
    items: &[T],
    out: &mut dyn Write,
    render: impl Fn(usize, &T, &mut Vec<u8>) + Sync,
) -> io::Result<()> {
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); WINDOW];
    for (w, window) in items.chunks(CHUNK * WINDOW).enumerate() {
        buffers
            .par_iter_mut()
            .zip(window.par_chunks(CHUNK))
            .enumerate()
            .for_each(|(c, (text, chunk))| {
                text.clear();
                let first = (w * WINDOW + c) * CHUNK;
                for (i, item) in chunk.iter().enumerate() {
                    render(first + i, item, text);
                }
            });
        for text in &buffers[..window.len().div_ceil(CHUNK)] {
            out.write_all(text)?;
        }
    }
    Ok(())
}

/// One node on one line: its figures, then yEd's picture of it.
fn write_node(
    node: &ExportNode,
    row: usize,
    colour: DomainColours,
    keys: &[AttributeKey],
    attribute_ids: &[String],
    out: &mut Vec<u8>,
) {
    out.extend_from_slice(b"<node id=\"");
    push_escaped(out, node.id);
    out.extend_from_slice(b"\">");
    push_plain(out, id::KIND, node.kind.as_str());
    push_data(out, id::NAME, node.name);
    if let Some(domain) = node.domain {
        push_data(out, id::DOMAIN, domain);
    }
    if let Some(owner) = node.owner {
        push_data(out, id::OWNER, owner);
    }
    push_plain(out, id::DURATION, Integer::new().format(node.duration));
    push_plain(out, id::EARLY_START, &node.early_start);
    push_plain(out, id::EARLY_FINISH, &node.early_finish);
    push_plain(
        out,
        id::TOTAL_FLOAT,
        Integer::new().format(node.total_float),
    );
    push_plain(out, id::CRITICAL, boolean(node.critical));
    if let Some(target) = &node.target {
        push_plain(out, id::TARGET, target);
    }
    if let Some(margin) = node.margin {
        push_plain(out, id::MARGIN, Integer::new().format(margin));
    }
    if let Some(investment) = node.investment {
        push_plain(out, id::INVESTMENT, &decimal(investment));
    }
    for (name, value) in node.attributes {
        let Some(slot) = keys.iter().position(|k| k.name == name) else {
            continue;
        };
        let text = attribute_text(value, keys[slot].numeric);
        push_data(out, &attribute_ids[slot], &text);
    }
    write_node_graphics(node, row, colour, out);
    out.extend_from_slice(b"</node>\n");
}

/// yEd's picture of a node: a shape per kind, the domain's colour, a red
/// outline when critical, and as its label the id with the kind in words
/// (the shape says it too, but only to those who know the legend), then
/// the name.
fn write_node_graphics(node: &ExportNode, row: usize, colour: DomainColours, out: &mut Vec<u8>) {
    let label = node_label(node);
    let widest = label.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let width = (widest * 7 + 24).max(60);
    let height = if label.contains('\n') { 44 } else { 30 };
    let (border, border_width) = if node.critical {
        ("#c0392b", "3.0")
    } else {
        (colour.border, "1.0")
    };
    let mut numbers = [
        Integer::new(),
        Integer::new(),
        Integer::new(),
        Integer::new(),
    ];
    let [h, w, x, y] = &mut numbers;
    push_pieces(
        out,
        &[
            r#"<data key=""#,
            id::NODE_GRAPHICS,
            r#""><y:ShapeNode><y:Geometry height=""#,
            h.format(height),
            r#"" width=""#,
            w.format(width),
            r#"" x=""#,
            x.format(node.es * PIXELS_PER_DAY),
            r#"" y=""#,
            y.format(row * ROW_HEIGHT),
            r#""/><y:Fill color=""#,
            colour.fill,
            r#"" transparent="false"/><y:BorderStyle color=""#,
            border,
            r#"" type="line" width=""#,
            border_width,
            r##""/><y:NodeLabel alignment="center" autoSizePolicy="content" fontSize="12" modelName="internal" modelPosition="c" textColor="#1f2933" visible="true">"##,
        ],
    );
    push_escaped(out, &label);
    push_pieces(
        out,
        &[
            r#"</y:NodeLabel><y:Shape type=""#,
            yed_shape(node.kind),
            r#""/></y:ShapeNode></data>"#,
        ],
    );
}

/// The text yEd shows in a node: `ID (kind)`, and the name on a second
/// line unless it is empty or the id itself.
fn node_label(node: &ExportNode) -> String {
    let kind = node.kind.as_str();
    if node.name.is_empty() || node.name == node.id {
        format!("{} ({kind})", node.id)
    } else {
        format!("{} ({kind})\n{}", node.id, node.name)
    }
}

/// One link on one line: relation, type, lag and whether it binds, and
/// drawing data only where yEd is to show more than its default edge.
fn write_edge(edge: &ExportEdge, index: usize, out: &mut Vec<u8>) {
    out.extend_from_slice(b"<edge id=\"e");
    out.extend_from_slice(Integer::new().format(index).as_bytes());
    out.extend_from_slice(b"\" source=\"");
    push_escaped(out, edge.source);
    out.extend_from_slice(b"\" target=\"");
    push_escaped(out, edge.target);
    out.extend_from_slice(b"\">");
    push_plain(out, id::RELATION, edge.link.relation.as_str());
    push_plain(out, id::TYPE, edge.link.link_type.as_str());
    push_plain(out, id::LAG, Integer::new().format(edge.link.lag));
    push_plain(out, id::BINDS, boolean(edge.binds));
    write_edge_graphics(edge, out);
    out.extend_from_slice(b"</edge>\n");
}

/// yEd's picture of a link, written only when it differs from yEd's
/// default edge (a thin line with an arrow at the successor): a binding
/// link's line is thicker, a link other than plain finish-to-start carries
/// its `SS+30`-style label. Nothing is written for any other link.
fn write_edge_graphics(edge: &ExportEdge, out: &mut Vec<u8>) {
    let label = edge.link.label();
    if !edge.binds && label.is_empty() {
        return;
    }
    push_pieces(
        out,
        &[
            r#"<data key=""#,
            id::EDGE_GRAPHICS,
            r##""><y:PolyLineEdge><y:LineStyle color="#000000" type="line" width=""##,
            if edge.binds { "2.0" } else { "1.0" },
            r#""/><y:Arrows source="none" target="standard"/>"#,
        ],
    );
    if !label.is_empty() {
        out.extend_from_slice(
            br##"<y:EdgeLabel alignment="center" fontSize="10" modelName="centered" modelPosition="center" textColor="#52606d" visible="true">"##,
        );
        push_escaped(out, &label);
        out.extend_from_slice(b"</y:EdgeLabel>");
    }
    out.extend_from_slice(b"</y:PolyLineEdge></data>");
}

/// yEd's ShapeNode shape of a node kind.
fn yed_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Project => "roundrectangle",
        NodeKind::Component => "ellipse",
        NodeKind::Capability => "hexagon",
    }
}

fn boolean(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// `<data key="KEY">VALUE</data>`, the value escaped.
fn push_data(out: &mut Vec<u8>, key: &str, value: &str) {
    push_pieces(out, &[r#"<data key=""#, key, r#"">"#]);
    push_escaped(out, value);
    out.extend_from_slice(b"</data>");
}

/// `<data key="KEY">VALUE</data>` for a value that never needs escaping:
/// a number, an ISO date, `true`/`false`, or one of capgraph's own words
/// (`project`, `depends_on`, `SS`). Skips [`escape`]'s scan, which on the
/// million values of a large portfolio was a tenth of the writing time.
fn push_plain(out: &mut Vec<u8>, key: &str, value: &str) {
    debug_assert!(matches!(escape(value), Cow::Borrowed(_)), "{value}");
    push_pieces(out, &[r#"<data key=""#, key, r#"">"#, value, "</data>"]);
}

/// Appends each piece as it is (markup and numbers, nothing to escape).
fn push_pieces(out: &mut Vec<u8>, pieces: &[&str]) {
    for piece in pieces {
        out.extend_from_slice(piece.as_bytes());
    }
}

/// `text` made safe for XML ([`escape`]), appended to `out`.
fn push_escaped(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(escape(text).as_bytes());
}

/// The bytes that [`escape`] may change: markup characters and those of
/// control characters (below 0x20, DEL, and 0xC2, the lead byte of the C1
/// controls). Text without them is written as it is.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let mut i = 0;
    let others = [b'&', b'<', b'>', b'"', b'\'', 0x7F, 0xC2];
    while i < others.len() {
        table[others[i] as usize] = true;
        i += 1;
    }
    table
};

/// Text made safe for XML element content and attribute values. XML 1.0
/// cannot carry control characters other than tab, line feed and carriage
/// return, even escaped: those show as U+FFFD. Those three are written as
/// character references, which survive the normalisation of attribute values
/// (what `render::document::html::escape_html` does not need for HTML).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| NEEDS_ESCAPE[usize::from(b)]) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_writes_markup_and_line_breaks_as_references_and_controls_as_replacement() {
        assert!(matches!(escape("PKI modernisation"), Cow::Borrowed(_)));
        // "°" and "é" start with 0xC2 / 0xC3 but are no controls: kept.
        assert_eq!(escape("20 °C, Genève"), "20 °C, Genève");
        assert_eq!(
            escape("a<b>&\"c'\td\ne\r"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#9;d&#10;e&#13;"
        );
        // ESC (C0), DEL, NEL (C1, U+0085).
        assert_eq!(
            escape("x\u{1b}y\u{7f}z\u{85}"),
            "x\u{FFFD}y\u{FFFD}z\u{FFFD}"
        );
    }
}
