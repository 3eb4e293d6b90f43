//! Highlights as diagram emphasis: which nodes and edges a highlight stresses
//! and what their extra label lines say. The figures come from the analyses;
//! this file only picks tones and writes the words.

use crate::analysis::schedule::Schedule;
use crate::analysis::view::View;
use crate::model::Portfolio;

use super::emphasis::{EdgeMark, Emphasis, NodeMark, Tone};

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
