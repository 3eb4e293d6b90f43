//! The impact of a scenario for people (`impact --format table|md`): a
//! headline paragraph, the updates, the capabilities that slipped, and one
//! line per impact chain, worst first, with the days each step absorbed.

use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use crate::analysis::impact::{CapabilitySlip, Impact, StructuralImpact};
use crate::analysis::scenario::Source;
use crate::model::records::UpdateRecord;
use crate::model::{NodeKind, Portfolio, Update};

use crate::render::text::chain::ChainIndex;
use crate::render::text::money::format_money;
use crate::render::text::money::format_thousands;
use crate::render::text::table::{escape_markdown, Align, Style, Table};
use crate::render::text::wording::{count, day_count, listing, signed_days as days};

/// How much of the report to show, and what it compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions<'a> {
    pub style: Style,
    /// At most this many chains (0: all of them).
    pub chains: usize,
    /// The `as_of` of the scenario's status file (`None` for `--delay`).
    pub status_as_of: Option<&'a str>,
}

/// Writes the impact report of `impact`.
pub fn write_impact(
    impact: &Impact,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let portfolio = impact.portfolio();
    let style = options.style;
    let calendar = portfolio.calendar();
    heading(
        style,
        1,
        &format!(
            "Impact of {} on {}",
            scenario_title(portfolio, impact, options.status_as_of, style),
            text(style, portfolio.name())
        ),
        out,
    )?;
    paragraph(&headline(portfolio, impact, style).join(" "), out)?;

    heading(
        style,
        2,
        if impact.reference_as_of.is_some() && options.status_as_of.is_some() {
            "Updates new or changed since then"
        } else {
            "Updates"
        },
        out,
    )?;
    if impact.sources.is_empty() {
        paragraph("None: the two status files agree.", out)?;
    } else {
        let mut table = Table::new(&[
            ("ID", Align::Left),
            ("Update", Align::Left),
            ("Its finish", Align::Right),
            ("Note", Align::Left),
        ]);
        for source in &impact.sources {
            table.push(vec![
                text(style, portfolio.id(source.node)),
                describe_source(source),
                days(impact.slip(source.node)),
                text(style, source.update.note.as_deref().unwrap_or_default()),
            ]);
        }
        table.write(style, out)?;
    }

    if !impact.capabilities.is_empty() {
        heading(style, 2, "Capabilities whose finish slipped", out)?;
        let mut table = Table::new(&[
            ("ID", Align::Left),
            ("Name", Align::Left),
            ("Target", Align::Left),
            ("Was", Align::Left),
            ("Now", Align::Left),
            ("Slip", Align::Right),
            ("Margin was", Align::Right),
            ("Margin", Align::Right),
        ]);
        for capability in &impact.capabilities {
            table.push(vec![
                portfolio.id(capability.node).to_string(),
                portfolio.node(capability.node).name.clone(),
                capability
                    .target
                    .map_or_else(|| "-".to_string(), |t| calendar.format(t)),
                calendar.format(capability.reference_finish),
                calendar.format(capability.new_finish),
                days(capability.slip),
                capability
                    .reference_margin
                    .map_or_else(|| "-".to_string(), days),
                capability.margin.map_or_else(|| "-".to_string(), days),
            ]);
        }
        table.write(style, out)?;
    }

    let ends = impact.chain_ends();
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
    let mut chains = impact_chains(portfolio, impact);
    for &end in &ends[..shown] {
        let line = chain_line(portfolio, impact, &mut chains, end, style);
        match style {
            Style::Plain => writeln!(out, "  {line}")?,
            Style::Markdown => writeln!(out, "- {line}")?,
        }
    }
    Ok(())
}

/// "the status as of 2026-11-23", "delaying P-COM-004 by 42 days", "3
/// delays", each "against the status as of 2026-11-16" or "on top of the
/// status as of 2026-11-16" with a reference.
fn scenario_title(
    portfolio: &Portfolio,
    impact: &Impact,
    status_as_of: Option<&str>,
    style: Style,
) -> String {
    let reference = impact.reference_as_of.as_deref().map(|r| text(style, r));
    if let Some(as_of) = status_as_of {
        let title = format!("the status as of {}", text(style, as_of));
        return match reference {
            Some(r) => format!("{title} against the status as of {r}"),
            None => title,
        };
    }
    let title = match impact.sources.as_slice() {
        [source] => {
            let delay = source.update.delay_days.unwrap_or(0);
            let verb = if delay < 0 { "advancing" } else { "delaying" };
            format!(
                "{verb} {} by {}",
                text(style, portfolio.id(source.node)),
                day_count(delay.abs())
            )
        }
        sources => format!("{} delays", sources.len()),
    };
    match reference {
        Some(r) => format!("{title} on top of the status as of {r}"),
        None => title,
    }
}

