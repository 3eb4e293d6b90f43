//! `capgraph weekly`: the Monday briefing into a folder (SPEC §8).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use crate::analysis::impact::Impact;
use crate::analysis::trend::order_weeks;
use crate::analysis::view::{self, View, ViewOptions};
use crate::briefing::document::BriefingFigures;
use crate::briefing::figures::{Briefing, BriefingOptions};
use crate::briefing::views::{
    add_gaps, capabilities_drawn, capability_view, critical_view, gaps_note, impact_view,
};
use crate::briefing::{build_briefing, BriefingFile, Diagrams, WeeklyInputs};
use crate::cli::WeeklyArgs;
use crate::error::{Error, Result};
use crate::model::{Portfolio, Weeks};
use crate::render::diagram::dot::{self, DotOptions};
use crate::render::diagram::emphasis::Emphasis;
use crate::render::diagram::explorer::{self, ExplorerData, Figures};
use crate::render::diagram::highlight;
use crate::render::diagram::renderer::{drawn_by, Renderer};
use crate::render::document::Figure;

use super::briefing_folder::{briefing_week, write_briefing};
use super::output::same_file;
use super::trend::same_week;

use super::drawing::{draw, DrawOptions, Image};
use super::{invalid_file, load_portfolio, parse_option, read_weeks, Streams};

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
    let mut weeks = read_weeks(&portfolio, &args.status, args.previous.as_deref())?;
    let as_of = weeks.this_week().as_of;
    if let (Some(path), Some(previous)) = (&args.previous, weeks.last_week()) {
        check_previous_is_older(&args.status, as_of, path, previous.as_of)?;
    }
    refuse_other_week(args, weeks.this_week().as_of_date.as_deref())?;
    load_history(args, &mut weeks)?;
    let what_ifs = args
        .options
        .iter()
        .map(|text| parse_option(text, &portfolio))
        .collect::<Result<Vec<_>>>()?;
    let inputs = WeeklyInputs {
        weeks: &weeks,
        what_ifs,
        options: BriefingOptions {
            amber_days: args.amber,
            erosion_days: args.erosion,
        },
        marking: args.marking.clone(),
    };
    let weekly = build_briefing(&inputs, |briefing| {
        diagrams(&portfolio, briefing, args.render_timeout, streams)
    })?;
    phase(streams.stderr, progress, "briefing built", started);
    let mut input_paths = vec![args.portfolio.as_path(), args.status.as_path()];
    input_paths.extend(args.previous.as_deref());
    input_paths.extend(args.history.iter().map(|p| p.as_path()));
    let written = write_briefing(&args.output, &input_paths, &weekly)?;
    for path in written {
        let _ = writeln!(streams.stderr, "wrote {}", path.display());
    }
    Ok(())
}

/// SPEC §8: last week's file must be older than this week's (the same file
/// twice, or the two swapped, is wrong usage).
fn check_previous_is_older(
    status_path: &Path,
    as_of: i64,
    previous_path: &Path,
    previous_as_of: i64,
) -> Result<()> {
    if same_file(status_path, previous_path) {
        return Err(Error::Usage(format!(
            "--previous and --status are the same file ({}); give last week's status file as --previous",
            previous_path.display()
        )));
    }
    if previous_as_of >= as_of {
        return Err(Error::Usage(format!(
            "--previous {} is not older than --status {} (its as_of is not earlier); \
             give last week's file as --previous and this week's as --status",
            previous_path.display(),
            status_path.display()
        )));
    }
    Ok(())
}

/// The `--history` files (SPEC §8, §13): earlier weeks' status files of
/// this portfolio, each week once. A file that is also `--status` or
/// `--previous` is that week already and is taken once.
fn load_history(args: &WeeklyArgs, weeks: &mut Weeks) -> Result<()> {
    let given: Vec<&Path> = args
        .history
        .iter()
        .map(|p| p.as_path())
        .filter(|p| {
            !same_file(p, &args.status)
                && !args.previous.as_deref().is_some_and(|q| same_file(p, q))
        })
        .collect();
    // Every history file is read, so that one run reports each invalid one.
    let mut invalid = Vec::new();
    for path in &given {
        let checked = weeks.load_earlier_week(path);
        if checked.value.is_none() {
            invalid.push(invalid_file(path, checked.problems));
        }
    }
    if !invalid.is_empty() {
        return Err(Error::Invalid { files: invalid });
    }
    let calendar = weeks.portfolio().calendar();
    let status = weeks.this_week();
    for (path, week) in given.iter().zip(weeks.earlier()) {
        if week.as_of > status.as_of {
            return Err(Error::Usage(format!(
                "--history {} is as of {}, after this week's --status {} ({}); \
                 --history takes the earlier weeks' status files",
                path.display(),
                calendar.format(week.as_of),
                args.status.display(),
                calendar.format(status.as_of)
            )));
        }
    }
    // Every week once: the history, last week's and this week's.
    let mut paths = given.clone();
    let mut as_ofs: Vec<i64> = weeks.earlier().iter().map(|s| s.as_of).collect();
    if let (Some(path), Some(previous)) = (&args.previous, weeks.last_week()) {
        paths.push(path);
        as_ofs.push(previous.as_of);
    }
    paths.push(&args.status);
    as_ofs.push(status.as_of);
    order_weeks(&as_ofs)
        .map_err(|(a, b)| same_week(paths[a], paths[b], &calendar.format(as_ofs[a])))?;
    Ok(())
}

