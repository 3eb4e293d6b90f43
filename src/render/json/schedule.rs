//! The `capgraph.schedule/1` and `capgraph.path/1` JSON documents (SPEC §6).
//!
//! The serde types are public so that the weekly summary embeds the very same
//! figures (one source of truth).

use petgraph::graph::NodeIndex;
use rayon::prelude::{IntoParallelIterator, ParallelIterator};
use serde::Serialize;

use crate::analysis::path::TargetFloat;
use crate::analysis::schedule::{CapabilityDate, Schedule};
use crate::model::{NodeKind, Portfolio};

use crate::render::json::stream::{Document, Object};

const SCHEDULE_SCHEMA: &str = "capgraph.schedule/1";

/// `capgraph.schedule/1`.
#[derive(Debug, Serialize)]
pub struct ScheduleJson<'a> {
    pub schema: &'static str,
    pub portfolio: &'a str,
    pub start: String,
    pub finish: String,
    pub finish_day: i64,
    pub nodes: Vec<NodeJson<'a>>,
    pub critical_path: Vec<&'a str>,
    pub capabilities: Vec<CapabilityJson<'a>>,
}

/// One node's schedule figures.
#[derive(Debug, Serialize)]
pub struct NodeJson<'a> {
    pub id: &'a str,
    pub kind: NodeKind,
    pub domain: Option<&'a str>,
    pub es: i64,
    pub ef: i64,
    pub ls: i64,
    pub lf: i64,
    pub total_float: i64,
    pub free_float: i64,
    pub critical: bool,
    pub near_critical: bool,
    /// Finished: an `actual_finish` (SPEC §7).
    pub complete: bool,
    pub early_start: String,
    pub early_finish: String,
}

/// One capability's forecast against its target.
#[derive(Debug, Serialize)]
pub struct CapabilityJson<'a> {
    pub id: &'a str,
    pub target: Option<String>,
    pub finish: String,
    pub finish_day: i64,
    pub margin_days: Option<i64>,
    pub driving_path: Vec<&'a str>,
}

/// Every node's id as a JSON string literal (quoted, escaped), by node
/// index: for id lists that repeat them millions of times.
pub fn quoted_ids(portfolio: &Portfolio) -> std::io::Result<Vec<String>> {
    (0..portfolio.node_count())
        .into_par_iter()
        .map(|i| serde_json::to_string(portfolio.id(NodeIndex::new(i))))
        .collect::<Result<_, _>>()
        .map_err(std::io::Error::from)
}

/// The ids of a path.
pub fn ids<'a>(portfolio: &'a Portfolio, path: &[NodeIndex]) -> Vec<&'a str> {
    path.iter().map(|n| portfolio.id(*n)).collect()
}

impl<'a> NodeJson<'a> {
    pub fn new(portfolio: &'a Portfolio, schedule: &Schedule, n: NodeIndex) -> Self {
        let calendar = portfolio.calendar();
        let node = portfolio.node(n);
        let t = schedule.times(n);
        NodeJson {
            id: &node.id,
            kind: node.kind,
            domain: node.domain.as_deref(),
            es: t.es,
            ef: t.ef,
            ls: t.ls,
            lf: t.lf,
            total_float: t.total_float,
            free_float: t.free_float,
            critical: t.critical,
            near_critical: t.near_critical,
            complete: t.complete,
            early_start: calendar.format(t.es),
            early_finish: calendar.format(t.ef),
        }
    }
}

impl<'a> CapabilityJson<'a> {
    pub fn new(portfolio: &'a Portfolio, capability: &CapabilityDate) -> Self {
        let calendar = portfolio.calendar();
        CapabilityJson {
            id: portfolio.id(capability.node),
            target: capability.target.map(|t| calendar.format(t)),
            finish: calendar.format(capability.finish),
            finish_day: capability.finish,
            margin_days: capability.margin,
            driving_path: ids(portfolio, &capability.driving_path),
        }
    }
}

impl<'a> ScheduleJson<'a> {
    pub fn new(
        portfolio: &'a Portfolio,
        schedule: &Schedule,
        capabilities: &[CapabilityDate],
    ) -> Self {
        let calendar = portfolio.calendar();
        let nodes = portfolio
            .nodes_by_id()
            .iter()
            .map(|&n| NodeJson::new(portfolio, schedule, n))
            .collect();
        ScheduleJson {
            schema: SCHEDULE_SCHEMA,
            portfolio: portfolio.name(),
            start: calendar.format(0),
            finish: calendar.format(schedule.finish),
            finish_day: schedule.finish,
            nodes,
            critical_path: ids(portfolio, &schedule.critical_path),
            capabilities: capabilities
                .iter()
                .map(|c| CapabilityJson::new(portfolio, c))
                .collect(),
        }
    }
}

