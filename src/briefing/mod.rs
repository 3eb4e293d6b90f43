//! The Monday job (SPEC §8): three schedules (baseline, this week, last
//! week) and the files of the briefing built from them, in memory; the
//! binary puts them into a folder.

pub mod document;
pub mod figures;
pub mod money;
pub mod money_chart;
pub mod money_document;
pub mod risk;
pub mod summary;
pub mod time_charts;
pub mod trend;
pub mod views;

use crate::analysis::options::OptionSpec;
use crate::briefing::document::{briefing_document, BriefingFigures};
use crate::briefing::figures::{Briefing, BriefingOptions};
use crate::briefing::money::MoneyBriefing;
use crate::briefing::money_chart::{money_chart, MONEY_CHART_FILE};
use crate::briefing::summary::WeeklyJson;
use crate::briefing::time_charts::TimeCharts;
use crate::model::{Portfolio, Status, Weeks};
use crate::render::document::html::write_html;
use crate::render::document::markdown::write_markdown;
use crate::render::inert::InertWriter;
use crate::render::json::write_json;

/// One file of the briefing, ready to write.
pub struct BriefingFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Everything the weekly job needs, already loaded and validated; the
/// portfolio is this week's status's.
pub struct WeeklyInputs<'a> {
    /// This week, last week (`--previous`) and earlier weeks (`--history`,
    /// for the trend), all of one portfolio; no two of them may share an
    /// `as_of`.
    pub weeks: &'a Weeks<'a>,
    /// What-ifs on top of this week (`--option`), for the recovery section.
    pub what_ifs: Vec<OptionSpec>,
    pub options: BriefingOptions,
    /// Printed at the top and bottom of every page (`--marking`).
    pub marking: Option<String>,
}

impl<'a> WeeklyInputs<'a> {
    /// The portfolio of the week.
    pub fn portfolio(&self) -> &'a Portfolio {
        self.weeks.portfolio()
    }

    /// This week's status.
    pub fn status(&self) -> &'a Status<'a> {
        self.weeks.this_week()
    }

    /// Last week's status, with `--previous`.
    pub fn previous(&self) -> Option<&'a Status<'a>> {
        self.weeks.last_week()
    }
}

/// Diagrams to put beside the briefing: the files, and the figures that
/// show them in the documents.
pub struct Diagrams {
    pub files: Vec<BriefingFile>,
    pub figures: Option<BriefingFigures>,
}

/// The briefing of one week: its figures, and its documents and diagrams
/// ready to write; `summary.json` is written on demand ([`Self::write_summary`]),
/// streamed, because at scale it is large by nature.
pub struct WeeklyBriefing<'p> {
    pub briefing: Briefing<'p>,
    /// The Money section's figures (when the portfolio has costs).
    pub money: Option<MoneyBriefing<'p>>,
    /// `briefing.md`, `briefing.html` and the diagrams.
    pub files: Vec<BriefingFile>,
    diagram_names: Vec<String>,
    /// With history: the milestone trend over the weeks.
    pub trend: Option<crate::analysis::trend::Trend<'p>>,
}

impl WeeklyBriefing<'_> {
    /// Writes `summary.json` (`capgraph.weekly/1`) to `out`, piece by piece.
    pub fn write_summary(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let summary = WeeklyJson::new(
            &self.briefing,
            self.money.as_ref(),
            self.diagram_names.clone(),
            self.trend.as_ref(),
        );
        write_json(&summary, out)
    }
}

/// Computes the briefing and builds its documents (bounded in size: every
/// table is capped and says where the rest is) and diagrams. A what-if
/// naming an id the portfolio lacks is an error.
pub fn build_briefing<'a>(
    inputs: &WeeklyInputs<'a>,
    diagrams: impl FnOnce(&Briefing) -> Diagrams,
) -> Result<WeeklyBriefing<'a>, crate::error::Error> {
    let briefing = Briefing::compute(inputs.weeks, &inputs.what_ifs, &inputs.options)?;
    let money = MoneyBriefing::compute(
        &briefing.impact.reference,
        &briefing.impact.updated,
        inputs.status(),
    );
    let chart = money.as_ref().and_then(money_chart);
    let diagrams = diagrams(&briefing);
    let trend = trend::history_trend(inputs.weeks);
    let time_charts = TimeCharts::draw(inputs.portfolio(), &briefing, inputs.status().as_of, trend);
    let mut diagram_names: Vec<String> = diagrams.files.iter().map(|f| f.name.clone()).collect();
    if chart.is_some() {
        diagram_names.push(MONEY_CHART_FILE.to_string());
    }
    diagram_names.extend(time_charts.figures().iter().map(|f| f.file.clone()));
    let mut document = briefing_document(
        &briefing,
        money
            .as_ref()
            .map(|m| (m, chart.as_ref().map(|(_, figure)| figure.clone()))),
        diagrams.figures,
        &time_charts,
    );
    document.marking = inputs.marking.clone();
    let mut markdown = Vec::new();
    let mut html = Vec::new();
    // The documents' escapers already make user text visible; the inert
    // writer is the guarantee for every other piece of text in them.
    write_markdown(&document, &mut InertWriter::new(&mut markdown))
        .expect("writing to memory cannot fail");
    write_html(&document, &mut InertWriter::new(&mut html)).expect("writing to memory cannot fail");
    let mut files = vec![
        BriefingFile {
            name: "briefing.md".to_string(),
            bytes: markdown,
        },
        BriefingFile {
            name: "briefing.html".to_string(),
            bytes: html,
        },
    ];
    files.extend(diagrams.files);
    if let Some((svg, _)) = chart {
        files.push(BriefingFile {
            name: MONEY_CHART_FILE.to_string(),
            bytes: svg.into_bytes(),
        });
    }
    if let Some(risk) = &briefing.risk {
        files.push(BriefingFile {
            name: risk::CHART_FILE.to_string(),
            bytes: risk::chart_svg(risk).into_bytes(),
        });
    }
    files.extend(time_charts.figures().into_iter().filter_map(|f| {
        Some(BriefingFile {
            name: f.file.clone(),
            bytes: f.svg.clone()?.into_bytes(),
        })
    }));
    Ok(WeeklyBriefing {
        briefing,
        money,
        files,
        diagram_names,
        trend: time_charts.trend.map(|(t, _)| t),
    })
}

/// The file of the briefing that carries every figure (and the week).
pub const SUMMARY_FILE: &str = "summary.json";
