//! Portfolios from `capgraph generate --projects N --seed 1`, written once
//! under `target/bench-data/` (outside the timed loops, and kept there for
//! timing the release binary by hand).

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use capgraph::generate::{write_portfolio, GenerateOptions};

/// The path of the generated portfolio of `projects` projects, written
/// afresh each time (a file left by an older generator would time other data).
pub fn portfolio_file(projects: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    fs::create_dir_all(&dir).expect("target is writable");
    let path = dir.join(format!("generated-{projects}-seed-1.json"));
    let mut file = io::BufWriter::new(fs::File::create(&path).expect("target is writable"));
    write_portfolio(&GenerateOptions { projects, seed: 1 }, &mut file).expect("target is writable");
    file.flush().expect("target is writable");
    path
}
