//! A portfolio that is one long chain must not make every row of a report as
//! long as the portfolio (issue 10): the reports for people shorten a long
//! driving path or impact chain to its first and last steps, so their size
//! grows with the number of rows, not with rows × chain length.
//!
//! Measured by doubling: a chain through n capabilities, then 2n. Each
//! capability's driving path runs back through every capability before it,
//! so writing paths whole makes the output about 4× as large for 2n (the sum
//! of 1…n path lengths is n(n+1)/2); shortened, about 2× (each row holds at
//! most eight steps; ids have the same width at both sizes).

mod common;

use std::path::Path;

use common::{chain_through_capabilities, run, write};

/// The bytes `capgraph ARGS` writes on the portfolio of `n` chained capabilities.
fn output_size(dir: &Path, n: usize, args: &[&str]) -> usize {
    let file = write(
        dir,
        &format!("chain-{n}.json"),
        &chain_through_capabilities(n),
    );
    let mut all = vec![args[0], file.to_str().expect("a UTF-8 path")];
    all.extend(&args[1..]);
    let r = run(&all);
    r.expect_code(0);
    r.stdout.len()
}

/// Asserts that the output of `args` on 2n chained capabilities is at most
/// 2.3× its size on n (linear: about 2×; whole paths: about 4×).
fn grows_linearly(args: &[&str]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let small = output_size(dir.path(), 150, args);
    let large = output_size(dir.path(), 300, args);
    let ratio = large as f64 / small as f64;
    assert!(
        ratio < 2.3,
        "capgraph {args:?}: {small} bytes for 150 capabilities, {large} for 300 (×{ratio:.2})"
    );
}

#[test]
fn the_schedule_table_grows_linearly_on_a_chain() {
    grows_linearly(&["schedule"]);
    grows_linearly(&["schedule", "--format", "md"]);
}

#[test]
fn the_impact_report_of_every_chain_grows_linearly() {
    // Every capability slipped: each is the end of a chain from P000000.
    grows_linearly(&["impact", "--delay", "P000000=10", "--chains", "0"]);
}

#[test]
fn the_explorer_page_grows_linearly_on_a_chain() {
    // Each capability's side panel holds its driving path; with a delay,
    // each item that slipped holds its slip chain.
    grows_linearly(&["diagram", "--format", "html"]);
}
