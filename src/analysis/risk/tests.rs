//! The checks of issue 15 on tiny portfolios, expected figures worked out
//! by hand or by an independent method (numerical integration).

use petgraph::graph::NodeIndex;

use super::*;
use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::model::testing::portfolio_text;
use crate::model::{portfolio_from_str, status_from_str, Portfolio, Status};

fn portfolio(members: &str) -> Portfolio {
    let checked = portfolio_from_str(&portfolio_text(members), "t.json");
    assert_eq!(checked.error_count(), 0, "{:?}", checked.problems);
    checked.value.expect("valid")
}

fn status<'p>(p: &'p Portfolio, text: &str) -> Status<'p> {
    let checked = status_from_str(text, p, "s.json");
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
    checked.value.expect("valid")
}

/// Estimates by id: (id, min, max), the mode being the node's duration.
fn with_ranges(p: &Portfolio, ranges: &[(&str, i64, i64)]) -> Vec<Option<ThreePoint>> {
    let mut estimates = vec![None; p.node_count()];
    for &(id, min, max) in ranges {
        let node = p.lookup(id).expect("known id");
        estimates[node.index()] = Some(ThreePoint {
            min,
            mode: p.node(node).duration,
            max,
        });
    }
    estimates
}

fn options(iterations: usize, shape: Shape, correlation: f64) -> RiskOptions {
    RiskOptions {
        iterations,
        seed: 1,
        shape,
        correlation,
    }
}

fn node(p: &Portfolio, id: &str) -> NodeIndex {
    p.lookup(id).expect("known id")
}

/// A, B (SS+5 from A), C after both, D on the side; all deliver CAP; E after D.
const MIXED: &str = r#""capabilities": [{"id": "CAP", "name": "c", "target": "2025-06-01"}],
    "projects": [
      {"id": "A", "name": "a", "duration_days": 40, "delivers": ["CAP"]},
      {"id": "B", "name": "b", "duration_days": 30,
       "depends_on": [{"id": "A", "type": "SS", "lag_days": 5}]},
      {"id": "C", "name": "c", "duration_days": 20, "depends_on": ["A", "B"], "delivers": ["CAP"]},
      {"id": "D", "name": "d", "duration_days": 10, "delivers": ["CAP"]},
      {"id": "E", "name": "e", "duration_days": 5, "depends_on": ["D"]}]"#;

#[test]
fn degenerate_ranges_give_the_deterministic_schedule_in_every_iteration() {
    let p = portfolio(MIXED);
    let s = status(
        &p,
        r#"{"as_of": "2025-01-21", "updates": [{"id": "B", "delay_days": 7},
            {"id": "D", "actual_start": "2025-01-03"}]}"#,
    );
    let ranges: Vec<(&str, i64, i64)> = ["A", "B", "C", "D", "E"]
        .iter()
        .map(|id| {
            (
                *id,
                p.node(node(&p, id)).duration,
                p.node(node(&p, id)).duration,
            )
        })
        .collect();
    let risk = analyse(
        &s,
        &with_ranges(&p, &ranges),
        &options(300, Shape::Pert, 0.5),
    );
    let schedule = Schedule::compute(&s, &ScheduleOptions::default());
    // A 0–40; B ES 5, d′ 37, EF 42; C ES 42, EF 62: T = 62.
    assert_eq!(schedule.finish, 62);
    let f = &risk.finish;
    assert_eq!(
        (f.p10, f.p50, f.p80, f.p90, f.deterministic),
        (62, 62, 62, 62, 62)
    );
    assert_eq!((f.mean, f.by_deterministic), (62.0, 1.0));
    let cap = &risk.capabilities[0];
    assert_eq!((cap.finish.p10, cap.finish.p90), (62, 62));
    // target 2025-06-01 = day 151: always met.
    assert_eq!(cap.finish.by_target, Some(1.0));
    for n in p.node_indices() {
        let expected = if schedule.times(n).critical { 1.0 } else { 0.0 };
        assert_eq!(risk.criticality[n.index()], expected, "{}", p.id(n));
    }
    // The driving path A → B → C → CAP in every iteration.
    let drivers: Vec<(&str, f64)> = cap
        .drivers
        .iter()
        .map(|d| (p.id(d.node), d.share))
        .collect();
    assert_eq!(drivers, [("A", 1.0), ("B", 1.0), ("C", 1.0)]);
    assert_eq!(risk.varying, 0);
    assert!(risk.sensitivity.is_empty());
}

