//! Each project's three-point estimate (SPEC §1, §11): its own `range`, else
//! the portfolio's `risk.default_range_pct`, else none (it keeps its duration).

use crate::model::{NodeKind, Portfolio};

use super::ThreePoint;

/// `days` × (100 + `percent`) / 100, rounded to the nearest whole day,
/// halves up (SPEC §1: round(d × (1 + p/100))).
///
/// Worked in hundredths so that a whole or half percent gives the exact
/// product: 5 × (1 − 30/100) = 3.5 becomes 4, where the floating-point
/// 5 × 0.7 = 3.4999… would round to 3.
pub fn scale_days(days: i64, percent: f64) -> i64 {
    let hundredths = days as f64 * (100.0 + percent);
    let mut whole = (hundredths / 100.0).floor();
    let mut rest = hundredths - 100.0 * whole;
    // The division may land one off near a multiple of 100; the rest says so.
    if rest < 0.0 {
        whole -= 1.0;
        rest += 100.0;
    } else if rest >= 100.0 {
        whole += 1.0;
        rest -= 100.0;
    }
    whole as i64 + i64::from(2.0 * rest >= 100.0)
}

/// The estimate from the portfolio's default percentages `(lo, hi)` for a
/// project of `duration` days.
pub fn default_estimate(duration: i64, (lo, hi): (f64, f64)) -> ThreePoint {
    ThreePoint {
        min: scale_days(duration, lo),
        mode: duration,
        max: scale_days(duration, hi),
    }
}

/// Per node index: the project's estimate, from `range` (its own `(min,
/// max)`, if any) or the default percentages; `None` for components,
/// capabilities and projects with neither.
pub fn estimates_with(
    portfolio: &Portfolio,
    range: impl Fn(petgraph::graph::NodeIndex) -> Option<(i64, i64)>,
    default_pct: Option<(f64, f64)>,
) -> Vec<Option<ThreePoint>> {
    portfolio
        .node_indices()
        .map(|node| {
            let n = portfolio.node(node);
            if n.kind != NodeKind::Project {
                return None;
            }
            match range(node) {
                Some((min, max)) => Some(ThreePoint {
                    min,
                    mode: n.duration,
                    max,
                }),
                None => default_pct.map(|pct| default_estimate(n.duration, pct)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_halves_up_exactly() {
        // 100 × 0.9 = 90; 100 × 1.25 = 125.
        assert_eq!(
            default_estimate(100, (-10.0, 25.0)),
            ThreePoint {
                min: 90,
                mode: 100,
                max: 125
            }
        );
        // 5 × 0.7 = 3.5 → 4 (floating point alone would give 3.4999…).
        assert_eq!(scale_days(5, -30.0), 4);
        // 15 × 0.9 = 13.5 → 14; 25 × 1.3 = 32.5 → 33; 7 × 1.1 = 7.7 → 8.
        assert_eq!(scale_days(15, -10.0), 14);
        assert_eq!(scale_days(25, 30.0), 33);
        assert_eq!(scale_days(7, 10.0), 8);
        // 3 × 0.85 = 2.55 → 3; 3 × 0.75 = 2.25 → 2; 0 stays 0.
        assert_eq!(scale_days(3, -15.0), 3);
        assert_eq!(scale_days(3, -25.0), 2);
        assert_eq!(scale_days(0, 50.0), 0);
        // 401 × 1.125 = 451.125 → 451; 402 × 1.125 = 452.25 → 452; 404 × 0.875 = 353.5 → 354.
        assert_eq!(scale_days(401, 12.5), 451);
        assert_eq!(scale_days(402, 12.5), 452);
        assert_eq!(scale_days(404, -12.5), 354);
    }
}
