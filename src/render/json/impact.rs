//! The impact of a scenario as stable JSON (`impact --format json`,
//! `"schema": "capgraph.impact/1"`, SPEC §6).

use std::io::{self, Write};

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::analysis::impact::{Impact, StructuralImpact};
use crate::model::records::UpdateRecord;
use crate::model::{Portfolio, Status};

use crate::render::json::schedule::quoted_ids;
use crate::render::json::stream::{Document, Object};
use crate::render::text::money::json_amount;

const IMPACT_SCHEMA: &str = "capgraph.impact/1";

/// `capgraph.impact/1`; public so the weekly summary embeds the same figures.
#[derive(Serialize)]
pub struct ImpactJson<'a> {
    schema: &'static str,
    sources: Vec<&'a UpdateRecord>,
    finish_slip_days: i64,
    impacted: Vec<ImpactedJson<'a>>,
    capabilities: Vec<CapabilityJson<'a>>,
    exposure: ExposureJson,
}

#[derive(Serialize)]
struct ImpactedJson<'a> {
    id: &'a str,
    kind: &'static str,
    slip_days: i64,
    baseline_finish: String,
    new_finish: String,
    chain: Vec<&'a str>,
}

#[derive(Serialize)]
struct CapabilityJson<'a> {
    id: &'a str,
    slip_days: i64,
    target: Option<String>,
    new_finish: String,
    margin_days: Option<i64>,
}

#[derive(Serialize)]
struct ExposureJson {
    investment: serde_json::Number,
    projects: usize,
}

#[derive(Serialize)]
struct StructuralJson<'a> {
    schema: &'static str,
    structural: bool,
    sources: Vec<&'a UpdateRecord>,
    impacted: Vec<ReachedJson<'a>>,
}

#[derive(Serialize)]
struct ReachedJson<'a> {
    id: &'a str,
    kind: &'static str,
    depth: u32,
    chain: Vec<&'a str>,
}

/// The scenario's updates as given, by id.
fn sources<'a>(portfolio: &Portfolio, status: &'a Status) -> Vec<&'a UpdateRecord> {
    let mut updates: Vec<_> = status.updates.iter().collect();
    updates.sort_by_key(|u| portfolio.id_rank(u.node));
    updates.into_iter().map(|u| &u.record).collect()
}

/// Writes `impact` (computed under `status`) as pretty-printed JSON: the
/// bytes of [`ImpactJson`], streamed, the impacted nodes and their chains
/// rendered in parallel and never held all at once (see
/// [`crate::render::json::stream`]; a wide delay on a large portfolio gives
/// hundreds of megabytes of chains).
pub fn write_impact(
    portfolio: &Portfolio,
    status: &Status,
    impact: &Impact,
    out: &mut dyn Write,
) -> io::Result<()> {
    // The chains repeat the ids millions of times on a large portfolio.
    let quoted = quoted_ids(portfolio)?;
    let mut doc = Document::begin(out)?;
    doc.field("schema", &IMPACT_SCHEMA)?;
    doc.field("sources", &sources(portfolio, status))?;
    doc.field("finish_slip_days", &impact.finish_slip)?;
    doc.array_with("impacted", impact.impacted.len(), |i, out| {
        // The fields of ImpactedJson, in its order (the unit test below
        // compares the bytes with ImpactJson's).
        let node = impact.impacted[i];
        let calendar = portfolio.calendar();
        let mut element = Object::begin(out, 2)?;
        element.field("id", &portfolio.id(node))?;
        element.field("kind", &portfolio.node(node).kind.as_str())?;
        element.field("slip_days", &impact.slip(node))?;
        element.field(
            "baseline_finish",
            &calendar.format(impact.baseline.times(node).ef),
        )?;
        element.field(
            "new_finish",
            &calendar.format(impact.updated.times(node).ef),
        )?;
        let chain = impact.chain(node);
        element.quoted_strings("chain", chain.iter().map(|n| quoted[n.index()].as_str()))?;
        element.end()
    })?;
    doc.field("capabilities", &capabilities(portfolio, impact))?;
    doc.field("exposure", &ExposureJson::new(impact))?;
    doc.end()
}

