//! Memory that grows with the portfolio, not with rows × chain length
//! (issue 10: "memory stays bounded even where the output is large by
//! nature"). On a chain through n capabilities each capability's driving
//! path (and its impact chain, and its recovery) runs back through every
//! capability before it: the paths hold n(n+1)/2 steps together. A report
//! that builds them all before writing needs about 4× the memory for 2n; one
//! that follows each path only as it writes it, about 2×.
//!
//! Measured in the library with a counting allocator (the largest number of
//! bytes live at once while the report is made and written to a sink), so
//! that the figure is exact and the same on every machine. The tests in this
//! file run one at a time ([`ONE_AT_A_TIME`]): the count is the process's.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use capgraph::analysis::schedule::Schedule;
use capgraph::briefing::views::{capabilities_drawn, capability_view, critical_view, impact_view};
use capgraph::briefing::Diagrams;
use capgraph::render::text::schedule::ScheduleReport;
use capgraph::render::text::table::Style;
use capgraph::{
    build_briefing, portfolio_from_str, status_from_str, BriefingOptions, ScheduleOptions,
    WeeklyInputs, Weeks,
};
use common::chain_through_capabilities;

/// The system allocator, counting the bytes live and the most live at once.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// Counting needs a `GlobalAlloc`, whose methods are unsafe to implement; each
// forwards to `System` unchanged and only adds or subtracts the size.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The most bytes live at once while `work` runs, beyond those live before.
fn peak_bytes(work: impl FnOnce()) -> usize {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    work();
    PEAK.load(Ordering::Relaxed) - before
}

/// Asserts that `measure` on 2n chained capabilities is at most 2.3× its
/// figure on n (about 2× when paths are followed, about 4× when held).
fn grows_linearly(what: &str, measure: impl Fn(usize) -> usize) {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (n, small, large) = (1000, measure(1000), measure(2000));
    let ratio = large as f64 / small as f64;
    assert!(
        ratio < 2.3,
        "{what}: {small} bytes at most live for {n} capabilities, {large} for {} (×{ratio:.2})",
        2 * n
    );
}

#[test]
fn the_schedule_report_holds_no_whole_driving_paths() {
    for style in [Style::Plain, Style::Markdown] {
        grows_linearly(&format!("schedule {style:?}"), |n| {
            let text = chain_through_capabilities(n);
            let portfolio = portfolio_from_str(&text, "chain.json")
                .value
                .expect("valid");
            let schedule = Schedule::compute(&portfolio, &ScheduleOptions::default());
            peak_bytes(|| {
                ScheduleReport::new(&schedule, None, 10)
                    .write(style, &mut io::sink())
                    .expect("a sink takes all");
            })
        });
    }
}

#[test]
fn the_weekly_briefing_holds_no_whole_paths_or_chains() {
    // A delay at the chain's start: every capability slipped (each has an
    // impact chain and a story from P000000) and most are late (target
    // 2026-01-01, day 365; capability i finishes on day 3(i + 1) + 30), so
    // each needs a recovery. The briefing's document, its diagrams'
    // selections and summary.json (written whole, to a sink) are counted.
    grows_linearly("weekly", |n| {
        let text = chain_through_capabilities(n);
        let portfolio = portfolio_from_str(&text, "chain.json")
            .value
            .expect("valid");
        let status = status_from_str(
            r#"{"as_of": "2025-01-10", "updates": [{"id": "P000000", "delay_days": 30, "note": "late"}]}"#,
            &portfolio,
            "status.json",
        )
        .value
        .expect("valid status");
        let weeks = Weeks::new(status);
        let inputs = WeeklyInputs {
            weeks: &weeks,
            what_ifs: Vec::new(),
            options: BriefingOptions::default(),
            marking: None,
        };
        peak_bytes(|| {
            let weekly = build_briefing(&inputs, |briefing| {
                impact_view(&portfolio, briefing);
                critical_view(&portfolio, briefing);
                for capability in capabilities_drawn(&portfolio, briefing) {
                    capability_view(&portfolio, briefing, capability);
                }
                Diagrams {
                    files: Vec::new(),
                    figures: None,
                }
            })
            .expect("no what-if to go wrong");
            assert!(weekly.briefing.counts.late > n / 2);
            weekly
                .write_summary(&mut io::sink())
                .expect("a sink takes all");
        })
    });
}
