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

use rayon::prelude::{IndexedParallelIterator, ParallelIterator, ParallelSlice};

use crate::model::{NodeKind, Relation};
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

/// Horizontal pixels per day of early start in yEd's initial placement.
const PIXELS_PER_DAY: f64 = 2.0;
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
    writeln!(out, "    {}", data("portfolio", graph.name))?;
    writeln!(out, "    {}", data("start", &graph.start))?;
    writeln!(out, "    {}", data("currency", graph.currency))?;
    let mut domains: Vec<String> = graph
        .nodes
        .iter()
        .filter_map(|n| n.domain.map(str::to_string))
        .collect();
    domains.sort_unstable();
    domains.dedup();
    let colours = domain_colours(&domains);
    // Nodes and links are rendered in parallel, a chunk per task, and
    // written in order: the same bytes as one pass, in a fraction of the time.
    let node_chunks: Vec<io::Result<Vec<u8>>> = graph
        .nodes
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut text = Vec::with_capacity(chunk.len() * 1024);
            for (i, node) in chunk.iter().enumerate() {
                let colour = node
                    .domain
                    .and_then(|d| domains.binary_search_by(|x| x.as_str().cmp(d)).ok())
                    .map_or(NO_DOMAIN, |slot| colours[slot]);
                write_node(
                    node,
                    c * CHUNK + i,
                    colour,
                    &graph.attribute_keys,
                    &mut text,
                )?;
            }
            Ok(text)
        })
        .collect();
    for chunk in node_chunks {
        out.write_all(&chunk?)?;
    }
    let edge_chunks: Vec<io::Result<Vec<u8>>> = graph
        .edges
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut text = Vec::with_capacity(chunk.len() * 512);
            for (i, edge) in chunk.iter().enumerate() {
                write_edge(edge, c * CHUNK + i, &mut text)?;
            }
            Ok(text)
        })
        .collect();
    for chunk in edge_chunks {
        out.write_all(&chunk?)?;
    }
    out.write_all(b"  </graph>\n</graphml>\n")
}

fn write_node(
    node: &ExportNode,
    row: usize,
    colour: DomainColours,
    keys: &[AttributeKey],
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, r#"    <node id="{}">"#, escape(node.id))?;
    let mut field = |line: String| writeln!(out, "      {line}");
    field(data("kind", node.kind.as_str()))?;
    field(data("name", node.name))?;
    if let Some(domain) = node.domain {
        field(data("domain", domain))?;
    }
    if let Some(owner) = node.owner {
        field(data("owner", owner))?;
    }
    field(data("duration", &node.duration.to_string()))?;
    field(data("early_start", &node.early_start))?;
    field(data("early_finish", &node.early_finish))?;
    field(data("total_float", &node.total_float.to_string()))?;
    field(data(
        "critical",
        if node.critical { "true" } else { "false" },
    ))?;
    if let Some(target) = &node.target {
        field(data("target", target))?;
    }
    if let Some(margin) = node.margin {
        field(data("margin", &margin.to_string()))?;
    }
    if let Some(investment) = node.investment {
        field(data("investment", &decimal(investment)))?;
    }
    for (name, value) in node.attributes {
        let Some(slot) = keys.iter().position(|k| k.name == name) else {
            continue;
        };
        let text = attribute_text(value, keys[slot].numeric);
        field(data(&format!("attribute{slot}"), &text))?;
    }
    write_node_graphics(node, row, colour, out)?;
    out.write_all(b"    </node>\n")
}

/// yEd's picture of a node: a shape per kind, the domain's colour, a red
/// outline when critical, and the id and name as its label.
fn write_node_graphics(
    node: &ExportNode,
    row: usize,
    colour: DomainColours,
    out: &mut dyn Write,
) -> io::Result<()> {
    let label = if node.name.is_empty() || node.name == node.id {
        node.id.to_string()
    } else {
        format!("{}\n{}", node.id, node.name)
    };
    let widest = label.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    let width = (widest as f64 * 7.0 + 24.0).max(60.0);
    let height = if label.contains('\n') { 44.0 } else { 30.0 };
    let (border, border_width) = if node.critical {
        ("#c0392b", "3.0")
    } else {
        (colour.border, "1.0")
    };
    let x = node.es as f64 * PIXELS_PER_DAY;
    let y = row * ROW_HEIGHT;
    writeln!(
        out,
        r##"      <data key="node_graphics"><y:ShapeNode><y:Geometry height="{height}" width="{width}" x="{x}" y="{y}"/><y:Fill color="{fill}" transparent="false"/><y:BorderStyle color="{border}" type="line" width="{border_width}"/><y:NodeLabel alignment="center" autoSizePolicy="content" fontSize="12" modelName="internal" modelPosition="c" textColor="#1f2933" visible="true">{label}</y:NodeLabel><y:Shape type="{shape}"/></y:ShapeNode></data>"##,
        fill = colour.fill,
        label = escape(&label),
        shape = yed_shape(node.kind),
    )
}

fn write_edge(edge: &ExportEdge, index: usize, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        r#"    <edge id="e{index}" source="{}" target="{}">"#,
        escape(edge.source),
        escape(edge.target)
    )?;
    let mut field = |line: String| writeln!(out, "      {line}");
    field(data("relation", edge.link.relation.as_str()))?;
    field(data("type", edge.link.link_type.as_str()))?;
    field(data("lag", &edge.link.lag.to_string()))?;
    field(data("binds", if edge.binds { "true" } else { "false" }))?;
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
    write!(
        out,
        r#"      <data key="edge_graphics"><y:PolyLineEdge><y:LineStyle color="{colour}" type="{line}" width="{width}"/><y:Arrows source="none" target="{arrow}"/>"#,
        colour = style.colour,
    )?;
    let label = edge.link.label();
    if !label.is_empty() {
        write!(
            out,
            r##"<y:EdgeLabel alignment="center" fontSize="10" modelName="centered" modelPosition="center" textColor="#52606d" visible="true">{}</y:EdgeLabel>"##,
            escape(&label)
        )?;
    }
    out.write_all(b"</y:PolyLineEdge></data>\n    </edge>\n")
}

/// yEd's ShapeNode shape of a node kind.
fn yed_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Project => "roundrectangle",
        NodeKind::Component => "ellipse",
        NodeKind::Capability => "hexagon",
    }
}

/// `<data key="KEY">VALUE</data>`, the value escaped.
fn data(key: &str, value: &str) -> String {
    let value = escape(value);
    let mut text = String::with_capacity(key.len() + value.len() + 24);
    text.push_str(r#"<data key=""#);
    text.push_str(key);
    text.push_str(r#"">"#);
    text.push_str(&value);
    text.push_str("</data>");
    text
}

/// Text made safe for XML element content and attribute values. XML 1.0
/// cannot carry control characters other than tab, line feed and carriage
/// return, even escaped: those show as U+FFFD. Those three are written as
/// character references, which survive the normalisation of attribute values
/// (what `render::document::html::escape_html` does not need for HTML).
pub fn escape(text: &str) -> Cow<'_, str> {
    let plain = |c: char| !matches!(c, '&' | '<' | '>' | '"' | '\'') && !c.is_control();
    if text.chars().all(plain) {
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
