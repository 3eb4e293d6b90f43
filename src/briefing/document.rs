//! Writes the weekly briefing (SPEC §8) as a [`Document`]: short sentences
//! made from the figures, tables with aligned numbers and dates, RAG status
//! as words. Markdown and HTML are printed from the same document.

use petgraph::graph::NodeIndex;

use crate::analysis::impact::Impact;
use crate::briefing::figures::{Briefing, CapabilityStatus, News, Rag};
use crate::model::{NodeKind, Portfolio, Status};

use super::money::MoneyBriefing;
use super::money_document::money_section;
use super::time_charts::{capability_order, rag_tone, TimeCharts};

use crate::render::document::{Block, Cell, DocTable, Document, Figure, Tone};
use crate::render::text::chain::{id_chain, ChainIndex};
use crate::render::text::impact::{chain_line, describe_record, describe_update, impact_chains};
use crate::render::text::money::format_money;
use crate::render::text::options::recovery_line;
use crate::render::text::table::{Align, Style};
use crate::render::text::wording::{count, day_count, listing, signed_days};

/// How many impact chains the briefing lists.
const CHAINS_SHOWN: usize = 15;
/// How many rows long tables show before "… and N more".
pub(super) const ROWS_SHOWN: usize = 40;
/// How many capability stories the headline tells.
const STORIES_SHOWN: usize = 8;

/// The diagrams written beside the briefing.
pub struct BriefingFigures {
    /// One small diagram per late or at-risk capability, the least margin first.
    pub capabilities: Vec<Figure>,
    pub impact: Figure,
    pub critical: Figure,
    /// Which renderer drew them ([`crate::render::diagram::renderer::drawn_by`]).
    pub drawn_by: Option<String>,
}

/// Builds the briefing document.
pub fn briefing_document(
    briefing: &Briefing,
    money: Option<(&MoneyBriefing, Option<Figure>)>,
    figures: Option<BriefingFigures>,
    charts: &TimeCharts,
) -> Document {
    let (portfolio, status) = (briefing.portfolio(), briefing.status());
    let previous = briefing.previous_status();
    let as_of = status.as_of_date.clone().unwrap_or_default();
    let mut subtitle = format!("Weekly briefing, status as of {as_of}");
    if let Some(date) = previous.and_then(|p| p.as_of_date.as_deref()) {
        subtitle.push_str(&format!(", compared with last week ({date})"));
    }
    subtitle.push_str(&format!(
        ". The plan starts on {}.",
        portfolio.calendar().format(0)
    ));
    let mut doc = Document {
        title: format!("{} — weekly briefing {as_of}", portfolio.name()),
        subtitle,
        blocks: Vec::new(),
        ..Document::default()
    };
    headline(portfolio, status, briefing, &mut doc);
    capabilities(portfolio, briefing, charts, &mut doc);
    updates(portfolio, status, briefing, &mut doc);
    chains(portfolio, briefing, &mut doc);
    critical_path(portfolio, briefing, charts.gantt.as_ref(), &mut doc);
    components(portfolio, briefing, &mut doc);
    recovery(portfolio, briefing, &mut doc);
    // What follows is detail and figures: the annexes, on pages of their own,
    // so that the briefing proper stays short.
    if money.is_some() || briefing.risk.is_some() || charts.trend.is_some() || figures.is_some() {
        doc.heading(1, "Annexes");
        doc.note("The figures behind the briefing: money, schedule risk, the trend and the diagrams, each section as numbered above.");
    }
    if let Some((money, chart)) = money {
        money_section(money, "8. Money", chart, &mut doc);
    }
    crate::briefing::risk::section(portfolio, briefing, "9. Schedule risk", &mut doc);
    crate::briefing::trend::section(
        charts.trend.as_ref().map(|(t, f)| (t, f)),
        "10. Trend",
        &mut doc,
    );
    if let Some(figures) = figures {
        doc.heading(2, "11. Diagrams");
        if let Some(drawn_by) = figures.drawn_by {
            doc.note(drawn_by);
        }
        if !figures.capabilities.is_empty() {
            doc.paragraph(format!(
                "One diagram per late or at-risk capability ({}), the least margin first: its driving path in bold, this week's updates dark red, what slipped orange with its slip, and the capability in its RAG colour with its margin to target.",
                figures.capabilities.len()
            ));
        }
        doc.blocks
            .extend(figures.capabilities.into_iter().map(Block::Figure));
        doc.heading(3, "The whole portfolio");
        doc.blocks.push(Block::Figure(figures.impact));
        doc.blocks.push(Block::Figure(figures.critical));
    }
    doc
}

