//! The `capgraph.risk/1` JSON document (SPEC §11).
//!
//! The serde types are public so that the weekly summary can embed the
//! very same figures.

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::risk::statistics::FinishDistribution;
use crate::analysis::risk::{NodeShare, RiskAnalysis, Sensitivity};
use crate::model::{NodeKind, Portfolio};

const SCHEMA: &str = "capgraph.risk/1";

/// `capgraph.risk/1`.
#[derive(Debug, Serialize)]
pub struct RiskJson<'a> {
    pub schema: &'static str,
    pub portfolio: &'a str,
    pub start: String,
    /// `as_of` of the status file applied, if any.
    pub as_of: Option<&'a str>,
    pub iterations: usize,
    pub seed: u64,
    pub distribution: &'static str,
    pub correlation: f64,
    pub varying_projects: usize,
    pub finish: FinishJson,
    pub capabilities: Vec<CapabilityJson<'a>>,
    pub nodes: Vec<NodeJson<'a>>,
    pub sensitivity: Vec<SensitivityJson<'a>>,
}

/// The distribution of one finish date over the iterations.
#[derive(Debug, Serialize)]
pub struct FinishJson {
    pub mean_day: f64,
    pub p10: String,
    pub p10_day: i64,
    pub p50: String,
    pub p50_day: i64,
    pub p80: String,
    pub p80_day: i64,
    pub p90: String,
    pub p90_day: i64,
    pub deterministic: String,
    pub deterministic_day: i64,
    /// Share of iterations finishing on or before the deterministic date.
    pub deterministic_probability: f64,
    pub target: Option<String>,
    pub target_day: Option<i64>,
    /// Share of iterations finishing on or before the target.
    pub target_probability: Option<f64>,
    /// The S-curve: each finish day reached and the share of iterations
    /// finishing on or before it, `[day, probability]`, by day.
    pub cumulative: Vec<(i64, f64)>,
}

/// One capability's risk figures.
#[derive(Debug, Serialize)]
pub struct CapabilityJson<'a> {
    pub id: &'a str,
    #[serde(flatten)]
    pub finish: FinishJson,
    pub drivers: Vec<ShareJson<'a>>,
}

/// A node and the share of iterations on a driving path.
#[derive(Debug, Serialize)]
pub struct ShareJson<'a> {
    pub id: &'a str,
    pub share: f64,
}

/// One node's criticality index.
#[derive(Debug, Serialize)]
pub struct NodeJson<'a> {
    pub id: &'a str,
    pub kind: NodeKind,
    pub criticality: f64,
}

/// One bar of the tornado.
#[derive(Debug, Serialize)]
pub struct SensitivityJson<'a> {
    pub id: &'a str,
    pub correlation: f64,
}

impl FinishJson {
    pub fn new(portfolio: &Portfolio, f: &FinishDistribution) -> FinishJson {
        let calendar = portfolio.calendar();
        let n = f.iterations.max(1) as f64;
        FinishJson {
            mean_day: f.mean,
            p10: calendar.format(f.p10),
            p10_day: f.p10,
            p50: calendar.format(f.p50),
            p50_day: f.p50,
            p80: calendar.format(f.p80),
            p80_day: f.p80,
            p90: calendar.format(f.p90),
            p90_day: f.p90,
            deterministic: calendar.format(f.deterministic),
            deterministic_day: f.deterministic,
            deterministic_probability: f.by_deterministic,
            target: f.target.map(|t| calendar.format(t)),
            target_day: f.target,
            target_probability: f.by_target,
            cumulative: f
                .cumulative
                .iter()
                .map(|&(day, count)| (day, count as f64 / n))
                .collect(),
        }
    }
}

fn shares<'a>(portfolio: &'a Portfolio, shares: &[NodeShare]) -> Vec<ShareJson<'a>> {
    shares
        .iter()
        .map(|s| ShareJson {
            id: portfolio.id(s.node),
            share: s.share,
        })
        .collect()
}

fn tornado<'a>(portfolio: &'a Portfolio, sensitivity: &[Sensitivity]) -> Vec<SensitivityJson<'a>> {
    sensitivity
        .iter()
        .map(|s| SensitivityJson {
            id: portfolio.id(s.node),
            correlation: s.correlation,
        })
        .collect()
}

impl<'a> RiskJson<'a> {
    /// The document of `risk`, on its own portfolio.
    pub fn new(risk: &'a RiskAnalysis) -> Self {
        let portfolio = risk.portfolio();
        RiskJson {
            schema: SCHEMA,
            portfolio: portfolio.name(),
            start: portfolio.calendar().format(0),
            as_of: risk.as_of_date.as_deref(),
            iterations: risk.options.iterations,
            seed: risk.options.seed,
            distribution: risk.options.shape.as_str(),
            correlation: risk.options.correlation,
            varying_projects: risk.varying,
            finish: FinishJson::new(portfolio, &risk.finish),
            capabilities: risk
                .capabilities
                .iter()
                .map(|c| CapabilityJson {
                    id: portfolio.id(c.node),
                    finish: FinishJson::new(portfolio, &c.finish),
                    drivers: shares(portfolio, &c.drivers),
                })
                .collect(),
            nodes: portfolio
                .nodes_by_id()
                .iter()
                .map(|&n| NodeJson {
                    id: portfolio.id(n),
                    kind: portfolio.node(n).kind,
                    criticality: risk.criticality[n.index()],
                })
                .collect(),
            sensitivity: tornado(portfolio, &risk.sensitivity),
        }
    }
}

/// Writes the document, pretty-printed.
pub fn write_risk(risk: &RiskAnalysis, out: &mut dyn Write) -> io::Result<()> {
    super::write_json(&RiskJson::new(risk), out)
}