/// The quantile of a triangular(a, m, b) distribution (solving its CDF).
fn triangular_quantile(a: f64, m: f64, b: f64, u: f64) -> f64 {
    if u <= (m - a) / (b - a) {
        a + (u * (b - a) * (m - a)).sqrt()
    } else {
        b - ((1.0 - u) * (b - a) * (b - m)).sqrt()
    }
}

/// The quantile of PERT(a, m, b), by trapezoidal integration of the beta
/// density x^(α−1) (1 − x)^(β−1) on a fine grid: independent of statrs.
fn pert_quantile(a: f64, m: f64, b: f64, u: f64) -> f64 {
    let alpha = 1.0 + 4.0 * (m - a) / (b - a);
    let beta = 1.0 + 4.0 * (b - m) / (b - a);
    let steps = 100_000;
    let density = |x: f64| x.powf(alpha - 1.0) * (1.0 - x).powf(beta - 1.0);
    let h = 1.0 / steps as f64;
    let mut cumulative = vec![0.0];
    for i in 0..steps {
        let area = (density(i as f64 * h) + density((i + 1) as f64 * h)) * h / 2.0;
        cumulative.push(cumulative[i] + area);
    }
    let wanted = u * cumulative[steps];
    let i = cumulative
        .iter()
        .position(|&c| c >= wanted)
        .expect("within")
        - 1;
    let x = (i as f64 + (wanted - cumulative[i]) / (cumulative[i + 1] - cumulative[i])) * h;
    a + (b - a) * x
}

const ONE: &str = r#""projects": [{"id": "A", "name": "a", "duration_days": 130}]"#;

/// P50 and P80 of the single project triangular/PERT(100, 130, 200).
fn one_project_percentiles(shape: Shape, correlation: f64) -> (i64, i64) {
    let p = portfolio(ONE);
    let risk = analyse(
        &p,
        &with_ranges(&p, &[("A", 100, 200)]),
        &options(20_000, shape, correlation),
    );
    (risk.finish.p50, risk.finish.p80)
}

#[test]
fn one_triangular_project_meets_the_analytic_quantiles() {
    // triangular(100, 130, 200): F(130) = 0.3, so both quantiles lie above
    // the mode: q50 = 200 − √(0.5 · 100 · 70) = 140.84, q80 = 200 − √1400 = 162.58.
    let q50 = triangular_quantile(100.0, 130.0, 200.0, 0.5);
    let q80 = triangular_quantile(100.0, 130.0, 200.0, 0.8);
    assert!((q50 - 140.839_202_2).abs() < 1e-6 && (q80 - 162.583_426_1).abs() < 1e-6);
    for correlation in [0.0, 0.6] {
        let (p50, p80) = one_project_percentiles(Shape::Triangular, correlation);
        assert!(
            (p50 as f64 - q50).abs() <= 1.0,
            "R {correlation}: P50 {p50} vs {q50}"
        );
        assert!(
            (p80 as f64 - q80).abs() <= 1.0,
            "R {correlation}: P80 {p80} vs {q80}"
        );
    }
}

#[test]
fn one_pert_project_meets_the_analytic_quantiles() {
    // PERT(100, 130, 200): α = 2.2, β = 3.8; q50 = 135.10, q80 = 152.89
    // (the same integration done separately in Python).
    let q50 = pert_quantile(100.0, 130.0, 200.0, 0.5);
    let q80 = pert_quantile(100.0, 130.0, 200.0, 0.8);
    assert!(
        (q50 - 135.10).abs() < 0.01 && (q80 - 152.89).abs() < 0.01,
        "{q50} {q80}"
    );
    for correlation in [0.0, 0.6] {
        let (p50, p80) = one_project_percentiles(Shape::Pert, correlation);
        assert!(
            (p50 as f64 - q50).abs() <= 1.0,
            "R {correlation}: P50 {p50} vs {q50}"
        );
        assert!(
            (p80 as f64 - q80).abs() <= 1.0,
            "R {correlation}: P80 {p80} vs {q80}"
        );
    }
}

