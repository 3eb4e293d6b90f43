//! A Cypher script (SPEC §10) that loads the graph into Neo4j or another
//! openCypher database (FalkorDB, Memgraph): an index on `id` per label,
//! then nodes and relationships in batched `UNWIND` statements, one
//! statement per `;`-terminated paragraph.
//!
//! Labels `:Project`, `:Component`, `:Capability`; relationships
//! `:DEPENDS_ON`, `:USES`, `:PROVIDES`, `:DELIVERS`, matched by label on both
//! ends so that the `id` indexes serve the lookups. Absent values are left
//! out of the maps (Cypher has no stored null).

use std::io::{self, Write};

use crate::model::values::json_number;
use crate::model::{AttributeValue, NodeKind, Relation};

use super::decimal;
use super::figures::{ExportEdge, ExportGraph, ExportNode};

/// Rows per `UNWIND` statement: small enough for any server's query size
/// limit, large enough that 100 000 projects need only a few hundred statements.
const BATCH: usize = 1000;

const KINDS: [NodeKind; 3] = [NodeKind::Project, NodeKind::Component, NodeKind::Capability];

/// The node label of a kind.
pub fn label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Project => "Project",
        NodeKind::Component => "Component",
        NodeKind::Capability => "Capability",
    }
}

/// The relationship type of a relation.
pub fn relationship(relation: Relation) -> &'static str {
    match relation {
        Relation::DependsOn => "DEPENDS_ON",
        Relation::Uses => "USES",
        Relation::Provides => "PROVIDES",
        Relation::Delivers => "DELIVERS",
    }
}

/// Writes the Cypher script that creates `graph`.
///
/// # Complexity
/// O(V + E log E): links are grouped by relation and end labels.
pub fn write_cypher(graph: &ExportGraph, out: &mut dyn Write) -> io::Result<()> {
    for kind in KINDS {
        writeln!(out, "CREATE INDEX FOR (n:{}) ON (n.id);", label(kind))?;
    }
    for kind in KINDS {
        let nodes: Vec<&ExportNode> = graph.nodes.iter().filter(|n| n.kind == kind).collect();
        for batch in nodes.chunks(BATCH) {
            out.write_all(b"\nUNWIND [\n")?;
            for (i, node) in batch.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",\n")?;
                }
                write_node_map(node, out)?;
            }
            writeln!(out, "\n] AS row\nCREATE (n:{}) SET n = row;", label(kind))?;
        }
    }
    let mut edges: Vec<&ExportEdge> = graph.edges.iter().collect();
    // Stable: within a group the links keep their sorted order.
    edges.sort_by_key(|e| (e.link.relation, e.source_kind, e.target_kind));
    for group in edges.chunk_by(|a, b| {
        (a.link.relation, a.source_kind, a.target_kind)
            == (b.link.relation, b.source_kind, b.target_kind)
    }) {
        let first = group[0];
        for batch in group.chunks(BATCH) {
            out.write_all(b"\nUNWIND [\n")?;
            for (i, edge) in batch.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",\n")?;
                }
                write!(
                    out,
                    "{{from: {}, to: {}, type: \"{}\", lag: {}, binds: {}}}",
                    quote(edge.source),
                    quote(edge.target),
                    edge.link.link_type.as_str(),
                    edge.link.lag,
                    edge.binds
                )?;
            }
            writeln!(
                out,
                "\n] AS row\nMATCH (a:{} {{id: row.from}}), (b:{} {{id: row.to}})\n\
                 CREATE (a)-[:{} {{relation: \"{}\", type: row.type, lag: row.lag, binds: row.binds}}]->(b);",
                label(first.source_kind),
                label(first.target_kind),
                relationship(first.link.relation),
                first.link.relation.as_str(),
            )?;
        }
    }
    Ok(())
}

fn write_node_map(node: &ExportNode, out: &mut dyn Write) -> io::Result<()> {
    write!(
        out,
        "{{id: {}, kind: \"{}\", name: {}",
        quote(node.id),
        node.kind.as_str(),
        quote(node.name)
    )?;
    if let Some(domain) = node.domain {
        write!(out, ", domain: {}", quote(domain))?;
    }
    if let Some(owner) = node.owner {
        write!(out, ", owner: {}", quote(owner))?;
    }
    write!(
        out,
        ", duration: {}, early_start: \"{}\", early_finish: \"{}\", total_float: {}, critical: {}",
        node.duration, node.early_start, node.early_finish, node.total_float, node.critical
    )?;
    if let Some(target) = &node.target {
        write!(out, ", target: \"{target}\"")?;
    }
    if let Some(margin) = node.margin {
        write!(out, ", margin: {margin}")?;
    }
    if let Some(investment) = node.investment {
        write!(out, ", investment: {}", decimal(investment))?;
    }
    // Properties cannot hold maps: each attribute is a property
    // `attributes.NAME` (a backquoted key). A backtick in the name becomes
    // an apostrophe: FalkorDB does not read openCypher's `` escape.
    for (name, value) in node.attributes {
        let key = format!("attributes.{name}").replace('`', "'");
        match value {
            AttributeValue::Number(n) => write!(out, ", `{key}`: {}", json_number(*n))?,
            AttributeValue::Text(t) => write!(out, ", `{key}`: {}", quote(t))?,
        }
    }
    out.write_all(b"}")
}

/// `text` as a double-quoted Cypher string. Backslash, quote, tab, line
/// feed and carriage return are escaped; other characters are written as
/// they are (UTF-8), since not every openCypher database decodes `\uXXXX`
/// (FalkorDB keeps it literally); other control characters show as U+FFFD.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
