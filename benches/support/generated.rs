//! Portfolios from `capgraph generate --projects N --seed 1` (and their
//! status files), written once under `target/bench-data/` (outside the timed
//! loops, and kept there for timing the release binary by hand).

#![allow(dead_code)] // each bench uses a different part of this module

use std::fs;
use std::io::{self, Write};
use std::path::PathBuf;

use capgraph::generate::{status_record, write_portfolio, write_status, GenerateOptions};

/// The path of the generated portfolio of `projects` projects, written
/// afresh each time (a file left by an older generator would time other data).
pub fn portfolio_file(projects: usize) -> PathBuf {
    bench_file(&format!("generated-{projects}-seed-1.json"), |out| {
        write_portfolio(&GenerateOptions { projects, seed: 1 }, out)
    })
}

/// The path of the status file that `capgraph generate --projects N --seed 1
/// --status` writes for [`portfolio_file`]'s portfolio, written afresh.
pub fn status_file(projects: usize) -> PathBuf {
    bench_file(&format!("generated-{projects}-seed-1-status.json"), |out| {
        write_status(&GenerateOptions { projects, seed: 1 }, out)
    })
}

/// "Last week" for [`status_file`]: the same updates without every third
/// one, and every delay 5 days smaller, so that `impact --from` finds new,
/// changed and unchanged updates.
pub fn previous_status_file(projects: usize) -> PathBuf {
    let mut status = status_record(&GenerateOptions { projects, seed: 1 });
    let mut i = 0;
    status.updates.retain(|_| {
        i += 1;
        i % 3 != 0
    });
    for update in &mut status.updates {
        if let Some(days) = &mut update.delay_days {
            *days -= 5;
        }
    }
    bench_file(
        &format!("generated-{projects}-seed-1-previous-status.json"),
        |out| serde_json::to_writer(out, &status).map_err(io::Error::from),
    )
}

/// Writes `name` under `target/bench-data/` with `write`; its path.
fn bench_file(name: &str, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    fs::create_dir_all(&dir).expect("target is writable");
    let path = dir.join(name);
    let mut file = io::BufWriter::new(fs::File::create(&path).expect("target is writable"));
    write(&mut file).expect("target is writable");
    file.flush().expect("target is writable");
    path
}
