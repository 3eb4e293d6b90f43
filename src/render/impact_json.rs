//! The impact of a scenario as stable JSON (`impact --format json`,
//! `"schema": "capgraph.impact/1"`, SPEC §6).

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::impact::{Impact, StructuralImpact};
use crate::model::records::UpdateRecord;
use crate::model::{Portfolio, Status};

use super::money::json_amount;

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

/// Writes `impact` (computed under `status`) as pretty-printed JSON.
pub fn write_impact(
    portfolio: &Portfolio,
    status: &Status,
    impact: &Impact,
    out: &mut dyn Write,
) -> io::Result<()> {
    finish(&ImpactJson::new(portfolio, status, impact), out)
}

impl<'a> ImpactJson<'a> {
    /// The document for `impact`, computed under `status`.
    pub fn new(portfolio: &'a Portfolio, status: &'a Status, impact: &Impact) -> ImpactJson<'a> {
        let calendar = portfolio.calendar();
        ImpactJson {
            schema: "capgraph.impact/1",
            sources: sources(portfolio, status),
            finish_slip_days: impact.finish_slip,
            impacted: impact
                .impacted
                .iter()
                .map(|&node| ImpactedJson {
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
                })
                .collect(),
            capabilities: impact
                .capabilities
                .iter()
                .map(|c| CapabilityJson {
                    id: portfolio.id(c.node),
                    slip_days: c.slip,
                    target: c.target.map(|t| calendar.format(t)),
                    new_finish: calendar.format(c.new_finish),
                    margin_days: c.margin,
                })
                .collect(),
            exposure: ExposureJson {
                investment: json_amount(impact.exposure.investment),
                projects: impact.exposure.projects,
            },
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
        schema: "capgraph.impact/1",
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
