//! What the explorer's side panel says about each shown project, component
//! and capability, and the links it walks to light up what drives an item and
//! what it holds up.
//!
//! Only assembly and wording: every figure comes from the [`Schedule`] (and,
//! with a scenario, the [`Impact`]); the page's script computes no figure.
//!
//! # Complexity
//! O(V + E); the panel writes each chain shortened, the driving paths and
//! impact chains without walking each whole ([`ChainIndex`]).

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::analysis::impact::Impact;
use crate::analysis::schedule::{CapabilityDate, Schedule};
use crate::analysis::view::View;
use crate::model::{NodeKind, Portfolio};
use crate::render::diagram::palette;
use crate::render::inert::inert;
use crate::render::text::chain::ChainIndex;
use crate::render::text::impact::describe_record;
use crate::render::text::wording::day_count;

/// The figures of one view, as the page's script reads them (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplorerData {
    /// Shown items, by id.
    pub nodes: Vec<ExplorerNode>,
    /// Shown links, tail → head, as positions in `nodes`.
    pub links: Vec<[u32; 2]>,
    /// Where the view leaves items out: shown item → shown item linked
    /// through items not shown only (not drawn), so that what the page lights
    /// up upstream and downstream is what the whole portfolio says.
    pub bridges: Vec<[u32; 2]>,
    /// The domains of the shown items, sorted (for the filters).
    pub domains: Vec<String>,
    /// The kinds of the shown items (`project`, `component`, `capability`).
    pub kinds: Vec<&'static str>,
}

/// One shown item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplorerNode {
    /// The node's index in the portfolio: the drawing tags its shapes with
    /// `n<index>` (see [`crate::render::diagram::dot::DotOptions`]).
    pub index: u32,
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub domain: Option<String>,
    /// What the panel lists: (label, value) in reading order.
    pub facts: Vec<(String, String)>,
}

/// The schedule figures to show: this week's (or the baseline's) dates and
/// floats, and with a scenario how it moved against the baseline.
#[derive(Debug, Clone, Copy)]
pub enum Figures<'a> {
    Plan(&'a Schedule<'a>),
    Scenario(&'a Impact<'a>),
}

impl Figures<'_> {
    fn schedule(&self) -> &Schedule<'_> {
        match self {
            Figures::Plan(schedule) => schedule,
            Figures::Scenario(impact) => &impact.updated,
        }
    }
}

impl ExplorerData {
    /// Gathers the panel figures of every item of `view`.
    pub fn gather(portfolio: &Portfolio, view: &View, figures: Figures<'_>) -> ExplorerData {
        let schedule = figures.schedule();
        let mut position = vec![u32::MAX; portfolio.node_count()];
        for (k, node) in view.nodes.iter().enumerate() {
            position[node.index()] = k as u32;
        }
        let mut dates: Vec<Option<CapabilityDate>> = vec![None; portfolio.node_count()];
        for date in schedule.capabilities() {
            let index = date.node.index();
            dates[index] = Some(date);
        }
        let steps = schedule.capability_steps();
        let mut driving_paths = ChainIndex::new(portfolio.node_count(), |n| steps.previous(n));
        let mut slip_chains = ChainIndex::new(portfolio.node_count(), |node| match figures {
            Figures::Scenario(impact) => impact.via(node),
            Figures::Plan(_) => None,
        });
        let nodes = view
            .nodes
            .iter()
            .map(|&node| {
                let record = portfolio.node(node);
                ExplorerNode {
                    index: node.index() as u32,
                    id: inert(&record.id).into_owned(),
                    name: inert(&record.name).into_owned(),
                    kind: record.kind.as_str(),
                    domain: record.domain.as_deref().map(|d| inert(d).into_owned()),
                    facts: facts(
                        portfolio,
                        figures,
                        &mut slip_chains,
                        &mut driving_paths,
                        node,
                        dates[node.index()].as_ref(),
                    ),
                }
            })
            .collect();
        let links = view
            .edges
            .iter()
            .map(|e| [position[e.from.index()], position[e.to.index()]])
            .collect();
        let bridges = bridges(portfolio, &position);
        let mut domains: Vec<String> = view
            .nodes
            .iter()
            .filter_map(|&n| portfolio.node(n).domain.as_deref())
            .map(|d| inert(d).into_owned())
            .collect();
        domains.sort_unstable();
        domains.dedup();
        let kinds = [NodeKind::Project, NodeKind::Component, NodeKind::Capability]
            .into_iter()
            .filter(|k| view.nodes.iter().any(|&n| portfolio.node(n).kind == *k))
            .map(NodeKind::as_str)
            .collect();
        ExplorerData {
            nodes,
            links,
            bridges,
            domains,
            kinds,
        }
    }
}

