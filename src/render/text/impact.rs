//! The impact of a scenario for people (`impact --format table|md`): a
//! headline paragraph, the updates, the capabilities that slipped, and one
//! line per impact chain, worst first, with the days each step absorbed.

use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use crate::analysis::impact::{CapabilitySlip, ChainStep, Impact, StructuralImpact};
use crate::model::{NodeKind, Portfolio, Status, Update};

use crate::render::text::money::format_money;
use crate::render::text::table::{escape_markdown, Align, Style, Table};
use crate::render::text::wording::{count, day_count, listing, signed_days as days};

/// How much of the report to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    pub style: Style,
    /// At most this many chains (0: all of them).
    pub chains: usize,
}

/// Writes the impact report of `impact`, computed under `status`.
pub fn write_impact(
    portfolio: &Portfolio,
    status: &Status,
    impact: &Impact,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let style = options.style;
    let calendar = portfolio.calendar();
    heading(
        style,
        1,
        &format!(
            "Impact of {} on {}",
            scenario_title(portfolio, status, style),
            text(style, portfolio.name())
        ),
        out,
    )?;
    paragraph(&headline(portfolio, impact, style).join(" "), out)?;

    heading(style, 2, "Updates", out)?;
    let mut updates: Vec<&Update> = status.updates.iter().collect();
    updates.sort_by_key(|u| portfolio.id_rank(u.node));
    let mut table = Table::new(&[
        ("ID", Align::Left),
        ("Update", Align::Left),
        ("Its finish", Align::Right),
        ("Note", Align::Left),
    ]);
    for update in updates {
        table.push(vec![
            portfolio.id(update.node).to_string(),
            describe_update(update),
            days(impact.slip(update.node)),
            update.note.clone().unwrap_or_default(),
        ]);
    }
    table.write(style, out)?;

    if !impact.capabilities.is_empty() {
        heading(style, 2, "Capabilities whose finish slipped", out)?;
        let mut table = Table::new(&[
            ("ID", Align::Left),
            ("Name", Align::Left),
            ("Target", Align::Left),
            ("Was", Align::Left),
            ("Now", Align::Left),
            ("Slip", Align::Right),
            ("Margin", Align::Right),
        ]);
        for capability in &impact.capabilities {
            table.push(vec![
                portfolio.id(capability.node).to_string(),
                portfolio.node(capability.node).name.clone(),
                capability
                    .target
                    .map_or_else(|| "-".to_string(), |t| calendar.format(t)),
                calendar.format(capability.baseline_finish),
                calendar.format(capability.new_finish),
                days(capability.slip),
                capability.margin.map_or_else(|| "-".to_string(), days),
            ]);
        }
        table.write(style, out)?;
    }

    let ends = impact.chain_ends(portfolio);
    if ends.is_empty() {
        return Ok(());
    }
    let shown = match options.chains {
        0 => ends.len(),
        n => n.min(ends.len()),
    };
    let mut title = "How the delays travel, worst first".to_string();
    if shown < ends.len() {
        title.push_str(&format!(
            " ({shown} of {} chains; --chains 0 shows all, --format json lists every impacted node)",
            ends.len()
        ));
    }
    heading(style, 2, &title, out)?;
    for &end in &ends[..shown] {
        let line = chain_line(portfolio, impact, &impact.steps(end), style);
        match style {
            Style::Plain => writeln!(out, "  {line}")?,
            Style::Markdown => writeln!(out, "- {line}")?,
        }
    }
    Ok(())
}

/// "the status as of 2026-11-23", "delaying P-COM-004 by 42 days", "3 delays".
fn scenario_title(portfolio: &Portfolio, status: &Status, style: Style) -> String {
    if let Some(as_of) = &status.as_of_date {
        return format!("the status as of {}", text(style, as_of));
    }
    match status.updates.as_slice() {
        [update] => {
            let delay = update.delay_days.unwrap_or(0);
            let verb = if delay < 0 { "advancing" } else { "delaying" };
            format!(
                "{verb} {} by {}",
                text(style, portfolio.id(update.node)),
                day_count(delay.abs())
            )
        }
        updates => format!("{} delays", updates.len()),
    }
}

