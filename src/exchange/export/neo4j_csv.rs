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
use super::decimal;
use super::figures::ExportGraph;

const NODE_HEADER: [&str; 13] = [
    "id:ID",
    ":LABEL",
    "kind",
    "name",
    "domain",
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

/// Writes `nodes.csv`.
pub fn write_nodes(graph: &ExportGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(NODE_HEADER)?;
    for node in &graph.nodes {
        csv.write_record([
            node.id,
            label(node.kind),
            node.kind.as_str(),
            node.name,
            node.domain.unwrap_or(""),
            &node.duration.to_string(),
            &node.early_start,
            &node.early_finish,
            &node.total_float.to_string(),
            if node.critical { "true" } else { "false" },
            node.target.as_deref().unwrap_or(""),
            &node.margin.map(|m| m.to_string()).unwrap_or_default(),
            &node.investment.map(decimal).unwrap_or_default(),
        ])?;
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
