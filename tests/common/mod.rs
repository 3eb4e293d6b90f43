//! Running the real `capgraph` binary from integration tests.

#![allow(dead_code)] // each test crate uses a different part of this module

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root, so that tests find `fixtures/` wherever cargo runs them.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of the real schedule exports kept beside the repository
/// (`../shared/data/RELATIVE`, or `/work/shared/data/RELATIVE` from a git
/// worktree elsewhere), when present; they are never copied into it.
#[allow(dead_code)]
pub fn shared_data(relative: &str) -> Option<PathBuf> {
    [
        root().join("../shared/data").join(relative),
        PathBuf::from("/work/shared/data").join(relative),
    ]
    .into_iter()
    .find(|p| p.exists())
}

/// Runs `capgraph ARGS` in the crate root.
pub fn capgraph<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the capgraph binary runs")
}

/// What one run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let output = capgraph(args);
    Run {
        code: output
            .status
            .code()
            .expect("exited, not killed by a signal"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts that nothing panicked and no backtrace was printed.
    pub fn expect_no_panic(&self) -> &Self {
        for stream in [&self.stdout, &self.stderr] {
            assert!(
                !stream.contains("panicked")
                    && !stream.contains("RUST_BACKTRACE")
                    && !stream.contains("stack backtrace"),
                "a panic:\n{stream}"
            );
        }
        self
    }

    /// stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// A committed JSON file, parsed.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join(path))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `capgraph import TOOL FILE -o dir/portfolio.json --status-out
/// dir/status.json`: the run and the two paths.
pub fn import_schedule(tool: &str, file: &Path, dir: &Path) -> (Run, PathBuf, PathBuf) {
    let portfolio = dir.join("portfolio.json");
    let status = dir.join("status.json");
    let result = run(&[
        "import".as_ref(),
        tool.as_ref(),
        file.as_os_str(),
        "-o".as_ref(),
        portfolio.as_os_str(),
        "--status-out".as_ref(),
        status.as_os_str(),
    ]);
    (result, portfolio, status)
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write test file");
    path
}

/// P1(30) provides comp; P2(20) uses comp and delivers CAP (target
/// 2025-03-12 = day 70); P3(60) delivers CAP. Baseline: comp day 30, P2
/// days 30–50, P3 0–60, CAP day 60, portfolio finish 60.
pub const CHAIN: &str = r#"{
  "portfolio": {"name": "Chain", "start": "2025-01-01", "currency": "EUR"},
  "components": [{"id": "comp", "name": "Shared component", "provided_by": "P1"}],
  "capabilities": [{"id": "CAP", "name": "Capability", "target": "2025-03-12"}],
  "projects": [
    {"id": "P1", "name": "Provider", "duration_days": 30, "cost": {"investment": 1000000}},
    {"id": "P2", "name": "User", "duration_days": 20, "uses": ["comp"], "delivers": ["CAP"],
     "cost": {"investment": 2500000}},
    {"id": "P3", "name": "Other", "duration_days": 60, "delivers": ["CAP"],
     "cost": {"investment": 7000000}}
  ]
}"#;

/// A generated portfolio of `projects` projects and its status file
/// (`capgraph generate`) in `dir`, and the weekly briefing of them written
/// into `dir/briefing`, whose path is returned.
pub fn generated_briefing(dir: &Path, projects: usize) -> PathBuf {
    let portfolio = dir.join("p.json");
    let status = dir.join("s.json");
    let out = dir.join("briefing");
    let n = projects.to_string();
    for (path, extra) in [(&portfolio, None), (&status, Some("--status"))] {
        let mut args = vec!["generate", "--projects", &n, "-o", path.to_str().unwrap()];
        args.extend(extra);
        run(&args).expect_code(0);
    }
    run(&[
        "weekly",
        portfolio.to_str().unwrap(),
        "--status",
        status.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    out
}

/// The Python the tests drive (`CAPGRAPH_PYTHON`, default `python3`; .ci/run
/// makes a venv with what the tests import).
pub fn python() -> String {
    std::env::var("CAPGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// Fails (never skips) when `modules` cannot be imported.
pub fn require_python_modules(modules: &str, packages: &str) {
    let probe = Command::new(python())
        .args(["-c", &format!("import {modules}")])
        .output();
    match probe {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "this test needs the Python modules {modules}: `{} -m pip install {packages}` \
             (.ci/run installs them)\n{}",
            python(),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(e) => panic!(
            "this test needs Python 3 (`{}`: {e}); set CAPGRAPH_PYTHON or install python3",
            python()
        ),
    }
}

/// P000000 → C000000 → P000001 → C000001 → …: each project delivers the
/// capability the next one depends on; every capability has a target.
pub fn chain_through_capabilities(n: usize) -> String {
    let projects: Vec<String> = (0..n)
        .map(|i| {
            let after = if i == 0 {
                String::new()
            } else {
                format!(r#", "depends_on": ["C{:06}"]"#, i - 1)
            };
            format!(
                r#"{{"id": "P{i:06}", "name": "p", "duration_days": 3{after}, "delivers": ["C{i:06}"]}}"#
            )
        })
        .collect();
    let capabilities: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "C{i:06}", "name": "c", "target": "2026-01-01"}}"#))
        .collect();
    format!(
        r#"{{"portfolio": {{"name": "Chain", "start": "2025-01-01"}},
            "capabilities": [{}], "projects": [{}]}}"#,
        capabilities.join(","),
        projects.join(",")
    )
}

/// Asserts that `result` is the error of several invalid files read in one
/// run: exit 1, nothing on stdout, each `(file, JSON path)` problem on
/// stderr in the order given, then one line naming every file (one problem
/// each).
pub fn assert_invalid_files(result: &Run, problems: &[(&str, &str)]) {
    result.expect_code(1).expect_no_panic();
    assert!(result.stdout.is_empty(), "{}", result.stdout);
    let lines: Vec<&str> = result.stderr.lines().collect();
    let positions: Vec<usize> = problems
        .iter()
        .map(|(file, path)| {
            lines
                .iter()
                .position(|l| l.starts_with("error[") && l.contains(&format!("{file} {path}:")))
                .unwrap_or_else(|| panic!("no problem at {file} {path}:\n{}", result.stderr))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{}",
        result.stderr
    );
    let files: Vec<String> = problems
        .iter()
        .map(|(file, _)| format!("{file} is invalid (1 problem)"))
        .collect();
    assert_eq!(
        lines.last().copied(),
        Some(format!("capgraph: {}; nothing was analysed", files.join(" and ")).as_str()),
        "{}",
        result.stderr
    );
}

/// Two invalid status files of the sample portfolio in `dir`, as of the two
/// dates given: the first updates an id the portfolio lacks (a problem at
/// `/updates/0/id`), the second gives a delay as text (`/updates/0/delay_days`).
pub fn invalid_sample_weeks(dir: &Path, first_as_of: &str, second_as_of: &str) -> (String, String) {
    let first = write(
        dir,
        "first.json",
        &format!(
            r#"{{"as_of": "{first_as_of}", "updates": [{{"id": "P-NOPE-999", "delay_days": 10}}]}}"#
        ),
    );
    let second = write(
        dir,
        "second.json",
        &format!(
            r#"{{"as_of": "{second_as_of}", "updates": [{{"id": "P-COM-001", "delay_days": "ten"}}]}}"#
        ),
    );
    (first.display().to_string(), second.display().to_string())
}
