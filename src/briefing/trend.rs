//! The briefing's trend section (SPEC §8 item 10, §13), with `--history`:
//! the milestone trend over the past weeks' status files and this week's,
//! as the chart of `capgraph trend --format svg` and a table of the last
//! weeks. It stays in the annexes: the briefing proper keeps to five pages.

use crate::analysis::trend::{trend, Trend};
use crate::model::Weeks;
use crate::render::chart::milestone_trend::milestone_trend_chart;
use crate::render::document::{Cell, DocTable, Document, Figure};
use crate::render::text::table::Align;
use crate::render::text::wording::{count, day_count, signed_days};

use super::time_charts::chart_figure;

/// The file the trend chart is written to beside the briefing.
pub const TREND_FILE: &str = "trend.svg";
/// Weeks the section's table shows (the last ones); the chart shows all.
const WEEKS_SHOWN: usize = 6;
/// Capability rows the table shows.
const ROWS_SHOWN: usize = 40;

/// The trend over the earlier weeks (`--history`), last week and this
/// week, by `as_of`; `None` without earlier weeks. The caller makes sure no
/// two weeks share an `as_of` (the command says which files do).
pub fn history_trend<'p>(weeks: &Weeks<'p>) -> Option<Trend<'p>> {
    (!weeks.earlier().is_empty()).then(|| trend(weeks))
}

/// The trend chart as a figure.
pub fn trend_figure(trend: &Trend) -> Figure {
    chart_figure(
        &milestone_trend_chart(trend),
        "Milestone trend: each capability's forecast finish, week by week.",
        TREND_FILE,
    )
}

/// Writes the section under `heading`: without history a note saying how
/// to get it.
pub fn section(trend: Option<(&Trend, &Figure)>, heading: &str, doc: &mut Document) {
    doc.heading(2, heading);
    let Some((trend, figure)) = trend else {
        doc.note("No earlier weeks were given; `capgraph weekly … --history FILE …` (earlier weeks' status files) adds the milestone trend here.");
        return;
    };
    let portfolio = trend.portfolio();
    let calendar = portfolio.calendar();
    let (Some(first), Some(last)) = (trend.weeks.first(), trend.weeks.last()) else {
        return;
    };
    let moved = trend.finish_movement();
    doc.paragraph(format!(
        "{} from {} to {}: the portfolio finish {} ({} in the first week, {} now). A line that climbs is a date that slips week after week; a flat one holds.",
        count(trend.weeks.len(), "weekly status", "weekly statuses"),
        calendar.format(first.as_of),
        calendar.format(last.as_of),
        match moved {
            0 => "held".to_string(),
            m if m > 0 => format!("moved {} later", day_count(m)),
            m => format!("moved {} earlier", day_count(-m)),
        },
        calendar.format(first.finish),
        calendar.format(last.finish),
    ));
    doc.blocks
        .push(crate::render::document::Block::Figure(figure.clone()));
    let shown = trend.weeks.len().saturating_sub(WEEKS_SHOWN);
    let weeks = &trend.weeks[shown..];
    let headers: Vec<String> = weeks.iter().map(|w| calendar.format(w.as_of)).collect();
    let mut columns: Vec<(&str, Align)> =
        vec![("Capability", Align::Left), ("Target", Align::Left)];
    columns.extend(headers.iter().map(|h| (h.as_str(), Align::Right)));
    columns.push(("Moved", Align::Right));
    let mut table = DocTable::new(&columns);
    let mut finish = vec![Cell::new("Portfolio finish"), Cell::new("")];
    finish.extend(weeks.iter().map(|w| Cell::new(calendar.format(w.finish))));
    finish.push(Cell::new(signed_days(moved)));
    table.push(finish);
    for (i, &node) in trend.capabilities.iter().enumerate().take(ROWS_SHOWN) {
        let mut row = vec![
            Cell::new(portfolio.id(node)),
            Cell::new(
                portfolio
                    .node(node)
                    .target
                    .map_or("—".to_string(), |t| calendar.format(t)),
            ),
        ];
        for (w, week) in trend.weeks.iter().enumerate().skip(shown) {
            let date = calendar.format(week.capability_finish[i]);
            row.push(Cell::new(match trend.margin(w, i) {
                Some(m) => format!("{date} ({})", signed_days(m)),
                None => date,
            }));
        }
        row.push(Cell::new(signed_days(trend.movement(i))));
        table.push(row);
    }
    doc.table(table);
    let mut notes = vec!["Each week: the forecast finish and, in brackets, the margin to target (negative: late). Moved: from the first week to this one (positive: later).".to_string()];
    if shown > 0 {
        notes.push(format!(
            "The table shows the last {WEEKS_SHOWN} of {} weeks; the chart and `capgraph trend` show them all.",
            trend.weeks.len()
        ));
    }
    if trend.capabilities.len() > ROWS_SHOWN {
        notes.push(format!(
            "… and {} more capabilities; summary.json and `capgraph trend` list them all.",
            trend.capabilities.len() - ROWS_SHOWN
        ));
    }
    doc.note(notes.join(" "));
}
