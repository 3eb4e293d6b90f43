//! The `capgraph.schedule/1` and `capgraph.path/1` JSON documents (SPEC §6).
//!
//! [`ScheduleJson`] is public so that the weekly summary embeds the very
//! same figures (one source of truth).

use std::sync::mpsc::{self, Receiver};

use petgraph::graph::NodeIndex;
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::analysis::path::TargetFloat;
use crate::analysis::schedule::{DrivingSteps, Schedule};
use crate::model::calendar::DayText;
use crate::model::{NodeKind, Portfolio};

const SCHEDULE_SCHEMA: &str = "capgraph.schedule/1";

/// `capgraph.schedule/1`: one serde model, streamed. The node and
/// capability lists are serialised from the schedule as they are written,
/// each capability's driving path worked out only then: a chain through
/// 10 000 capabilities lists 10⁸ ids, which are never held.
#[derive(Serialize)]
pub struct ScheduleJson<'a> {
    schema: &'static str,
    portfolio: &'a str,
    start: DayText,
    finish: DayText,
    finish_day: i64,
    nodes: Nodes<'a>,
    critical_path: Vec<&'a str>,
    capabilities: Capabilities<'a>,
}

/// Every node's schedule figures, by id.
struct Nodes<'a> {
    portfolio: &'a Portfolio,
    schedule: &'a Schedule<'a>,
}

/// One node's schedule figures.
#[derive(Serialize)]
struct NodeJson<'a> {
    id: &'a str,
    kind: NodeKind,
    domain: Option<&'a str>,
    es: i64,
    ef: i64,
    ls: i64,
    lf: i64,
    total_float: i64,
    free_float: i64,
    critical: bool,
    near_critical: bool,
    /// Finished: an `actual_finish` (SPEC §7).
    complete: bool,
    early_start: DayText,
    early_finish: DayText,
}

/// Every capability's forecast against its target, by id.
struct Capabilities<'a> {
    portfolio: &'a Portfolio,
    schedule: &'a Schedule<'a>,
    /// The paths' shared steps, when another thread works them out while
    /// the nodes are written ([`write_schedule`]); else worked out when the
    /// list is reached.
    paths: Option<Receiver<serde_json::Result<CapabilityPaths>>>,
}

/// What the capability list needs before its first element: the
/// capabilities, the steps of their driving paths and the ids on them.
struct CapabilityPaths {
    /// Every capability, by id.
    capabilities: Vec<NodeIndex>,
    steps: DrivingSteps,
    /// [`quoted_ids`] of the nodes on the paths.
    quoted: Vec<Option<Box<RawValue>>>,
}

impl CapabilityPaths {
    fn new(portfolio: &Portfolio, schedule: &Schedule) -> serde_json::Result<CapabilityPaths> {
        let capabilities: Vec<NodeIndex> = portfolio.nodes_of_kind(NodeKind::Capability).collect();
        let steps = schedule.driving_steps_to(capabilities.iter().copied());
        let quoted = quoted_ids(portfolio, &steps.on_path)?;
        Ok(CapabilityPaths {
            capabilities,
            steps,
            quoted,
        })
    }
}

/// One capability's forecast against its target.
#[derive(Serialize)]
struct CapabilityJson<'a> {
    id: &'a str,
    target: Option<DayText>,
    finish: DayText,
    finish_day: i64,
    margin_days: Option<i64>,
    driving_path: Vec<&'a RawValue>,
}

/// The id of every node on a driving path (`on_path`, by node index) as a
/// JSON string (quoted, escaped): driving paths repeat the same ids
/// millions of times. Other nodes' entries are `None`.
fn quoted_ids(
    portfolio: &Portfolio,
    on_path: &[bool],
) -> serde_json::Result<Vec<Option<Box<RawValue>>>> {
    on_path
        .iter()
        .enumerate()
        .map(|(i, &on)| {
            on.then(|| serde_json::value::to_raw_value(portfolio.id(NodeIndex::new(i))))
                .transpose()
        })
        .collect()
}

/// The ids of a path.
pub fn ids<'a>(portfolio: &'a Portfolio, path: &[NodeIndex]) -> Vec<&'a str> {
    path.iter().map(|n| portfolio.id(*n)).collect()
}

impl<'a> ScheduleJson<'a> {
    /// The document for `schedule`.
    pub fn new(schedule: &'a Schedule<'a>) -> Self {
        let portfolio = schedule.portfolio();
        let calendar = portfolio.calendar();
        ScheduleJson {
            schema: SCHEDULE_SCHEMA,
            portfolio: portfolio.name(),
            start: calendar.text(0),
            finish: calendar.text(schedule.finish),
            finish_day: schedule.finish,
            nodes: Nodes {
                portfolio,
                schedule,
            },
            critical_path: ids(portfolio, &schedule.critical_path),
            capabilities: Capabilities {
                portfolio,
                schedule,
                paths: None,
            },
        }
    }
}

