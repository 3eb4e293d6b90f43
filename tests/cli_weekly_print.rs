//! The sample's briefing printed on A4 by a real browser (issue 12): headless
//! Chromium prints `briefing.html` to PDF, and pdfminer.six (through
//! tests/print/pdf_pages.py) reads back every page's text and the size at
//! which its smallest character was drawn. Fails, never skips, without
//! Chromium or pdfminer.six (`.ci/run` installs both). `CAPGRAPH_CHROMIUM`
//! names the browser (default `chromium`), `CAPGRAPH_PYTHON` the Python.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{python, root, run};
use serde_json::Value;

const MARKING: &str = "OFFICIAL-SENSITIVE";
/// The sample briefing's pages before the annexes, at most (issue 12).
const BODY_PAGES: usize = 5;
/// The smallest text allowed on paper, in points; pdfminer computes sizes
/// from the PDF's float matrices, so 7 pt can read back a hair under.
const SMALLEST_PT: f64 = 7.0 - 0.01;

fn chromium() -> String {
    std::env::var("CAPGRAPH_CHROMIUM").unwrap_or_else(|_| "chromium".to_string())
}

/// Prints `html` to `pdf` (A4 from the page's own `@page` rule, without
/// the browser's header and footer), killing the browser after two minutes.
fn print_to_pdf(html: &Path, pdf: &Path, profile: &Path) {
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "this test needs Chromium (`{}`: {e}): apt-get install chromium, or set CAPGRAPH_CHROMIUM (.ci/run installs it)",
                chromium()
            )
        });
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting for chromium") {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took more than 2 minutes to print");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(pdf.exists(), "chromium wrote no PDF");
}

/// The pages of `pdf` as tests/print/pdf_pages.py reads them.
fn pages(pdf: &Path) -> Vec<Value> {
    let output = Command::new(python())
        .arg(root().join("tests/print/pdf_pages.py"))
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("this test needs Python 3 (`{}`: {e})", python()));
    assert!(
        output.status.success(),
        "tests/print/pdf_pages.py failed; it needs pdfminer.six (`{} -m pip install pdfminer.six`; .ci/run installs it):\n{}",
        python(),
        String::from_utf8_lossy(&output.stderr)
    );
    let facts: Value = serde_json::from_slice(&output.stdout).expect("JSON from pdf_pages.py");
    facts["pages"].as_array().expect("pages").clone()
}

#[test]
fn the_sample_briefing_prints_legibly_on_a4_with_page_numbers_and_marking() {
    // As docs/example-briefing is made.
    prints_legibly_in_budget(&[]);
}

#[test]
fn with_history_the_briefing_proper_still_takes_at_most_five_pages() {
    // The trend of weeks 46–48 goes into the annexes, not into the body.
    prints_legibly_in_budget(&["--history", "fixtures/status-2026-w46.json"]);
}

/// Prints the sample's briefing (weeks 47 → 48, two options, a marking,
/// and `extra` arguments) and checks every page.
fn prints_legibly_in_budget(extra: &[&str]) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("briefing");
    let dir_text = dir.to_str().expect("utf-8 temp path");
    let mut args = vec![
        "weekly",
        "fixtures/digital-backbone.json",
        "--status",
        "fixtures/status-2026-w48.json",
        "--previous",
        "fixtures/status-2026-w47.json",
        "--option",
        "faster crypto: P-CYB-002=-30",
        "--option",
        "SOC recovery: P-CYB-004=-20, P-CYB-008=-10",
        "--marking",
        MARKING,
        "-o",
        dir_text,
    ];
    args.extend_from_slice(extra);
    run(&args).expect_code(0);
    if !extra.is_empty() {
        assert!(dir.join("trend.svg").exists(), "the trend is drawn");
    }

    // Every late or at-risk capability's diagram is drawn in the page (small
    // enough to read), not only linked; the sample has 6 (5 late, 1 at risk).
    let html = std::fs::read_to_string(dir.join("briefing.html")).unwrap();
    for capability in [
        "CAP-PCN", "CAP-CDM", "CAP-TDL", "CAP-ZTA", "CAP-FMN", "CAP-XDOM",
    ] {
        let file = format!("capability-{capability}.svg");
        assert!(dir.join(&file).exists(), "{file} written");
        assert!(
            !html.contains(&format!("href=\"{file}\"")),
            "{file} is only linked: too big to print legibly"
        );
    }
    // The whole views are too big for a page: linked, not shrunk to dust.
    assert!(html.contains("href=\"impact.svg\""), "impact.svg linked");

    let pdf = temp.path().join("briefing.pdf");
    print_to_pdf(
        &dir.join("briefing.html"),
        &pdf,
        &temp.path().join("profile"),
    );
    let pages = pages(&pdf);
    let count = pages.len();
    assert!(count > BODY_PAGES, "{count} pages: where are the annexes?");
    for (i, page) in pages.iter().enumerate() {
        let number = i + 1;
        // A4 is 595 × 842 pt.
        let (width, height) = (
            page["width"].as_f64().unwrap(),
            page["height"].as_f64().unwrap(),
        );
        assert!(
            (width - 595.3).abs() < 1.0 && (height - 841.9).abs() < 1.0,
            "page {number} is {width} × {height} pt, not A4"
        );
        let text = page["text"].as_str().unwrap();
        let smallest = page["smallest"].as_f64().expect("text on every page");
        assert!(
            smallest >= SMALLEST_PT,
            "page {number}: text drawn at {smallest} pt (at {}), under 7 pt",
            page["smallest_at"]
        );
        assert!(
            text.contains(&format!("Page {number} of {count}")),
            "page {number} has no page number:\n{text}"
        );
        // The explorer's controls are for the screen: no search box, buttons
        // or hints on paper.
        assert!(
            !text.contains("Click an item to see what drives it"),
            "page {number} prints the explorer's toolbar:\n{text}"
        );
        // At the top and at the bottom of the page.
        assert!(
            text.matches(MARKING).count() >= 2,
            "page {number} lacks the marking at top and bottom:\n{text}"
        );
    }
    let annexes = pages
        .iter()
        .position(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .lines()
                .any(|l| l.trim() == "Annexes")
        })
        .expect("the annexes start on a page of their own");
    assert!(
        annexes <= BODY_PAGES,
        "the briefing takes {annexes} pages before the annexes, more than {BODY_PAGES}"
    );
}
