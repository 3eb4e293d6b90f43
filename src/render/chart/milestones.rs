//! The milestone chart: one row per capability on one time axis, with its
//! finish in the baseline plan (hollow grey circle), this week's forecast
//! (filled, in its RAG colour, joined to the baseline by a line: the slip)
//! and its target (diamond), and its margin written at the row's end.
//!
//! The rows come with their figures (the briefing's capability status);
//! this module only places them.

use crate::model::Calendar;
use crate::render::document::Tone;
use crate::render::text::wording::signed_days;

use super::{Axis, Chart, LegendEntry, Marker, RowEnd, Series, Shape, Swatch, GUIDE_COLOUR};

/// Width of the time charts of the briefing, in px at 100 %: drawn at
/// this width their smallest text (11 px) stays above 7 pt when the chart
/// is scaled down to the width of an A4 page (about 680 px).
pub const PAGE_WIDTH: f64 = 720.0;
/// Height of one row of a row chart, in px.
pub const ROW_PX: f64 = 24.0;
/// The height a chart needs for `rows` rows and its frame, title, axis,
/// legend lines and caption.
pub fn rows_height(rows: usize) -> f64 {
    200.0 + ROW_PX * rows as f64
}

/// The ink of the target diamonds.
pub const TARGET_COLOUR: &str = "#1f2933";

/// A RAG colour strong enough for a dot (`fill`) and one dark enough for
/// text on white (`ink`).
pub fn rag_colours(tone: Option<Tone>) -> (&'static str, &'static str) {
    match tone {
        Some(Tone::Red) => ("#d62728", "#9b1c1c"),
        Some(Tone::Amber) => ("#e69f00", "#8a5300"),
        Some(Tone::Green) => ("#2ca25f", "#1e6b3a"),
        None => (GUIDE_COLOUR, "#52606d"),
    }
}

/// One capability's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneRow {
    pub label: String,
    /// Finish in the baseline plan (day).
    pub baseline: i64,
    /// This week's forecast finish (day).
    pub forecast: i64,
    pub target: Option<i64>,
    /// target − forecast, as the analysis gives it.
    pub margin: Option<i64>,
    /// Red, amber, green; none without a target.
    pub tone: Option<Tone>,
}

/// The milestone chart of `rows` (top to bottom), titled and captioned by
/// the caller.
pub fn milestone_chart(
    calendar: Calendar,
    title: impl Into<String>,
    caption: impl Into<String>,
    rows: &[MilestoneRow],
) -> Chart {
    let days = rows
        .iter()
        .flat_map(|r| [Some(r.baseline), Some(r.forecast), r.target])
        .flatten();
    let (from, to) = days.fold((i64::MAX, i64::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let (from, to) = if from > to { (0, 0) } else { (from, to) };
    let mut chart = Chart::new(
        title,
        caption,
        Axis::time("Finish date", calendar, from, to),
        Axis::rows("", rows.iter().map(|r| r.label.clone()).collect()),
    );
    chart.width = PAGE_WIDTH;
    chart.height = rows_height(rows.len());
    chart.legend_below = true;
    chart.row_end_title = "Margin".to_string();
    for (i, row) in rows.iter().enumerate() {
        let y = i as f64;
        let (fill, ink) = rag_colours(row.tone);
        // The slip: from the baseline finish to this week's forecast.
        chart.series.push(Series {
            dots: false,
            ..Series::new(
                "",
                fill,
                vec![(row.baseline as f64, y), (row.forecast as f64, y)],
            )
        });
        let marker = |x: i64, shape: Shape, colour: &str, hollow: bool| {
            Marker::at(x as f64, y, shape, colour, hollow)
        };
        chart
            .markers
            .push(marker(row.baseline, Shape::Circle, GUIDE_COLOUR, true));
        if let Some(target) = row.target {
            chart
                .markers
                .push(marker(target, Shape::Diamond, TARGET_COLOUR, true));
        }
        chart
            .markers
            .push(marker(row.forecast, Shape::Circle, fill, false));
        chart.row_ends.push(RowEnd {
            y,
            text: row
                .margin
                .map_or_else(|| "no target".to_string(), signed_days),
            colour: ink.to_string(),
        });
    }
    let dot = |tone: Tone, text: &str| {
        LegendEntry::marker(Shape::Circle, rag_colours(Some(tone)).0, false, text)
    };
    chart.legend = vec![
        LegendEntry::marker(Shape::Circle, GUIDE_COLOUR, true, "baseline finish"),
        dot(Tone::Red, "forecast: late"),
        dot(Tone::Amber, "forecast: at risk"),
        dot(Tone::Green, "forecast: on track"),
        LegendEntry::marker(Shape::Diamond, TARGET_COLOUR, true, "target"),
        LegendEntry {
            swatch: Swatch::Line {
                colour: GUIDE_COLOUR.to_string(),
                dash: None,
            },
            text: "moved since the baseline".to_string(),
        },
    ];
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::parse_date;
    use crate::render::chart::write_svg;

    #[test]
    fn each_row_has_its_baseline_forecast_target_and_margin() {
        let calendar = Calendar::new(parse_date("2025-01-01").unwrap());
        let rows = [
            MilestoneRow {
                label: "LATE".into(),
                baseline: 100,
                forecast: 150,
                target: Some(120),
                margin: Some(-30),
                tone: Some(Tone::Red),
            },
            MilestoneRow {
                label: "OPEN".into(),
                baseline: 80,
                forecast: 80,
                target: None,
                margin: None,
                tone: None,
            },
        ];
        let chart = milestone_chart(calendar, "t", "c", &rows);
        // Two slip lines, three circles each row... baseline and forecast
        // per row and one target: 5 markers.
        assert_eq!(chart.series.len(), 2);
        assert_eq!(chart.markers.len(), 5);
        let ends: Vec<&str> = chart.row_ends.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(ends, ["-30d", "no target"]);
        // The axis spans days 80 to 150 (padded).
        assert!(chart.x.min < 80.0 && chart.x.max > 150.0);
        let mut svg = Vec::new();
        write_svg(&chart, &mut svg).unwrap();
        let svg = String::from_utf8(svg).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let width: f64 = doc
            .root_element()
            .attribute("width")
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(width, PAGE_WIDTH);
    }
}
