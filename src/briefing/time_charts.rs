//! The briefing's time charts (issue 12): the milestone chart of the
//! capabilities (section 2) and the Gantt of the driving chains of the late
//! capabilities and of the critical path (section 5). Their rows are taken
//! from the briefing's figures; the chart module only draws them.

use petgraph::graph::NodeIndex;

use crate::analysis::trend::Trend;
use crate::briefing::figures::{Briefing, CapabilityStatus, Rag};
use crate::briefing::views::unshown_steps;
use crate::model::{NodeKind, Portfolio};
use crate::render::chart::gantt::{gantt_chart, GanttRole, GanttRow};
use crate::render::chart::milestones::{milestone_chart, MilestoneRow};
use crate::render::chart::{write_svg, Chart};
use crate::render::document::{Figure, Tone};

/// The files the charts are written to beside the briefing.
pub const MILESTONE_FILE: &str = "milestones.svg";
pub const GANTT_FILE: &str = "driving-chains.svg";
/// Rows a chart shows at most: 28 rows make a chart 200 + 28 × 24 =
/// 872 px high, under the 240 mm (907 px) a printed figure may take, so it
/// is printed at nearly full size and its 11 px text stays above 7 pt.
pub const MOST_ROWS: usize = 28;

/// The tone of a RAG status.
pub fn rag_tone(rag: Rag) -> Option<Tone> {
    match rag {
        Rag::Red => Some(Tone::Red),
        Rag::Amber => Some(Tone::Amber),
        Rag::Green => Some(Tone::Green),
        Rag::NoTarget => None,
    }
}

/// A chart as SVG text and the figure that shows it.
pub fn chart_figure(chart: &Chart, caption: &str, file: &str) -> Figure {
    let mut svg = Vec::new();
    write_svg(chart, &mut svg).expect("writing to memory cannot fail");
    Figure {
        caption: caption.to_string(),
        file: file.to_string(),
        svg: Some(String::from_utf8(svg).expect("the chart writer writes UTF-8")),
        explorer: None,
        not_drawn: None,
    }
}

/// The capabilities in the order of the briefing's table: red, amber,
/// green, without target; the smallest margin first; then by id.
pub fn capability_order<'a>(
    portfolio: &Portfolio,
    b: &'a Briefing<'a>,
) -> Vec<&'a CapabilityStatus> {
    let mut order: Vec<&CapabilityStatus> = b.capabilities.iter().collect();
    order.sort_by_key(|c| (c.rag, c.date.margin, portfolio.id_rank(c.date.node)));
    order
}

/// The milestone chart of the capabilities, or nothing without any.
pub fn milestone_figure(portfolio: &Portfolio, b: &Briefing) -> Option<Figure> {
    let order = capability_order(portfolio, b);
    if order.is_empty() {
        return None;
    }
    let rows: Vec<MilestoneRow> = order
        .iter()
        .take(MOST_ROWS)
        .map(|c| MilestoneRow {
            label: portfolio.id(c.date.node).to_string(),
            baseline: c.baseline_finish,
            forecast: c.date.finish,
            target: c.date.target,
            margin: c.date.margin,
            tone: rag_tone(c.rag),
        })
        .collect();
    let shown = if order.len() > MOST_ROWS {
        format!(
            " The {MOST_ROWS} of {} capabilities with the least margin are drawn.",
            order.len()
        )
    } else {
        String::new()
    };
    let caption = format!(
        "Look at the gap between each hollow grey circle (the baseline finish) and the coloured \
         dot (this week's forecast): it is what the updates moved; the diamond is the target and \
         the figure at the right the margin left (negative: late).{shown}"
    );
    let chart = milestone_chart(
        portfolio.calendar(),
        "Capabilities: baseline, forecast and target",
        caption,
        &rows,
    );
    Some(chart_figure(
        &chart,
        "Milestone chart: each capability's baseline finish, this week's forecast and its target \
         on one time axis.",
        MILESTONE_FILE,
    ))
}

