//! The `capgraph` binary: parse the command line, run the command, map the
//! outcome to an exit code (0 success, 1 invalid input, 2 wrong usage,
//! 3 renderer failed or missing, 4 `screen --fail-on-finding` found a failed check).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

// The binary's own modules use the library's through these names, as
// `crate::model`, `crate::analysis`, …
use capgraph::{analysis, briefing, error, exchange, generate, model, render};

#[cfg(target_os = "linux")]
mod big_blocks;
mod cli;
mod command;

use capgraph::render::inert::InertWriter;
use capgraph::render::text::problems::write_problem;
use cli::{Cli, Command};
use command::Streams;
use error::Error;

/// mimalloc instead of the system allocator: loading a big portfolio makes
/// and frees hundreds of thousands of small strings, where glibc's malloc
/// spent about a fifth of `check`'s time (perf, 100 000 projects). For big
/// inputs, big blocks come straight from the kernel (`big_blocks`).
#[cfg(target_os = "linux")]
#[global_allocator]
static GLOBAL: big_blocks::Allocator = big_blocks::Allocator;
#[cfg(not(target_os = "linux"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The mimalloc whose option numbers `tune_allocator` uses: 3.3.2, as
/// `MI_MALLOC_VERSION` in the mimalloc.h bundled with libmimalloc-sys 0.1.49.
const BUNDLED_MIMALLOC: i32 = 30302;

/// `mi_option_purge_delay`: its position in that mimalloc.h's `mi_option_e`
/// (libmimalloc-sys names only mimalloc 2's positions, where 15 is another option).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// From this size of the largest file named on the command line (a
/// portfolio of about 45 000 generated projects) the allocator saves memory
/// instead of time. Below it mimalloc keeps its defaults, as capgraph had
/// them before issue 10: transparent huge pages and freed memory handed back
/// after 1 s. There a run touches few megabytes, and 4 KiB pages would cost
/// a page fault each (`rank` of 10 000 projects: 8 500 faults against 300,
/// 55 ms of processor time against 40 ms), while the peak is mostly the
/// process's fixed share and could not be 3x the file's size either way.
const LEAN_FROM_BYTES: u64 = 16 << 20;

/// Transparent huge pages off from the process's start, before the Rust
/// runtime first allocates (this runs as a constructor, like C's
/// `__attribute__((constructor))`): a page touched before `tune_allocator`
/// decides would stay a huge one (2 MiB more peak). `tune_allocator` turns
/// them on again for small inputs.
#[cfg(target_os = "linux")]
#[used]
#[allow(unsafe_code)]
#[link_section = ".init_array"]
static HUGE_PAGES_OFF_AT_START: extern "C" fn() = huge_pages_off;

#[cfg(target_os = "linux")]
extern "C" fn huge_pages_off() {
    // Not fatal when refused: the run takes more memory, nothing else.
    let _ = nix::sys::prctl::set_thp_disable(true);
}

/// Sets the allocator up for the size of the input: see `LEAN_FROM_BYTES`.
fn tune_allocator() {
    let largest_input = std::env::args_os()
        .skip(1)
        .filter_map(|argument| std::fs::metadata(argument).ok())
        .filter(|metadata| metadata.is_file())
        .map(|metadata| metadata.len())
        .max()
        .unwrap_or(0);
    if largest_input >= LEAN_FROM_BYTES {
        lean_allocator();
    } else {
        #[cfg(target_os = "linux")]
        let _ = nix::sys::prctl::set_thp_disable(false);
    }
}

