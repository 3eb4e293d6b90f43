//! The `capgraph` binary: parse the command line, run the command, map the
//! outcome to an exit code (0 success, 1 invalid input, 2 wrong usage,
//! 3 renderer failed or missing, 4 `screen --fail-on-finding` found a failed check).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

// The binary's own modules use the library's through these names, as
// `crate::model`, `crate::analysis`, …
use capgraph::{analysis, briefing, error, exchange, generate, model, render};

mod cli;
mod command;

use capgraph::render::inert::InertWriter;
use capgraph::render::text::problems::write_problem;
use cli::{Cli, Command};
use command::Streams;
use error::Error;

/// mimalloc instead of the system allocator: loading a big portfolio makes
/// and frees hundreds of thousands of small strings, where glibc's malloc
/// spent about a fifth of `check`'s time (perf, 100 000 projects).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    command::interruption::install();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    let stdout = io::stdout();
    let stderr = io::stderr();
    let stderr_is_terminal = stderr.is_terminal();
    let mut out = stdout.lock();
    // Messages quote user data (ids, names, paths): never raw control characters.
    let mut err = InertWriter::new(stderr.lock());
    let mut streams = Streams {
        stdout: &mut out,
        stderr: &mut err,
        stderr_is_terminal,
    };
    let result = match &cli.command {
        Command::Check(args) => {
            command::check::run(args, &mut streams).map(|valid| if valid { 0 } else { 1 })
        }
        Command::Schedule(args) => command::schedule::run(args, &mut streams).map(|()| 0),
        Command::Path(args) => command::path::run(args, &mut streams).map(|()| 0),
        Command::Impact(args) => command::impact::run(args, &mut streams).map(|()| 0),
        Command::Options(args) => command::options::run(args, &mut streams).map(|()| 0),
        Command::Rank(args) => command::rank::run(args, &mut streams).map(|()| 0),
        Command::Common(args) => command::common::run(args, &mut streams).map(|()| 0),
        Command::Diagram(args) => command::diagram::run(args, &mut streams).map(|()| 0),
        Command::Weekly(args) => command::weekly::run(args, &mut streams).map(|()| 0),
        Command::Import(args) => command::import::run(args, &mut streams).map(|()| 0),
        Command::Funding(args) => command::funding::run(args, &mut streams).map(|()| 0),
        Command::Export(args) => command::export::run(args, &mut streams).map(|()| 0),
        Command::Generate(args) => command::generate::run(args, &mut streams).map(|()| 0),
        Command::Risk(args) => command::risk::run(args, &mut streams).map(|()| 0),
        Command::Screen(args) => command::screen::run(args, &mut streams),
        Command::Trend(args) => command::trend::run(args, &mut streams).map(|()| 0),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            report(&error, &mut err);
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

/// Prints an error for a person: every problem of an invalid file, or one line.
fn report(error: &Error, err: &mut dyn Write) {
    match error {
        Error::Invalid { problems, .. } => {
            for problem in problems {
                let _ = write_problem(problem, err);
            }
            let _ = writeln!(err, "capgraph: {error}; nothing was analysed");
        }
        Error::Input { message, hint } => {
            let _ = writeln!(err, "capgraph: {message}");
            if let Some(hint) = hint {
                let _ = writeln!(err, "  hint: {hint}");
            }
        }
        Error::Usage(message) => {
            let _ = writeln!(err, "capgraph: wrong usage: {message}");
        }
        other => {
            let _ = writeln!(err, "capgraph: {other}");
        }
    }
}
