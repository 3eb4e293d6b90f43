//! The milestone trend chart of SPEC §13, drawn with the chart module:
//! report date across, forecast finish up, one line per capability (its
//! target a hollow diamond of the same colour to the right of the last
//! week), the portfolio finish dashed, and the diagonal where the forecast
//! equals the report date.

use crate::analysis::trend::Trend;
use crate::render::text::wording::signed_days;

use super::{
    series_colour, series_dash, Axis, Chart, Guide, LegendEntry, Marker, Series, Shape, Side,
    Swatch, GUIDE_COLOUR,
};

/// The colour of the portfolio finish line.
const FINISH_COLOUR: &str = "#1f2933";

/// The milestone trend chart of `trend`.
pub fn milestone_trend_chart(trend: &Trend) -> Chart {
    let portfolio = trend.portfolio();
    let calendar = portfolio.calendar();
    let first = trend.weeks.first().map_or(0, |w| w.as_of);
    let last = trend.weeks.last().map_or(0, |w| w.as_of);
    // Room to the right of the last week for the end labels, then the targets.
    let room = ((last - first) / 3).max(4);
    let target_x = (last + room) as f64;
    let mut low = first;
    let mut high = last + room;
    for week in &trend.weeks {
        for &finish in week.capability_finish.iter().chain([&week.finish]) {
            low = low.min(finish);
            high = high.max(finish);
        }
    }
    for &node in &trend.capabilities {
        if let Some(target) = portfolio.node(node).target {
            low = low.min(target);
            high = high.max(target);
        }
    }
    let mut chart = Chart::new(
        format!("Milestone trend: {}", portfolio.name()),
        "Read each line from left to right: a line that climbs is a capability whose forecast slips week after week, a flat line is a date that holds, and the gap between a line's end and its diamond is the margin left to its target (a diamond below the line means late).",
        Axis::time("Report date (status as of)", calendar, first, last + room),
        Axis::time("Forecast finish", calendar, low, high),
    );
    // Narrow enough for an A4 page with its text legible; the legend under
    // the plot leaves the dates the width.
    chart.width = super::milestones::PAGE_WIDTH;
    chart.height = 560.0;
    chart.legend_below = true;
    let week_x = |day: i64| day as f64;
    for (i, &node) in trend.capabilities.iter().enumerate() {
        let colour = series_colour(i).to_string();
        let margin = trend
            .weeks
            .len()
            .checked_sub(1)
            .and_then(|w| trend.margin(w, i));
        let name = match margin {
            Some(m) => format!("{}  margin {}", portfolio.id(node), signed_days(m)),
            None => format!("{}  no target", portfolio.id(node)),
        };
        chart.series.push(Series {
            dash: series_dash(i).map(str::to_string),
            end_label: Some(portfolio.id(node).to_string()),
            ..Series::new(
                name,
                colour.clone(),
                trend
                    .weeks
                    .iter()
                    .map(|w| (week_x(w.as_of), w.capability_finish[i] as f64))
                    .collect(),
            )
        });
        if let Some(target) = portfolio.node(node).target {
            chart.markers.push(Marker {
                x: target_x,
                y: target as f64,
                shape: Shape::Diamond,
                colour,
                hollow: true,
                label: None,
                side: Side::Primary,
            });
        }
    }
    chart.series.push(Series {
        dash: Some("5 3".to_string()),
        ..Series::new(
            "Portfolio finish",
            FINISH_COLOUR,
            trend
                .weeks
                .iter()
                .map(|w| (week_x(w.as_of), w.finish as f64))
                .collect(),
        )
    });
    chart.guides.push(Guide {
        from: (first as f64, first as f64),
        to: (target_x, target_x),
        label: None,
    });
    chart.legend.push(LegendEntry {
        swatch: Swatch::Marker {
            shape: Shape::Diamond,
            colour: GUIDE_COLOUR.to_string(),
            hollow: true,
        },
        text: "target (in the line's colour)".to_string(),
    });
    chart.legend.push(LegendEntry {
        swatch: Swatch::Guide,
        text: "forecast = report date".to_string(),
    });
    chart
}