#[test]
fn two_identical_parallel_paths_share_the_criticality_and_bias_the_merge() {
    // A and B, both triangular(100, 150, 300), independent, both deliver CAP.
    let p = portfolio(
        r#""capabilities": [{"id": "CAP", "name": "c"}],
           "projects": [{"id": "A", "name": "a", "duration_days": 150, "delivers": ["CAP"]},
                        {"id": "B", "name": "b", "duration_days": 150, "delivers": ["CAP"]}]"#,
    );
    let risk = analyse(
        &p,
        &with_ranges(&p, &[("A", 100, 300), ("B", 100, 300)]),
        &options(20_000, Shape::Triangular, 0.0),
    );
    // Each is critical when it is the longer, or ties (both critical then):
    // 0.5 + P(tie)/2, P(tie) ≈ ∫f² = 4/(3 · 200) = 0.0067, so ≈ 0.503.
    for id in ["A", "B"] {
        let c = risk.criticality[node(&p, id).index()];
        assert!((c - 0.5).abs() <= 0.02, "{id}: {c}");
    }
    // P(finish ≤ x) = P(both ≤ x) = F(x + 0.5)² for the rounded draws.
    let f = |x: f64| {
        let (a, m, b) = (100.0, 150.0, 300.0);
        if x <= m {
            (x - a).powi(2) / ((b - a) * (m - a))
        } else {
            1.0 - (b - x).powi(2) / ((b - a) * (b - m))
        }
    };
    let cap = &risk.capabilities[0];
    for x in [140, 170, 200, 240] {
        let expected = f(x as f64 + 0.5).powi(2);
        let got = cap.finish.share_by(x);
        assert!((got - expected).abs() < 0.015, "x {x}: {got} vs {expected}");
    }
    // The merge bias: the capability's median is later than one path's
    // (F(x)² = 0.5 at F(x) = 0.707: x = 300 − √(0.293 · 200 · 150) = 206.2,
    // against 300 − √(0.5 · 30 000) = 177.5 for one path).
    assert!((cap.finish.p50 - 206).abs() <= 2, "{}", cap.finish.p50);
    // The driving path goes through the longer one (A on ties: smaller id).
    let shares: Vec<f64> = cap.drivers.iter().map(|d| d.share).collect();
    assert_eq!(shares.len(), 2);
    assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

#[test]
fn correlation_widens_the_spread_of_a_serial_chain() {
    // Five projects in a row, one domain, each triangular(80, 100, 150).
    let p = portfolio(
        r#""projects": [
          {"id": "A", "name": "a", "domain": "x", "duration_days": 100},
          {"id": "B", "name": "b", "domain": "x", "duration_days": 100, "depends_on": ["A"]},
          {"id": "C", "name": "c", "domain": "x", "duration_days": 100, "depends_on": ["B"]},
          {"id": "D", "name": "d", "domain": "x", "duration_days": 100, "depends_on": ["C"]},
          {"id": "E", "name": "e", "domain": "x", "duration_days": 100, "depends_on": ["D"]}]"#,
    );
    let ranges: Vec<(&str, i64, i64)> = ["A", "B", "C", "D", "E"]
        .iter()
        .map(|id| (*id, 80, 150))
        .collect();
    let spread = |r: f64| {
        let risk = analyse(
            &p,
            &with_ranges(&p, &ranges),
            &options(4_000, Shape::Triangular, r),
        );
        (risk.finish.p90 - risk.finish.p10) as f64
    };
    // Independent: sd of the sum = √5 σ; with R = 0.8 the draws' correlation
    // is about 0.8, so sd ≈ √(5 (1 + 4 · 0.8)) σ: about twice as wide.
    let (independent, correlated) = (spread(0.0), spread(0.8));
    assert!(
        correlated > 1.6 * independent,
        "{independent} → {correlated}"
    );
}