/// For each shown item, the shown items it reaches through items the view
/// leaves out (none when the view shows every item).
///
/// # Complexity
/// O(V + E) per shown item whose successors are not all shown, at worst;
/// each walk stops at shown items.
fn bridges(portfolio: &Portfolio, position: &[u32]) -> Vec<[u32; 2]> {
    let mut bridges = Vec::new();
    if position.iter().all(|&p| p != u32::MAX) {
        return bridges;
    }
    // `stamp[n] == k + 1`: node n was met in the walk from shown item k.
    let mut stamp = vec![0u32; portfolio.node_count()];
    let mut stack = Vec::new();
    for node in portfolio.nodes_by_id() {
        let from = position[node.index()];
        if from == u32::MAX {
            continue;
        }
        let mark = from + 1;
        let mut found = Vec::new();
        stack.extend(
            portfolio
                .successors(*node)
                .filter(|n| position[n.index()] == u32::MAX),
        );
        while let Some(hidden) = stack.pop() {
            if stamp[hidden.index()] == mark {
                continue;
            }
            stamp[hidden.index()] = mark;
            for next in portfolio.successors(hidden) {
                let to = position[next.index()];
                if to == u32::MAX {
                    stack.push(next);
                } else if stamp[next.index()] != mark {
                    stamp[next.index()] = mark;
                    found.push(to);
                }
            }
        }
        found.sort_unstable();
        bridges.extend(found.into_iter().map(|to| [from, to]));
    }
    bridges
}

/// The panel's lines for one item, in the committee's words.
fn facts(
    portfolio: &Portfolio,
    figures: Figures<'_>,
    slip_chains: &mut ChainIndex<impl Fn(NodeIndex) -> Option<NodeIndex>>,
    driving_paths: &mut ChainIndex<impl Fn(NodeIndex) -> Option<NodeIndex>>,
    node: NodeIndex,
    date: Option<&CapabilityDate>,
) -> Vec<(String, String)> {
    let schedule = figures.schedule();
    let calendar = portfolio.calendar();
    let record = portfolio.node(node);
    let times = schedule.times(node);
    let mut facts: Vec<(String, String)> = Vec::with_capacity(10);
    let mut push = |label: &str, value: String| facts.push((label.to_string(), value));
    push("Kind", palette::kind_legend(record.kind).to_string());
    if let Some(domain) = &record.domain {
        push("Domain", inert(domain).into_owned());
    }
    if let Some(owner) = record.owner() {
        push("Owner", inert(owner).into_owned());
    }
    match record.kind {
        NodeKind::Project => {
            push("Starts", calendar.format(times.es));
            push("Finishes", calendar.format(times.ef));
            push("Duration", day_count(times.effective_duration()));
        }
        NodeKind::Component | NodeKind::Capability => {
            push("Ready", calendar.format(times.ef));
        }
    }
    if record.kind == NodeKind::Capability {
        match date.and_then(|d| d.target.zip(d.margin)) {
            Some((target, margin)) => {
                push("Target", calendar.format(target));
                push("Margin to target", margin_words(margin));
            }
            None => push("Target", "none set".to_string()),
        }
        if date.is_some() {
            push(
                "Driving path",
                driving_paths.text(node, |n| inert(portfolio.id(n)).into_owned()),
            );
        }
    } else if times.complete {
        push("Float to portfolio finish", "complete".to_string());
    } else {
        let float = times.total_float;
        let words = if times.critical {
            format!("{} (critical)", day_count(float))
        } else if times.near_critical {
            format!("{} (near-critical)", day_count(float))
        } else {
            day_count(float)
        };
        push("Float to portfolio finish", words);
    }
    if let Figures::Scenario(impact) = figures {
        if let Some(source) = impact.sources.iter().find(|s| s.node == node) {
            push(
                "Update",
                inert(&describe_record(&source.update)).into_owned(),
            );
        }
        let slip = impact.slip(node);
        if slip != 0 {
            let baseline = impact.reference.times(node).ef;
            let moved = if slip > 0 { "later" } else { "earlier" };
            push(
                "Slip",
                format!(
                    "{} {moved} (was {})",
                    day_count(slip.abs()),
                    calendar.format(baseline)
                ),
            );
        }
        if slip > 0 && slip_chains.step_count(node) > 1 {
            let chain = slip_chains.text(node, |n| inert(portfolio.id(n)).into_owned());
            push("Slip chain", chain);
        }
    }
    if let Some(notes) = record.notes() {
        push("Notes", inert(notes).into_owned());
    }
    facts
}