/// Writes the `capgraph.schedule/1` document of [`ScheduleJson`] with its
/// final newline: the same bytes as [`write_json`] of it, streamed, the
/// node and capability lists rendered in parallel (see [`crate::render::json::stream`]).
pub fn write_schedule(
    portfolio: &Portfolio,
    schedule: &Schedule,
    capabilities: &[CapabilityDate],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let calendar = portfolio.calendar();
    let nodes = portfolio.nodes_by_id();
    let mut doc = Document::begin(out)?;
    doc.field("schema", &SCHEDULE_SCHEMA)?;
    doc.field("portfolio", &portfolio.name())?;
    doc.field("start", &calendar.format(0))?;
    doc.field("finish", &calendar.format(schedule.finish))?;
    doc.field("finish_day", &schedule.finish)?;
    doc.array("nodes", nodes.len(), |i| {
        NodeJson::new(portfolio, schedule, nodes[i])
    })?;
    doc.field("critical_path", &ids(portfolio, &schedule.critical_path))?;
    let quoted = quoted_ids(portfolio)?;
    doc.array_with("capabilities", capabilities.len(), |i, out| {
        // The fields of CapabilityJson, in its order (the unit test below
        // compares the bytes); the driving paths (3.3 million ids for
        // 100 000 projects) with their ids escaped once.
        let capability = &capabilities[i];
        let mut element = Object::begin(out, 2)?;
        element.field("id", &portfolio.id(capability.node))?;
        element.field("target", &capability.target.map(|t| calendar.format(t)))?;
        element.field("finish", &calendar.format(capability.finish))?;
        element.field("finish_day", &capability.finish)?;
        element.field("margin_days", &capability.margin)?;
        element.quoted_strings(
            "driving_path",
            capability
                .driving_path
                .iter()
                .map(|n| quoted[n.index()].as_str()),
        )?;
        element.end()
    })?;
    doc.end()
}

/// `capgraph.path/1`.
#[derive(Debug, Serialize)]
pub struct PathJson<'a> {
    pub schema: &'static str,
    pub target: &'a str,
    pub finish: String,
    pub driving_path: Vec<&'a str>,
    pub nodes: Vec<AncestorJson<'a>>,
}

/// One ancestor's float to the target.
#[derive(Debug, Serialize)]
pub struct AncestorJson<'a> {
    pub id: &'a str,
    pub float_to_target: i64,
    /// Finished: an `actual_finish` (SPEC §7).
    pub complete: bool,
}

impl<'a> PathJson<'a> {
    pub fn new(portfolio: &'a Portfolio, schedule: &Schedule, float: &TargetFloat) -> Self {
        PathJson {
            schema: "capgraph.path/1",
            target: portfolio.id(float.target),
            finish: portfolio.calendar().format(float.finish),
            driving_path: ids(portfolio, &float.driving_path),
            nodes: float
                .ancestors
                .iter()
                .map(|(n, f)| AncestorJson {
                    id: portfolio.id(*n),
                    float_to_target: *f,
                    complete: schedule.times(*n).complete,
                })
                .collect(),
        }
    }
}

/// Writes a JSON document, pretty-printed, with a final newline.
pub fn write_json(document: &impl Serialize, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, document)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::model::portfolio_from_str;

    #[test]
    fn the_streamed_schedule_has_the_bytes_of_the_document() {
        // Two domains, a component, capabilities with and without target,
        // an id that needs escaping: every field of every element.
        let text = r#"{"portfolio": {"name": "T \"q\"", "start": "2025-01-01"},
            "components": [{"id": "k", "name": "k", "provided_by": "A", "domain": "core"}],
            "capabilities": [{"id": "C", "name": "c", "target": "2025-03-01"},
                             {"id": "D", "name": "d"}],
            "projects": [{"id": "A", "name": "a", "duration_days": 10, "domain": "core"},
                         {"id": "B\"\u00e9", "name": "b", "duration_days": 4, "uses": ["k"],
                          "delivers": ["C", "D"]}]}"#;
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let s = Schedule::compute(&p, None, &ScheduleOptions::default());
        let caps = s.capabilities(&p);
        let mut expected = Vec::new();
        write_json(&ScheduleJson::new(&p, &s, &caps), &mut expected).unwrap();
        let mut streamed = Vec::new();
        write_schedule(&p, &s, &caps, &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed), String::from_utf8(expected));
    }
}
