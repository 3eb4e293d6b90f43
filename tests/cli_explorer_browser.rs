//! The explorer (`diagram --format html`) in a real browser: headless
//! Chromium driven by selenium (tests/browser/explorer.py). Clicking an item
//! must light up exactly what `capgraph path` (upstream) and `capgraph impact
//! --structural` (downstream) say; search, zoom and pan must work; no request
//! may leave the page and the console must show no error; a click on a
//! 2 000-item view must highlight within 100 ms (tests/browser/explorer.py
//! says how that is measured, and the margin a loaded machine gets).
//!
//! These tests need Chromium, chromedriver and Python 3 with selenium
//! (`.ci/run` installs them: apt `chromium chromium-driver`, pip `selenium`);
//! without them they fail and say what to install, rather than skip.
//! `CAPGRAPH_PYTHON` names the interpreter (default `python3`).

mod common;

use std::path::Path;
use std::process::Command;

use common::{python, require_python_modules, root, run};

/// Fails (never skips) when selenium, Chromium or chromedriver is missing.
fn require_browser() {
    require_python_modules("selenium", "selenium");
    for (program, package) in [
        ("chromium", "chromium"),
        ("chromedriver", "chromium-driver"),
    ] {
        let found = Command::new(program).arg("--version").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "this test needs `{program}`: apt-get install {package} (.ci/run installs it)"
        );
    }
}

/// Writes what the browser script needs to know about `page`.
fn describe(page: &Path, args: serde_json::Value) {
    let path = format!("{}.args.json", page.display());
    std::fs::write(path, args.to_string()).unwrap();
}

/// One browser at a time: the click timings must not share the machine
/// with the other browser test.
static BROWSER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs the browser script; its stdout (the checks it passed, the timings).
fn browse(pages: &[&Path], speed: Option<&Path>) -> String {
    let _one_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let mut command = Command::new(python());
    command
        .arg(root().join("tests/browser/explorer.py"))
        .arg(env!("CARGO_BIN_EXE_capgraph"))
        .args(pages)
        .current_dir(root());
    if let Some(page) = speed {
        command.arg("--speed").arg(page);
    }
    let output = command.output().expect("python runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "the browser checks failed\n--- stdout\n{stdout}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// Writes the pages both browsers check into `dir`, each with what the
/// browser script needs to know about it: Graphviz's drawing with this
/// week's status, the built-in layout's, and the weekly briefing.
fn pages(dir: &Path) -> [std::path::PathBuf; 3] {
    // Graphviz's drawing, with this week's status.
    let drawn = dir.join("view.html");
    run(&[
        "diagram",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "-o",
        drawn.to_str().unwrap(),
    ])
    .expect_code(0)
    .expect_no_panic();
    describe(
        &drawn,
        serde_json::json!({
            "portfolio": "fixtures/digital-backbone.json",
            "status": "fixtures/status-2026-w48.json",
            // A capability (many upstream), a shared component (many
            // downstream), and a project in the middle of chains.
            "ids": ["CAP-PCN", "pki", "P-COM-001", "dc-mons"],
            "search": ["Protected Core Networking", "CAP-PCN"],
        }),
    );
    // The built-in layout, as drawn where Graphviz is not installed.
    let empty_path = tempfile::tempdir().unwrap();
    let built_in = dir.join("built-in.html");
    let output = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(["diagram", "tests/data/diagram-small.json", "-o"])
        .arg(&built_in)
        .env("PATH", empty_path.path())
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    describe(
        &built_in,
        serde_json::json!({
            "portfolio": "tests/data/diagram-small.json",
            "ids": ["pki", "P-C", "CAP-X"],
            "search": ["Secure voice", "P-D"],
        }),
    );
    // The weekly briefing's impact diagram (its first explorer), a part of
    // the portfolio: the CLI's sets are compared on the items it shows.
    let folder = dir.join("briefing");
    run(&[
        "weekly",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "--previous",
        "fixtures/status-2026-w47.json",
        "-o",
        folder.to_str().unwrap(),
    ])
    .expect_code(0)
    .expect_no_panic();
    let briefing = folder.join("briefing.html");
    let html = std::fs::read_to_string(&briefing).unwrap();
    // One copy of the script for all the briefing's diagrams.
    assert_eq!(html.matches("capgraph explorer: zoom and pan").count(), 1);
    assert!(html.matches("class=\"cg-explorer\"").count() >= 2);
    // The briefing forbids every request too; the browsers then check that
    // nothing it needs was blocked (a blocked resource is a console error).
    assert!(
        html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
        "the briefing has no Content-Security-Policy"
    );
    describe(
        &briefing,
        serde_json::json!({
            "portfolio": "fixtures/digital-backbone.json",
            "status": "fixtures/status-2026-w48.json",
            "explorer": 0,
            "ids": ["P-COM-001", "CAP-PCN"],
            "search": ["Protected Core Networking", "CAP-PCN"],
        }),
    );
    [drawn, built_in, briefing]
}

#[test]
fn explorer_pages_highlight_what_the_cli_says_and_fetch_nothing() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let [drawn, built_in, briefing] = pages(dir.path());
    let report = browse(&[&drawn, &built_in, &briefing], None);
    assert!(report.contains("no request left the page"), "{report}");
}

/// The same checks in Firefox (Debian's firefox-esr), driven through its
/// built-in WebDriver BiDi server (tests/browser/explorer_firefox.py): no
/// geckodriver needed. Fails, not skips, without Firefox or websocket-client.
#[test]
fn explorer_pages_work_in_firefox_too() {
    require_python_modules("websocket", "websocket-client");
    let firefox = std::env::var("CAPGRAPH_FIREFOX").unwrap_or_else(|_| "firefox-esr".to_string());
    let found = Command::new(&firefox).arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "this test needs `{firefox}`: apt-get install firefox-esr (.ci/run installs it)"
    );
    let dir = tempfile::tempdir().unwrap();
    let [drawn, built_in, briefing] = pages(dir.path());
    let _one_at_a_time = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let output = Command::new(python())
        .arg(root().join("tests/browser/explorer_firefox.py"))
        .arg(env!("CARGO_BIN_EXE_capgraph"))
        .args([&drawn, &built_in, &briefing])
        .current_dir(root())
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "the Firefox checks failed\n--- stdout\n{stdout}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Every page passed every check (each prints its line).
    assert_eq!(
        stdout
            .matches("no request left the page, no console error")
            .count(),
        3,
        "{stdout}"
    );
    assert!(
        stdout.contains("firefox view.html #0: P-COM-001: 5 upstream, 16 downstream"),
        "{stdout}"
    );
}

#[test]
fn a_click_highlights_within_100_ms_on_a_2000_item_view() {
    require_browser();
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("portfolio.json");
    // 1 740 generated projects with their components and capabilities make
    // a view of 2 001 items.
    run(&[
        "generate",
        "--projects",
        "1740",
        "-o",
        portfolio.to_str().unwrap(),
    ])
    .expect_code(0);
    let page = dir.path().join("big.html");
    run(&[
        "diagram",
        portfolio.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ])
    .expect_code(0)
    .expect_no_panic();
    let report = browse(&[], Some(&page));
    // The figures, for the record (cargo test -- --nocapture shows them).
    #[allow(clippy::print_stderr)]
    {
        eprintln!("{report}");
    }
    assert!(report.contains("\"items\": 2001"), "{report}");
}
