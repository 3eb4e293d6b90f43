//! Options side by side as stable JSON (`options --format json`,
//! `"schema": "capgraph.options/1"`, SPEC §4).
//!
//! ```json
//! { "schema": "capgraph.options/1", "portfolio": "…", "as_of": "2026-11-23",
//!   "status": { "finish": "…", "finish_day": 1519,
//!               "capabilities": [ { "id", "target", "finish", "margin_days" } ] },
//!   "options": [ { "name": "…", "deltas": [ { "id", "delay_days" } ],
//!                  "finish": "…", "finish_day": n, "finish_change_days": n,
//!                  "capabilities": [ { "id", "finish", "margin_days", "change_days" } ] } ],
//!   "recovery": [ { "id", "target", "finish", "late_days",
//!                   "driving_path": [ { "id", "kind", "float_to_target", "complete" } ],
//!                   "close_behind": [ … the same … ] } ] }
//! ```
//! `change_days` is the finish with the option − the finish with the status
//! alone (negative: earlier). Capabilities by id, options in the order
//! given, deltas by id; `close_behind` lists the other ancestors whose float
//! to the capability is below its lateness, by float then id.

use std::io::{self, Write};

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::analysis::options::OptionsComparison;

const OPTIONS_SCHEMA: &str = "capgraph.options/1";

#[derive(Serialize)]
struct OptionsJson<'a> {
    schema: &'static str,
    portfolio: &'a str,
    as_of: Option<&'a str>,
    status: StatusJson<'a>,
    options: Vec<OptionJson<'a>>,
    recovery: Vec<RecoveryJson<'a>>,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    finish: String,
    finish_day: i64,
    capabilities: Vec<CapabilityJson<'a>>,
}

#[derive(Serialize)]
struct CapabilityJson<'a> {
    id: &'a str,
    target: Option<String>,
    finish: String,
    margin_days: Option<i64>,
}

#[derive(Serialize)]
struct OptionJson<'a> {
    name: &'a str,
    deltas: Vec<DeltaJson<'a>>,
    finish: String,
    finish_day: i64,
    finish_change_days: i64,
    capabilities: Vec<OptionCapabilityJson<'a>>,
}

#[derive(Serialize)]
struct DeltaJson<'a> {
    id: &'a str,
    delay_days: i64,
}

#[derive(Serialize)]
struct OptionCapabilityJson<'a> {
    id: &'a str,
    finish: String,
    margin_days: Option<i64>,
    change_days: i64,
}

#[derive(Serialize)]
struct RecoveryJson<'a> {
    id: &'a str,
    target: Option<String>,
    finish: String,
    late_days: i64,
    driving_path: Vec<FloatJson<'a>>,
    close_behind: Vec<FloatJson<'a>>,
}

#[derive(Serialize)]
struct FloatJson<'a> {
    id: &'a str,
    kind: &'static str,
    float_to_target: i64,
    complete: bool,
}

/// Writes the comparison as pretty-printed JSON.
pub fn write_options(comparison: &OptionsComparison, out: &mut dyn Write) -> io::Result<()> {
    let portfolio = comparison.portfolio();
    let calendar = portfolio.calendar();
    let alone = &comparison.status;
    let margin = |node: NodeIndex, finish: i64| portfolio.node(node).target.map(|t| t - finish);
    let floats = |list: &[(NodeIndex, i64)]| -> Vec<FloatJson> {
        list.iter()
            .map(|&(node, float)| FloatJson {
                id: portfolio.id(node),
                kind: portfolio.node(node).kind.as_str(),
                float_to_target: float,
                complete: alone.times(node).complete,
            })
            .collect()
    };
    let json = OptionsJson {
        schema: OPTIONS_SCHEMA,
        portfolio: portfolio.name(),
        as_of: comparison.as_of_date.as_deref(),
        status: StatusJson {
            finish: calendar.format(alone.finish),
            finish_day: alone.finish,
            capabilities: comparison
                .capabilities
                .iter()
                .map(|&c| {
                    let finish = alone.times(c).ef;
                    CapabilityJson {
                        id: portfolio.id(c),
                        target: portfolio.node(c).target.map(|t| calendar.format(t)),
                        finish: calendar.format(finish),
                        margin_days: margin(c, finish),
                    }
                })
                .collect(),
        },
        options: comparison
            .options
            .iter()
            .map(|o| OptionJson {
                name: &o.spec.name,
                deltas: o
                    .spec
                    .delays
                    .iter()
                    .map(|(id, days)| DeltaJson {
                        id,
                        delay_days: *days,
                    })
                    .collect(),
                finish: calendar.format(o.finish),
                finish_day: o.finish,
                finish_change_days: o.finish - alone.finish,
                capabilities: comparison
                    .capabilities
                    .iter()
                    .zip(&o.capability_finishes)
                    .map(|(&c, &finish)| OptionCapabilityJson {
                        id: portfolio.id(c),
                        finish: calendar.format(finish),
                        margin_days: margin(c, finish),
                        change_days: finish - alone.times(c).ef,
                    })
                    .collect(),
            })
            .collect(),
        recovery: comparison
            .recovery
            .iter()
            .map(|r| RecoveryJson {
                id: portfolio.id(r.capability),
                target: portfolio
                    .node(r.capability)
                    .target
                    .map(|t| calendar.format(t)),
                finish: calendar.format(alone.times(r.capability).ef),
                late_days: r.late_days,
                driving_path: floats(&r.driving_path),
                close_behind: floats(&r.close_behind),
            })
            .collect(),
    };
    super::write_json(&json, out)
}
