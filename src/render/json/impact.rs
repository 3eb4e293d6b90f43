//! The impact of a scenario as stable JSON (`impact --format json`,
//! `"schema": "capgraph.impact/2"`, SPEC §6).
//!
//! One serde model, streamed: the impacted nodes, relays and capabilities
//! are serialised one by one from the analysis as they are written, so the
//! memory used stays that of the analysis however large the output. Each
//! impacted node names only the node before it on its chain (`via`), so the
//! output is linear in the size of the graph; capabilities carry their
//! whole chain.

use std::io::{self, Write};

use petgraph::graph::NodeIndex;
use serde::{Serialize, Serializer};

use crate::analysis::impact::{Impact, StructuralImpact};
use crate::analysis::scenario::Source;
use crate::model::records::UpdateRecord;
use crate::model::Portfolio;

use crate::render::text::money::json_amount;

const IMPACT_SCHEMA: &str = "capgraph.impact/2";

/// `capgraph.impact/2`; public so the weekly summary embeds the same figures.
#[derive(Serialize)]
pub struct ImpactJson<'a> {
    schema: &'static str,
    reference: Option<&'a str>,
    sources: Vec<SourceJson<'a>>,
    finish_slip_days: i64,
    impacted: Impacted<'a>,
    capabilities: Capabilities<'a>,
    relays: Vec<RelayJson<'a>>,
    exposure: ExposureJson,
}

/// A source: the update as given, and `"removed": true` for an update the
/// scenario no longer has.
#[derive(Serialize)]
struct SourceJson<'a> {
    #[serde(flatten)]
    update: &'a UpdateRecord,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    removed: bool,
}

/// The impacted nodes, serialised one at a time.
struct Impacted<'a> {
    portfolio: &'a Portfolio,
    impact: &'a Impact<'a>,
}

#[derive(Serialize)]
struct ImpactedJson<'a> {
    id: &'a str,
    kind: &'static str,
    slip_days: i64,
    reference_finish: String,
    new_finish: String,
    via: Option<&'a str>,
}

/// The capabilities that slipped, each with its whole chain built only
/// while it is written.
struct Capabilities<'a> {
    portfolio: &'a Portfolio,
    impact: &'a Impact<'a>,
}

#[derive(Serialize)]
struct CapabilityJson<'a> {
    id: &'a str,
    slip_days: i64,
    target: Option<String>,
    reference_finish: String,
    new_finish: String,
    reference_margin_days: Option<i64>,
    margin_days: Option<i64>,
    chain: Vec<&'a str>,
}

#[derive(Serialize)]
struct RelayJson<'a> {
    id: &'a str,
    via: Option<&'a str>,
}

#[derive(Serialize)]
struct ExposureJson {
    projects: usize,
    investment: serde_json::Number,
    late_capability_projects: usize,
    late_capability_investment: serde_json::Number,
}

#[derive(Serialize)]
struct StructuralJson<'a> {
    schema: &'static str,
    structural: bool,
    reference: Option<&'a str>,
    sources: Vec<SourceJson<'a>>,
    impacted: Reached<'a>,
}

/// The nodes downstream of the sources, serialised one at a time.
struct Reached<'a> {
    reach: &'a StructuralImpact<'a>,
}

#[derive(Serialize)]
struct ReachedJson<'a> {
    id: &'a str,
    kind: &'static str,
    depth: u32,
    via: Option<&'a str>,
}

impl<'a> ImpactJson<'a> {
    /// The document for `impact`.
    pub fn new(impact: &'a Impact<'a>) -> ImpactJson<'a> {
        let portfolio = impact.portfolio();
        let id = |node: Option<NodeIndex>| node.map(|n| portfolio.id(n));
        let exposure = &impact.exposure;
        ImpactJson {
            schema: IMPACT_SCHEMA,
            reference: impact.reference_as_of.as_deref(),
            sources: sources(&impact.sources),
            finish_slip_days: impact.finish_slip,
            impacted: Impacted { portfolio, impact },
            capabilities: Capabilities { portfolio, impact },
            relays: impact
                .relays
                .iter()
                .map(|&node| RelayJson {
                    id: portfolio.id(node),
                    via: id(impact.via(node)),
                })
                .collect(),
            exposure: ExposureJson {
                projects: exposure.projects,
                investment: json_amount(exposure.investment),
                late_capability_projects: exposure.late_capability_projects,
                late_capability_investment: json_amount(exposure.late_capability_investment),
            },
        }
    }
}

fn sources(sources: &[Source]) -> Vec<SourceJson<'_>> {
    sources
        .iter()
        .map(|s| SourceJson {
            update: &s.update,
            removed: s.removed,
        })
        .collect()
}

impl Serialize for Impacted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (portfolio, impact) = (self.portfolio, self.impact);
        let calendar = portfolio.calendar();
        serializer.collect_seq(impact.impacted.iter().map(|&node| ImpactedJson {
            id: portfolio.id(node),
            kind: portfolio.node(node).kind.as_str(),
            slip_days: impact.slip(node),
            reference_finish: calendar.format(impact.reference.times(node).ef),
            new_finish: calendar.format(impact.updated.times(node).ef),
            via: impact.via(node).map(|n| portfolio.id(n)),
        }))
    }
}

impl Serialize for Capabilities<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (portfolio, impact) = (self.portfolio, self.impact);
        let calendar = portfolio.calendar();
        serializer.collect_seq(impact.capabilities.iter().map(|c| {
            CapabilityJson {
                id: portfolio.id(c.node),
                slip_days: c.slip,
                target: c.target.map(|t| calendar.format(t)),
                reference_finish: calendar.format(c.reference_finish),
                new_finish: calendar.format(c.new_finish),
                reference_margin_days: c.reference_margin,
                margin_days: c.margin,
                chain: impact
                    .chain(c.node)
                    .iter()
                    .map(|n| portfolio.id(*n))
                    .collect(),
            }
        }))
    }
}

impl Serialize for Reached<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let reach = self.reach;
        let portfolio = reach.portfolio();
        serializer.collect_seq(reach.reached.iter().map(|&node| ReachedJson {
            id: portfolio.id(node),
            kind: portfolio.node(node).kind.as_str(),
            depth: reach.depth(node).unwrap_or(0),
            via: reach.parent(node).map(|n| portfolio.id(n)),
        }))
    }
}

/// Writes `impact` as pretty-printed JSON, streamed.
pub fn write_impact(impact: &Impact, out: &mut dyn Write) -> io::Result<()> {
    super::write_json(&ImpactJson::new(impact), out)
}

/// Writes the structural impact (no dates) as pretty-printed JSON, streamed.
pub fn write_structural(
    reach: &StructuralImpact,
    reference: Option<&str>,
    sources_of: &[Source],
    out: &mut dyn Write,
) -> io::Result<()> {
    let json = StructuralJson {
        schema: IMPACT_SCHEMA,
        structural: true,
        reference,
        sources: sources(sources_of),
        impacted: Reached { reach },
    };
    super::write_json(&json, out)
}
