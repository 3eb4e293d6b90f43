//! The Money section of the weekly briefing (SPEC §8 item 8): what this
//! week's updates move between fiscal years, years above a ceiling, the cost
//! of delay, spend per year against the baseline, and earned value. Every
//! figure comes from [`MoneyBriefing`], the analysis behind
//! `funding --status`; this file only words and lays them out.

use super::money::MoneyBriefing;

use serde::Serialize;

use crate::render::document::{Block, Cell, DocTable, Document, Figure, Tone};
use crate::render::json::funding::{Amount, FundingJson};
use crate::render::text::funding::ratio_text;
use crate::render::text::money::{format_millions, format_money_short};
use crate::render::text::table::Align;
use crate::render::text::wording::{day_count, listing};

/// How many years' moves the section tells.
const MOVES_TOLD: usize = 2;
/// How many projects a move names ("mainly …").
const PROJECTS_NAMED: usize = 2;
/// How many earned-value projects the section lists.
const EARNED_VALUE_ROWS: usize = 15;

/// Appends the Money section, headed `heading`, with `chart` (spend per
/// fiscal year, baseline against this week) when one was drawn.
pub fn money_section(
    money: &MoneyBriefing,
    heading: &str,
    chart: Option<Figure>,
    doc: &mut Document,
) {
    let portfolio = money.funding.portfolio();
    let f = &money.funding.figures;
    let currency = portfolio.currency();
    let short = |x: f64| format_money_short(x, currency);
    let label = |i: usize| f.years[i].year.to_string();
    doc.heading(2, heading);

    let mut sentences = Vec::new();
    let mut told: Vec<_> = money.moves.iter().take(MOVES_TOLD).collect();
    told.sort_by_key(|m| m.year);
    for m in told {
        let into: Vec<String> = m.into.iter().map(|&y| label(y)).collect();
        let named: Vec<String> = m
            .projects
            .iter()
            .take(PROJECTS_NAMED)
            .map(|(n, x)| format!("{} ({})", portfolio.id(*n), short(*x)))
            .collect();
        let destination = if into.is_empty() {
            "out of the horizon's spend (a lower estimate or a later year)".to_string()
        } else {
            format!("into {}", listing(&into))
        };
        sentences.push(format!(
            "{} of {}'s investment moves {destination}, {}{}.",
            short(m.amount),
            label(m.year),
            if m.projects.len() > named.len() {
                "mainly "
            } else {
                ""
            },
            listing(&named)
        ));
    }
    if money.moves.is_empty() {
        sentences.push("This week's updates move no investment between fiscal years.".to_string());
    }
    for (i, t) in f.totals.iter().enumerate() {
        if let (Some(ceiling), Some(excess)) = (t.ceiling_investment, t.excess_investment) {
            if excess > 0.0 {
                let before = t.flows.baseline - ceiling;
                sentences.push(format!(
                    "{} is now {} above the investment ceiling of {} ({}).",
                    label(i),
                    short(excess),
                    short(ceiling),
                    if before > 0.0 {
                        format!("in the baseline already {} above", short(before))
                    } else {
                        format!("in the baseline {} within it", short(-before))
                    }
                ));
            }
        }
        if let (Some(ceiling), Some(excess)) = (t.ceiling_om, t.excess_om) {
            if excess > 0.0 {
                sentences.push(format!(
                    "{} is {} above the O&M ceiling of {}.",
                    label(i),
                    short(excess),
                    short(ceiling)
                ));
            }
        }
    }
    for c in &f.capabilities {
        if c.cost_of_delay == 0.0 {
            continue;
        }
        let node = portfolio.node(c.node);
        sentences.push(if c.slip_days > 0 {
            format!(
                "The {}-day slip of {} ({}) keeps the legacy system it replaces running: {}.",
                c.slip_days,
                node.id,
                node.name,
                short(c.cost_of_delay)
            )
        } else {
            format!(
                "{} ({}) comes {} early and retires its legacy system sooner: saves {}.",
                node.id,
                node.name,
                day_count(-c.slip_days),
                short(-c.cost_of_delay)
            )
        });
    }
    doc.bullets(sentences);

    let mut table = DocTable::new(&[
        ("Fiscal year", Align::Left),
        ("Baseline (M)", Align::Right),
        ("This week (M)", Align::Right),
        ("Shift (M)", Align::Right),
        ("O&M (M)", Align::Right),
        ("Cost of delay (M)", Align::Right),
        ("Ceiling (M)", Align::Right),
        ("Above ceiling (M)", Align::Right),
    ]);
    let optional = |x: Option<f64>| x.map(format_millions).unwrap_or_default();
    for (i, t) in f.totals.iter().enumerate() {
        let over = t.excess_investment.filter(|x| *x > 0.0);
        table.push(vec![
            Cell::new(label(i)),
            Cell::new(format_millions(t.flows.baseline)),
            Cell::new(format_millions(t.flows.current)),
            Cell::new(format_millions(t.flows.shift)),
            Cell::new(format_millions(t.flows.om)),
            Cell::new(format_millions(t.cost_of_delay)),
            Cell::new(optional(t.ceiling_investment)),
            Cell::toned(optional(t.excess_investment), over.map(|_| Tone::Red)),
        ]);
    }
    doc.paragraph(format!(
        "Spend per fiscal year ({currency} millions; fiscal years from {}): investment phased \
         along each project's spend profile in the baseline and in this week's schedule, \
         O&M from each project's first day in service.",
        money.funding.fiscal.start_text()
    ));
    doc.table(table);
    if let Some(chart) = chart {
        doc.blocks.push(Block::Figure(chart));
    }

    let Some(ev) = f.earned_value.as_ref().filter(|ev| !ev.projects.is_empty()) else {
        doc.note("No update reports progress (percent complete or an actual finish): no earned value this week.");
        return;
    };
    doc.heading(3, "Earned value");
    doc.paragraph(format!(
        "Projects whose update reports progress, at {} ({currency} millions). SPI = EV ÷ PV, \
         CPI = EV ÷ AC (– without actual cost); SPI(t) = earned schedule ÷ time elapsed \
         since the baseline start.",
        money.funding.fiscal.date_text(money.as_of)
    ));
    let mut domains = DocTable::new(&[
        ("Domain", Align::Left),
        ("BAC", Align::Right),
        ("PV", Align::Right),
        ("EV", Align::Right),
        ("AC", Align::Right),
        ("SPI", Align::Right),
        ("CPI", Align::Right),
    ]);
    let rows = std::iter::once(("portfolio".to_string(), &ev.portfolio))
        .chain(ev.domains.iter().map(|(d, m)| (d.clone(), m)));
    for (scope, m) in rows {
        domains.push(vec![
            Cell::new(scope),
            Cell::new(format_millions(m.bac)),
            Cell::new(format_millions(m.pv)),
            Cell::new(format_millions(m.ev)),
            Cell::new(optional(m.ac)),
            index_cell(m.spi),
            index_cell(m.cpi),
        ]);
    }
    doc.table(domains);
    let mut projects = DocTable::new(&[
        ("Project", Align::Left),
        ("Domain", Align::Left),
        ("EV", Align::Right),
        ("SPI", Align::Right),
        ("CPI", Align::Right),
        ("SPI(t)", Align::Right),
        ("EAC", Align::Right),
    ]);
    // Projects in progress, worst schedule performance first (by SPI(t),
    // then SPI), ties by id. A complete project has earned its budget; its
    // SPI(t) below 1 would only say that it finished before the status date.
    let complete: Vec<String> = ev
        .projects
        .iter()
        .filter(|(_, p)| p.complete)
        .map(|(n, _)| portfolio.id(*n).to_string())
        .collect();
    let mut listed: Vec<_> = ev.projects.iter().filter(|(_, p)| !p.complete).collect();
    listed.sort_by(|a, b| {
        let key = |p: &crate::analysis::funding::earned_value::ProjectEarnedValue| {
            p.spi_t.or(p.measures.spi).unwrap_or(f64::INFINITY)
        };
        key(&a.1).total_cmp(&key(&b.1))
    });
    for (node, p) in listed.iter().take(EARNED_VALUE_ROWS) {
        let n = portfolio.node(*node);
        projects.push(vec![
            Cell::new(n.id.clone()),
            Cell::new(n.domain.clone().unwrap_or_default()),
            Cell::new(format_millions(p.measures.ev)),
            index_cell(p.measures.spi),
            index_cell(p.measures.cpi),
            index_cell(p.spi_t),
            Cell::new(optional(p.eac)),
        ]);
    }
    if !listed.is_empty() {
        doc.table(projects);
    }
    if !complete.is_empty() {
        doc.note(format!(
            "Complete, with their whole budget earned: {}.",
            listing(&complete)
        ));
    }
    if listed.len() > EARNED_VALUE_ROWS {
        doc.note(format!(
            "… and {} more projects (summary.json and `capgraph funding` list them all).",
            listed.len() - EARNED_VALUE_ROWS
        ));
    }
}

