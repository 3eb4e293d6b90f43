//! Portfolios from `capgraph generate --projects N --seed 1` (and their
//! status files), written once under `target/bench-data/` (outside the timed
//! loops, and kept there for timing the release binary by hand).

#![allow(dead_code)] // each bench uses a different part of this module

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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

/// `path` pretty-printed as `python3 -m json.tool` writes it (four-space
/// indent, one member per line, `": "` after keys, `{}` and `[]` when
/// empty, a newline at the end), its keys in the order of `path`: the same
/// file pretty-printed. (For the generated 100 000-project file, byte for
/// byte what `python3 -m json.tool` writes; checked by hand.)
/// Written beside `path` as `*.pretty.json`.
pub fn pretty_copy(path: &Path) -> PathBuf {
    let text = fs::read_to_string(path).expect("readable UTF-8");
    let mut out = String::with_capacity(text.len() * 5 / 2);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("    ", depth));
    };
    let mut depth = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '{' | '[' => {
                while chars.next_if(|c| c.is_ascii_whitespace()).is_some() {}
                out.push(c);
                if chars.next_if(|n| matches!(n, '}' | ']')).is_some() {
                    out.push(if c == '{' { '}' } else { ']' });
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth -= 1;
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
    }
    out.push('\n');
    let pretty = path.with_extension("pretty.json");
    fs::write(&pretty, out).expect("target is writable");
    pretty
}

/// `path` with the keys of every object in alphabetical order, as `jq -S`,
/// Python's `sort_keys=True` and a `serde_json::Value` round trip write it
/// (this crate's serde_json has no `preserve_order`: a `Value`'s objects
/// are sorted maps). In a portfolio, `capabilities` and `components` then
/// come before `portfolio`, and `depends_on` before `id`. Written beside
/// `path` as `*.key-sorted.json`, on one line.
pub fn key_sorted_copy(path: &Path) -> PathBuf {
    let text = fs::read_to_string(path).expect("readable UTF-8");
    let value: serde_json::Value = serde_json::from_str(&text).expect("well-formed JSON");
    let sorted = path.with_extension("key-sorted.json");
    fs::write(&sorted, serde_json::to_vec(&value).expect("JSON")).expect("target is writable");
    sorted
}
