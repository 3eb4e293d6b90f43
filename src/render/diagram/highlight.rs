//! Highlights as diagram emphasis (`--highlight critical`, `--highlight impact`): which nodes and edges a highlight stresses
//! and what their extra label lines say. The figures come from the analyses;
//! this file only picks tones and writes the words.

use crate::analysis::impact::Impact;
use crate::analysis::schedule::Schedule;
use crate::analysis::view::View;
use crate::model::Portfolio;

use crate::render::diagram::emphasis::{EdgeMark, Emphasis, NodeMark, Tone};

/// `finish 2027-03-01 · float 4d` under every shown node; the critical path
/// bold red (nodes and the view edges between consecutive path nodes),
/// near-critical nodes amber.
pub fn critical(
    portfolio: &Portfolio,
    view: &View,
    schedule: &Schedule,
    near_critical_days: i64,
) -> Emphasis {
    let calendar = portfolio.calendar();
    let mut emphasis = Emphasis::none();
    for &node in &view.nodes {
        let times = schedule.times(node);
        let tone = if times.critical {
            Some(Tone::Critical)
        } else if times.near_critical {
            Some(Tone::NearCritical)
        } else {
            None
        };
        emphasis.mark_node(
            node,
            NodeMark {
                tone,
                bold: times.critical,
                lines: vec![format!(
                    "finish {} · float {}d",
                    calendar.format(times.ef),
                    times.total_float
                )],
            },
        );
    }
    // The path as the view shows it: nodes it hides are skipped, so a path
    // through a folded component still stresses the edge that stands for it.
    let mut shown = vec![false; portfolio.node_count()];
    for &node in &view.nodes {
        shown[node.index()] = true;
    }
    let on_view: Vec<_> = schedule
        .critical_path
        .iter()
        .copied()
        .filter(|n| shown[n.index()])
        .collect();
    for pair in on_view.windows(2) {
        emphasis.mark_edge(
            pair[0],
            pair[1],
            EdgeMark {
                tone: Some(Tone::Critical),
                bold: true,
            },
        );
    }
    emphasis.legend = vec![
        (Tone::Critical, "critical (float 0)".to_string()),
        (
            Tone::NearCritical,
            format!("near-critical (float ≤ {near_critical_days}d)"),
        ),
    ];
    emphasis.caption = Some(format!(
        "critical path · portfolio finish {}",
        calendar.format(schedule.finish)
    ));
    emphasis
}

/// A scenario's impact: the updated nodes dark red, every node whose finish
/// slipped orange with `+42d · finish 2027-03-01` (and its margin when it is a
/// capability with a target), late capabilities bold; the chain links that
/// carried the delay (SPEC §4) bold orange.
pub fn impact(portfolio: &Portfolio, view: &View, impact: &Impact) -> Emphasis {
    let calendar = portfolio.calendar();
    let mut emphasis = Emphasis::none();
    let mut shown = vec![false; portfolio.node_count()];
    for &node in &view.nodes {
        shown[node.index()] = true;
    }
    let mut is_source = vec![false; portfolio.node_count()];
    for node in impact.source_nodes() {
        is_source[node.index()] = true;
    }
    for &node in &view.nodes {
        let slip = impact.slip(node);
        if !is_source[node.index()] && slip <= 0 {
            continue;
        }
        let finish = impact.updated.times(node).ef;
        let mut line = format!("{slip:+}d · finish {}", calendar.format(finish));
        let margin = portfolio.node(node).target.map(|t| t - finish);
        if let Some(margin) = margin {
            line.push_str(&format!(" · margin {margin}d"));
        }
        let source = is_source[node.index()];
        emphasis.mark_node(
            node,
            NodeMark {
                tone: Some(if source { Tone::Source } else { Tone::Slipped }),
                bold: source || margin.is_some_and(|m| m < 0),
                lines: vec![line],
            },
        );
    }
    // Each impacted node's last chain step, when both ends are shown.
    for &node in &impact.impacted {
        if !shown[node.index()] {
            continue;
        }
        let chain = impact.chain(node);
        if let [.., previous, _] = chain[..] {
            if shown[previous.index()] {
                emphasis.mark_edge(
                    previous,
                    node,
                    EdgeMark {
                        tone: Some(Tone::Slipped),
                        bold: true,
                    },
                );
            }
        }
    }
    emphasis.legend = vec![
        (Tone::Source, "updated this week (or delayed)".to_string()),
        (Tone::Slipped, "finish slipped".to_string()),
    ];
    emphasis.caption = Some(format!(
        "impact · portfolio finish {} ({:+}d) · {} node{} slip",
        calendar.format(impact.updated.finish),
        impact.finish_slip,
        impact.impacted.len(),
        if impact.impacted.len() == 1 { "" } else { "s" }
    ));
    emphasis
}
