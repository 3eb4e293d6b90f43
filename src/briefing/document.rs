//! Writes the weekly briefing (SPEC §8) as a [`Document`]: short sentences
//! made from the figures, tables with aligned numbers and dates, RAG status
//! as words. Markdown and HTML are printed from the same document.

use petgraph::graph::NodeIndex;

use crate::briefing::figures::{Briefing, CapabilityStatus, Rag};
use crate::model::{NodeKind, Portfolio, Status};

use super::money::MoneyBriefing;
use super::money_document::money_section;

use crate::render::document::{Block, Cell, DocTable, Document, Figure, Tone};
use crate::render::text::impact::{chain_line, describe_update};
use crate::render::text::money::format_money;
use crate::render::text::table::{Align, Style};
use crate::render::text::wording::{count, day_count, listing, signed_days};

/// How many impact chains the briefing lists.
const CHAINS_SHOWN: usize = 15;
/// How many rows long tables show before "… and N more".
const ROWS_SHOWN: usize = 40;
/// How many capability stories the headline tells.
const STORIES_SHOWN: usize = 8;
/// Driving paths longer than this many steps are shortened in tables.
const PATH_STEPS_SHOWN: usize = 8;

/// The diagrams written beside the briefing.
pub struct BriefingFigures {
    pub impact: Figure,
    pub critical: Figure,
}

/// Builds the briefing document.
pub fn briefing_document(
    portfolio: &Portfolio,
    status: &Status,
    previous: Option<&Status>,
    briefing: &Briefing,
    money: Option<(&MoneyBriefing, Option<Figure>)>,
    figures: Option<BriefingFigures>,
) -> Document {
    let as_of = status.as_of_date.clone().unwrap_or_default();
    let mut subtitle = format!("Weekly briefing, status as of {as_of}");
    if let Some(date) = previous.and_then(|p| p.as_of_date.as_deref()) {
        subtitle.push_str(&format!(", compared with last week ({date})"));
    }
    subtitle.push_str(&format!(
        ". Day 0 of the schedule is {}.",
        portfolio.calendar().format(0)
    ));
    let mut doc = Document {
        title: format!("{} — weekly briefing {as_of}", portfolio.name()),
        subtitle,
        blocks: Vec::new(),
    };
    headline(portfolio, status, briefing, &mut doc);
    capabilities(portfolio, briefing, &mut doc);
    updates(portfolio, status, briefing, &mut doc);
    chains(portfolio, briefing, &mut doc);
    critical_path(portfolio, briefing, &mut doc);
    components(portfolio, briefing, &mut doc);
    if let Some((money, chart)) = money {
        money_section(portfolio, money, "7. Money", chart, &mut doc);
    }
    if let Some(figures) = figures {
        doc.heading(2, "8. Diagrams");
        doc.blocks.push(Block::Figure(figures.impact));
        doc.blocks.push(Block::Figure(figures.critical));
    }
    doc
}

fn date(portfolio: &Portfolio, day: i64) -> String {
    portfolio.calendar().format(day)
}

fn tone(rag: Rag) -> Option<Tone> {
    match rag {
        Rag::Red => Some(Tone::Red),
        Rag::Amber => Some(Tone::Amber),
        Rag::Green => Some(Tone::Green),
        Rag::NoTarget => None,
    }
}