/// The chains the Gantt shows: the critical path first, then the driving
/// path of each late capability, most late first; each node once, in the
/// first chain that has it. Chains that no longer fit in [`MOST_ROWS`]
/// rows are left out (counted in the second value); a critical path longer
/// than that keeps its last rows.
pub fn gantt_nodes(portfolio: &Portfolio, b: &Briefing) -> (Vec<NodeIndex>, usize) {
    let schedule = &b.impact.updated;
    let critical = &schedule.critical_path;
    let mut rows: Vec<NodeIndex> = critical[critical.len().saturating_sub(MOST_ROWS)..].to_vec();
    let mut shown = vec![false; portfolio.node_count()];
    for n in &rows {
        shown[n.index()] = true;
    }
    let mut left_out = 0;
    for c in capability_order(portfolio, b)
        .into_iter()
        .filter(|c| c.rag == Rag::Red)
    {
        let path = b.driving_steps.back_from(c.date.node);
        let Some(new) = unshown_steps(&shown, path, MOST_ROWS - rows.len()) else {
            left_out += 1;
            continue;
        };
        for n in new {
            shown[n.index()] = true;
            rows.push(n);
        }
    }
    (rows, left_out)
}

/// The Gantt of the driving chains, or nothing when there is no chain to
/// show.
pub fn gantt_figure(portfolio: &Portfolio, b: &Briefing, as_of: i64) -> Option<Figure> {
    let (nodes, left_out) = gantt_nodes(portfolio, b);
    if nodes.is_empty() {
        return None;
    }
    let (now, baseline) = (&b.impact.updated, &b.impact.reference);
    let mut on_critical = vec![false; portfolio.node_count()];
    for n in &now.critical_path {
        on_critical[n.index()] = true;
    }
    let rows: Vec<GanttRow> = nodes
        .iter()
        .map(|&n| {
            let (t, base) = (now.times(n), baseline.times(n));
            let node = portfolio.node(n);
            GanttRow {
                label: portfolio.id(n).to_string(),
                start: t.es,
                finish: t.ef,
                baseline_start: base.es,
                baseline_finish: base.ef,
                slip: b.impact.slip(n),
                milestone: node.kind != NodeKind::Project,
                target: node.target,
                role: if t.complete {
                    GanttRole::Done
                } else if on_critical[n.index()] {
                    GanttRole::Critical
                } else {
                    GanttRole::Chain
                },
            }
        })
        .collect();
    let late = b.capabilities.iter().filter(|c| c.rag == Rag::Red).count();
    let mut caption = "Read each chain top to bottom as the work flows into its capability: the \
         coloured bar is this week's plan, the pale dashed bar behind it the baseline, and the \
         figure at the right the days it slipped; the critical path comes first."
        .to_string();
    if left_out > 0 {
        caption.push_str(&format!(
            " The chains of {left_out} of the {late} late capabilities did not fit and are left \
             out; `capgraph path --to ID` shows each."
        ));
    }
    let title = if late == 0 {
        "The critical path on a time axis".to_string()
    } else {
        "Driving chains of the late capabilities and the critical path".to_string()
    };
    let chart = gantt_chart(portfolio.calendar(), title, caption, &rows, as_of);
    Some(chart_figure(
        &chart,
        "Gantt of the driving chains: this week's dates over the baseline plan, with the slips.",
        GANTT_FILE,
    ))
}

/// The time charts of one briefing: the milestone chart, the Gantt and,
/// with history, the trend and its chart.
pub struct TimeCharts<'p> {
    pub milestones: Option<Figure>,
    pub gantt: Option<Figure>,
    pub trend: Option<(Trend<'p>, Figure)>,
}

impl<'p> TimeCharts<'p> {
    /// Draws the charts of `b` (and of `trend`, when given).
    pub fn draw(
        portfolio: &Portfolio,
        b: &Briefing,
        as_of: i64,
        trend: Option<Trend<'p>>,
    ) -> TimeCharts<'p> {
        TimeCharts {
            milestones: milestone_figure(portfolio, b),
            gantt: gantt_figure(portfolio, b, as_of),
            trend: trend.map(|t| {
                let figure = super::trend::trend_figure(&t);
                (t, figure)
            }),
        }
    }

    /// The charts' figures, in the order of the briefing.
    pub fn figures(&self) -> Vec<&Figure> {
        [
            self.milestones.as_ref(),
            self.gantt.as_ref(),
            self.trend.as_ref().map(|(_, f)| f),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