/// "67 days late", "12 days to spare", "on the day".
fn margin_words(margin: i64) -> String {
    match margin {
        0 => "on the day (0 days)".to_string(),
        m if m < 0 => format!("{} late", day_count(-m)),
        m => format!("{} to spare", day_count(m)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::analysis::view::{self, ViewOptions};
    use crate::model::testing::valid_portfolio;
    use crate::model::Status;

    fn sample() -> Portfolio {
        // A (10 days) → B (5 days) → capability C (target 2025-01-20);
        // D (3 days) alone. Start 2025-01-01.
        valid_portfolio(
            r#""capabilities": [{"id": "C", "name": "cap", "target": "2025-01-20"}],
               "projects": [{"id": "A", "name": "a", "duration_days": 10, "owner": "Ann"},
                            {"id": "B", "name": "b", "duration_days": 5,
                             "depends_on": ["A"], "delivers": ["C"], "notes": "n"},
                            {"id": "D", "name": "d", "duration_days": 3}]"#,
        )
    }

    fn fact<'a>(node: &'a ExplorerNode, label: &str) -> Option<&'a str> {
        node.facts
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn panel_states_dates_float_and_margin_in_words() {
        // ES(A)=0 EF=10; B: 10..15; C ready 15, margin 19 − 15 = 4 days;
        // T = 15, so A and B are critical (float 0) and D (0..3) has 12 days.
        let p = sample();
        let view = view::select(&p, &ViewOptions::default());
        let schedule = Schedule::compute(&p, &ScheduleOptions::default());
        let data = ExplorerData::gather(&p, &view, Figures::Plan(&schedule));
        let ids: Vec<&str> = data.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["A", "B", "C", "D"]);
        let (a, b, c, d) = (
            &data.nodes[0],
            &data.nodes[1],
            &data.nodes[2],
            &data.nodes[3],
        );
        assert_eq!(fact(a, "Owner"), Some("Ann"));
        assert_eq!(fact(b, "Starts"), Some("2025-01-11"));
        assert_eq!(fact(b, "Finishes"), Some("2025-01-16"));
        assert_eq!(fact(b, "Notes"), Some("n"));
        assert_eq!(
            fact(a, "Float to portfolio finish"),
            Some("0 days (critical)")
        );
        assert_eq!(fact(d, "Float to portfolio finish"), Some("12 days"));
        assert_eq!(fact(c, "Margin to target"), Some("4 days to spare"));
        assert_eq!(fact(c, "Driving path"), Some("A → B → C"));
        // Links by position: A→B is (0, 1), B→C is (1, 2).
        assert_eq!(data.links, [[0, 1], [1, 2]]);
        assert_eq!(data.kinds, ["project", "capability"]);
        assert!(data.bridges.is_empty());
    }

    #[test]
    fn items_left_out_still_link_what_is_shown() {
        // Showing A and C only: A → B → C becomes the bridge A → C (0 → 1);
        // D links to nothing.
        let p = sample();
        let subset = ["A", "C", "D"]
            .iter()
            .fold(vec![false; p.node_count()], |mut keep, id| {
                keep[p.lookup(id).unwrap().index()] = true;
                keep
            });
        let options = ViewOptions {
            subset: Some(subset),
            ..ViewOptions::default()
        };
        let view = view::select(&p, &options);
        let schedule = Schedule::compute(&p, &ScheduleOptions::default());
        let data = ExplorerData::gather(&p, &view, Figures::Plan(&schedule));
        assert!(data.links.is_empty());
        assert_eq!(data.bridges, [[0, 1]]);
    }

    #[test]
    fn a_scenario_adds_the_update_the_slip_and_its_chain() {
        // A delayed 7 days: A 0..17, B 17..22, C ready 22: margin 19 − 22 = −3.
        let p = sample();
        let view = view::select(&p, &ViewOptions::default());
        let status = Status::from_delays(&p, &[("A", 7)]).unwrap();
        let impact = Impact::compute(&status, &ScheduleOptions::default());
        let data = ExplorerData::gather(&p, &view, Figures::Scenario(&impact));
        let c = &data.nodes[2];
        assert_eq!(fact(c, "Margin to target"), Some("3 days late"));
        assert_eq!(fact(c, "Slip"), Some("7 days later (was 2025-01-16)"));
        assert_eq!(fact(c, "Slip chain"), Some("A → B → C"));
        assert_eq!(fact(&data.nodes[0], "Update"), Some("7 days late"));
        assert_eq!(fact(&data.nodes[3], "Slip"), None);
    }
}
