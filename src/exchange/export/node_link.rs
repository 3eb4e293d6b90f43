//! networkx's node-link JSON (SPEC §10): `networkx.node_link_graph` reads it
//! into a `MultiDiGraph` (two links between the same projects are two edges).
//! The list of links is under `edges` (networkx ≥ 3.4's default) or, with
//! `--links-key links`, under `links` (older networkx and d3).

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{AttributeValue, NodeKind};

use super::figures::{ExportEdge, ExportGraph, ExportNode};

/// The key of the list of links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinksKey {
    #[default]
    Edges,
    Links,
}

#[derive(Serialize)]
struct GraphJson<'a> {
    portfolio: &'a str,
    start: &'a str,
    currency: &'a str,
}

#[derive(Serialize)]
struct NodeJson<'a> {
    id: &'a str,
    kind: NodeKind,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a str>,
    duration: i64,
    early_start: &'a str,
    early_finish: &'a str,
    total_float: i64,
    critical: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    margin: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    investment: Option<f64>,
    /// name → text or number, as in the portfolio file.
    #[serde(skip_serializing_if = "Attributes::is_empty")]
    attributes: Attributes<'a>,
}

/// A node's attributes as a JSON object, in file order.
struct Attributes<'a>(&'a [(String, AttributeValue)]);

impl Attributes<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Attributes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl<'a> NodeJson<'a> {
    fn new(node: &'a ExportNode) -> Self {
        NodeJson {
            id: node.id,
            kind: node.kind,
            name: node.name,
            domain: node.domain,
            owner: node.owner,
            duration: node.duration,
            early_start: &node.early_start,
            early_finish: &node.early_finish,
            total_float: node.total_float,
            critical: node.critical,
            target: node.target.as_deref(),
            margin: node.margin,
            investment: node.investment,
            attributes: Attributes(node.attributes),
        }
    }
}

#[derive(Serialize)]
struct EdgeJson<'a> {
    source: &'a str,
    target: &'a str,
    /// networkx's multigraph key: the link's position among the links
    /// between the same two nodes.
    key: usize,
    relation: &'static str,
    #[serde(rename = "type")]
    link_type: &'static str,
    lag: i64,
    binds: bool,
}

/// Writes `graph` as node-link JSON, one node or link per line.
///
/// # Complexity
/// Linear in the output.
pub fn write_node_link(
    graph: &ExportGraph,
    links: LinksKey,
    out: &mut dyn Write,
) -> io::Result<()> {
    out.write_all(b"{\"directed\": true, \"multigraph\": true, \"graph\": ")?;
    serde_json::to_writer(
        &mut *out,
        &GraphJson {
            portfolio: graph.name,
            start: &graph.start,
            currency: graph.currency,
        },
    )?;
    out.write_all(b",\n\"nodes\": [")?;
    // Lines are serialised into a buffer of their own and passed on in
    // blocks: serde_json writes a value in many small pieces.
    let mut lines = Lines::new(out);
    for (i, node) in graph.nodes.iter().enumerate() {
        lines.start(i)?;
        serde_json::to_writer(&mut lines.buffer, &NodeJson::new(node))?;
    }
    let out = lines.finish()?;
    let key = match links {
        LinksKey::Edges => "edges",
        LinksKey::Links => "links",
    };
    write!(out, "\n],\n\"{key}\": [")?;
    let mut previous: Option<&ExportEdge> = None;
    let mut parallel = 0;
    let mut lines = Lines::new(out);
    for (i, edge) in graph.edges.iter().enumerate() {
        // Links are sorted by source and target, so parallel ones are adjacent.
        parallel = match previous {
            Some(p) if (p.source, p.target) == (edge.source, edge.target) => parallel + 1,
            _ => 0,
        };
        previous = Some(edge);
        lines.start(i)?;
        serde_json::to_writer(
            &mut lines.buffer,
            &EdgeJson {
                source: edge.source,
                target: edge.target,
                key: parallel,
                relation: edge.link.relation.as_str(),
                link_type: edge.link.link_type.as_str(),
                lag: i64::from(edge.link.lag),
                binds: edge.binds,
            },
        )?;
    }
    lines.finish()?.write_all(b"\n]}\n")
}

/// The lines of a JSON list, one value per line, gathered in a buffer that
/// is passed on to the output whenever it holds [`Lines::BLOCK`] bytes.
struct Lines<'a> {
    out: &'a mut dyn Write,
    buffer: Vec<u8>,
}

impl<'a> Lines<'a> {
    const BLOCK: usize = 1 << 16;

    fn new(out: &'a mut dyn Write) -> Self {
        Lines {
            out,
            buffer: Vec::with_capacity(Self::BLOCK + 1024),
        }
    }

    /// Begins the line of the list's item `index` (a comma before all but the first).
    fn start(&mut self, index: usize) -> io::Result<()> {
        if self.buffer.len() >= Self::BLOCK {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        self.buffer
            .extend_from_slice(if index == 0 { b"\n" } else { b",\n" });
        Ok(())
    }

    /// Passes on what is left; the output, for what follows the list.
    fn finish(self) -> io::Result<&'a mut dyn Write> {
        self.out.write_all(&self.buffer)?;
        Ok(self.out)
    }
}
