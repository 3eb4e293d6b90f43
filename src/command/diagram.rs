//! `capgraph diagram`: select a view, stress what a highlight asks for, and
//! write DOT or Mermaid, or an image drawn by Graphviz (or, for small views
//! without Graphviz, by the built-in layout).

use std::path::Path;

use crate::analysis::impact::Impact;
use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::analysis::view::{self, Focus, Fold, View, ViewOptions};
use crate::cli::{Collapse, DiagramArgs, DiagramFormat, Highlight, KindFilter};
use crate::error::{Error, Result};
use crate::model::{NodeKind, Portfolio};
use crate::render::diagram::dot::{self, DotOptions};
use crate::render::diagram::emphasis::Emphasis;
use crate::render::diagram::explorer::{self, ExplorerData, Figures, PageText};
use crate::render::diagram::highlight;
use crate::render::diagram::mermaid;
use crate::render::text::wording::count;

use super::drawing::{draw, DrawOptions, Image};
use super::{basis, output, Streams};

/// Above this many nodes a diagram is unreadable: say so and suggest a view.
pub const READABLE_LIMIT: usize = 300;

/// Runs `diagram`.
pub fn run(args: &DiagramArgs, streams: &mut Streams) -> Result<()> {
    let format = output_format(args)?;
    // The explorer's panel shows this week's figures with a scenario, whatever the highlight.
    if args.highlight != Some(Highlight::Impact)
        && format != DiagramFormat::Html
        && (args.scenario.status.is_some() || !args.scenario.delay.is_empty())
    {
        return Err(Error::Usage(
            "--status and --delay go with --highlight impact (or --format html)".to_string(),
        ));
    }
    if args.dpi.is_some() && format != DiagramFormat::Png {
        return Err(Error::Usage(
            "--dpi goes with --format png (SVG and PDF are drawn to scale)".to_string(),
        ));
    }
    let dpi = args.dpi.unwrap_or(super::drawing::DEFAULT_DPI);
    let portfolio = super::load_portfolio(&args.portfolio, streams)?;
    let options = view_options(args, &portfolio)?;
    let view = view::select(&portfolio, &options);
    let emphasis = match args.highlight {
        None => Emphasis::none(),
        Some(Highlight::Critical) => {
            let status = super::load_scenario(&args.scenario, &portfolio)?;
            let options = ScheduleOptions {
                near_critical_days: args.near_critical,
            };
            let schedule = Schedule::compute(basis(&portfolio, status.as_ref()), &options);
            highlight::critical(
                &portfolio,
                &view,
                &schedule,
                args.near_critical,
                crate::briefing::figures::BriefingOptions::default().amber_days,
            )
        }
        Some(Highlight::Impact) => {
            let status = super::load_scenario(&args.scenario, &portfolio)?.ok_or_else(|| {
                Error::Usage(
                    "--highlight impact needs a scenario: --status FILE or --delay ID=DAYS"
                        .to_string(),
                )
            })?;
            let options = ScheduleOptions {
                near_critical_days: args.near_critical,
            };
            let impact = Impact::compute(&status, &options);
            highlight::impact(&portfolio, &view, &impact)
        }
    };

    let nodes = view.node_count();
    if nodes > READABLE_LIMIT {
        let _ = writeln!(
            streams.stderr,
            "capgraph: this view has {nodes} nodes, too many to read in one diagram; \
             pick a view: --focus ID --depth 2, --domain D, --kind project, \
             or --collapse components|capabilities"
        );
    }
    let mut inputs: Vec<&Path> = vec![&args.portfolio];
    if let Some(status) = &args.scenario.status {
        inputs.push(status);
    }
    let target = args.output.as_deref();
    let dot_options = DotOptions::for_size(nodes);
    match format {
        DiagramFormat::Dot => {
            let text = dot::render(&portfolio, &view, &emphasis, dot_options);
            output::emit(target, &inputs, text.as_bytes(), streams)
        }
        DiagramFormat::Mermaid => {
            let text = mermaid::render(&portfolio, &view, &emphasis);
            output::emit(target, &inputs, text.as_bytes(), streams)
        }
        DiagramFormat::Html => {
            if let Some(path) = target {
                output::refuse_inputs(path, &inputs)?;
            }
            let page = explorer_page(args, &portfolio, &view, &emphasis, streams)?;
            output::emit(target, &inputs, &page, streams)
        }
        DiagramFormat::Svg | DiagramFormat::Png | DiagramFormat::Pdf => {
            let image = match format {
                DiagramFormat::Png => Image::Png,
                DiagramFormat::Pdf => Image::Pdf,
                _ => Image::Svg,
            };
            if let Some(path) = target {
                output::refuse_inputs(path, &inputs)?;
            }
            let options = DrawOptions {
                image,
                timeout: std::time::Duration::from_secs(args.render_timeout),
                top_down: false,
                dpi,
            };
            let drawing = draw(&portfolio, &view, &emphasis, &options, streams)?;
            output::emit_binary(target, &inputs, &drawing.bytes, streams)
        }
    }
}