fn date(portfolio: &Portfolio, day: i64) -> String {
    portfolio.calendar().format(day)
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
    doc.bullets(vec![finish, caps, exposure_sentence(portfolio, b)]);

    // One sentence per late or at-risk capability that adds up: baseline
    // lateness + this week's slip = forecast lateness, and the change since
    // last week.
    let mut sentences = Vec::new();
    let mut worst: Vec<&CapabilityStatus> = b
        .capabilities
        .iter()
        .filter(|c| matches!(c.rag, Rag::Red | Rag::Amber))
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

/// SPEC §4's exposure in words that can be defended: the investment of the
/// unfinished projects whose slip reaches a late capability, then of all
/// unfinished projects that slipped.
fn exposure_sentence(portfolio: &Portfolio, b: &Briefing) -> String {
    let e = &b.impact.exposure;
    let currency = portfolio.currency();
    if e.projects == 0 {
        return "Investment exposed: none; no unfinished project slipped against the baseline."
            .to_string();
    }
    format!(
        "Investment exposed: {} in {} whose slip reaches a late capability; {} in all {} that slipped against the baseline (finished projects are not counted).",
        format_money(e.late_capability_investment, currency),
        count(e.late_capability_projects, "unfinished project", "unfinished projects"),
        format_money(e.investment, currency),
        count(e.projects, "unfinished project", "unfinished projects"),
    )
}

/// One capability's story, adding up: "CAP-CDM is forecast 59 days late
/// (target 2028-03-31, forecast 2028-05-29): 36 days of it were already in
/// the baseline plan; this week's updates add 23 days: P-CYB-004 slipped 23
/// days (supplier late), all of which reached CAP-CDM through pki. Since
/// last week (2026-11-16): 5 days later, …".
fn capability_sentence(
    portfolio: &Portfolio,
    status: &Status,
    b: &Briefing,
    c: &CapabilityStatus,
) -> String {
    let node = c.date.node;
    let id = portfolio.id(node);
    let margin = c.date.margin.unwrap_or(0);
    let baseline = c.baseline_margin.unwrap_or(0);
    let dates = format!(
        "target {}, forecast {}",
        c.date
            .target
            .map_or("—".to_string(), |t| date(portfolio, t)),
        date(portfolio, c.date.finish)
    );
    let mut sentence = if margin < 0 {
        let late = -margin;
        let planned = if baseline < 0 {
            format!(
                "{} of it {} already in the baseline plan",
                day_count(-baseline),
                if -baseline == 1 { "was" } else { "were" }
            )
        } else if baseline == 0 {
            "the baseline plan met the target with no day to spare".to_string()
        } else {
            format!("the baseline plan had {} to spare", day_count(baseline))
        };
        format!(
            "{id} is forecast {} late ({dates}): {planned}",
            day_count(late)
        )
    } else {
        format!(
            "{id} is at risk with {} of margin ({dates}): the baseline plan had {}",
            day_count(margin),
            day_count(baseline)
        )
    };
    sentence.push_str(&match c.slip {
        0 => "; this week's updates did not move it.".to_string(),
        s if s < 0 => format!(
            "; this week's updates won back {}: {}.",
            day_count(-s),
            slip_story(
                portfolio,
                Some(status),
                &b.impact,
                &b.impact.story_chain(node)
            )
        ),
        s => format!(
            "; this week's updates add {}: {}.",
            day_count(s),
            slip_story(
                portfolio,
                Some(status),
                &b.impact,
                &b.impact.story_chain(node)
            )
        ),
    });
    if let (Some(since), Some(change)) = (&b.since_last_week, c.finish_change()) {
        sentence.push_str(&match change {
            0 => " Unchanged since last week.".to_string(),
            ch => format!(
                " Since last week it moved {} {}: {}.",
                day_count(ch.abs()),
                if ch > 0 { "later" } else { "earlier" },
                // The update's note was quoted already.
                slip_story(portfolio, None, since, &since.story_chain(node))
            ),
        });
    }
    sentence
}

/// How the slip (or gain) of the last node of `chain` (its story chain in
/// `impact`) travelled: "P-CYB-002 slipped 42 days (supplier late), of which
/// 33 reached CAP-FMN through crypto-devices and P-COM-010 (float absorbed 9)".
fn slip_story(
    portfolio: &Portfolio,
    notes: Option<&Status>,
    impact: &Impact,
    chain: &[NodeIndex],
) -> String {
    let (Some(&source), Some(&node)) = (chain.first(), chain.last()) else {
        return String::new();
    };
    let id = portfolio.id(node);
    let slip = impact.slip(node);
    let moved = |days: i64| {
        if days >= 0 {
            format!("slipped {}", day_count(days))
        } else {
            format!("gained {}", day_count(-days))
        }
    };
    if source == node {
        return format!("its own update: {} {}", id, moved(slip));
    }
    let source_slip = impact.slip(source);
    let note = notes
        .and_then(|status| status.updates().iter().find(|u| u.node == source))
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
    let reached = if slip == source_slip {
        format!("all of which reached {id}{through}")
    } else if slip < source_slip && slip > 0 {
        format!(
            "of which {} reached {id}{through} (float absorbed {})",
            day_count(slip),
            day_count(source_slip - slip)
        )
    } else {
        format!("and {id} moved {}{through}", signed_days(slip))
    };
    format!(
        "{} {}{note}, {reached}",
        portfolio.id(source),
        moved(source_slip)
    )
}

/// "4 projects, 1 component and 2 capabilities".
fn kinds_count(portfolio: &Portfolio, nodes: &[NodeIndex]) -> String {
    let mut counts = [0usize; 3];
    for n in nodes {
        counts[match portfolio.node(*n).kind {
            NodeKind::Project => 0,
            NodeKind::Component => 1,
            NodeKind::Capability => 2,
        }] += 1;
    }
    let parts: Vec<String> = [
        (counts[0], "project", "projects"),
        (counts[1], "component", "components"),
        (counts[2], "capability", "capabilities"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| count(*n, one, many))
    .collect();
    listing_all(&parts)
}

/// `a`, `a and b`, `a, b and c` without cutting the list.
fn listing_all(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn capabilities(portfolio: &Portfolio, b: &Briefing, charts: &TimeCharts, doc: &mut Document) {
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
        ("Baseline margin", Align::Right),
    ];
    if with_previous {
        columns.push(("Since last week", Align::Right));
    }
    columns.push(("Status", Align::Left));
    columns.push(("Driving path", Align::Left));
    let mut table = DocTable::new(&columns);
    let order = capability_order(portfolio, b);
    let total = order.len();
    let mut driving_paths =
        ChainIndex::new(portfolio.node_count(), |n| b.driving_steps.previous(n));
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
            Cell::new(c.baseline_margin.map_or("—".to_string(), signed_days)),
        ];
        if with_previous {
            row.push(Cell::new(
                c.margin_change().map_or("—".to_string(), signed_days),
            ));
        }
        row.push(Cell::toned(c.rag.label(), rag_tone(c.rag)));
        row.push(Cell::new(
            driving_paths.text(c.date.node, |n| portfolio.id(n).to_string()),
        ));
        table.push(row);
    }
    doc.table(table);
    more_rows(total, doc);
    doc.note("Margin: days between the forecast and the target (negative: late). Baseline margin: the same before any update; the difference is what the updates moved.");
    if !with_previous {
        doc.note("No previous week's status was given, so changes since last week are not shown.");
    }
    if let Some(figure) = &charts.milestones {
        doc.blocks.push(Block::Figure(figure.clone()));
    }
}

