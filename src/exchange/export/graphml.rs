//! GraphML for yEd, Gephi and networkx (SPEC §10): typed `<key>`s so that
//! numbers stay numbers, and yFiles shape and label data so that yEd shows
//! each node's id and name in the shape and colour of its kind and domain,
//! placed left to right by early start.
//!
//! networkx's `read_graphml` reads the typed keys (and turns the yFiles
//! label into a `label` attribute); Gephi and yEd ignore what they do not
//! know.

use std::borrow::Cow;
use std::io::{self, Write};

use itoa::Buffer as Integer;
use rayon::prelude::{
    IndexedParallelIterator, IntoParallelRefMutIterator, ParallelIterator, ParallelSlice,
};

use crate::model::{LinkType, NodeKind, Relation};
use crate::render::diagram::palette::{domain_colours, line_style, DomainColours, NO_DOMAIN};

use super::figures::{AttributeKey, ExportEdge, ExportGraph, ExportNode};
use super::{attribute_text, decimal};

/// A GraphML key: its id (also its `attr.name`), what it is for and its type.
struct Key {
    name: &'static str,
    owner: &'static str,
    kind: &'static str,
}

const KEYS: &[Key] = &[
    Key {
        name: "portfolio",
        owner: "graph",
        kind: "string",
    },
    Key {
        name: "start",
        owner: "graph",
        kind: "string",
    },
    Key {
        name: "currency",
        owner: "graph",
        kind: "string",
    },
    Key {
        name: "kind",
        owner: "node",
        kind: "string",
    },
    Key {
        name: "name",
        owner: "node",
        kind: "string",
    },
    Key {
        name: "domain",
        owner: "node",
        kind: "string",
    },
    Key {
        name: "owner",
        owner: "node",
        kind: "string",
    },
    Key {
        name: "duration",
        owner: "node",
        kind: "long",
    },
    Key {
        name: "early_start",
        owner: "node",
        kind: "string",
    },
    Key {
        name: "early_finish",
        owner: "node",
        kind: "string",
    },
    Key {
        name: "total_float",
        owner: "node",
        kind: "long",
    },
    Key {
        name: "critical",
        owner: "node",
        kind: "boolean",
    },
    Key {
        name: "target",
        owner: "node",
        kind: "string",
    },
    Key {
        name: "margin",
        owner: "node",
        kind: "long",
    },
    Key {
        name: "investment",
        owner: "node",
        kind: "double",
    },
    Key {
        name: "relation",
        owner: "edge",
        kind: "string",
    },
    Key {
        name: "type",
        owner: "edge",
        kind: "string",
    },
    Key {
        name: "lag",
        owner: "edge",
        kind: "long",
    },
    Key {
        name: "binds",
        owner: "edge",
        kind: "boolean",
    },
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
    out.write_all(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
"#,
    )?;
    for key in KEYS {
        writeln!(
            out,
            r#"  <key id="{0}" for="{1}" attr.name="{0}" attr.type="{2}"/>"#,
            key.name, key.owner, key.kind
        )?;
    }
    // One key per attribute name, `attributes.NAME`, so that an attribute
    // never collides with a figure of the same name.
    for (i, key) in graph.attribute_keys.iter().enumerate() {
        writeln!(
            out,
            r#"  <key id="attribute{i}" for="node" attr.name="attributes.{}" attr.type="{}"/>"#,
            escape(key.name),
            if key.numeric { "double" } else { "string" }
        )?;
    }
    out.write_all(
        br#"  <key id="node_graphics" for="node" yfiles.type="nodegraphics"/>
  <key id="edge_graphics" for="edge" yfiles.type="edgegraphics"/>
  <graph id="portfolio" edgedefault="directed">
"#,
    )?;
    let mut head = Vec::new();
    for (key, value) in [
        ("portfolio", graph.name),
        ("start", &graph.start),
        ("currency", graph.currency),
    ] {
        push_data(&mut head, "    ", key, value);
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
    let attribute_ids: Vec<String> = (0..graph.attribute_keys.len())
        .map(|slot| format!("attribute{slot}"))
        .collect();
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
    out.write_all(b"  </graph>\n</graphml>\n")
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

fn write_node(
    node: &ExportNode,
    row: usize,
    colour: DomainColours,
    keys: &[AttributeKey],
    attribute_ids: &[String],
    out: &mut Vec<u8>,
) {
    const INDENT: &str = "      ";
    out.extend_from_slice(b"    <node id=\"");
    push_escaped(out, node.id);
    out.extend_from_slice(b"\">\n");
    push_data(out, INDENT, "kind", node.kind.as_str());
    push_data(out, INDENT, "name", node.name);
    if let Some(domain) = node.domain {
        push_data(out, INDENT, "domain", domain);
    }
    if let Some(owner) = node.owner {
        push_data(out, INDENT, "owner", owner);
    }
    push_data(
        out,
        INDENT,
        "duration",
        Integer::new().format(node.duration),
    );
    push_data(out, INDENT, "early_start", &node.early_start);
    push_data(out, INDENT, "early_finish", &node.early_finish);
    push_data(
        out,
        INDENT,
        "total_float",
        Integer::new().format(node.total_float),
    );
    push_data(
        out,
        INDENT,
        "critical",
        if node.critical { "true" } else { "false" },
    );
    if let Some(target) = &node.target {
        push_data(out, INDENT, "target", target);
    }
    if let Some(margin) = node.margin {
        push_data(out, INDENT, "margin", Integer::new().format(margin));
    }
    if let Some(investment) = node.investment {
        push_data(out, INDENT, "investment", &decimal(investment));
    }
    for (name, value) in node.attributes {
        let Some(slot) = keys.iter().position(|k| k.name == name) else {
            continue;
        };
        let text = attribute_text(value, keys[slot].numeric);
        push_data(out, INDENT, &attribute_ids[slot], &text);
    }
    write_node_graphics(node, row, colour, out);
    out.extend_from_slice(b"    </node>\n");
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
    for piece in [
        r#"      <data key="node_graphics"><y:ShapeNode><y:Geometry height=""#,
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
    ] {
        out.extend_from_slice(piece.as_bytes());
    }
    push_escaped(out, &label);
    for piece in [
        r#"</y:NodeLabel><y:Shape type=""#,
        yed_shape(node.kind),
        "\"/></y:ShapeNode></data>\n",
    ] {
        out.extend_from_slice(piece.as_bytes());
    }
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

fn write_edge(edge: &ExportEdge, index: usize, out: &mut Vec<u8>) {
    const INDENT: &str = "      ";
    out.extend_from_slice(b"    <edge id=\"e");
    out.extend_from_slice(Integer::new().format(index).as_bytes());
    out.extend_from_slice(b"\" source=\"");
    push_escaped(out, edge.source);
    out.extend_from_slice(b"\" target=\"");
    push_escaped(out, edge.target);
    out.extend_from_slice(b"\">\n");
    push_data(out, INDENT, "relation", edge.link.relation.as_str());
    push_data(out, INDENT, "type", edge.link.link_type.as_str());
    push_data(out, INDENT, "lag", Integer::new().format(edge.link.lag));
    push_data(
        out,
        INDENT,
        "binds",
        if edge.binds { "true" } else { "false" },
    );
    let style = line_style(Some(edge.link.relation));
    let line = if style.style == "dashed" {
        "dashed"
    } else {
        "line"
    };
    let arrow = if edge.link.relation == Relation::Delivers {
        "white_delta"
    } else {
        "standard"
    };
    let width = if edge.binds { "2.0" } else { "1.0" };
    for piece in [
        r#"      <data key="edge_graphics"><y:PolyLineEdge><y:LineStyle color=""#,
        style.colour,
        r#"" type=""#,
        line,
        r#"" width=""#,
        width,
        r#""/><y:Arrows source="none" target=""#,
        arrow,
        r#""/>"#,
    ] {
        out.extend_from_slice(piece.as_bytes());
    }
    if (edge.link.link_type, edge.link.lag) != (LinkType::FS, 0) {
        out.extend_from_slice(
            br##"<y:EdgeLabel alignment="center" fontSize="10" modelName="centered" modelPosition="center" textColor="#52606d" visible="true">"##,
        );
        push_escaped(out, &edge.link.label());
        out.extend_from_slice(b"</y:EdgeLabel>");
    }
    out.extend_from_slice(b"</y:PolyLineEdge></data>\n    </edge>\n");
}

/// yEd's ShapeNode shape of a node kind.
fn yed_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Project => "roundrectangle",
        NodeKind::Component => "ellipse",
        NodeKind::Capability => "hexagon",
    }
}

/// `INDENT<data key="KEY">VALUE</data>` and a newline, the value escaped.
fn push_data(out: &mut Vec<u8>, indent: &str, key: &str, value: &str) {
    for piece in [indent, r#"<data key=""#, key, r#"">"#] {
        out.extend_from_slice(piece.as_bytes());
    }
    push_escaped(out, value);
    out.extend_from_slice(b"</data>\n");
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
