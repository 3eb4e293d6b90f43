//! What capgraph does at the process boundary: where its files go (never
//! replacing a device, whole or absent, nothing left behind when killed), how
//! it bounds external renderers and huge requests, and that text it prints is
//! inert (no control character reaches a terminal).

mod common;

use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{root, run};

const PORTFOLIO: &str = "fixtures/digital-backbone.json";
const WEEK_47: &str = "fixtures/status-2026-w47.json";
const WEEK_48: &str = "fixtures/status-2026-w48.json";

#[test]
fn output_to_a_device_writes_through_it_and_leaves_it_a_device() {
    // Before the fix every -o went to a temporary file renamed over the
    // target: as root, /dev/null became a regular file.
    run(&["schedule", PORTFOLIO, "--format", "json", "-o", "/dev/null"]).expect_code(0);
    let kind = std::fs::metadata("/dev/null").unwrap().file_type();
    assert!(kind.is_char_device(), "/dev/null is no longer a device");
}

#[test]
fn a_new_output_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    // Whatever the umask, a new file is readable by its group and others
    // unless the umask says otherwise; compare with a file created plainly.
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "").unwrap();
    let usual = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
    run(&["schedule", PORTFOLIO, "-o", target.to_str().unwrap()]).expect_code(0);
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, usual, "new file mode {mode:o}, expected {usual:o}");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    run(&["schedule", PORTFOLIO, "-o", target.to_str().unwrap()]).expect_code(0);
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn a_temporary_file_left_by_a_killed_run_is_swept_by_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    // Process ids never reach 999 999 999 (Linux caps them at 2^22): a dead writer.
    let leftover = dir.path().join(".out.json.capgraph-999999999-x1y2.tmp");
    std::fs::write(&leftover, "half a file").unwrap();
    let target = dir.path().join("out.json");
    run(&["schedule", PORTFOLIO, "-o", target.to_str().unwrap()]).expect_code(0);
    assert!(target.is_file());
    assert!(
        !leftover.exists(),
        "the leftover of a dead run is still there"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["out.json".to_string()]);
}

#[test]
fn a_full_disk_on_stdout_is_an_error_with_a_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(["schedule", PORTFOLIO])
        .current_dir(root())
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

