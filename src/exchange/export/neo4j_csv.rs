//! `nodes.csv` and `relationships.csv` for `neo4j-admin database import`
//! (SPEC §10): headers `id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE` and
//! typed properties (`:long`, `:double`, `:boolean`, `:date`); an empty cell
//! is an absent property.
//!
//! Import with `neo4j-admin database import full --nodes=nodes.csv
//! --relationships=relationships.csv --multiline-fields=true` (names may
//! hold line breaks).

use std::io::{self, Write};

use super::cypher::{label, relationship};
use super::figures::ExportGraph;
use super::{attribute_text, decimal};

const NODE_HEADER: [&str; 14] = [
    "id:ID",
    ":LABEL",
    "kind",
    "name",
    "domain",
    "owner",
    "duration:long",
    "early_start:date",
    "early_finish:date",
    "total_float:long",
    "critical:boolean",
    "target:date",
    "margin:long",
    "investment:double",
];

const RELATIONSHIP_HEADER: [&str; 7] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "relation",
    "type",
    "lag:long",
    "binds:boolean",
];

/// Writes `nodes.csv`: the figures, then one column per attribute name,
/// `attributes.NAME` (typed `:double` when every value is a number).
pub fn write_nodes(graph: &ExportGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    let mut header: Vec<String> = NODE_HEADER.iter().map(|h| h.to_string()).collect();
    for key in &graph.attribute_keys {
        let kind = if key.numeric { ":double" } else { "" };
        header.push(format!("attributes.{}{kind}", key.name));
    }
    csv.write_record(&header)?;
    for node in &graph.nodes {
        let mut attributes = vec![String::new(); graph.attribute_keys.len()];
        for (name, value) in node.attributes {
            if let Some(slot) = graph.attribute_keys.iter().position(|k| k.name == name) {
                attributes[slot] = attribute_text(value, graph.attribute_keys[slot].numeric);
            }
        }
        let figures = [
            node.id,
            label(node.kind),
            node.kind.as_str(),
            node.name,
            node.domain.unwrap_or(""),
            node.owner.unwrap_or(""),
            &node.duration.to_string(),
            &node.early_start,
            &node.early_finish,
            &node.total_float.to_string(),
            if node.critical { "true" } else { "false" },
            node.target.as_deref().unwrap_or(""),
            &node.margin.map(|m| m.to_string()).unwrap_or_default(),
            &node.investment.map(decimal).unwrap_or_default(),
        ];
        csv.write_record(
            figures
                .into_iter()
                .chain(attributes.iter().map(String::as_str)),
        )?;
    }
    csv.flush()
}

/// Writes `relationships.csv`.
pub fn write_relationships(graph: &ExportGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(RELATIONSHIP_HEADER)?;
    for edge in &graph.edges {
        csv.write_record([
            edge.source,
            edge.target,
            relationship(edge.link.relation),
            edge.link.relation.as_str(),
            edge.link.link_type.as_str(),
            &edge.link.lag.to_string(),
            if edge.binds { "true" } else { "false" },
        ])?;
    }
    csv.flush()
}