fn updates(portfolio: &Portfolio, status: &Status, b: &Briefing, doc: &mut Document) {
    doc.heading(2, "3. This week's updates");
    if b.updates.is_empty() {
        doc.paragraph("No updates this week.");
        return;
    }
    let since = b.since_last_week.as_ref();
    let fresh = b
        .updates
        .iter()
        .filter(|e| !matches!(e.news, Some(News::Unchanged)))
        .count();
    doc.paragraph(match since {
        Some(_) => format!(
            "{} in this week's file: {} new or changed since last week (listed first), {} the same as last week. \"Finish\" compares the item's own finish with the baseline; \"What it moved since last week\" lists what moved because of the change.",
            count(b.updates.len(), "update", "updates"),
            fresh,
            b.updates.len() - fresh
        ),
        None => format!(
            "{} reported this week. \"Finish\" compares the item's own finish with the baseline; \"What it moved\" lists what slipped because of it.",
            count(b.updates.len(), "update was", "updates were")
        ),
    });
    let mut columns = vec![("ID", Align::Left), ("Name", Align::Left)];
    if since.is_some() {
        columns.push(("Since last week", Align::Left));
    }
    columns.extend([
        ("Update", Align::Left),
        ("Note", Align::Left),
        ("Finish", Align::Right),
    ]);
    columns.push(if since.is_some() {
        ("What it moved since last week", Align::Left)
    } else {
        ("What it moved", Align::Left)
    });
    let mut table = DocTable::new(&columns);
    for effect in b.updates.iter().take(ROWS_SHOWN) {
        let update = &status.updates()[effect.update];
        let mut row = vec![
            Cell::new(portfolio.id(effect.node)),
            Cell::new(portfolio.node(effect.node).name.clone()),
        ];
        let mut described = describe_update(update);
        if let Some(news) = &effect.news {
            let (word, tone) = match news {
                News::New => ("new", Some(Tone::Amber)),
                News::Changed(previous) => {
                    described = format!("{described}, was {}", describe_record(previous));
                    ("changed", Some(Tone::Amber))
                }
                News::Unchanged => ("unchanged", None),
            };
            row.push(Cell::toned(word, tone));
        }
        let moved = match since {
            _ if !effect.moves_dates => "nothing itself: a progress report".to_string(),
            Some(since) => moved_text(portfolio, since, &effect.moved_since_last_week),
            None => moved_text(portfolio, &b.impact, &effect.moved),
        };
        row.extend([
            Cell::new(described),
            Cell::new(update.note.clone().unwrap_or_default()),
            Cell::new(signed_days(effect.own_slip)),
            Cell::new(moved),
        ]);
        table.push(row);
    }
    doc.table(table);
    more_rows(b.updates.len(), doc);
    if !b.withdrawn.is_empty() {
        let ids: Vec<String> = b.withdrawn.iter().map(|u| u.id.clone()).collect();
        doc.note(format!(
            "Last week's file also had {} that this week's no longer has: {}.",
            count(ids.len(), "update", "updates"),
            listing(&ids)
        ));
    }
}