fn headline(portfolio: &Portfolio, status: &Status, b: &Briefing, doc: &mut Document) {
    let impact = &b.impact;
    doc.heading(2, "1. Headline");
    let mut finish = format!(
        "Portfolio finish: {} ({} the baseline {})",
        date(portfolio, impact.updated.finish),
        match impact.finish_slip {
            0 => "the same as".to_string(),
            s if s > 0 => format!("{} later than", day_count(s)),
            s => format!("{} earlier than", day_count(-s)),
        },
        date(portfolio, impact.reference.finish)
    );
    if let Some(last) = b.previous_finish() {
        let change = impact.updated.finish - last;
        finish.push_str(&match change {
            0 => format!("; unchanged since last week ({})", date(portfolio, last)),
            c if c > 0 => format!(
                "; {} later than last week ({})",
                day_count(c),
                date(portfolio, last)
            ),
            c => format!(
                "; {} earlier than last week ({})",
                day_count(-c),
                date(portfolio, last)
            ),
        });
    }
    finish.push('.');
    let c = &b.counts;
    let mut caps = format!(
        "Capabilities: {} late, {} at risk (margin under {} days), {} on track",
        c.late, c.at_risk, b.options.amber_days, c.on_track
    );
    if c.no_target > 0 {
        caps.push_str(&format!(", {} without a target", c.no_target));
    }
    caps.push('.');
    let exposure = format!(
        "Investment exposed: {} in the {} whose finish slipped since the baseline.",
        format_money(impact.exposure.investment, portfolio.currency()),
        count(impact.exposure.projects, "project", "projects")
    );
    doc.bullets(vec![finish, caps, exposure]);

    // One sentence per late or at-risk capability whose finish slipped: how it got there.
    let mut sentences = Vec::new();
    let mut worst: Vec<&CapabilityStatus> = b
        .capabilities
        .iter()
        .filter(|c| matches!(c.rag, Rag::Red | Rag::Amber) && impact.slip(c.date.node) > 0)
        .collect();
    worst.sort_by_key(|c| (c.date.margin, portfolio.id_rank(c.date.node)));
    let untold = worst.len().saturating_sub(STORIES_SHOWN);
    for capability in worst.into_iter().take(STORIES_SHOWN) {
        sentences.push(capability_sentence(portfolio, status, b, capability));
    }
    for sentence in sentences {
        doc.paragraph(sentence);
    }
    if untold > 0 {
        doc.note(format!(
            "… and {untold} more {} late or at risk; section 2 lists them.",
            if untold == 1 {
                "capability is"
            } else {
                "capabilities are"
            }
        ));
    }
}

/// "CAP-FMN is now forecast 10 days late: P-CYB-002 slipped 42 days (crypto
/// devices late from supplier), of which 33 reached CAP-FMN through
/// crypto-devices and P-COM-010."
fn capability_sentence(
    portfolio: &Portfolio,
    status: &Status,
    b: &Briefing,
    c: &CapabilityStatus,
) -> String {
    let impact = &b.impact;
    let node = c.date.node;
    let id = portfolio.id(node);
    let margin = c.date.margin.unwrap_or(0);
    let state = if margin < 0 {
        format!("is now forecast {} late", day_count(-margin))
    } else {
        format!("is at risk with {} of margin left", day_count(margin))
    };
    let chain = impact.chain(node);
    let source = chain[0];
    let slip = impact.slip(node);
    if source == node {
        return format!(
            "{id} {state}: its own update moved it {}.",
            signed_days(slip)
        );
    }
    let source_slip = impact.slip(source);
    let note = status
        .updates
        .iter()
        .find(|u| u.node == source)
        .and_then(|u| u.note.as_deref())
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    let via: Vec<String> = chain[1..chain.len() - 1]
        .iter()
        .map(|n| portfolio.id(*n).to_string())
        .collect();
    let through = if via.is_empty() {
        String::new()
    } else {
        format!(" through {}", listing(&via))
    };
    let moved = if slip == source_slip {
        format!("all of which reached {id}{through}")
    } else {
        format!("of which {slip} reached {id}{through}")
    };
    format!(
        "{id} {state}: {} slipped {}{note}, {moved}.",
        portfolio.id(source),
        day_count(source_slip)
    )
}

