//! `capgraph impact` end to end (read, validate, two schedules, chains,
//! report), run as the binary, with one delay on the portfolio that
//! `capgraph generate --projects 100000` writes. Target: median ≤ 1.5 s
//! (release build, 2 cores).
//!
//! Also what builds on it (issue 11): `impact --status` (baseline → this
//! week), `impact --from` (last week → this week, and a what-if on top of
//! this week) and `options` with 5 options; target for the last three:
//! each ≤ 2× the median of one `impact --status`.

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/binary.rs"]
mod binary;
#[path = "support/generated.rs"]
mod generated;

use binary::capgraph;

fn impact_end_to_end(c: &mut Criterion) {
    let mut group = c.benchmark_group("impact");
    group.sample_size(10);
    // On the portfolio of `capgraph generate --projects 100000` (six waves,
    // so float absorbs most delays): 200 days on the hub component
    // C-CYB-0001 slip about 950 nodes; P-CYB-016450 (a project of the first
    // wave) slips only itself.
    let generated = generated::portfolio_file(100_000);
    let cases = [
        ("C-CYB-0001=200", "table"),
        ("C-CYB-0001=200", "json"),
        ("P-CYB-016450=30", "json"),
    ];
    for (delay, format) in cases {
        let args = [
            "impact".as_ref(),
            generated.as_os_str(),
            "--delay".as_ref(),
            delay.as_ref(),
            "--format".as_ref(),
            format.as_ref(),
        ];
        group.bench_function(format!("{delay}, 100 000 projects, {format}"), |b| {
            b.iter(|| capgraph(&args))
        });
    }
    let status = generated::status_file(100_000);
    let previous = generated::previous_status_file(100_000);
    let (portfolio, status, previous) = (
        generated.to_str().expect("a UTF-8 path"),
        status.to_str().expect("a UTF-8 path"),
        previous.to_str().expect("a UTF-8 path"),
    );
    let week: [(&str, Vec<&str>); 4] = [
        (
            "--status, 100 000 projects, json",
            vec!["impact", portfolio, "--status", status, "--format", "json"],
        ),
        (
            "--from last week --status, 100 000 projects, json",
            vec![
                "impact", portfolio, "--from", previous, "--status", status, "--format", "json",
            ],
        ),
        (
            "--from --delay C-CYB-0001=-30, 100 000 projects, json",
            vec![
                "impact",
                portfolio,
                "--from",
                status,
                "--delay",
                "C-CYB-0001=-30",
                "--format",
                "json",
            ],
        ),
        (
            "options, 5 options, 100 000 projects, json",
            vec![
                "options",
                portfolio,
                "--status",
                status,
                "--option",
                "hub faster: C-CYB-0001=-30",
                "--option",
                "hub later: C-CYB-0001=60",
                "--option",
                "two: P-CYB-016450=-20, C-CYB-0001=-10",
                "--option",
                "first wave: P-CYB-016450=45",
                "--option",
                "nothing: C-CYB-0001=0",
                "--format",
                "json",
            ],
        ),
    ];
    for (name, args) in week {
        group.bench_function(name, |b| b.iter(|| capgraph(&args)));
    }
    group.finish();
}

criterion_group!(benches, impact_end_to_end);
criterion_main!(benches);