#[test]
fn generate_refuses_more_projects_than_it_can_write_instead_of_panicking() {
    for huge in ["18446744073709551615", "9223372036854775807", "2147483648"] {
        let r = run(&["generate", "--projects", huge]);
        r.expect_code(2).expect_no_panic();
        assert!(r.stderr.contains("1000000 or fewer"), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
}

/// A folder with a fake Graphviz `dot` that records its pid and sleeps.
fn slow_graphviz(dir: &Path) -> String {
    let script = dir.join("dot");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho $$ > {}\nexec sleep 30\n",
            dir.join("dot.pid").display()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&script)
        .status()
        .unwrap();
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn is_running(pid: &str) -> bool {
    Path::new(&format!("/proc/{}", pid.trim())).exists()
        && !std::fs::read_to_string(format!("/proc/{}/stat", pid.trim()))
            .unwrap_or_default()
            .contains(") Z ")
}

/// Whether process `pid` is gone within 5 s (a killed process takes a
/// moment to be torn down on a loaded machine).
fn ends_soon(pid: &str) -> bool {
    let waited = Instant::now();
    while is_running(pid) {
        if waited.elapsed() > Duration::from_secs(5) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

#[test]
fn graphviz_running_past_the_time_limit_is_killed_and_the_run_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let path = slow_graphviz(dir.path());
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args([
            "diagram",
            PORTFOLIO,
            "--format",
            "svg",
            "--render-timeout",
            "1",
        ])
        .current_dir(root())
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "not stopped in time"
    );
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("took more than 1 s"), "{stderr}");
    assert!(
        stderr.contains("--focus"),
        "no hint to pick a view: {stderr}"
    );
    let pid = std::fs::read_to_string(dir.path().join("dot.pid")).unwrap();
    assert!(ends_soon(&pid), "the Graphviz child outlived the run");
}

#[test]
fn a_weekly_run_interrupted_while_drawing_leaves_no_folder_no_staging_and_no_child() {
    let dir = tempfile::tempdir().unwrap();
    let path = slow_graphviz(dir.path());
    let out = dir.path().join("briefing");
    let mut child = Command::new(env!("CARGO_BIN_EXE_capgraph"))
        .args(["weekly", PORTFOLIO, "--status", WEEK_48, "-o"])
        .arg(&out)
        .current_dir(root())
        .env("PATH", path)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid_file = dir.path().join("dot.pid");
    let waited = Instant::now();
    while !pid_file.exists() && waited.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(pid_file.exists(), "Graphviz was never started");
    Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    assert!(ends_soon(&pid), "the Graphviz child outlived the run");
    assert!(!out.exists(), "a half briefing was left");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("capgraph"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn weekly_refuses_last_week_newer_than_this_week_the_same_file_twice_and_another_weeks_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("briefing");
    let out = out.to_str().unwrap();
    let swapped = run(&[
        "weekly",
        PORTFOLIO,
        "--status",
        WEEK_47,
        "--previous",
        WEEK_48,
        "-o",
        out,
    ]);
    swapped.expect_code(2);
    assert!(swapped.stderr.contains("not older"), "{}", swapped.stderr);
    let twice = run(&[
        "weekly",
        PORTFOLIO,
        "--status",
        WEEK_48,
        "--previous",
        WEEK_48,
        "-o",
        out,
    ]);
    twice.expect_code(2);
    assert!(twice.stderr.contains("same file"), "{}", twice.stderr);
    assert!(!Path::new(out).exists());

    run(&["weekly", PORTFOLIO, "--status", WEEK_48, "-o", out]).expect_code(0);
    let summary = std::fs::read(Path::new(out).join("summary.json")).unwrap();
    // Rerunning the same week replaces it; another week is refused without --force.
    run(&["weekly", PORTFOLIO, "--status", WEEK_48, "-o", out]).expect_code(0);
    let other = run(&["weekly", PORTFOLIO, "--status", WEEK_47, "-o", out]);
    other.expect_code(2);
    assert!(other.stderr.contains("2026-11-23"), "{}", other.stderr);
    assert_eq!(
        std::fs::read(Path::new(out).join("summary.json")).unwrap(),
        summary
    );
    run(&[
        "weekly", PORTFOLIO, "--status", WEEK_47, "-o", out, "--force",
    ])
    .expect_code(0);
    assert_ne!(
        std::fs::read(Path::new(out).join("summary.json")).unwrap(),
        summary
    );
}

/// A portfolio whose names, ids and notes carry terminal escape sequences.
fn escape_portfolio(dir: &Path) -> std::path::PathBuf {
    let portfolio = serde_json::json!({
        "portfolio": { "name": "Esc\u{1b}[2J portfolio", "start": "2025-01-01" },
        "capabilities": [ { "id": "CAP\rX", "name": "Cap \u{1b}]8;;http://evil\u{7}link", "target": "2025-03-01" } ],
        "projects": [
            { "id": "P\u{1b}[31mA", "name": "Clears \u{1b}[2J the screen\u{7f}", "duration_days": 10,
              "delivers": ["CAP\rX"] },
            { "id": "P-B", "name": "C1 \u{9b}2J control", "duration_days": 5,
              "depends_on": ["P\u{1b}[31mA"], "delivers": ["CAP\rX"] }
        ]
    });
    let path = dir.join("escapes.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&portfolio).unwrap()).unwrap();
    path
}

fn assert_inert(text: &str, what: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(
        bad.is_empty(),
        "{what} carries raw control characters {bad:?}:\n{text}"
    );
}

#[test]
fn names_and_ids_with_escape_sequences_print_inert_in_every_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = escape_portfolio(dir.path());
    let portfolio = portfolio.to_str().unwrap();
    for args in [
        vec!["schedule", portfolio],
        vec!["schedule", portfolio, "--format", "md"],
        vec!["path", portfolio, "--to", "CAP\rX"],
        vec!["impact", portfolio, "--delay", "P\u{1b}[31mA=5"],
        vec!["rank", portfolio],
        vec!["common", portfolio],
        vec!["check", portfolio],
        vec!["diagram", portfolio, "--format", "mermaid"],
    ] {
        let r = run(&args);
        r.expect_code(0).expect_no_panic();
        assert_inert(&r.stdout, &format!("stdout of {}", args[0]));
        assert_inert(&r.stderr, &format!("stderr of {}", args[0]));
        if args[0] != "check" {
            assert!(
                r.stdout.contains('\u{FFFD}'),
                "{}: nothing shown for the controls",
                args[0]
            );
        }
    }
    // An error message quoting the hostile id is inert too.
    let r = run(&["path", portfolio, "--to", "P\u{1b}[2Jnone"]);
    r.expect_code(1);
    assert_inert(&r.stderr, "the error message");

    let out = dir.path().join("briefing");
    let status = dir.path().join("status.json");
    std::fs::write(
        &status,
        r#"{"as_of": "2025-01-20", "updates": [{"id": "P-B", "delay_days": 4, "note": "supplier \u001b[2J\u0000\u0008 late"}]}"#,
    )
    .unwrap();
    run(&[
        "weekly",
        portfolio,
        "--status",
        status.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    for file in ["briefing.md", "briefing.html"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert_inert(&text, file);
    }
}
