//! `capgraph common PORTFOLIO [--min-shared N] [--min-jaccard X] [--top K] [--ignore ID]`:
//! shared components, overlapping projects, domain matrix, clusters.

use petgraph::graph::NodeIndex;

use crate::analysis::common::{analyse, CommonOptions};
use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::cli::{CommonArgs, Format};
use crate::error::{Error, Result};
use crate::model::{NodeKind, Portfolio};
use crate::render::json::common::write_common;
use crate::render::text::common::{CommonReport, DEFAULT_ROWS};
use crate::render::text::table::Style;

use super::output::{emit, emit_with};
use super::{load_portfolio, Streams};

/// Pair counts above which a full listing deserves a word about `--top`.
const MANY_PAIRS: u64 = 1_000_000;

/// Runs `common`.
pub fn run(args: &CommonArgs, streams: &mut Streams) -> Result<()> {
    let mut options = options(args)?;
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    options.ignore = ignored_components(args, &portfolio)?;
    // People see at most DEFAULT_ROWS pairs unless they ask for more with
    // --top, so the analysis need not keep the others (only count them).
    let analysed = match args.format {
        Format::Json => options.clone(),
        Format::Table | Format::Md => CommonOptions {
            top: Some(options.top.unwrap_or(DEFAULT_ROWS)),
            ..options.clone()
        },
    };
    let common = analyse(&portfolio, &analysed);
    if analysed.top.is_none() && common.pair_count > MANY_PAIRS {
        let _ = writeln!(
            streams.stderr,
            "capgraph: listing all {} pairs (hub components make many); --top K keeps only the K strongest",
            common.pair_count
        );
    }
    let inputs = [args.portfolio.as_path()];
    if args.format == Format::Json {
        // Streamed: without --top a hub's pairs run to gigabytes of JSON.
        return emit_with(args.output.output.as_deref(), &inputs, streams, |out| {
            write_common(&common, out)
        });
    }
    // People also want to know when each shared component is there.
    let schedule = Schedule::compute(&*portfolio, &ScheduleOptions::default());
    let report = CommonReport::new(&common, &schedule, options)?;
    let style = match args.format {
        Format::Md => Style::Markdown,
        _ => Style::Plain,
    };
    let mut text = Vec::new();
    report
        .write(style, &mut text)
        .expect("writing to memory cannot fail");
    emit(args.output.output.as_deref(), &inputs, &text, streams)
}

/// The analysis options, or wrong usage when a value is out of range (SPEC §7).
fn options(args: &CommonArgs) -> Result<CommonOptions> {
    if args.min_shared < 1 {
        return Err(Error::Usage(format!(
            "--min-shared {}: a pair must share at least 1 component; give 1 or more",
            args.min_shared
        )));
    }
    if !(0.0..=1.0).contains(&args.min_jaccard) {
        return Err(Error::Usage(format!(
            "--min-jaccard {}: a Jaccard index lies between 0 and 1; give a number in [0, 1]",
            args.min_jaccard
        )));
    }
    Ok(CommonOptions {
        min_shared: args.min_shared,
        min_jaccard: args.min_jaccard,
        top: args.top,
        ignore: Vec::new(),
    })
}

/// The components named by `--ignore`: an id that is not a component of
/// the portfolio is invalid input (exit 1).
fn ignored_components(args: &CommonArgs, portfolio: &Portfolio) -> Result<Vec<NodeIndex>> {
    args.ignore
        .iter()
        .map(|id| match portfolio.lookup(id) {
            Some(node) if portfolio.node(node).kind == NodeKind::Component => Ok(node),
            Some(node) => Err(Error::Input {
                message: format!(
                    "--ignore {id}: \"{id}\" is a {}, not a component; only components are shared",
                    portfolio.node(node).kind
                ),
                hint: None,
            }),
            None => Err(Error::Input {
                message: format!("--ignore {id}: \"{id}\" is not a component of the portfolio"),
                hint: portfolio.suggest(id),
            }),
        })
        .collect()
}