/// The headline sentences: finish, capabilities, exposure.
pub fn headline(portfolio: &Portfolio, impact: &Impact, style: Style) -> Vec<String> {
    let calendar = portfolio.calendar();
    let (before, after) = (impact.baseline.finish, impact.updated.finish);
    let mut sentences = vec![match impact.finish_slip {
        0 => format!(
            "The portfolio finish does not move ({}).",
            calendar.format(after)
        ),
        slip if slip > 0 => format!(
            "The portfolio finish slips {}, from {} to {}.",
            day_count(slip),
            calendar.format(before),
            calendar.format(after)
        ),
        slip => format!(
            "The portfolio finish moves {} earlier, from {} to {}.",
            day_count(-slip),
            calendar.format(before),
            calendar.format(after)
        ),
    }];

    let (mut late, kept): (Vec<&CapabilitySlip>, Vec<&CapabilitySlip>) =
        impact.capabilities.iter().partition(|c| c.is_late());
    // The latest first; the margin exists for every late capability.
    late.sort_by_key(|c| c.margin);
    let late_names: Vec<String> = late
        .iter()
        .map(|c| {
            let before = match c.baseline_margin {
                Some(m) if m < 0 => format!("was {} late", day_count(-m)),
                _ => "was on time".to_string(),
            };
            format!(
                "{} by {} ({before})",
                text(style, portfolio.id(c.node)),
                day_count(-c.margin.unwrap_or(0))
            )
        })
        .collect();
    let kept_names: Vec<String> = kept
        .iter()
        .map(|c| format!("{} {}", text(style, portfolio.id(c.node)), days(c.slip)))
        .collect();
    match (late.len(), kept.len()) {
        (0, 0) => sentences.push("No capability slips.".to_string()),
        (0, n) => sentences.push(format!(
            "{} slip{} but still meet{} {} target: {}.",
            count(n, "capability", "capabilities"),
            if n == 1 { "s" } else { "" },
            if n == 1 { "s" } else { "" },
            if n == 1 { "its" } else { "their" },
            listing(&kept_names)
        )),
        (n, k) => {
            let mut sentence = format!(
                "{} miss{} {} target: {}",
                count(n, "capability", "capabilities"),
                if n == 1 { "es" } else { "" },
                if n == 1 { "its" } else { "their" },
                listing(&late_names)
            );
            if k > 0 {
                sentence.push_str(&format!(
                    "; {k} more slip{} within {} margin: {}",
                    if k == 1 { "s" } else { "" },
                    if k == 1 { "its" } else { "their" },
                    listing(&kept_names)
                ));
            }
            sentence.push('.');
            sentences.push(sentence);
        }
    }

    let projects = impact.exposure.projects;
    let components = impact.impacted_count(portfolio, NodeKind::Component);
    if projects == 0 && components == 0 {
        sentences.push("No project or component slips.".to_string());
    } else {
        let mut who = count(projects, "project", "projects");
        if components > 0 {
            who.push_str(&format!(
                " and {}",
                count(components, "shared component", "shared components")
            ));
        }
        sentences.push(format!(
            "{who} slip{}, with {} of investment exposed.",
            if projects + components == 1 { "s" } else { "" },
            format_money(
                impact.exposure.investment,
                &text(style, portfolio.currency())
            )
        ));
    }
    sentences
}

/// `P-COM-004 +42d → pki +42d → P-COR-004 +30d (12d absorbed) → CAP-FMN +30d, target missed by 12d`.
pub fn chain_line(
    portfolio: &Portfolio,
    impact: &Impact,
    steps: &[ChainStep],
    style: Style,
) -> String {
    let mut parts = Vec::with_capacity(steps.len());
    for (i, step) in steps.iter().enumerate() {
        let mut part = format!(
            "{} {}",
            text(style, portfolio.id(step.node)),
            days(step.slip)
        );
        let mut notes = Vec::new();
        if step.absorbed > 0 {
            notes.push(format!("{}d absorbed", step.absorbed));
        }
        let last = i + 1 == steps.len();
        let target = target_note(impact, step.node);
        match target {
            Some(note) if last => {
                if !notes.is_empty() {
                    part.push_str(&format!(" ({})", notes.join("; ")));
                }
                part.push_str(&format!(", {note}"));
                parts.push(part);
                continue;
            }
            Some(note) => notes.push(note),
            None => {}
        }
        if !notes.is_empty() {
            part.push_str(&format!(" ({})", notes.join("; ")));
        }
        parts.push(part);
    }
    parts.join(" → ")
}

