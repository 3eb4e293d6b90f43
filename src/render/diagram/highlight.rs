//! Highlights as diagram emphasis (`--highlight critical`, `--highlight impact`): which nodes and edges a highlight stresses
//! and what their extra label lines say. The figures come from the analyses;
//! this file only picks tones and writes the words.

use crate::analysis::impact::Impact;
use crate::analysis::schedule::Schedule;
use crate::analysis::view::View;
use crate::model::{NodeKind, Portfolio};
use petgraph::graph::NodeIndex;

use crate::render::diagram::emphasis::{EdgeMark, Emphasis, NodeMark, Tone};

/// `finish 2027-03-01 · float to portfolio finish 4d` under every shown
/// project and component; under a capability with a target its forecast,
/// target and margin, coloured by RAG (late red, margin under `amber_days`
/// amber, else green); the critical path bold red (nodes and the view edges
/// between consecutive path nodes), near-critical nodes amber.
pub fn critical(
    portfolio: &Portfolio,
    view: &View,
    schedule: &Schedule,
    near_critical_days: i64,
    amber_days: i64,
) -> Emphasis {
    let calendar = portfolio.calendar();
    let mut emphasis = Emphasis::none();
    let mut rag_shown = [false; 3];
    for &node in &view.nodes {
        let times = schedule.times(node);
        let target = portfolio.node(node).target;
        if let (NodeKind::Capability, Some(target)) = (portfolio.node(node).kind, target) {
            let margin = target - times.ef;
            let (tone, word) = rag(margin, amber_days);
            rag_shown[tone_slot(tone)] = true;
            emphasis.mark_node(
                node,
                NodeMark {
                    tone: Some(tone),
                    bold: times.critical || margin < 0,
                    lines: vec![
                        format!(
                            "forecast {} · target {}",
                            calendar.format(times.ef),
                            calendar.format(target)
                        ),
                        format!("margin {margin}d ({word})"),
                    ],
                },
            );
            continue;
        }
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
                    "finish {} · float to portfolio finish {}d",
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
    stress_path(&mut emphasis, &on_view);
    emphasis.legend = vec![
        (Tone::Critical, "critical (float 0)".to_string()),
        (
            Tone::NearCritical,
            format!("near-critical (float ≤ {near_critical_days}d)"),
        ),
    ];
    emphasis.legend.extend(
        rag_legend(amber_days)
            .into_iter()
            .zip(rag_shown)
            .filter_map(|(entry, shown)| shown.then_some(entry)),
    );
    emphasis.caption = Some(format!(
        "critical path · portfolio finish {}",
        calendar.format(schedule.finish)
    ));
    emphasis
}

/// Marks the links between consecutive nodes of `path` bold, in the
/// critical tone.
fn stress_path(emphasis: &mut Emphasis, path: &[NodeIndex]) {
    for pair in path.windows(2) {
        emphasis.mark_edge(
            pair[0],
            pair[1],
            EdgeMark {
                tone: Some(Tone::Critical),
                bold: true,
            },
        );
    }
}

/// A capability's RAG tone and word for a margin.
fn rag(margin: i64, amber_days: i64) -> (Tone, &'static str) {
    if margin < 0 {
        (Tone::Late, "late")
    } else if margin < amber_days {
        (Tone::AtRisk, "at risk")
    } else {
        (Tone::OnTrack, "on track")
    }
}

fn tone_slot(tone: Tone) -> usize {
    match tone {
        Tone::Late => 0,
        Tone::AtRisk => 1,
        _ => 2,
    }
}

/// The legend entries of the three RAG tones, in [`tone_slot`] order.
fn rag_legend(amber_days: i64) -> [(Tone, String); 3] {
    [
        (Tone::Late, "capability late (RED)".to_string()),
        (
            Tone::AtRisk,
            format!("capability at risk: margin under {amber_days}d (AMBER)"),
        ),
        (Tone::OnTrack, "capability on track (GREEN)".to_string()),
    ]
}

/// One late or at-risk capability's diagram: the impact emphasis of
/// [`impact`], the capability itself in its RAG colour with its forecast,
/// target and margin, and its driving path outlined in bold with bold red
/// links.
pub fn capability(
    portfolio: &Portfolio,
    view: &View,
    impact_of_week: &Impact,
    node: NodeIndex,
    driving_path: &[NodeIndex],
    amber_days: i64,
) -> Emphasis {
    let calendar = portfolio.calendar();
    let mut emphasis = impact(portfolio, view, impact_of_week);
    // One figure a line (`+42d`, `finish 2027-07-02`): narrow boxes, so
    // that the diagram fits the width of a page.
    for &shown in &view.nodes {
        if let Some(mark) = emphasis.node(shown) {
            let mut mark = mark.clone();
            mark.lines = mark
                .lines
                .iter()
                .flat_map(|line| line.split(" · ").map(str::to_string))
                .collect();
            emphasis.mark_node(shown, mark);
        }
    }
    for &step in driving_path {
        let mut mark = emphasis.node(step).cloned().unwrap_or_default();
        mark.bold = true;
        emphasis.mark_node(step, mark);
    }
    stress_path(&mut emphasis, driving_path);
    let finish = impact_of_week.updated.times(node).ef;
    let id = portfolio.id(node);
    let Some(target) = portfolio.node(node).target else {
        emphasis.caption = Some(id.to_string());
        return emphasis;
    };
    let margin = target - finish;
    let (tone, word) = rag(margin, amber_days);
    let mut lines = vec![
        format!("forecast {}", calendar.format(finish)),
        format!("target {}", calendar.format(target)),
        format!("margin {margin}d ({word})"),
    ];
    let slip = impact_of_week.slip(node);
    if slip != 0 {
        lines.push(format!("{slip:+}d this week"));
    }
    emphasis.mark_node(
        node,
        NodeMark {
            tone: Some(tone),
            bold: true,
            lines,
        },
    );
    emphasis
        .legend
        .push(rag_legend(amber_days)[tone_slot(tone)].clone());
    emphasis.caption = Some(match margin {
        m if m < 0 => format!("{id}: {} days late", -m),
        m => format!("{id}: at risk, {m} days of margin"),
    });
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
        if let Some(previous) = impact.via(node) {
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
        "impact · portfolio finish {} ({:+}d) · {} item{} slipped",
        calendar.format(impact.updated.finish),
        impact.finish_slip,
        impact.impacted.len(),
        if impact.impacted.len() == 1 { "" } else { "s" }
    ));
    emphasis
}