/// "nothing downstream" or "3 projects and 1 capability: CAP-PCN +5d".
fn moved_text(portfolio: &Portfolio, impact: &Impact, moved: &[NodeIndex]) -> String {
    if moved.is_empty() {
        return "nothing downstream".to_string();
    }
    let capabilities: Vec<String> = moved
        .iter()
        .filter(|n| portfolio.node(**n).kind == NodeKind::Capability)
        .map(|n| format!("{} {}", portfolio.id(*n), signed_days(impact.slip(*n))))
        .collect();
    let mut text = kinds_count(portfolio, moved);
    if !capabilities.is_empty() {
        text.push_str(&format!(": {}", listing(&capabilities)));
    }
    text
}

fn chains(portfolio: &Portfolio, b: &Briefing, doc: &mut Document) {
    doc.heading(2, "4. Impact chains");
    let impact = &b.impact;
    let ends = impact.chain_ends();
    if ends.is_empty() {
        doc.paragraph("Nothing slipped against the baseline.");
    } else {
        doc.paragraph(format!(
            "How the delays travel from the baseline to this week, worst first (chains into late capabilities, most late first; then into other capabilities; then the rest); each step shows its slip and, where float took some of it, how many days.{}",
            shown_of(ends.len())
        ));
        chain_list(portfolio, impact, &ends, doc);
    }
    let Some(since) = &b.since_last_week else {
        return;
    };
    doc.heading(3, "What changed since last week");
    let ends = since.chain_ends();
    if ends.is_empty() {
        doc.paragraph("Nothing moved later since last week.");
        return;
    }
    doc.paragraph(format!(
        "The same from last week's forecast to this week's: what the new and changed updates moved.{}",
        shown_of(ends.len())
    ));
    chain_list(portfolio, since, &ends, doc);
}

/// " The 15 worst of 40 chains are shown; …" when the list is cut.
fn shown_of(total: usize) -> String {
    if total > CHAINS_SHOWN {
        format!(" The {CHAINS_SHOWN} worst of {total} chains are shown; summary.json lists every item that slipped.")
    } else {
        String::new()
    }
}

fn chain_list(portfolio: &Portfolio, impact: &Impact, ends: &[NodeIndex], doc: &mut Document) {
    let mut chains = impact_chains(portfolio, impact);
    let lines: Vec<String> = ends
        .iter()
        .take(CHAINS_SHOWN)
        .map(|end| chain_line(portfolio, impact, &mut chains, *end, Style::Plain))
        .collect();
    doc.bullets(lines);
}