/// SPEC §8: a folder holding the briefing of another week is not overwritten
/// without `--force`.
fn refuse_other_week(args: &WeeklyArgs, as_of: Option<&str>) -> Result<()> {
    if args.force {
        return Ok(());
    }
    match (briefing_week(&args.output), as_of) {
        (Some(held), Some(this)) if held != this => Err(Error::Usage(format!(
            "{} holds the briefing of the week of {held}; refusing to replace it with the week of {this} \
             (write into another folder, or give --force to replace it)",
            args.output.display()
        ))),
        _ => Ok(()),
    }
}

/// A phase line for long runs (`capgraph weekly: briefing built (0.4 s)`).
fn phase(stderr: &mut dyn Write, enabled: bool, text: &str, started: Instant) {
    if enabled {
        let _ = writeln!(
            stderr,
            "capgraph weekly: {text} ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }
}

/// The impact and critical-path diagrams: SVG when Graphviz (or, for small
/// views, the built-in layout) can draw them, else DOT files with a note.
fn diagrams(
    portfolio: &Portfolio,
    briefing: &Briefing,
    timeout_seconds: u64,
    streams: &mut Streams,
) -> Diagrams {
    let select = |subset: Vec<bool>| {
        view::select(
            portfolio,
            &ViewOptions {
                subset: Some(subset),
                ..ViewOptions::default()
            },
        )
    };
    let impact_selection = impact_view(portfolio, briefing);
    let impact_caption = impact_selection.caption();
    let mut impact_view = select(impact_selection.keep);
    add_gaps(portfolio, &mut impact_view, &impact_selection.gaps);
    let critical_view = select(critical_view(portfolio, briefing));
    let impact_emphasis = highlight::impact(portfolio, &impact_view, &briefing.impact);
    let critical_emphasis = highlight::critical(
        portfolio,
        &critical_view,
        &briefing.impact.updated,
        crate::analysis::schedule::ScheduleOptions::default().near_critical_days,
        briefing.options.amber_days,
    );
    let mut drawn = DiagramFiles {
        portfolio,
        impact: &briefing.impact,
        options: DrawOptions {
            image: Image::Svg,
            timeout: std::time::Duration::from_secs(timeout_seconds),
            top_down: true,
            dpi: super::drawing::DEFAULT_DPI,
        },
        files: Vec::new(),
        renderers: Vec::new(),
    };
    // One small diagram per late or at-risk capability, top down so that its
    // chain fits the width of a page.
    let capabilities = capabilities_drawn(portfolio, briefing)
        .into_iter()
        .map(|c| {
            let node = c.date.node;
            let selection = capability_view(portfolio, briefing, c);
            let left_out = selection.left_out;
            let mut view = select(selection.keep);
            add_gaps(portfolio, &mut view, &selection.gaps);
            let emphasis = highlight::capability(
                portfolio,
                &view,
                &briefing.impact,
                node,
                &briefing.driving_steps.path(node),
                briefing.options.amber_days,
            );
            let id = portfolio.id(node);
            drawn.figure(
                &view,
                &emphasis,
                &format!("capability-{}", file_safe(id)),
                &format!(
                    "{id}: its driving path (bold), the chain that carried this week's delay to it and the items that slipped feeding them, the biggest slip first{}.{}",
                    match left_out {
                        0 => String::new(),
                        n => format!(
                            " ({} more {} it)",
                            n,
                            if n == 1 { "item that slipped feeds" } else { "items that slipped feed" }
                        ),
                    },
                    gaps_note(&selection.gaps)
                ),
                streams,
            )
        })
        .collect();
    drawn.options.top_down = false;
    let impact = drawn.figure(
        &impact_view,
        &impact_emphasis,
        "impact",
        &impact_caption,
        streams,
    );
    let critical = drawn.figure(
        &critical_view,
        &critical_emphasis,
        "critical",
        "The critical path now (bold red), the driving paths of the capabilities and the near-critical projects (amber): each project with its finish and its float to the portfolio finish, each capability with its forecast and its margin to target in its RAG colour.",
        streams,
    );
    Diagrams {
        files: drawn.files,
        figures: Some(BriefingFigures {
            capabilities,
            impact,
            critical,
            drawn_by: drawn_by(&drawn.renderers),
        }),
    }
}

/// An id as part of a file name: letters, digits, `-` and `_` kept, anything
/// else `_`.
fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The diagram files of a briefing, drawn one by one.
struct DiagramFiles<'a> {
    portfolio: &'a Portfolio,
    /// Baseline against this week: the figures the explorer shows.
    impact: &'a Impact<'a>,
    options: DrawOptions,
    files: Vec<BriefingFile>,
    /// What drew each diagram drawn.
    renderers: Vec<Renderer>,
}

impl DiagramFiles<'_> {
    /// Draws one diagram into the files and returns its figure.
    fn figure(
        &mut self,
        view: &View,
        emphasis: &Emphasis,
        name: &str,
        caption: &str,
        streams: &mut Streams,
    ) -> Figure {
        let (portfolio, files) = (self.portfolio, &mut self.files);
        match draw(portfolio, view, emphasis, &self.options, streams) {
            Ok(drawing) => {
                self.renderers.push(drawing.renderer);
                let svg = drawing.bytes;
                let file = format!("{name}.svg");
                let text = String::from_utf8_lossy(&svg).into_owned();
                files.push(BriefingFile {
                    name: file.clone(),
                    bytes: svg,
                });
                let data = ExplorerData::gather(portfolio, view, Figures::Scenario(self.impact));
                Figure {
                    caption: caption.to_string(),
                    file,
                    svg: Some(text),
                    explorer: Some(explorer::data_json(&data)),
                    not_drawn: None,
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
                    explorer: None,
                    not_drawn: Some(error.to_string()),
                }
            }
        }
    }
}
