//! Trends over weeks (SPEC §13): per weekly status, the portfolio finish and
//! each capability's forecast finish and margin — the milestone trend that
//! shows whether dates are converging or sliding.
//!
//! # Complexity
//! One schedule per week ([`Schedule::compute`], O(V + E) each, weeks in
//! parallel), then O(weeks × capabilities).

use petgraph::graph::NodeIndex;
use rayon::prelude::{IntoParallelRefIterator, ParallelIterator};

use crate::model::{NodeKind, Portfolio, Weeks};

use super::portfolio_ref::PortfolioRef;
use super::schedule::{Schedule, ScheduleOptions};

/// One week of the trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendWeek {
    pub as_of: i64,
    /// The portfolio finish T under this week's status.
    pub finish: i64,
    /// Each capability's forecast finish, in [`Trend::capabilities`] order.
    pub capability_finish: Vec<i64>,
}

/// The trend of a portfolio over weekly statuses, weeks by `as_of`, with
/// the portfolio of the weeks: read and rendered alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend<'p> {
    portfolio: PortfolioRef<'p>,
    /// Every capability, by id.
    pub capabilities: Vec<NodeIndex>,
    pub weeks: Vec<TrendWeek>,
}

impl<'p> Trend<'p> {
    /// The portfolio of the weeks.
    pub fn portfolio(&self) -> &'p Portfolio {
        self.portfolio.0
    }

    /// Capability `i`'s margin (target − finish) in week `week`, if it has a target.
    pub fn margin(&self, week: usize, i: usize) -> Option<i64> {
        let target = self.portfolio().node(self.capabilities[i]).target?;
        Some(target - self.weeks[week].capability_finish[i])
    }

    /// How far capability `i`'s forecast moved from the first week to the
    /// last (positive: later).
    pub fn movement(&self, i: usize) -> i64 {
        match (self.weeks.first(), self.weeks.last()) {
            (Some(first), Some(last)) => last.capability_finish[i] - first.capability_finish[i],
            _ => 0,
        }
    }

    /// How far the portfolio finish moved from the first week to the last.
    pub fn finish_movement(&self) -> i64 {
        match (self.weeks.first(), self.weeks.last()) {
            (Some(first), Some(last)) => last.finish - first.finish,
            _ => 0,
        }
    }
}

/// The order of the weeks by `as_of` (indices into `as_ofs`), or the first
/// two indices (in the order given) that share an `as_of`.
pub fn order_weeks(as_ofs: &[i64]) -> Result<Vec<usize>, (usize, usize)> {
    let mut order: Vec<usize> = (0..as_ofs.len()).collect();
    order.sort_by_key(|&i| (as_ofs[i], i));
    for pair in order.windows(2) {
        if as_ofs[pair[0]] == as_ofs[pair[1]] {
            return Err((pair[0], pair[1]));
        }
    }
    Ok(order)
}

/// The trend over every week of `weeks`, by `as_of` (callers refuse two
/// weeks of one `as_of` first, see [`order_weeks`]; were two to share one,
/// both would be drawn). The weeks are of one portfolio by construction
/// ([`Weeks`]); statuses validated apart cannot be given:
///
/// ```compile_fail,E0061
/// use capgraph::{load_portfolio, load_status, trend};
/// use std::path::Path;
///
/// let sample = Path::new("fixtures/digital-backbone.json");
/// let (mine, other) = (load_portfolio(sample).value.unwrap(), load_portfolio(sample).value.unwrap());
/// let w47 = load_status(Path::new("fixtures/status-2026-w47.json"), &other).value.unwrap();
/// let w48 = load_status(Path::new("fixtures/status-2026-w48.json"), &mine).value.unwrap();
/// let t = trend(&mine, &[&w47, &w48]);
/// ```
pub fn trend<'p>(weeks: &Weeks<'p>) -> Trend<'p> {
    let portfolio = weeks.portfolio();
    let statuses = weeks.by_as_of();
    let capabilities: Vec<NodeIndex> = portfolio.nodes_of_kind(NodeKind::Capability).collect();
    let weeks = statuses
        .par_iter()
        .map(|status| {
            let schedule = Schedule::compute(*status, &ScheduleOptions::default());
            TrendWeek {
                as_of: status.as_of,
                finish: schedule.finish,
                capability_finish: capabilities.iter().map(|c| schedule.times(*c).ef).collect(),
            }
        })
        .collect();
    Trend {
        portfolio: PortfolioRef(portfolio),
        capabilities,
        weeks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{two_weeks, valid_portfolio};

    #[test]
    fn weeks_are_ordered_and_a_repeated_as_of_is_caught() {
        assert_eq!(order_weeks(&[14, 0, 7]), Ok(vec![1, 2, 0]));
        assert_eq!(order_weeks(&[7, 0, 7]), Err((0, 2)));
        assert_eq!(order_weeks(&[]), Ok(vec![]));
    }

    #[test]
    fn each_week_gives_the_finish_and_each_capabilitys_forecast_and_margin() {
        // A(100) → B(50) → CAP (target 2025-06-30 = day 180); C(30) → OTHER
        // (no target). Baseline: EF(A) 100, EF(B) = EF(CAP) 150, T 150.
        // Week 1 (as_of 2025-01-08, day 7): A delayed 20 → CAP 170, margin 10,
        //   OTHER 30, T 170.
        // Week 2 (as_of 2025-01-15, day 14): A delayed 40 and C forecast to
        //   finish 2025-09-28 (day 270) → CAP 190, margin −10, OTHER 270, T 270.
        let p = valid_portfolio(
            r#""capabilities": [{"id": "CAP", "name": "c", "target": "2025-06-30"},
                                {"id": "OTHER", "name": "o"}],
               "projects": [{"id": "A", "name": "a", "duration_days": 100},
                            {"id": "B", "name": "b", "duration_days": 50, "depends_on": ["A"], "delivers": ["CAP"]},
                            {"id": "C", "name": "c", "duration_days": 30, "delivers": ["OTHER"]}]"#,
        );
        let weeks = two_weeks(
            &p,
            r#"{"as_of": "2025-01-08", "updates": [{"id": "A", "delay_days": 20}]}"#,
            r#"{"as_of": "2025-01-15", "updates": [{"id": "A", "delay_days": 40},
                {"id": "C", "forecast_finish": "2025-09-28"}]}"#,
        );
        let t = trend(&weeks);
        let ids: Vec<&str> = t.capabilities.iter().map(|n| p.id(*n)).collect();
        assert_eq!(ids, ["CAP", "OTHER"]);
        assert_eq!(
            t.weeks[0],
            TrendWeek {
                as_of: 7,
                finish: 170,
                capability_finish: vec![170, 30]
            }
        );
        assert_eq!(
            t.weeks[1],
            TrendWeek {
                as_of: 14,
                finish: 270,
                capability_finish: vec![190, 270]
            }
        );
        assert_eq!(t.margin(0, 0), Some(10));
        assert_eq!(t.margin(1, 0), Some(-10));
        assert_eq!(t.margin(1, 1), None);
        assert_eq!(t.movement(0), 20);
        assert_eq!(t.movement(1), 240);
        assert_eq!(t.finish_movement(), 100);
    }
}