/// A performance index with two decimals, red below 0.9 and amber below 1.
fn index_cell(x: Option<f64>) -> Cell {
    let tone = x.and_then(|x| {
        if x < 0.9 {
            Some(Tone::Red)
        } else if x < 1.0 {
            Some(Tone::Amber)
        } else {
            None
        }
    });
    Cell::toned(ratio_text(x), tone)
}

/// The section's figures in `summary.json`: `funding` exactly as
/// `funding --status --format json` gives it, and the moves the sentences tell.
#[derive(Serialize)]
pub struct MoneyJson<'a> {
    funding: FundingJson<'a>,
    moves: Vec<MoveJson<'a>>,
}

#[derive(Serialize)]
struct MoveJson<'a> {
    year: String,
    amount: Amount,
    into: Vec<String>,
    projects: Vec<MovedProjectJson<'a>>,
}

#[derive(Serialize)]
struct MovedProjectJson<'a> {
    id: &'a str,
    amount: Amount,
}

impl<'a> MoneyJson<'a> {
    pub fn new(money: &'a MoneyBriefing<'a>) -> Self {
        let portfolio = money.funding.portfolio();
        let label = |i: usize| money.funding.figures.years[i].year.to_string();
        MoneyJson {
            funding: FundingJson::new(&money.funding),
            moves: money
                .moves
                .iter()
                .map(|m| MoveJson {
                    year: label(m.year),
                    amount: Amount(m.amount),
                    into: m.into.iter().map(|&y| label(y)).collect(),
                    projects: m
                        .projects
                        .iter()
                        .map(|(n, x)| MovedProjectJson {
                            id: portfolio.id(*n),
                            amount: Amount(*x),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}
