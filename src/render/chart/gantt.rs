//! A Gantt chart of chains of work: one row per project, component or
//! capability, this week's bar from start to finish over the baseline's
//! ghost bar, the slip written at the row's end, and the status date as a
//! dashed line. Components and capabilities take no time: a dot marks
//! their date (and a capability's target is a diamond).
//!
//! The rows come with their figures (the schedules' dates and the slip);
//! this module only places them.

use crate::model::Calendar;
use crate::render::text::wording::signed_days;

use super::milestones::{rows_height, PAGE_WIDTH, TARGET_COLOUR};
use super::{
    Axis, Bar, Chart, Guide, LegendEntry, Marker, RowEnd, Shape, Side, Swatch, GUIDE_COLOUR,
};

/// This week's bars: on the critical path, on another chain, finished.
pub const CRITICAL_COLOUR: &str = "#d55e00";
pub const CHAIN_COLOUR: &str = "#0072b2";
pub const DONE_COLOUR: &str = "#8a96a3";
/// The slips: later in dark red, earlier in dark green, none muted.
const LATER_INK: &str = "#9b1c1c";
const EARLIER_INK: &str = "#1e6b3a";
const NO_SLIP_INK: &str = "#52606d";
/// Half the height of this week's bar and of the ghost, in rows.
const BAR_HALF: f64 = 0.18;
const GHOST_HALF: f64 = 0.34;

/// What a row's bar says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GanttRole {
    /// On the critical path.
    Critical,
    /// On the driving chain of a late capability.
    Chain,
    /// Finished (actual finish reported).
    Done,
}

/// One row: dates in days of the portfolio calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GanttRow {
    pub label: String,
    pub start: i64,
    pub finish: i64,
    pub baseline_start: i64,
    pub baseline_finish: i64,
    /// This week's finish − the baseline's, as the analysis gives it.
    pub slip: i64,
    /// Takes no time (a component or capability): drawn as a dot.
    pub milestone: bool,
    /// A capability's target.
    pub target: Option<i64>,
    pub role: GanttRole,
}