impl Serialize for Nodes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (portfolio, schedule) = (self.portfolio, self.schedule);
        let calendar = portfolio.calendar();
        serializer.collect_seq(portfolio.nodes_by_id().iter().map(|&n| {
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
                early_start: calendar.text(t.es),
                early_finish: calendar.text(t.ef),
            }
        }))
    }
}

impl Serialize for Capabilities<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (portfolio, schedule) = (self.portfolio, self.schedule);
        let calendar = portfolio.calendar();
        // Worked out here if no other thread did (or it failed to send).
        let paths = self
            .paths
            .as_ref()
            .and_then(|receiver| receiver.recv().ok())
            .unwrap_or_else(|| CapabilityPaths::new(portfolio, schedule))
            .map_err(serde::ser::Error::custom)?;
        let quoted = &paths.quoted;
        serializer.collect_seq(paths.capabilities.iter().map(|&node| {
            let capability = schedule.capability(node);
            CapabilityJson {
                id: portfolio.id(capability.node),
                target: capability.target.map(|t| calendar.text(t)),
                finish: calendar.text(capability.finish),
                finish_day: capability.finish,
                margin_days: capability.margin,
                driving_path: paths
                    .steps
                    .path(node)
                    .iter()
                    .map(|n| {
                        quoted[n.index()]
                            .as_deref()
                            .expect("every node of a driving path is quoted")
                    })
                    .collect(),
            }
        }))
    }
}

/// Writes the `capgraph.schedule/1` document, with its final newline.
/// The capabilities' driving paths are worked out on a second thread while
/// the node list (the larger part) is written.
pub fn write_schedule(schedule: &Schedule, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel(1);
        scope.spawn(move || send.send(CapabilityPaths::new(schedule.portfolio(), schedule)));
        let mut document = ScheduleJson::new(schedule);
        document.capabilities.paths = Some(receive);
        super::write_json(&document, out)
    })
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
    pub fn new(schedule: &Schedule<'a>, float: &TargetFloat) -> Self {
        let portfolio = schedule.portfolio();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::model::portfolio_from_str;
    use serde_json::{json, Value};

    #[test]
    fn every_field_of_every_element_is_written() {
        // Two domains, a component, capabilities with and without target,
        // an id that needs escaping. A (10 days, core) → k (component,
        // day 10) → B"é (4 days, uses k: days 10–14) → C (target day 59,
        // 2025-03-01) and D. Finish 14; C's margin 59 − 14 = 45.
        let text = r#"{"portfolio": {"name": "T \"q\"", "start": "2025-01-01"},
            "components": [{"id": "k", "name": "k", "provided_by": "A", "domain": "core"}],
            "capabilities": [{"id": "C", "name": "c", "target": "2025-03-01"},
                             {"id": "D", "name": "d"}],
            "projects": [{"id": "A", "name": "a", "duration_days": 10, "domain": "core"},
                         {"id": "B\"\u00e9", "name": "b", "duration_days": 4, "uses": ["k"],
                          "delivers": ["C", "D"]}]}"#;
        let p = portfolio_from_str(text, "t.json").value.expect("valid");
        let s = Schedule::compute(&p, &ScheduleOptions::default());
        let mut written = Vec::new();
        write_schedule(&s, &mut written).unwrap();
        let got: Value = serde_json::from_slice(&written).unwrap();
        assert_eq!(got["portfolio"], "T \"q\"");
        assert_eq!(got["finish_day"], 14);
        assert_eq!(got["finish"], "2025-01-15");
        let ids: Vec<&str> = got["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["A", "B\"é", "C", "D", "k"]);
        assert_eq!(
            got["nodes"][1],
            json!({"id": "B\"é", "kind": "project", "domain": null, "es": 10, "ef": 14,
                   "ls": 10, "lf": 14, "total_float": 0, "free_float": 0, "critical": true,
                   "near_critical": false, "complete": false,
                   "early_start": "2025-01-11", "early_finish": "2025-01-15"})
        );
        assert_eq!(
            got["capabilities"],
            json!([{"id": "C", "target": "2025-03-01", "finish": "2025-01-15",
                    "finish_day": 14, "margin_days": 45,
                    "driving_path": ["A", "k", "B\"é", "C"]},
                   {"id": "D", "target": null, "finish": "2025-01-15", "finish_day": 14,
                    "margin_days": null, "driving_path": ["A", "k", "B\"é", "D"]}])
        );
        assert!(written.ends_with(b"}\n"));
    }
}
