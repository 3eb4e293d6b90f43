//! `capgraph generate`: determinism, and generated files that validate.

use std::path::Path;
use std::process::Command;

use capgraph::model::{self, NodeKind};

fn generate(args: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .arg("generate")
        .args(args)
        .output()
        .expect("capgraph runs");
    assert!(
        output.status.success(),
        "generate {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn same_seed_gives_the_same_bytes() {
    let a = generate(&["--projects", "500", "--seed", "42"]);
    let b = generate(&["--projects", "500", "--seed", "42"]);
    assert!(a == b);
    let status_a = generate(&["--projects", "500", "--seed", "42", "--status"]);
    let status_b = generate(&["--projects", "500", "--seed", "42", "--status"]);
    assert!(status_a == status_b);
}

#[test]
fn another_seed_gives_another_portfolio() {
    let a = generate(&["--projects", "500", "--seed", "42"]);
    let b = generate(&["--projects", "500", "--seed", "43"]);
    assert!(a != b);
    let status_a = generate(&["--projects", "500", "--seed", "42", "--status"]);
    let status_b = generate(&["--projects", "500", "--seed", "43", "--status"]);
    assert!(status_a != status_b);
}

#[test]
fn the_default_seed_is_one() {
    assert!(generate(&["--projects", "30"]) == generate(&["--projects", "30", "--seed", "1"]));
}

#[test]
fn output_file_holds_what_stdout_shows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("portfolio.json");
    let to_stdout = generate(&["--projects", "100", "--seed", "9"]);
    let to_file = generate(&[
        "--projects",
        "100",
        "--seed",
        "9",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(to_file.is_empty());
    assert!(std::fs::read(&path).unwrap() == to_stdout);
}

#[test]
fn generated_portfolios_and_status_files_validate_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    // Updates: N/50, at least 5, but one per node at most: 1 project has 3
    // nodes (with its component and capability), 2 projects have 4.
    for (n, updates) in [(1usize, 3), (2, 4), (20, 5), (1000, 20)] {
        for seed in ["1", "2024"] {
            let count = n.to_string();
            let portfolio_path = write(
                dir.path(),
                &format!("p-{n}-{seed}.json"),
                &generate(&["--projects", &count, "--seed", seed]),
            );
            let status_path = write(
                dir.path(),
                &format!("s-{n}-{seed}.json"),
                &generate(&["--projects", &count, "--seed", seed, "--status"]),
            );
            let checked = model::load_portfolio(&portfolio_path);
            assert!(
                checked.problems.is_empty(),
                "{n}/{seed}: {:?}",
                checked.problems
            );
            let portfolio = checked.value.expect("valid");

            let kinds = |kind: NodeKind| portfolio.nodes().filter(|node| node.kind == kind).count();
            assert_eq!(kinds(NodeKind::Project), n);
            assert_eq!(kinds(NodeKind::Component), (n / 20).max(1), "{n} projects");
            assert_eq!(kinds(NodeKind::Capability), (n / 10).max(1), "{n} projects");
            assert_eq!(
                portfolio.declared_domains(),
                Some(
                    &[
                        "communication".to_string(),
                        "core".to_string(),
                        "cyber".to_string()
                    ][..]
                )
            );

            let status = model::load_status(&status_path, &portfolio);
            assert!(
                status.problems.is_empty(),
                "{n}/{seed}: {:?}",
                status.problems
            );
            assert_eq!(
                status.value.expect("valid").updates().len(),
                updates,
                "{n} projects"
            );
        }
    }
}

#[test]
fn check_reports_nothing_on_a_generated_pair() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = write(
        dir.path(),
        "p.json",
        &generate(&["--projects", "300", "--seed", "5"]),
    );
    let status = write(
        dir.path(),
        "s.json",
        &generate(&["--projects", "300", "--seed", "5", "--status"]),
    );
    let output = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args([
            "check",
            portfolio.to_str().unwrap(),
            "--status",
            status.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(text.matches("0 errors, 0 warnings").count(), 2, "{text}");
}

#[test]
fn zero_projects_is_an_empty_valid_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "empty.json", &generate(&["--projects", "0"]));
    let checked = model::load_portfolio(&path);
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    assert_eq!(checked.value.unwrap().node_count(), 0);
}