#[test]
fn complete_projects_do_not_vary_and_updates_apply_to_the_draw() {
    // A complete (finished day 150 whatever it draws); B after A with a
    // 10-day delay on its draw: B = triangular(20, 30, 40) + 10.
    let p = portfolio(
        r#""projects": [{"id": "A", "name": "a", "duration_days": 130},
                        {"id": "B", "name": "b", "duration_days": 30, "depends_on": ["A"]}]"#,
    );
    let s = status(
        &p,
        r#"{"as_of": "2025-07-01", "updates": [{"id": "A", "actual_finish": "2025-05-31"},
            {"id": "B", "delay_days": 10}]}"#,
    );
    let risk = analyse(
        &s,
        &with_ranges(&p, &[("A", 100, 200), ("B", 20, 40)]),
        &options(2_000, Shape::Triangular, 0.0),
    );
    // A finishes on day 150 (2025-05-31); B runs 30–50 days after it.
    let f = &risk.finish;
    assert!(f.p10 >= 150 + 30 && f.p90 <= 150 + 50, "{f:?}");
    assert_eq!(f.deterministic, 150 + 40);
    assert_eq!(risk.varying, 1);
    assert_eq!(risk.sensitivity.len(), 1);
    assert_eq!(p.id(risk.sensitivity[0].node), "B");
    // B alone makes the finish: a perfect rank correlation.
    assert!((risk.sensitivity[0].correlation - 1.0).abs() < 1e-9);
}

#[test]
fn the_tornado_puts_the_widest_critical_estimate_first() {
    // A (wide) → C; B (narrow) → C; D off the path with much float.
    let p = portfolio(
        r#""projects": [{"id": "A", "name": "a", "duration_days": 100},
                        {"id": "B", "name": "b", "duration_days": 100},
                        {"id": "C", "name": "c", "duration_days": 50, "depends_on": ["A", "B"]},
                        {"id": "D", "name": "d", "duration_days": 10}]"#,
    );
    let risk = analyse(
        &p,
        &with_ranges(
            &p,
            &[("A", 90, 200), ("B", 95, 110), ("C", 45, 60), ("D", 5, 20)],
        ),
        &options(3_000, Shape::Triangular, 0.0),
    );
    let order: Vec<&str> = risk.sensitivity.iter().map(|s| p.id(s.node)).collect();
    assert_eq!(order[0], "A", "{:?}", risk.sensitivity);
    assert_eq!(order.len(), 4);
    let d = risk
        .sensitivity
        .iter()
        .find(|s| p.id(s.node) == "D")
        .unwrap();
    assert!(d.correlation.abs() < 0.1, "{d:?}");
}

/// The figures of an analysis, comparable.
fn figures(risk: &RiskAnalysis) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}",
        risk.finish, risk.capabilities, risk.criticality, risk.sensitivity
    )
}

#[test]
fn the_same_seed_gives_the_same_figures_whatever_the_threads() {
    let p = portfolio(MIXED);
    let ranges = with_ranges(
        &p,
        &[("A", 30, 60), ("B", 20, 50), ("C", 15, 40), ("D", 5, 30)],
    );
    let run = |threads: usize, seed: u64, correlation: f64| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool");
        let options = RiskOptions {
            iterations: 1_500,
            seed,
            shape: Shape::Pert,
            correlation,
        };
        pool.install(|| figures(&analyse(&p, &ranges, &options)))
    };
    for correlation in [0.0, 0.4] {
        let one = run(1, 7, correlation);
        assert_eq!(one, run(2, 7, correlation));
        assert_eq!(one, run(3, 7, correlation));
        assert_ne!(one, run(2, 8, correlation));
    }
}

#[test]
fn estimates_come_from_the_range_else_the_default_percentages() {
    // A: its own range; B: 45 days × 0.9 = 40.5 → 41, × 1.3 = 58.5 → 59
    // (halves up); the component and the capability get none.
    let p = portfolio(
        r#""risk": {"default_range_pct": [-10, 30]},
           "components": [{"id": "k", "name": "k", "provided_by": "A"}],
           "capabilities": [{"id": "CAP", "name": "c"}],
           "projects": [{"id": "A", "name": "a", "duration_days": 100,
                         "range": {"min": 90, "max": 150}, "delivers": ["CAP"]},
                        {"id": "B", "name": "b", "duration_days": 45}]"#,
    );
    let e = estimates(&p);
    let of = |id: &str| e[node(&p, id).index()];
    assert_eq!(
        of("A"),
        Some(ThreePoint {
            min: 90,
            mode: 100,
            max: 150
        })
    );
    assert_eq!(
        of("B"),
        Some(ThreePoint {
            min: 41,
            mode: 45,
            max: 59
        })
    );
    assert_eq!((of("k"), of("CAP")), (None, None));
    // Without the default, B keeps its duration.
    let p = portfolio(r#""projects": [{"id": "B", "name": "b", "duration_days": 45}]"#);
    assert_eq!(estimates(&p), vec![None]);
}
