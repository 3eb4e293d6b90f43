//! The Money section's chart: investment per fiscal year, baseline against
//! this week (bars), the investment ceilings (marks), and the cumulative
//! S-curves of both (right axis). Drawn with the shared chart module from
//! [`MoneyBriefing`]'s figures; it computes none of its own.

use crate::render::chart::{
    series_colour, write_svg, Axis, Bar, Chart, LegendEntry, Marker, NumberFormat, Series, Shape,
    Side, Swatch, GUIDE_COLOUR,
};
use crate::render::document::Figure;

use super::money::MoneyBriefing;

/// The file the chart is written to beside the briefing.
pub const MONEY_CHART_FILE: &str = "money.svg";

/// The chart as SVG text and the figure that shows it, or nothing when no
/// fiscal year has investment.
pub fn money_chart(money: &MoneyBriefing) -> Option<(String, Figure)> {
    let portfolio = money.funding.portfolio();
    let f = &money.funding.figures;
    // The years from the first to the last with investment in either schedule.
    let spends = |i: &usize| {
        let t = &f.totals[*i].flows;
        t.baseline != 0.0 || t.current != 0.0
    };
    let first = (0..f.years.len()).find(spends)?;
    let last = (0..f.years.len()).rev().find(spends)?;
    let years = &f.years[first..=last];
    let totals = &f.totals[first..=last];
    let currency = portfolio.currency().to_string();

    let highest = totals
        .iter()
        .flat_map(|t| {
            [
                t.flows.baseline,
                t.flows.current,
                t.ceiling_investment.unwrap_or(0.0),
            ]
        })
        .fold(0.0, f64::max);
    let (mut cumulative_baseline, mut cumulative_current) = (
        vec![(years[0].start as f64, 0.0)],
        vec![(years[0].start as f64, 0.0)],
    );
    let (mut sum_baseline, mut sum_current) = (0.0, 0.0);
    for (y, t) in years.iter().zip(totals) {
        sum_baseline += t.flows.baseline;
        sum_current += t.flows.current;
        cumulative_baseline.push((y.end as f64, sum_baseline));
        cumulative_current.push((y.end as f64, sum_current));
    }
    let x = Axis::time(
        "Fiscal year",
        portfolio.calendar(),
        years[0].start,
        years[years.len() - 1].end,
    );
    let y = Axis::number(
        "Investment in the fiscal year",
        NumberFormat::Money(currency.clone()),
        0.0,
        // Headroom, so that a ceiling mark at the top stays inside the frame.
        highest * 1.05,
    );
    let mut chart = Chart::new(
        "Investment per fiscal year: baseline against this week",
        "Bars: each fiscal year's investment (grey the baseline, blue this week; marks the \
         ceilings); lines: the cumulative investment (right axis).",
        x,
        y,
    );
    // Printable on A4 with its text legible (see `PAGE_WIDTH`).
    chart.width = crate::render::chart::milestones::PAGE_WIDTH;
    chart.legend_below = true;
    chart.y2 = Some(Axis::number(
        "Cumulative investment",
        NumberFormat::Money(currency),
        0.0,
        sum_baseline.max(sum_current),
    ));
    let this_week = series_colour(0);
    for (y, t) in years.iter().zip(totals) {
        let (start, width) = (y.start as f64, (y.end - y.start) as f64);
        let bar = |from: f64, to: f64, value: f64, colour: &str| Bar {
            x0: start + from * width,
            x1: start + to * width,
            y0: 0.0,
            y1: value,
            colour: colour.to_string(),
            label: None,
            side: Side::Primary,
            ghost: false,
        };
        chart
            .bars
            .push(bar(0.12, 0.48, t.flows.baseline, GUIDE_COLOUR));
        chart.bars.push(bar(0.52, 0.88, t.flows.current, this_week));
        if let Some(ceiling) = t.ceiling_investment {
            chart.markers.push(Marker {
                x: start + 0.5 * width,
                y: ceiling,
                shape: Shape::Dash,
                colour: "#d55e00".to_string(),
                hollow: false,
                label: None,
                side: Side::Primary,
            });
        }
    }
    let line = |name: &str, colour: &str, points, dash: Option<&str>| Series {
        name: name.to_string(),
        colour: colour.to_string(),
        points,
        dash: dash.map(str::to_string),
        dots: true,
        side: Side::Secondary,
        end_label: None,
    };
    chart.series.push(line(
        "Cumulative, baseline",
        GUIDE_COLOUR,
        cumulative_baseline,
        Some("6 4"),
    ));
    chart.series.push(line(
        "Cumulative, this week",
        this_week,
        cumulative_current,
        None,
    ));
    chart.legend.push(LegendEntry {
        swatch: Swatch::Bar {
            colour: GUIDE_COLOUR.to_string(),
        },
        text: "Baseline".to_string(),
    });
    chart.legend.push(LegendEntry {
        swatch: Swatch::Bar {
            colour: this_week.to_string(),
        },
        text: "This week".to_string(),
    });
    if totals.iter().any(|t| t.ceiling_investment.is_some()) {
        chart.legend.push(LegendEntry {
            swatch: Swatch::Marker {
                shape: Shape::Dash,
                colour: "#d55e00".to_string(),
                hollow: false,
            },
            text: "Investment ceiling".to_string(),
        });
    }
    let mut svg = Vec::new();
    write_svg(&chart, &mut svg).expect("writing to memory cannot fail");
    let svg = String::from_utf8(svg).expect("the chart writer writes UTF-8");
    let figure = Figure {
        caption: "Investment per fiscal year, baseline against this week, with the ceilings and \
                  the cumulative S-curves."
            .to_string(),
        file: MONEY_CHART_FILE.to_string(),
        svg: Some(svg.clone()),
        explorer: None,
        not_drawn: None,
    };
    Some((svg, figure))
}
