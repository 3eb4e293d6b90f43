//! Options side by side for people (`options --format table|md`): each
//! option's changes and portfolio finish, the capabilities' margins with
//! each option, and the recovery each late capability needs.

use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use crate::analysis::options::{OptionsComparison, Recovery};
use crate::model::Portfolio;
use crate::render::text::chain::chain_text;
use crate::render::text::report::{heading, paragraph};
use crate::render::text::table::{Align, Style, Table};
use crate::render::text::wording::{count, day_count, listing, signed_days};

/// Writes the comparison of the options with the status alone.
pub fn write_options(
    comparison: &OptionsComparison,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let portfolio = comparison.portfolio();
    let calendar = portfolio.calendar();
    let alone = &comparison.status;
    let as_of = comparison.as_of_date.as_deref().unwrap_or("?");
    heading(
        style,
        1,
        &format!(
            "Options on top of the status as of {as_of} — {}",
            portfolio.name()
        ),
        out,
    )?;
    writeln!(out)?;
    let with_target = comparison
        .capabilities
        .iter()
        .filter(|c| portfolio.node(**c).target.is_some())
        .count();
    paragraph(
        style,
        &format!(
            "With the status alone the portfolio finishes on {}; {} with a target, {} late.",
            calendar.format(alone.finish),
            count(with_target, "capability", "capabilities"),
            comparison.recovery.len(),
        ),
        out,
    )?;

    if !comparison.options.is_empty() {
        writeln!(out)?;
        heading(style, 2, "Options", out)?;
        let mut table = Table::new(&[
            ("Option", Align::Left),
            ("Changes", Align::Left),
            ("Portfolio finish", Align::Left),
            ("Change", Align::Right),
        ]);
        for o in &comparison.options {
            let changes: Vec<String> = o
                .spec
                .delays
                .iter()
                .map(|(id, days)| format!("{id} {}", delay_words(*days)))
                .collect();
            table.push(vec![
                o.spec.name.clone(),
                changes.join(", "),
                calendar.format(o.finish),
                signed_days(o.finish - alone.finish),
            ]);
        }
        table.write(style, out)?;
        write_capabilities(portfolio, comparison, style, out)?;
    }

    writeln!(out)?;
    heading(style, 2, "Recovery needed", out)?;
    if comparison.recovery.is_empty() {
        return paragraph(
            style,
            "No capability is late with the status alone: nothing to recover.",
            out,
        );
    }
    paragraph(
        style,
        "For each capability late with the status alone: the days to win, its driving path with each step's float to it (0: it drives the date; done: finished, nothing to win there), and the other work close behind, whose float to it is below the lateness: it may start to drive before all the days are won.",
        out,
    )?;
    writeln!(out)?;
    for recovery in &comparison.recovery {
        write!(out, "- ")?;
        paragraph(
            style,
            &recovery_line(portfolio, alone_complete(comparison), recovery),
            out,
        )?;
    }
    Ok(())
}

/// The capabilities late with the status alone or moved by an option, with
/// their margin under each option; the rest in one sentence.
fn write_capabilities(
    portfolio: &Portfolio,
    comparison: &OptionsComparison,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let calendar = portfolio.calendar();
    let alone = &comparison.status;
    let mut columns: Vec<(String, Align)> = vec![
        ("Capability".to_string(), Align::Left),
        ("Target".to_string(), Align::Left),
        ("Status alone".to_string(), Align::Right),
    ];
    columns.extend(
        comparison
            .options
            .iter()
            .map(|o| (o.spec.name.clone(), Align::Right)),
    );
    let columns: Vec<(&str, Align)> = columns.iter().map(|(h, a)| (h.as_str(), *a)).collect();
    let mut table = Table::new(&columns);
    let mut quiet = 0;
    for (i, &c) in comparison.capabilities.iter().enumerate() {
        let target = portfolio.node(c).target;
        let finish = alone.times(c).ef;
        let late = target.is_some_and(|t| t < finish);
        let moved = comparison
            .options
            .iter()
            .any(|o| o.capability_finishes[i] != finish);
        if !late && !moved {
            quiet += 1;
            continue;
        }
        let margin = |finish: i64| target.map_or("-".to_string(), |t| signed_days(t - finish));
        let mut row = vec![
            portfolio.id(c).to_string(),
            target.map_or("-".to_string(), |t| calendar.format(t)),
            margin(finish),
        ];
        for o in &comparison.options {
            let new = o.capability_finishes[i];
            row.push(match new - finish {
                0 => format!("{} (no change)", margin(new)),
                change if change < 0 => format!("{} ({}d earlier)", margin(new), -change),
                change => format!("{} ({change}d later)", margin(new)),
            });
        }
        table.push(row);
    }
    writeln!(out)?;
    heading(
        style,
        2,
        "Capabilities: margin with each option (and how its finish moves)",
        out,
    )?;
    if table.is_empty() {
        return paragraph(
            style,
            "No capability is late, and no option moves any capability's finish.",
            out,
        );
    }
    table.write(style, out)?;
    if quiet > 0 {
        writeln!(out)?;
        paragraph(
            style,
            &format!(
                "{} on time with the status alone and moved by no option {} not listed.",
                count(quiet, "capability", "capabilities"),
                if quiet == 1 { "is" } else { "are" }
            ),
            out,
        )?;
    }
    Ok(())
}

/// Whether each node is complete in the status-alone schedule.
fn alone_complete<'a>(comparison: &'a OptionsComparison) -> impl Fn(NodeIndex) -> bool + 'a {
    |node| comparison.status.times(node).complete
}

/// "CAP-FMN, 10 days late: P-CYB-002 0d → crypto-devices 0d → P-COM-010 0d →
/// CAP-FMN. Close behind: P-COM-001 9d, …".
pub fn recovery_line(
    portfolio: &Portfolio,
    complete: impl Fn(NodeIndex) -> bool,
    recovery: &Recovery,
) -> String {
    let step = |&(node, float): &(NodeIndex, i64)| {
        if complete(node) {
            format!("{} done", portfolio.id(node))
        } else {
            format!("{} {float}d", portfolio.id(node))
        }
    };
    // The capability, last on its path, is written without a float.
    let path = chain_text(&recovery.driving_path, |s| {
        if s.0 == recovery.capability {
            portfolio.id(s.0).to_string()
        } else {
            step(s)
        }
    });
    let mut line = format!(
        "{}, {} late: {path}.",
        portfolio.id(recovery.capability),
        day_count(recovery.late_days),
    );
    let behind: Vec<String> = recovery.close_behind.iter().map(step).collect();
    if !behind.is_empty() {
        line.push_str(&format!(" Close behind: {}.", listing(&behind)));
    }
    line
}

/// "30 days earlier", "5 days later".
fn delay_words(days: i64) -> String {
    if days < 0 {
        format!("{} earlier", day_count(-days))
    } else {
        format!("{} later", day_count(days))
    }
}