fn critical_path(portfolio: &Portfolio, b: &Briefing, gantt: Option<&Figure>, doc: &mut Document) {
    doc.heading(2, "5. Critical path");
    let schedule = &b.impact.updated;
    if schedule.critical_path.is_empty() {
        doc.paragraph("The portfolio is empty.");
        return;
    }
    doc.paragraph(format!(
        "The chain that drives the portfolio finish ({}) now runs: {}.",
        date(portfolio, schedule.finish),
        id_chain(portfolio, &schedule.critical_path)
    ));
    let mut table = DocTable::new(&[
        ("Step", Align::Right),
        ("ID", Align::Left),
        ("Name", Align::Left),
        ("Start", Align::Left),
        ("Finish", Align::Left),
        ("Days", Align::Right),
    ]);
    for (i, &n) in schedule.critical_path.iter().enumerate().take(ROWS_SHOWN) {
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
    if schedule.critical_path.len() > ROWS_SHOWN {
        doc.note(format!(
            "… and {} more steps; `capgraph schedule PORTFOLIO --status STATUS` lists the whole critical path, and summary.json carries it.",
            schedule.critical_path.len() - ROWS_SHOWN
        ));
    }
    if let Some(figure) = gantt {
        doc.blocks.push(Block::Figure(figure.clone()));
    }
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
            "Nothing entered the critical path.".to_string()
        } else {
            format!(
                "Entered the critical path: {}.",
                listing_all(&ids(&change.entered))
            )
        },
        if change.left.is_empty() {
            "Nothing left the critical path.".to_string()
        } else {
            format!(
                "Left the critical path: {}.",
                listing_all(&ids(&change.left))
            )
        },
    ]);
    if change.erosion.is_empty() {
        doc.paragraph(format!(
            "No project, component or capability lost {} or more of total float since last week.",
            day_count(b.options.erosion_days)
        ));
        return;
    }
    doc.paragraph(format!(
        "Float erosion: {} lost {} or more of total float since last week.",
        kinds_count(
            portfolio,
            &change.erosion.iter().map(|e| e.node).collect::<Vec<_>>()
        ),
        day_count(b.options.erosion_days)
    ));
    let mut table = DocTable::new(&[
        ("ID", Align::Left),
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

fn recovery(portfolio: &Portfolio, b: &Briefing, doc: &mut Document) {
    doc.heading(2, "7. Recovery and options");
    let comparison = &b.recovery;
    if comparison.recovery.is_empty() {
        doc.paragraph("No capability is late: no recovery is needed.");
    } else {
        doc.paragraph("For each late capability: the days to win, its driving path with each step's float to it (0: it drives the date; done: finished, nothing to win there), and the other work close behind, whose float to it is below the lateness: it may start to drive before all the days are won.");
        let lines: Vec<String> = comparison
            .recovery
            .iter()
            .take(ROWS_SHOWN)
            .map(|r| recovery_line(portfolio, |n| comparison.status.times(n).complete, r))
            .collect();
        doc.bullets(lines);
        if comparison.late > ROWS_SHOWN {
            // summary.json holds no recoveries: `options` states every one.
            doc.note(format!(
                "… and {} more; `capgraph options PORTFOLIO --status STATUS` states the recovery of every late capability.",
                comparison.late - ROWS_SHOWN
            ));
        }
    }
    if comparison.options.is_empty() {
        doc.note("No options were given; `capgraph weekly … --option \"NAME: ID=DAYS, …\"` sets what-ifs on top of this week side by side here (and `capgraph options` alone).");
        return;
    }
    let mut columns = vec![
        ("Option", Align::Left),
        ("Changes", Align::Left),
        ("Portfolio finish", Align::Left),
    ];
    columns.push(("Capabilities that move", Align::Left));
    let mut table = DocTable::new(&columns);
    for outcome in &comparison.options {
        let changes: Vec<String> = outcome
            .spec
            .delays
            .iter()
            .map(|(id, days)| format!("{id} {}", signed_days(*days)))
            .collect();
        let moved: Vec<String> = comparison
            .capabilities
            .iter()
            .zip(&outcome.capability_finishes)
            .filter_map(|(c, finish)| {
                let change = finish - comparison.status.times(*c).ef;
                (change != 0).then(|| {
                    let margin = portfolio
                        .node(*c)
                        .target
                        .map(|t| format!(", margin {}", signed_days(t - finish)))
                        .unwrap_or_default();
                    format!("{} {}{margin}", portfolio.id(*c), signed_days(change))
                })
            })
            .collect();
        table.push(vec![
            Cell::new(outcome.spec.name.clone()),
            Cell::new(listing_all(&changes)),
            Cell::new(format!(
                "{} ({})",
                date(portfolio, outcome.finish),
                signed_days(outcome.finish - comparison.status.finish)
            )),
            Cell::new(if moved.is_empty() {
                "none".to_string()
            } else {
                listing_all(&moved)
            }),
        ]);
    }
    doc.table(table);
}