/// Peak memory within 3x a big input file's size (issue 10): no transparent
/// huge pages for this process (each 2 MB page is counted whole even when a
/// little of it is used), and memory freed while a portfolio is read
/// (outgrown hash tables and lists, link ids once interned) handed back at
/// once instead of after mimalloc's default 1 s, else it is still counted
/// when the graph is built. `check` of 100 000 generated projects (a 36 MB
/// file): 101 MiB peak this way, 127 MiB with mimalloc's defaults, 114 MiB
/// with huge pages off alone. Child processes (Graphviz) inherit the huge
/// page setting. The purge delay is set only for the mimalloc its option
/// number was read from (test `the_bundled_mimalloc_is_the_one_tuned`).
///
/// Big blocks (1 MiB and more) get mappings of their own, grown by `mremap`
/// without copying (`big_blocks`): fewer faults where a big output is built
/// in memory, and freed blocks handed back at once.
///
/// The price of 4 KiB pages is one page fault per page touched: `check` of
/// 100 000 projects (a 31 MB file) takes 27 600 faults, some 0.04 s of
/// system time more than huge pages (2–3 µs a fault on the 2-core VM; 7 200
/// of them read the file into its buffer). Tried against it in round 8,
/// system time of that `check`, medians of 15 interleaved runs at load 9
/// (0.076 s as is):
/// - huge pages for the input buffer alone (its exact size, so no more
///   peak): 0.060 s, but 4 runs in 15 stalled in the kernel's compaction
///   (0.10–0.16 s): no better on average, worse at the tail;
/// - the file memory-mapped instead of read: 0.050 s, but unsound: a file
///   truncated meanwhile kills the process (SIGBUS), and one rewritten in
///   place changes bytes already checked as UTF-8 under a `&str`;
/// - a purge delay of 10 ms to 1 s: 400 faults fewer, no change;
/// - prefaulting the buffer (`MADV_POPULATE_WRITE`): no faster (C test).
#[allow(unsafe_code)]
fn lean_allocator() {
    #[cfg(target_os = "linux")]
    huge_pages_off();
    #[cfg(target_os = "linux")]
    big_blocks::enable();
    // SAFETY: plain C functions of the linked mimalloc with no pointer
    // arguments; `mi_option_set` stores one integer, any value is valid for
    // this option (0 = purge at once), and it may be called at any time.
    unsafe {
        if libmimalloc_sys::mi_version() == BUNDLED_MIMALLOC {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
        }
    }
}

fn main() -> ExitCode {
    tune_allocator();
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
        Error::Invalid { files } => {
            for problem in files.iter().flat_map(|f| &f.problems) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An update of mimalloc may renumber its options: then `lean_allocator`
    /// would set nothing (or, without its version check, the wrong option).
    /// The option number is pinned by its default: 1000 ms is `purge_delay`'s
    /// default in mimalloc 3.3.2's options.c, and no other option of that
    /// table defaults to 1000. If this fails after an update, read
    /// `MI_OPTION_PURGE_DELAY` again from the new mimalloc.h and update both.
    #[test]
    #[allow(unsafe_code)]
    fn the_bundled_mimalloc_is_the_one_tuned() {
        // SAFETY: C functions without pointer arguments.
        let (version, default, tuned) = unsafe {
            let version = libmimalloc_sys::mi_version();
            let default = libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY);
            lean_allocator();
            let tuned = libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY);
            (version, default, tuned)
        };
        assert_eq!(version, BUNDLED_MIMALLOC);
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(
                default, 1000,
                "option {MI_OPTION_PURGE_DELAY} is not purge_delay"
            );
        }
        assert_eq!(tuned, 0);
    }

    /// Whether `block` is one of `big_blocks`' own mappings.
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    fn mapped<T>(block: &[T]) -> bool {
        // SAFETY: a pointer query on mimalloc's page map.
        !unsafe { libmimalloc_sys::mi_is_in_heap_region(block.as_ptr().cast()) }
    }

    /// Every way a block can move between mimalloc and a mapping of its own
    /// keeps its bytes: growth by `mremap`, shrinking below 1 MiB, growing
    /// past it, zeroed blocks, and a block mimalloc gave out before.
    #[test]
    #[cfg(target_os = "linux")]
    fn big_blocks_keep_their_bytes_whichever_allocator_holds_them() {
        let earlier: Vec<u8> = (0..3u32 << 20).map(|i| (i % 251) as u8).collect();
        big_blocks::enable();
        let mut grown: Vec<u32> = Vec::with_capacity(1 << 18);
        assert!(mapped(grown.spare_capacity_mut()), "1 MiB is mapped");
        grown.extend(0..1u32 << 21);
        assert!(mapped(&grown), "8 MiB, grown by mremap");
        assert!(grown.iter().enumerate().all(|(i, &v)| v as usize == i));
        grown.truncate(1000);
        grown.shrink_to_fit();
        assert!(!mapped(&grown), "4 000 bytes are mimalloc's again");
        assert!(grown.iter().enumerate().all(|(i, &v)| v as usize == i));
        let mut crossing = vec![7u8; 1000];
        crossing.resize(2 << 20, 9);
        assert!(mapped(&crossing));
        assert!(
            crossing[..1000].iter().all(|&b| b == 7) && crossing[1000..].iter().all(|&b| b == 9)
        );
        let zeroed = vec![0u64; 1 << 18];
        assert!(mapped(&zeroed) && zeroed.iter().all(|&v| v == 0));
        assert!(earlier
            .iter()
            .enumerate()
            .all(|(i, &b)| b as usize == i % 251));
        drop(earlier);
    }
}
