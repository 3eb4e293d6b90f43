//! `capgraph weekly`: the Monday briefing into a folder (SPEC §8).

use std::time::Instant;

use crate::analysis::briefing::{Briefing, BriefingOptions};
use crate::analysis::briefing_views::{critical_view, impact_view};
use crate::analysis::view::{self, View, ViewOptions};
use crate::cli::WeeklyArgs;
use crate::error::{Error, Result};
use crate::model::Portfolio;
use crate::render::briefing::BriefingFigures;
use crate::render::document::Figure;
use crate::render::dot::{self, DotOptions};
use crate::render::emphasis::Emphasis;
use crate::render::graphviz::Image;
use crate::render::highlight;
use crate::weekly::{build_briefing, phase, write_briefing, BriefingFile, Diagrams, WeeklyInputs};

use super::{load_portfolio, load_status, Streams};

/// Portfolios at least this big report their phases on a terminal.
const PROGRESS_FROM_NODES: usize = 5_000;

/// Runs `weekly`.
pub fn run(args: &WeeklyArgs, streams: &mut Streams) -> Result<()> {
    if args.amber < 0 || args.erosion < 0 {
        return Err(Error::Usage(
            "--amber and --erosion must be 0 or more days".to_string(),
        ));
    }
    let started = Instant::now();
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let progress = streams.stderr_is_terminal && portfolio.node_count() >= PROGRESS_FROM_NODES;
    phase(streams.stderr, progress, "portfolio loaded", started);
    let status = load_status(&args.status, &portfolio)?;
    let previous = args
        .previous
        .as_deref()
        .map(|p| load_status(p, &portfolio))
        .transpose()?;
    let inputs = WeeklyInputs {
        portfolio: &portfolio,
        status: &status,
        previous: previous.as_ref(),
        options: BriefingOptions {
            amber_days: args.amber,
            erosion_days: args.erosion,
        },
    };
    let files = build_briefing(&inputs, |briefing| diagrams(&portfolio, briefing, streams));
    phase(streams.stderr, progress, "briefing built", started);
    let mut input_paths = vec![args.portfolio.as_path(), args.status.as_path()];
    input_paths.extend(args.previous.as_deref());
    let written = write_briefing(&args.output, &input_paths, &files)?;
    for path in written {
        let _ = writeln!(streams.stderr, "wrote {}", path.display());
    }
    Ok(())
}

/// The impact and critical-path diagrams: SVG when Graphviz (or, for small
/// views, the built-in layout) can draw them, else DOT files with a note.
fn diagrams(portfolio: &Portfolio, briefing: &Briefing, streams: &mut Streams) -> Diagrams {
    let select = |subset: Vec<bool>| {
        view::select(
            portfolio,
            &ViewOptions {
                subset: Some(subset),
                ..ViewOptions::default()
            },
        )
    };
    let impact_view = select(impact_view(portfolio, briefing));
    let critical_view = select(critical_view(portfolio, briefing));
    let impact_emphasis = highlight::impact(portfolio, &impact_view, &briefing.impact);
    let critical_emphasis = highlight::critical(
        portfolio,
        &critical_view,
        &briefing.impact.updated,
        crate::analysis::schedule::ScheduleOptions::default().near_critical_days,
    );
    let mut files = Vec::new();
    let impact = figure(
        portfolio,
        &impact_view,
        &impact_emphasis,
        "impact",
        "How this week's updates travel: updated nodes dark red, slipped nodes orange with their slip, the links that carried the delay in bold.",
        &mut files,
        streams,
    );
    let critical = figure(
        portfolio,
        &critical_view,
        &critical_emphasis,
        "critical",
        "The critical path now (bold red), the driving paths of the capabilities and the near-critical projects (amber), with finish and float.",
        &mut files,
        streams,
    );
    Diagrams {
        files,
        figures: Some(BriefingFigures { impact, critical }),
    }
}

/// Draws one diagram into `files` and returns its figure.
fn figure(
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
    name: &str,
    caption: &str,
    files: &mut Vec<BriefingFile>,
    streams: &mut Streams,
) -> Figure {
    match super::diagram::draw(portfolio, view, emphasis, Image::Svg, streams) {
        Ok(svg) => {
            let file = format!("{name}.svg");
            let text = String::from_utf8_lossy(&svg).into_owned();
            files.push(BriefingFile {
                name: file.clone(),
                bytes: svg,
            });
            Figure {
                caption: caption.to_string(),
                file,
                svg: Some(text),
            }
        }
        Err(error) => {
            let _ = writeln!(
                streams.stderr,
                "capgraph weekly: {name} diagram written as DOT, not drawn: {error}"
            );
            let file = format!("{name}.dot");
            let text = dot::render(
                portfolio,
                view,
                emphasis,
                DotOptions::for_size(view.node_count()),
            );
            files.push(BriefingFile {
                name: file.clone(),
                bytes: text.into_bytes(),
            });
            Figure {
                caption: caption.to_string(),
                file,
                svg: None,
            }
        }
    }
}