/// The headline sentences: finish, capabilities, exposure.
pub fn headline(portfolio: &Portfolio, impact: &Impact, style: Style) -> Vec<String> {
    let calendar = portfolio.calendar();
    let (before, after) = (impact.reference.finish, impact.updated.finish);
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
            let before = match c.reference_margin {
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

    let projects = impact.impacted_count(NodeKind::Project);
    let components = impact.impacted_count(NodeKind::Component);
    if projects == 0 && components == 0 {
        sentences.push("No project or component slips.".to_string());
        return sentences;
    }
    let mut who = count(projects, "project", "projects");
    if components > 0 {
        who.push_str(&format!(
            " and {}",
            count(components, "shared component", "shared components")
        ));
    }
    sentences.push(format!(
        "{who} slip{}.",
        if projects + components == 1 { "s" } else { "" }
    ));
    sentences.push(exposure_sentence(portfolio, impact, style));
    sentences
}

/// SPEC §4 exposure in words that can be defended: only unfinished
/// projects count, and the part whose slip reaches a late capability is
/// named apart.
fn exposure_sentence(portfolio: &Portfolio, impact: &Impact, style: Style) -> String {
    let exposure = &impact.exposure;
    let currency = text(style, portfolio.currency());
    if exposure.projects == 0 {
        return "No unfinished project slips: no investment is exposed.".to_string();
    }
    let all = format!(
        "{} of investment is exposed in the {} that slipped",
        format_money(exposure.investment, &currency),
        count(
            exposure.projects,
            "unfinished project",
            "unfinished projects"
        )
    );
    match exposure.late_capability_projects {
        0 => format!("{all}; none of their slips reaches a late capability."),
        n if n == exposure.projects => {
            format!("{all}; the slip of every one of them reaches a late capability.")
        }
        n => format!(
            "{all}; {} of it in the {} whose slip reaches a late capability.",
            format_money(exposure.late_capability_investment, &currency),
            count(n, "project", "projects")
        ),
    }
}

/// `P-COM-004 +42d → pki +42d → P-COR-004 +30d (12d absorbed) → CAP-FMN +30d, target missed by 12d`:
/// the impact chain ending at `end`, each step with its slip and the days it
/// absorbed, shortened as every chain for people is ([`chain`](crate::render::text::chain)).
/// `chains` walks `impact`'s chains ([`impact_chains`]), once for all lines.
pub fn chain_line(
    portfolio: &Portfolio,
    impact: &Impact,
    chains: &mut ChainIndex<impl Fn(NodeIndex) -> Option<NodeIndex>>,
    end: NodeIndex,
    style: Style,
) -> String {
    chains.text(end, |node| {
        let slip = impact.slip(node);
        let mut part = format!("{} {}", text(style, portfolio.id(node)), days(slip));
        let mut notes = Vec::new();
        // The days between the slip that reached this step and its own.
        let absorbed = impact
            .via(node)
            .map_or(0, |previous| (impact.slip(previous) - slip).max(0));
        if absorbed > 0 {
            notes.push(format!("float absorbed {absorbed}d"));
        }
        let target = target_note(portfolio, impact, node);
        match target {
            Some(note) if node == end => {
                if !notes.is_empty() {
                    part.push_str(&format!(" ({})", notes.join("; ")));
                }
                part.push_str(&format!(", {note}"));
                return part;
            }
            Some(note) => notes.push(note),
            None => {}
        }
        if !notes.is_empty() {
            part.push_str(&format!(" ({})", notes.join("; ")));
        }
        part
    })
}

/// The impact chains of `impact`, for [`chain_line`].
pub fn impact_chains<'a>(
    portfolio: &Portfolio,
    impact: &'a Impact,
) -> ChainIndex<impl Fn(NodeIndex) -> Option<NodeIndex> + 'a> {
    ChainIndex::new(portfolio.node_count(), |node| impact.via(node))
}

/// "target missed by 12d" / "target still met, 5d to spare" for a capability with a target.
fn target_note(portfolio: &Portfolio, impact: &Impact, node: NodeIndex) -> Option<String> {
    // The capabilities that slipped are in id order.
    let rank = portfolio.id_rank(node);
    let i = impact
        .capabilities
        .binary_search_by_key(&rank, |c| portfolio.id_rank(c.node))
        .ok()?;
    let margin = impact.capabilities[i].margin?;
    Some(if margin < 0 {
        format!("target missed by {}d", -margin)
    } else {
        format!("target still met, {margin}d to spare")
    })
}

/// What an update says, as written: `42 days late`, `started 2026-04-20, 219 days remaining`.
pub fn describe_update(update: &Update) -> String {
    describe_record(&update.record)
}

/// What a source says: its update, "… (was: …)" for a changed one, or for
/// an update the scenario no longer has, "withdrawn (was: …)".
fn describe_source(source: &Source) -> String {
    let update = describe_record(&source.update);
    match &source.previous {
        _ if source.removed => format!("withdrawn (was: {update})"),
        Some(previous) => format!("{update} (was: {})", describe_record(previous)),
        None => update,
    }
}

/// What one update record says, in words: "42 days late, started 2026-01-05".
pub fn describe_record(record: &UpdateRecord) -> String {
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
    if let Some(percent) = record.percent_complete {
        parts.push(format!("{percent} % complete"));
    }
    if let Some(cost) = record.actual_cost {
        parts.push(format!("{} spent", format_thousands(cost)));
    }
    if let Some(estimate) = record.estimate_at_completion {
        parts.push(format!(
            "estimate at completion {}",
            format_thousands(estimate)
        ));
    }
    parts.join(", ")
}

/// Writes everything downstream of the sources, without dates.
pub fn write_structural(
    reach: &StructuralImpact,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let portfolio = reach.portfolio();
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
    let mut chains = ChainIndex::new(portfolio.node_count(), |node| reach.parent(node));
    for &node in &reach.reached {
        let n = portfolio.node(node);
        let chain = chains.text(node, |c| portfolio.id(c).to_string());
        table.push(vec![
            reach.depth(node).unwrap_or(0).to_string(),
            n.id.clone(),
            n.kind.to_string(),
            n.name.clone(),
            chain,
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
