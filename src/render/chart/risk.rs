//! The S-curves of schedule risk (SPEC §11): for the portfolio finish and
//! each capability, the share of iterations finishing by each date, with
//! the target and the deterministic (plan) date marked on the curve.

use crate::analysis::risk::statistics::FinishDistribution;
use crate::analysis::risk::RiskAnalysis;
use crate::render::text::money::format_thousands;

use super::{
    series_colour, series_dash, Axis, Chart, LegendEntry, Marker, NumberFormat, Series, Shape,
    Swatch, GUIDE_COLOUR,
};

/// Curves beyond the portfolio's: past this many capabilities the chart
/// keeps those least likely to meet their target (a chart of hundreds of
/// curves reads as none).
pub const MOST_CURVES: usize = 12;

/// The points of an S-curve: a step up at each finish day reached.
fn steps(f: &FinishDistribution) -> Vec<(f64, f64)> {
    let n = f.iterations.max(1) as f64;
    let mut points = Vec::with_capacity(2 * f.cumulative.len());
    let mut below = 0.0;
    for &(day, count) in &f.cumulative {
        let share = count as f64 / n;
        points.push((day as f64, below));
        points.push((day as f64, share));
        below = share;
    }
    points
}

/// The S-curve chart of `risk`.
pub fn risk_chart(risk: &RiskAnalysis) -> Chart {
    let portfolio = risk.portfolio();
    let mut capabilities: Vec<usize> = (0..risk.capabilities.len()).collect();
    let all = capabilities.len();
    if all > MOST_CURVES {
        // Least likely to meet the target first (no target: last), then by id.
        capabilities.sort_by(|&a, &b| {
            let chance = |i: usize| risk.capabilities[i].finish.by_target.unwrap_or(2.0);
            chance(a).total_cmp(&chance(b)).then(a.cmp(&b))
        });
        capabilities.truncate(MOST_CURVES);
        capabilities.sort_unstable();
    }
    let curves: Vec<(String, &FinishDistribution)> =
        std::iter::once(("Portfolio finish".to_string(), &risk.finish))
            .chain(capabilities.iter().map(|&i| {
                let c = &risk.capabilities[i];
                (portfolio.id(c.node).to_string(), &c.finish)
            }))
            .collect();

    let days = curves.iter().flat_map(|(_, f)| {
        let first = f.cumulative.first().map(|c| c.0);
        let last = f.cumulative.last().map(|c| c.0);
        [first, last, Some(f.deterministic), f.target]
    });
    let (from, to) = days
        .flatten()
        .fold((i64::MAX, i64::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let (from, to) = if from > to { (0, 0) } else { (from, to) };

    let shown = if all > MOST_CURVES {
        format!(
            " The {MOST_CURVES} of {all} capabilities least likely to meet their target are drawn."
        )
    } else {
        String::new()
    };
    let mut chart = Chart::new(
        format!("{} — chance of finishing by each date", portfolio.name()),
        format!(
            "Each curve rises from the earliest to the latest finish over {} iterations; \
             the higher it stands at a date, the likelier the finish by then. ◆ marks the \
             target, ○ the plan date (most likely durations).{shown}",
            format_thousands(risk.options.iterations as f64)
        ),
        Axis::time("Finish date", portfolio.calendar(), from, to),
        Axis::number(
            "Share of iterations finished",
            NumberFormat::Percent,
            0.0,
            1.0,
        ),
    );
    // Printable on A4 with its text legible (see `PAGE_WIDTH`).
    chart.width = super::milestones::PAGE_WIDTH;
    chart.legend_below = true;
    for (i, (name, f)) in curves.iter().enumerate() {
        let colour = series_colour(i).to_string();
        chart.series.push(Series {
            dots: false,
            dash: series_dash(i).map(str::to_string),
            ..Series::new(name.clone(), colour.clone(), steps(f))
        });
        chart.markers.push(Marker {
            x: f.deterministic as f64,
            y: f.by_deterministic,
            shape: Shape::Circle,
            colour: colour.clone(),
            hollow: true,
            label: None,
            side: Default::default(),
        });
        if let (Some(target), Some(chance)) = (f.target, f.by_target) {
            chart.markers.push(Marker {
                x: target as f64,
                y: chance,
                shape: Shape::Diamond,
                colour,
                hollow: false,
                label: None,
                side: Default::default(),
            });
        }
    }
    chart.legend = vec![
        LegendEntry {
            swatch: Swatch::Marker {
                shape: Shape::Diamond,
                colour: GUIDE_COLOUR.to_string(),
                hollow: false,
            },
            text: "target".to_string(),
        },
        LegendEntry {
            swatch: Swatch::Marker {
                shape: Shape::Circle,
                colour: GUIDE_COLOUR.to_string(),
                hollow: true,
            },
            text: "plan date".to_string(),
        },
    ];
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_curve_steps_up_at_each_finish_day() {
        // 4 iterations: day 10 twice, 12 once, 15 once.
        let mut days = vec![12, 10, 15, 10];
        let f = FinishDistribution::new(&mut days, 10, Some(12));
        assert_eq!(
            steps(&f),
            vec![
                (10.0, 0.0),
                (10.0, 0.5),
                (12.0, 0.5),
                (12.0, 0.75),
                (15.0, 0.75),
                (15.0, 1.0)
            ]
        );
    }
}