impl<'a> ImpactJson<'a> {
    /// The document for `impact`, computed under `status`.
    pub fn new(portfolio: &'a Portfolio, status: &'a Status, impact: &Impact) -> ImpactJson<'a> {
        ImpactJson {
            schema: IMPACT_SCHEMA,
            sources: sources(portfolio, status),
            finish_slip_days: impact.finish_slip,
            impacted: impact
                .impacted
                .iter()
                .map(|&node| ImpactedJson::new(portfolio, impact, node))
                .collect(),
            capabilities: capabilities(portfolio, impact),
            exposure: ExposureJson::new(impact),
        }
    }
}

impl<'a> ImpactedJson<'a> {
    fn new(portfolio: &'a Portfolio, impact: &Impact, node: NodeIndex) -> Self {
        let calendar = portfolio.calendar();
        ImpactedJson {
            id: portfolio.id(node),
            kind: portfolio.node(node).kind.as_str(),
            slip_days: impact.slip(node),
            baseline_finish: calendar.format(impact.baseline.times(node).ef),
            new_finish: calendar.format(impact.updated.times(node).ef),
            chain: impact
                .chain(node)
                .iter()
                .map(|n| portfolio.id(*n))
                .collect(),
        }
    }
}

fn capabilities<'a>(portfolio: &'a Portfolio, impact: &Impact) -> Vec<CapabilityJson<'a>> {
    let calendar = portfolio.calendar();
    impact
        .capabilities
        .iter()
        .map(|c| CapabilityJson {
            id: portfolio.id(c.node),
            slip_days: c.slip,
            target: c.target.map(|t| calendar.format(t)),
            new_finish: calendar.format(c.new_finish),
            margin_days: c.margin,
        })
        .collect()
}

impl ExposureJson {
    fn new(impact: &Impact) -> Self {
        ExposureJson {
            investment: json_amount(impact.exposure.investment),
            projects: impact.exposure.projects,
        }
    }
}

/// Writes the structural impact (no dates) as pretty-printed JSON.
pub fn write_structural(
    portfolio: &Portfolio,
    status: &Status,
    reach: &StructuralImpact,
    out: &mut dyn Write,
) -> io::Result<()> {
    let json = StructuralJson {
        schema: IMPACT_SCHEMA,
        structural: true,
        sources: sources(portfolio, status),
        impacted: reach
            .reached
            .iter()
            .map(|&node| ReachedJson {
                id: portfolio.id(node),
                kind: portfolio.node(node).kind.as_str(),
                depth: reach.depth(node).unwrap_or(0),
                chain: reach.chain(node).iter().map(|n| portfolio.id(*n)).collect(),
            })
            .collect(),
    };
    finish(&json, out)
}

fn finish(json: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, json)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::model::portfolio_from_str;

    #[test]
    fn the_streamed_impact_has_the_bytes_of_the_document() {
        // A(10) → B\"(5) → CAP (target day 12); A +5 slips B\" and CAP by 5:
        // impacted nodes with chains of one to three ids (one to escape),
        // a late capability, an exposure.
        let text = r#"{"portfolio": {"name": "T", "start": "2025-01-01"},
            "capabilities": [{"id": "CAP", "name": "c", "target": "2025-01-13"}],
            "projects": [{"id": "A", "name": "a", "duration_days": 10, "cost": {"investment": 1.5}},
                         {"id": "B\\\"", "name": "b", "duration_days": 5, "depends_on": ["A"],
                          "delivers": ["CAP"]}]}"#;
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let status = Status::from_delays(&p, &[(p.lookup("A").unwrap(), 5)]);
        let impact = Impact::compute(&p, &status, &ScheduleOptions::default());
        assert_eq!(impact.impacted.len(), 3);
        let mut expected = Vec::new();
        finish(&ImpactJson::new(&p, &status, &impact), &mut expected).unwrap();
        let mut streamed = Vec::new();
        write_impact(&p, &status, &impact, &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed), String::from_utf8(expected));
    }
}