/// The Gantt of `rows` (top to bottom), with the status date `as_of`.
pub fn gantt_chart(
    calendar: Calendar,
    title: impl Into<String>,
    caption: impl Into<String>,
    rows: &[GanttRow],
    as_of: i64,
) -> Chart {
    let days = rows
        .iter()
        .flat_map(|r| {
            [
                Some(r.start),
                Some(r.finish),
                Some(r.baseline_start),
                Some(r.baseline_finish),
                r.target,
            ]
        })
        .flatten()
        .chain([as_of]);
    let (from, to) = days.fold((i64::MAX, i64::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let mut chart = Chart::new(
        title,
        caption,
        Axis::time("Date", calendar, from, to),
        Axis::rows("", rows.iter().map(|r| r.label.clone()).collect()),
    );
    chart.width = PAGE_WIDTH;
    chart.height = rows_height(rows.len());
    chart.legend_below = true;
    chart.row_end_title = "Slip".to_string();
    let marker = |x: i64, y: f64, shape: Shape, colour: &str, hollow: bool| {
        Marker::at(x as f64, y, shape, colour, hollow)
    };
    for (i, row) in rows.iter().enumerate() {
        let y = i as f64;
        let colour = match row.role {
            GanttRole::Critical => CRITICAL_COLOUR,
            GanttRole::Chain => CHAIN_COLOUR,
            GanttRole::Done => DONE_COLOUR,
        };
        let bar = |x0: i64, x1: i64, half: f64, colour: &str, ghost: bool| Bar {
            x0: x0 as f64,
            x1: x1 as f64,
            y0: y - half,
            y1: y + half,
            colour: colour.to_string(),
            label: None,
            side: Side::Primary,
            ghost,
        };
        if row.milestone {
            chart.markers.push(marker(
                row.baseline_finish,
                y,
                Shape::Circle,
                GUIDE_COLOUR,
                true,
            ));
            if let Some(target) = row.target {
                chart
                    .markers
                    .push(marker(target, y, Shape::Diamond, TARGET_COLOUR, true));
            }
            chart
                .markers
                .push(marker(row.finish, y, Shape::Circle, colour, false));
        } else {
            chart.bars.push(bar(
                row.baseline_start,
                row.baseline_finish,
                GHOST_HALF,
                GUIDE_COLOUR,
                true,
            ));
            chart
                .bars
                .push(bar(row.start, row.finish, BAR_HALF, colour, false));
        }
        chart.row_ends.push(RowEnd {
            y,
            text: signed_days(row.slip),
            colour: match row.slip {
                0 => NO_SLIP_INK,
                s if s > 0 => LATER_INK,
                _ => EARLIER_INK,
            }
            .to_string(),
        });
    }
    // The status date, from the bottom of the rows to their top.
    let (bottom, top) = (chart.y.min, chart.y.max);
    chart.guides.push(Guide {
        from: (as_of as f64, bottom),
        to: (as_of as f64, top),
        label: None,
    });
    let bar = |colour: &str, text: &str| LegendEntry {
        swatch: Swatch::Bar {
            colour: colour.to_string(),
        },
        text: text.to_string(),
    };
    // The roles drawn, then what every Gantt has.
    let roles = [
        (GanttRole::Critical, CRITICAL_COLOUR, "on the critical path"),
        (GanttRole::Chain, CHAIN_COLOUR, "driving a late capability"),
        (GanttRole::Done, DONE_COLOUR, "finished"),
    ];
    chart.legend = roles
        .iter()
        .filter(|(role, _, _)| rows.iter().any(|r| r.role == *role))
        .map(|(_, colour, text)| bar(colour, text))
        .collect();
    chart.legend.extend([
        LegendEntry {
            swatch: Swatch::GhostBar {
                colour: GUIDE_COLOUR.to_string(),
            },
            text: "baseline plan".to_string(),
        },
        LegendEntry::marker(
            Shape::Circle,
            GUIDE_COLOUR,
            false,
            "component or capability (no duration)",
        ),
        LegendEntry::marker(Shape::Circle, GUIDE_COLOUR, true, "its baseline date"),
        LegendEntry::marker(Shape::Diamond, TARGET_COLOUR, true, "target"),
        LegendEntry {
            swatch: Swatch::Guide,
            text: format!("status date {}", calendar.format(as_of)),
        },
    ]);
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::parse_date;

    #[test]
    fn a_project_is_a_bar_over_its_ghost_and_a_capability_a_dot() {
        let calendar = Calendar::new(parse_date("2025-01-01").unwrap());
        let rows = [
            GanttRow {
                label: "P".into(),
                start: 10,
                finish: 60,
                baseline_start: 10,
                baseline_finish: 40,
                slip: 20,
                milestone: false,
                target: None,
                role: GanttRole::Critical,
            },
            GanttRow {
                label: "CAP".into(),
                start: 60,
                finish: 60,
                baseline_start: 40,
                baseline_finish: 40,
                slip: 20,
                milestone: true,
                target: Some(50),
                role: GanttRole::Critical,
            },
        ];
        let chart = gantt_chart(calendar, "t", "c", &rows, 5);
        // P: ghost 10–40 then this week's bar 10–60, in row 0.
        assert_eq!(chart.bars.len(), 2);
        assert!(chart.bars[0].ghost && !chart.bars[1].ghost);
        assert_eq!((chart.bars[1].x0, chart.bars[1].x1), (10.0, 60.0));
        assert_eq!((chart.bars[0].x0, chart.bars[0].x1), (10.0, 40.0));
        // CAP: baseline, target, forecast.
        assert_eq!(chart.markers.len(), 3);
        // Each row's slip at its end, and only the critical role in the legend.
        let ends: Vec<&str> = chart.row_ends.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(ends, ["+20d", "+20d"]);
        assert!(chart
            .legend
            .iter()
            .all(|e| e.text != "finished" && e.text != "driving a late capability"));
        // The axis reaches back to the status date (day 5).
        assert!(chart.x.min < 5.0);
    }
}
