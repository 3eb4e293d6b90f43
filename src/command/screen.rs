//! `capgraph screen PORTFOLIO [--status FILE]`: the 14 checks of SPEC §12.

use crate::analysis::screen::{screen, ScreenOptions};
use crate::cli::{ScreenArgs, ScreenFormat};
use crate::error::{Error, Result};
use crate::render::document::html::write_html;
use crate::render::document::markdown::write_markdown;
use crate::render::json::screen::write_screen;
use crate::render::text::screen::ScreenReport;

use super::output::emit_with;
use super::{basis, load_optional_status, load_portfolio, Streams};

/// The exit code of `--fail-on-finding` when a check fails.
pub const FINDING_EXIT_CODE: u8 = 4;

/// Runs `screen`; the exit code: 0, or 4 with `--fail-on-finding` when a
/// check failed (a failed check is a finding, not an error).
pub fn run(args: &ScreenArgs, streams: &mut Streams) -> Result<u8> {
    for (option, days) in [
        ("--high-float", args.high_float),
        ("--high-duration", args.high_duration),
    ] {
        if days < 0 {
            return Err(Error::Usage(format!("{option} must be 0 or more days")));
        }
    }
    let format = args.format.unwrap_or_else(|| {
        let html = args.output.output.as_deref().is_some_and(|path| {
            path.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        });
        if html {
            ScreenFormat::Html
        } else {
            ScreenFormat::Table
        }
    });
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let status = load_optional_status(args.status.as_deref(), &portfolio)?;
    let options = ScreenOptions {
        high_float_days: args.high_float,
        high_duration_days: args.high_duration,
    };
    let screening = screen(basis(&portfolio, status.as_ref()), &options);
    let report = ScreenReport::new(&screening);
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.status.as_deref());
    emit_with(
        args.output.output.as_deref(),
        &inputs,
        streams,
        |out| match format {
            ScreenFormat::Table => report.write_table(out),
            ScreenFormat::Json => write_screen(&screening, out),
            ScreenFormat::Md => write_markdown(&report.document(), out),
            ScreenFormat::Html => write_html(&report.document(), out),
        },
    )?;
    Ok(if args.fail_on_finding && screening.failed() > 0 {
        FINDING_EXIT_CODE
    } else {
        0
    })
}