/// "target missed by 12d" / "target still met, 5d to spare" for a capability with a target.
fn target_note(impact: &Impact, node: NodeIndex) -> Option<String> {
    let capability = impact.capabilities.iter().find(|c| c.node == node)?;
    let margin = capability.margin?;
    Some(if margin < 0 {
        format!("target missed by {}d", -margin)
    } else {
        format!("target still met, {margin}d to spare")
    })
}

/// What an update says, as written: `+42 days`, `started 2026-04-20, 219 days remaining`.
pub fn describe_update(update: &Update) -> String {
    let record = &update.record;
    let mut parts = Vec::new();
    if let Some(delay) = record.delay_days {
        parts.push(if delay < 0 {
            format!("{} earlier", day_count(-delay))
        } else {
            format!("{} late", day_count(delay))
        });
    }
    if let Some(date) = &record.actual_start {
        parts.push(format!("started {date}"));
    }
    if let Some(date) = &record.actual_finish {
        parts.push(format!("finished {date}"));
    }
    if let Some(date) = &record.forecast_finish {
        parts.push(format!("forecast to finish {date}"));
    }
    if let Some(days) = record.remaining_days {
        parts.push(format!("{} remaining", day_count(days)));
    }
    parts.join(", ")
}

/// Writes everything downstream of the sources, without dates.
pub fn write_structural(
    portfolio: &Portfolio,
    reach: &StructuralImpact,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let sources: Vec<String> = reach
        .sources
        .iter()
        .map(|n| text(style, portfolio.id(*n)))
        .collect();
    heading(
        style,
        1,
        &format!(
            "Downstream of {} in {}",
            listing(&sources),
            text(style, portfolio.name())
        ),
        out,
    )?;
    let of_kind = |kind| {
        reach
            .reached
            .iter()
            .filter(|n| portfolio.node(**n).kind == kind)
            .count()
    };
    if reach.reached.is_empty() {
        return paragraph("Nothing depends on it.", out);
    }
    paragraph(
        &format!(
            "{} lie downstream: {}, {} and {}. Each is listed with one shortest chain from a source.",
            count(reach.reached.len(), "node", "nodes"),
            count(of_kind(NodeKind::Project), "project", "projects"),
            count(of_kind(NodeKind::Component), "component", "components"),
            count(of_kind(NodeKind::Capability), "capability", "capabilities"),
        ),
        out,
    )?;
    let mut table = Table::new(&[
        ("Depth", Align::Right),
        ("ID", Align::Left),
        ("Kind", Align::Left),
        ("Name", Align::Left),
        ("Chain", Align::Left),
    ]);
    for &node in &reach.reached {
        let n = portfolio.node(node);
        let chain: Vec<&str> = reach.chain(node).iter().map(|c| portfolio.id(*c)).collect();
        table.push(vec![
            reach.depth(node).unwrap_or(0).to_string(),
            n.id.clone(),
            n.kind.to_string(),
            n.name.clone(),
            chain.join(" → "),
        ]);
    }
    table.write(style, out)
}

fn heading(style: Style, level: usize, title: &str, out: &mut dyn Write) -> io::Result<()> {
    match style {
        Style::Plain if level == 1 => writeln!(out, "{title}\n"),
        Style::Plain => writeln!(out, "\n{title}"),
        Style::Markdown if level == 1 => writeln!(out, "# {title}\n"),
        Style::Markdown => writeln!(out, "\n{} {title}\n", "#".repeat(level)),
    }
}

fn paragraph(sentences: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{sentences}")
}

/// User text for the report: escaped in Markdown, kept on one line in plain text.
fn text(style: Style, value: &str) -> String {
    match style {
        Style::Plain => value.replace(['\n', '\r', '\t'], " "),
        Style::Markdown => escape_markdown(value),
    }
}
