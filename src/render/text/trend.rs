//! The milestone trend for people (`trend --format table|md`): per
//! capability, its target and each week's forecast finish with the margin,
//! and how far the forecast moved over the weeks.

use std::io::{self, Write};

use crate::analysis::trend::Trend;
use crate::render::text::report::{heading, paragraph};
use crate::render::text::table::{Align, Style, Table};
use crate::render::text::wording::signed_days;

/// Writes the trend as aligned text or Markdown.
pub fn write_trend(trend: &Trend, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let portfolio = trend.portfolio();
    let calendar = portfolio.calendar();
    heading(
        style,
        1,
        &format!("Milestone trend of {}", portfolio.name()),
        out,
    )?;
    writeln!(out)?;
    let (Some(first), Some(last)) = (trend.weeks.first(), trend.weeks.last()) else {
        return paragraph(style, "No weekly status was given.", out);
    };
    paragraph(
        style,
        &format!(
            "{} weekly statuses from {} to {}. Portfolio finish: {} in the first week, {} in the last ({}).",
            trend.weeks.len(),
            calendar.format(first.as_of),
            calendar.format(last.as_of),
            calendar.format(first.finish),
            calendar.format(last.finish),
            signed_days(trend.finish_movement())
        ),
        out,
    )?;
    paragraph(
        style,
        "Each week: the capability's forecast finish and, in brackets, its margin to target (negative: late). Moved: the forecast's change from the first week to the last (positive: later).",
        out,
    )?;
    writeln!(out)?;
    let headers: Vec<String> = trend
        .weeks
        .iter()
        .map(|w| calendar.format(w.as_of))
        .collect();
    let mut columns: Vec<(&str, Align)> =
        vec![("Capability", Align::Left), ("Target", Align::Left)];
    columns.extend(headers.iter().map(|h| (h.as_str(), Align::Right)));
    columns.push(("Moved", Align::Right));
    let mut table = Table::new(&columns);
    let mut finish_row = vec!["Portfolio finish".to_string(), String::new()];
    finish_row.extend(trend.weeks.iter().map(|w| calendar.format(w.finish)));
    finish_row.push(signed_days(trend.finish_movement()));
    table.push(finish_row);
    for (i, &node) in trend.capabilities.iter().enumerate() {
        let target = portfolio.node(node).target;
        let mut row = vec![
            portfolio.id(node).to_string(),
            target.map_or_else(|| "none".to_string(), |t| calendar.format(t)),
        ];
        for (w, week) in trend.weeks.iter().enumerate() {
            let finish = calendar.format(week.capability_finish[i]);
            row.push(match trend.margin(w, i) {
                Some(margin) => format!("{finish} ({})", signed_days(margin)),
                None => finish,
            });
        }
        row.push(signed_days(trend.movement(i)));
        table.push(row);
    }
    table.write(style, out)
}
