//! The briefing's schedule risk section (SPEC §8 item 9, §11), when any
//! project has a range: per capability the P50 and P80 dates and the chance
//! of meeting the target, the S-curves, and one sentence per late or at-risk
//! capability saying how likely its target is and whose estimates spread it.

use crate::analysis::risk::{analyse, estimates, RiskAnalysis, RiskOptions};
use crate::briefing::figures::{Briefing, CapabilityStatus, Rag};
use crate::model::{Portfolio, Status};
use crate::render::chart::risk::risk_chart;
use crate::render::chart::write_svg;
use crate::render::document::{Block, Cell, DocTable, Document, Figure};
use crate::render::text::risk::method_sentence;
use crate::render::text::table::Align;
use crate::render::text::wording::{listing, percent};

/// The file the S-curves are written to beside the briefing.
pub const CHART_FILE: &str = "risk.svg";
/// Projects named as the source of a capability's spread.
const SPREAD_SOURCES: usize = 2;
/// Capability rows and sentences shown.
const ROWS_SHOWN: usize = 40;

/// The simulation of this week's schedule with the SPEC's defaults, or
/// `None` when no project has a range (then the briefing has no risk section).
pub fn simulate<'p>(status: &Status<'p>) -> Option<RiskAnalysis<'p>> {
    let estimates = estimates(status.portfolio());
    if estimates.iter().all(Option::is_none) {
        return None;
    }
    Some(analyse(status, &estimates, &RiskOptions::default()))
}

/// The S-curve chart as SVG text.
pub fn chart_svg(risk: &RiskAnalysis) -> String {
    let mut svg = Vec::new();
    write_svg(&risk_chart(risk), &mut svg).expect("writing to memory cannot fail");
    String::from_utf8(svg).expect("the chart is UTF-8")
}

/// "CAP-PCN: 12 % chance of meeting 2028-05-31; P80 2028-10-14; most of the
/// spread comes from P-CYB-002 and P-COM-001."
fn sentence(portfolio: &Portfolio, risk: &RiskAnalysis, c: &CapabilityStatus) -> Option<String> {
    let node = c.date.node;
    let figures = risk.capabilities.iter().find(|r| r.node == node)?;
    let calendar = portfolio.calendar();
    let f = &figures.finish;
    let mut text = format!("{}: ", portfolio.id(node));
    if let (Some(target), Some(chance)) = (f.target, f.by_target) {
        text.push_str(&format!(
            "{} chance of meeting {}; ",
            percent(chance),
            calendar.format(target)
        ));
    }
    text.push_str(&format!("P80 {}", calendar.format(f.p80)));
    let sources: Vec<String> = risk
        .capability_sensitivity(node)
        .into_iter()
        .filter(|s| s.correlation > 0.0)
        .take(SPREAD_SOURCES)
        .map(|s| portfolio.id(s.node).to_string())
        .collect();
    if !sources.is_empty() {
        text.push_str(&format!(
            "; most of the spread comes from {}",
            listing(&sources)
        ));
    }
    text.push('.');
    Some(text)
}

/// Writes the section under `heading`; nothing without a simulation.
pub fn section(portfolio: &Portfolio, b: &Briefing, heading: &str, doc: &mut Document) {
    let Some(risk) = &b.risk else {
        return;
    };
    let calendar = portfolio.calendar();
    doc.heading(2, heading);
    doc.paragraph(format!(
        "This week's schedule with three-point estimates: {}",
        method_sentence(risk)
    ));
    let mut worst: Vec<&CapabilityStatus> = b
        .capabilities
        .iter()
        .filter(|c| matches!(c.rag, Rag::Red | Rag::Amber))
        .collect();
    worst.sort_by_key(|c| (c.date.margin, portfolio.id_rank(c.date.node)));
    let sentences: Vec<String> = worst
        .iter()
        .take(ROWS_SHOWN)
        .filter_map(|c| sentence(portfolio, risk, c))
        .collect();
    if !sentences.is_empty() {
        doc.bullets(sentences);
    }
    let mut table = DocTable::new(&[
        ("Capability", Align::Left),
        ("Target", Align::Left),
        ("Chance of meeting it", Align::Right),
        ("Plan", Align::Left),
        ("P50", Align::Left),
        ("P80", Align::Left),
    ]);
    for c in risk.capabilities.iter().take(ROWS_SHOWN) {
        let f = &c.finish;
        table.push(vec![
            Cell::new(portfolio.id(c.node)),
            Cell::new(f.target.map_or("—".to_string(), |t| calendar.format(t))),
            Cell::new(f.by_target.map_or("—".to_string(), percent)),
            Cell::new(calendar.format(f.deterministic)),
            Cell::new(calendar.format(f.p50)),
            Cell::new(calendar.format(f.p80)),
        ]);
    }
    doc.table(table);
    if risk.capabilities.len() > ROWS_SHOWN {
        doc.note(format!(
            "… and {} more capabilities; `capgraph risk` lists them all.",
            risk.capabilities.len() - ROWS_SHOWN
        ));
    }
    doc.blocks.push(Block::Figure(Figure {
        caption: "Schedule risk: the chance of finishing by each date.".to_string(),
        file: CHART_FILE.to_string(),
        svg: Some(chart_svg(risk)),
        explorer: None,
        not_drawn: None,
    }));
}