/// The explorer page: the view drawn as SVG, with the figures of its items
/// (this week's, against the baseline, when a scenario is given).
fn explorer_page(
    args: &DiagramArgs,
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
    streams: &mut Streams,
) -> Result<Vec<u8>> {
    let options = DrawOptions {
        image: Image::Svg,
        timeout: std::time::Duration::from_secs(args.render_timeout),
        top_down: false,
        dpi: super::drawing::DEFAULT_DPI,
    };
    let svg = draw(portfolio, view, emphasis, &options, streams)?.bytes;
    let svg = String::from_utf8_lossy(&svg);
    let schedule_options = ScheduleOptions {
        near_critical_days: args.near_critical,
    };
    let scenario = super::load_scenario(&args.scenario, portfolio)?;
    let (data, figures_are) = match &scenario {
        Some(status) => {
            let impact = Impact::compute(status, &schedule_options);
            let data = ExplorerData::gather(portfolio, view, Figures::Scenario(&impact));
            let figures_are = match &status.as_of_date {
                Some(date) => format!("Figures as of {date}, with slips against the baseline."),
                None => {
                    "Figures with the delays given, with slips against the baseline.".to_string()
                }
            };
            (data, figures_are)
        }
        None => {
            let schedule = Schedule::compute(portfolio, &schedule_options);
            let data = ExplorerData::gather(portfolio, view, Figures::Plan(&schedule));
            (data, "Figures of the baseline plan.".to_string())
        }
    };
    let kinds = |kind: NodeKind| {
        view.nodes
            .iter()
            .filter(|&&n| portfolio.node(n).kind == kind)
            .count()
    };
    let subtitle = format!(
        "{}, {} and {} shown. {figures_are}",
        count(kinds(NodeKind::Project), "project", "projects"),
        count(
            kinds(NodeKind::Component),
            "shared component",
            "shared components"
        ),
        count(kinds(NodeKind::Capability), "capability", "capabilities"),
    );
    let title = format!("{} — diagram", portfolio.name());
    let text = PageText {
        title: &title,
        subtitle: &subtitle,
    };
    let mut page = Vec::new();
    explorer::write_page(&text, &svg, &data, &mut page).expect("writing to memory cannot fail");
    Ok(page)
}

/// `--format`, else the extension of `-o`, else DOT.
fn output_format(args: &DiagramArgs) -> Result<DiagramFormat> {
    if let Some(format) = args.format {
        return Ok(format);
    }
    let Some(path) = &args.output else {
        return Ok(DiagramFormat::Dot);
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "dot" | "gv" => Ok(DiagramFormat::Dot),
        "svg" => Ok(DiagramFormat::Svg),
        "png" => Ok(DiagramFormat::Png),
        "pdf" => Ok(DiagramFormat::Pdf),
        "mmd" | "mermaid" => Ok(DiagramFormat::Mermaid),
        "html" | "htm" => Ok(DiagramFormat::Html),
        _ => Err(Error::Usage(format!(
            "cannot tell the format from {}: give --format dot|svg|png|pdf|mermaid|html \
             (or name the file .dot, .svg, .png, .pdf, .mmd or .html)",
            path.display()
        ))),
    }
}

/// The view the options ask for; an unknown `--focus` id or `--domain` is invalid input.
fn view_options(args: &DiagramArgs, portfolio: &Portfolio) -> Result<ViewOptions> {
    let focus = match &args.focus {
        None => None,
        Some(id) => {
            let node = portfolio.lookup(id).ok_or_else(|| Error::Input {
                message: format!("--focus {id}: \"{id}\" is not a project, component or capability of the portfolio"),
                hint: portfolio.suggest(id),
            })?;
            Some(Focus {
                node,
                depth: args.depth,
            })
        }
    };
    let known = portfolio.domains();
    for domain in &args.domain {
        if !known.contains(domain) {
            let hint =
                crate::model::problem::did_you_mean(domain, known.iter().map(String::as_str))
                    .or_else(|| Some(format!("the domains are: {}", known.join(", "))));
            return Err(Error::Input {
                message: format!("--domain {domain}: the portfolio has no domain \"{domain}\""),
                hint,
            });
        }
    }
    let kinds = args
        .kind
        .iter()
        .map(|k| match k {
            KindFilter::Project => NodeKind::Project,
            KindFilter::Component => NodeKind::Component,
            KindFilter::Capability => NodeKind::Capability,
        })
        .collect();
    let fold = args.collapse.map(|c| match c {
        Collapse::Components => Fold::Components,
        Collapse::Capabilities => Fold::Capabilities,
    });
    Ok(ViewOptions {
        focus,
        domains: args.domain.clone(),
        kinds,
        fold,
        subset: None,
    })
}