/// `a`, `a and b`, `a, b and c` without cutting the list.
fn listing_all(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn capabilities(portfolio: &Portfolio, b: &Briefing, doc: &mut Document) {
    doc.heading(2, "2. Capabilities");
    if b.capabilities.is_empty() {
        doc.paragraph("The portfolio has no capabilities.");
        return;
    }
    let with_previous = b.previous.is_some();
    let mut columns = vec![
        ("Capability", Align::Left),
        ("Name", Align::Left),
        ("Target", Align::Left),
        ("Forecast", Align::Left),
        ("Margin", Align::Right),
    ];
    if with_previous {
        columns.push(("Since last week", Align::Right));
    }
    columns.push(("Status", Align::Left));
    columns.push(("Driving path", Align::Left));
    let mut table = DocTable::new(&columns);
    let mut order: Vec<&CapabilityStatus> = b.capabilities.iter().collect();
    order.sort_by_key(|c| (c.rag, c.date.margin, portfolio.id_rank(c.date.node)));
    let total = order.len();
    for c in order.into_iter().take(ROWS_SHOWN) {
        let mut row = vec![
            Cell::new(portfolio.id(c.date.node)),
            Cell::new(portfolio.node(c.date.node).name.clone()),
            Cell::new(
                c.date
                    .target
                    .map_or("—".to_string(), |t| date(portfolio, t)),
            ),
            Cell::new(date(portfolio, c.date.finish)),
            Cell::new(c.date.margin.map_or("—".to_string(), signed_days)),
        ];
        if with_previous {
            row.push(Cell::new(
                c.margin_change().map_or("—".to_string(), signed_days),
            ));
        }
        row.push(Cell::toned(c.rag.label(), tone(c.rag)));
        row.push(Cell::new(path_text(portfolio, &c.date.driving_path)));
        table.push(row);
    }
    doc.table(table);
    more_rows(total, doc);
    if !with_previous {
        doc.note("No previous week's status was given, so changes since last week are not shown.");
    }
}

/// `A → B → C`; a long path keeps its first and last steps around
/// `… (12 more) …` so a table row stays readable.
fn path_text(portfolio: &Portfolio, path: &[NodeIndex]) -> String {
    let ids: Vec<&str> = path.iter().map(|n| portfolio.id(*n)).collect();
    if ids.len() <= PATH_STEPS_SHOWN {
        return ids.join(" → ");
    }
    let head = PATH_STEPS_SHOWN / 2;
    let tail = PATH_STEPS_SHOWN - head - 1;
    let hidden = ids.len() - head - tail;
    format!(
        "{} → … ({hidden} more) … → {}",
        ids[..head].join(" → "),
        ids[ids.len() - tail..].join(" → ")
    )
}

fn updates(portfolio: &Portfolio, status: &Status, b: &Briefing, doc: &mut Document) {
    doc.heading(2, "3. This week's updates");
    if b.updates.is_empty() {
        doc.paragraph("No updates this week.");
        return;
    }
    doc.paragraph(format!(
        "{} reported this week. \"Its finish\" compares the node's own finish with the baseline; \"What it moved\" lists what slipped because of it.",
        count(b.updates.len(), "update was", "updates were")
    ));
    let mut table = DocTable::new(&[
        ("Id", Align::Left),
        ("Name", Align::Left),
        ("Update", Align::Left),
        ("Note", Align::Left),
        ("Its finish", Align::Right),
        ("What it moved", Align::Left),
    ]);
    for effect in &b.updates {
        let update = &status.updates[effect.update];
        let moved = if effect.moved.is_empty() {
            "nothing downstream".to_string()
        } else {
            let capabilities: Vec<String> = effect
                .moved
                .iter()
                .filter(|n| portfolio.node(**n).kind == NodeKind::Capability)
                .map(|n| format!("{} {}", portfolio.id(*n), signed_days(b.impact.slip(*n))))
                .collect();
            let mut text = format!("{} downstream", count(effect.moved.len(), "node", "nodes"));
            if !capabilities.is_empty() {
                text.push_str(&format!(", incl. {}", listing(&capabilities)));
            }
            text
        };
        table.push(vec![
            Cell::new(portfolio.id(effect.node)),
            Cell::new(portfolio.node(effect.node).name.clone()),
            Cell::new(describe_update(update)),
            Cell::new(update.note.clone().unwrap_or_default()),
            Cell::new(signed_days(effect.own_slip)),
            Cell::new(moved),
        ]);
    }
    doc.table(table);
}

fn chains(portfolio: &Portfolio, b: &Briefing, doc: &mut Document) {
    doc.heading(2, "4. Impact chains");
    let impact = &b.impact;
    let ends = impact.chain_ends(portfolio);
    if ends.is_empty() {
        doc.paragraph("Nothing slipped against the baseline.");
        return;
    }
    doc.paragraph(format!(
        "How the delays travel from the baseline to this week, worst first; each step shows its slip and the days its float absorbed.{}",
        if ends.len() > CHAINS_SHOWN {
            format!(" The {CHAINS_SHOWN} most important of {} chains are shown; summary.json lists every impacted node.", ends.len())
        } else {
            String::new()
        }
    ));
    let lines: Vec<String> = ends
        .iter()
        .take(CHAINS_SHOWN)
        .map(|end| chain_line(portfolio, impact, &impact.steps(*end), Style::Plain))
        .collect();
    doc.bullets(lines);
}

fn critical_path(portfolio: &Portfolio, b: &Briefing, doc: &mut Document) {
    doc.heading(2, "5. Critical path");
    let schedule = &b.impact.updated;
    if schedule.critical_path.is_empty() {
        doc.paragraph("The portfolio is empty.");
        return;
    }
    doc.paragraph(format!(
        "The chain that drives the portfolio finish ({}) now runs: {}.",
        date(portfolio, schedule.finish),
        path_text(portfolio, &schedule.critical_path)
    ));
    let mut table = DocTable::new(&[
        ("Step", Align::Right),
        ("Id", Align::Left),
        ("Name", Align::Left),
        ("Start", Align::Left),
        ("Finish", Align::Left),
        ("Days", Align::Right),
    ]);
    for (i, &n) in schedule.critical_path.iter().enumerate() {
        let t = schedule.times(n);
        table.push(vec![
            Cell::new((i + 1).to_string()),
            Cell::new(portfolio.id(n)),
            Cell::new(portfolio.node(n).name.clone()),
            Cell::new(date(portfolio, t.es)),
            Cell::new(date(portfolio, t.ef)),
            Cell::new(t.effective_duration().to_string()),
        ]);
    }
    doc.table(table);
    let Some(change) = &b.critical_path_change else {
        doc.note("No previous week's status was given, so entries, exits and float erosion are not shown.");
        return;
    };
    doc.heading(3, "Since last week");
    let ids = |nodes: &[NodeIndex]| {
        nodes
            .iter()
            .map(|n| portfolio.id(*n).to_string())
            .collect::<Vec<_>>()
    };
    doc.bullets(vec![
        if change.entered.is_empty() {
            "No node entered the critical path.".to_string()
        } else {
            format!(
                "Entered the critical path: {}.",
                listing_all(&ids(&change.entered))
            )
        },
        if change.left.is_empty() {
            "No node left the critical path.".to_string()
        } else {
            format!(
                "Left the critical path: {}.",
                listing_all(&ids(&change.left))
            )
        },
    ]);
    if change.erosion.is_empty() {
        doc.paragraph(format!(
            "No node lost {} or more of total float since last week.",
            day_count(b.options.erosion_days)
        ));
        return;
    }
    doc.paragraph(format!(
        "Float erosion: {} lost {} or more of total float since last week.",
        count(change.erosion.len(), "node", "nodes"),
        day_count(b.options.erosion_days)
    ));
    let mut table = DocTable::new(&[
        ("Id", Align::Left),
        ("Name", Align::Left),
        ("Float last week", Align::Right),
        ("Float now", Align::Right),
        ("Change", Align::Right),
    ]);
    for e in change.erosion.iter().take(ROWS_SHOWN) {
        table.push(vec![
            Cell::new(portfolio.id(e.node)),
            Cell::new(portfolio.node(e.node).name.clone()),
            Cell::new(format!("{}d", e.previous_float)),
            Cell::new(format!("{}d", e.float)),
            Cell::new(signed_days(e.float - e.previous_float)),
        ]);
    }
    doc.table(table);
    more_rows(change.erosion.len(), doc);
}

fn components(portfolio: &Portfolio, b: &Briefing, doc: &mut Document) {
    doc.heading(2, "6. Shared components at risk");
    if b.components_at_risk.is_empty() {
        doc.paragraph("No shared component slipped against the baseline.");
        return;
    }
    doc.paragraph(format!(
        "{} slipped; every project that builds on one inherits the delay unless its float absorbs it.",
        count(b.components_at_risk.len(), "component", "components")
    ));
    let mut table = DocTable::new(&[
        ("Component", Align::Left),
        ("Name", Align::Left),
        ("Slip", Align::Right),
        ("Now available", Align::Left),
        ("Users", Align::Right),
        ("Domains", Align::Left),
        ("User projects", Align::Left),
    ]);
    for c in b.components_at_risk.iter().take(ROWS_SHOWN) {
        let users: Vec<String> = c
            .users
            .iter()
            .map(|u| portfolio.id(*u).to_string())
            .collect();
        table.push(vec![
            Cell::new(portfolio.id(c.node)),
            Cell::new(portfolio.node(c.node).name.clone()),
            Cell::new(signed_days(c.slip)),
            Cell::new(date(portfolio, b.impact.updated.times(c.node).ef)),
            Cell::new(c.users.len().to_string()),
            Cell::new(c.domains.join(", ")),
            Cell::new(listing(&users)),
        ]);
    }
    doc.table(table);
    more_rows(b.components_at_risk.len(), doc);
}

fn more_rows(total: usize, doc: &mut Document) {
    if total > ROWS_SHOWN {
        doc.note(format!(
            "… and {} more; summary.json lists them all.",
            total - ROWS_SHOWN
        ));
    }
}
