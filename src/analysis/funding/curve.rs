//! Spend curves (SPEC §9): a profile's 20 weights make a piecewise-linear
//! cumulative curve C on [0, 1]; a project of d days spends
//! M × (C((k + 1)/d) − C(k/d)) on its day k, so any run of days k0 … k1 − 1
//! spends M × (C(k1/d) − C(k0/d)) — exact, and O(1) however long the run.
//!
//! # Complexity
//! Every figure is O(1); the inverse used for earned schedule is O(20).

use crate::model::CostProfile;

/// The cumulative curve C of a profile: C(i/20) for i = 0 … 20.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Curve {
    cumulative: [f64; 21],
}

/// A project's span in day offsets: it works on days `es` … `ef − 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub es: i64,
    pub ef: i64,
}

impl Span {
    pub fn days(&self) -> i64 {
        self.ef - self.es
    }
}

impl Curve {
    /// The curve of 20 weights ≥ 0 with a positive sum (validation ensures
    /// it; weights that sum to nothing fall back to linear rather than
    /// dividing by zero). The weights are first scaled by the largest, so
    /// that huge ones (1e300 each) do not overflow the sum.
    pub fn new(weights: &[f64; 20]) -> Curve {
        let largest = weights.iter().copied().fold(0.0, f64::max);
        if !(largest > 0.0 && largest.is_finite()) {
            return Curve::new(&CostProfile::Linear.weights());
        }
        let mut cumulative = [0.0; 21];
        let mut sum = 0.0;
        for (i, w) in weights.iter().enumerate() {
            sum += w / largest;
            cumulative[i + 1] = sum;
        }
        for c in &mut cumulative {
            *c /= sum;
        }
        Curve { cumulative }
    }

    /// C(k / d) for whole days 0 ≤ k ≤ d, d > 0. 20k/d is computed as one
    /// division so that a twentieth boundary lands exactly on its point.
    pub fn at_day(&self, k: i64, d: i64) -> f64 {
        debug_assert!(d > 0 && (0..=d).contains(&k));
        if k >= d {
            return 1.0;
        }
        let position = (20 * k) as f64 / d as f64;
        let i = (position.floor() as usize).min(19);
        let fraction = position - i as f64;
        self.cumulative[i] + fraction * (self.cumulative[i + 1] - self.cumulative[i])
    }

    /// The share of the amount a project over `span` spends on the days
    /// `from` … `to − 1` (day offsets). A project of 0 days spends it all on
    /// the day of its start.
    pub fn share_between(&self, span: Span, from: i64, to: i64) -> f64 {
        let d = span.days();
        if d <= 0 {
            return if from <= span.es && span.es < to {
                1.0
            } else {
                0.0
            };
        }
        let k0 = from.saturating_sub(span.es).clamp(0, d);
        let k1 = to.saturating_sub(span.es).clamp(0, d);
        if k1 <= k0 {
            0.0
        } else {
            self.at_day(k1, d) - self.at_day(k0, d)
        }
    }

    /// The share spent on the days before day offset `day`.
    pub fn share_before(&self, span: Span, day: i64) -> f64 {
        self.share_between(span, i64::MIN, day)
    }

    /// Earned schedule: the day offset t, fractional, at which the
    /// cumulative share reaches `share` (0 … 1), the cumulative being
    /// linear within each day (a 0-day project spends over the day of its
    /// start). The earliest such day.
    pub fn day_reaching(&self, span: Span, share: f64) -> f64 {
        let share = share.clamp(0.0, 1.0);
        let d = span.days();
        if d <= 0 {
            return span.es as f64 + share;
        }
        if share <= 0.0 {
            return span.es as f64;
        }
        // The twentieth in which C first reaches the share …
        let c = &self.cumulative;
        let i = (0..20).find(|&i| c[i + 1] >= share).unwrap_or(19);
        let within = if c[i + 1] > c[i] {
            (share - c[i]) / (c[i + 1] - c[i])
        } else {
            1.0
        };
        // … then the day k with C(k/d) < share ≤ C((k + 1)/d), found from
        // the estimate and corrected for rounding.
        let estimate = ((i as f64 + within) / 20.0 * d as f64).floor() as i64;
        let mut k = estimate.clamp(0, d - 1);
        while k > 0 && self.at_day(k, d) >= share {
            k -= 1;
        }
        while k < d - 1 && self.at_day(k + 1, d) < share {
            k += 1;
        }
        let (low, high) = (self.at_day(k, d), self.at_day(k + 1, d));
        let fraction = if high > low {
            ((share - low) / (high - low)).clamp(0.0, 1.0)
        } else {
            1.0
        };
        (span.es + k) as f64 + fraction
    }
}

/// The share of a yearly amount due in the fiscal year of days `from` …
/// `to − 1` for something in service from day `in_service` on: the days in
/// service ÷ the days of that year.
pub fn in_service_share(in_service: i64, from: i64, to: i64) -> f64 {
    let days = to - from;
    if days <= 0 {
        return 0.0;
    }
    let served = (to - in_service.max(from)).clamp(0, days);
    served as f64 / days as f64
}

/// The share of a yearly amount that the days between `baseline` and
/// `current` (day offsets, either order) take from the fiscal year of days
/// `from` … `to − 1`: positive when `current` is later (a cost), negative
/// when earlier (a saving).
pub fn delay_share(baseline: i64, current: i64, from: i64, to: i64) -> f64 {
    let days = to - from;
    if days <= 0 || baseline == current {
        return 0.0;
    }
    let (low, high) = (baseline.min(current), baseline.max(current));
    let overlap = (high.min(to) - low.max(from)).max(0);
    let share = overlap as f64 / days as f64;
    if current > baseline {
        share
    } else {
        -share
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINEAR: [f64; 20] = [5.0; 20];

    fn weights(profile: CostProfile) -> [f64; 20] {
        profile.weights()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn named_profiles_spend_one_hundred_percent() {
        for weights in [
            CostProfile::Linear,
            CostProfile::Front,
            CostProfile::Back,
            CostProfile::Bell,
        ]
        .map(weights)
        {
            assert!(close(weights.iter().sum::<f64>(), 100.0));
            let curve = Curve::new(&weights);
            assert_eq!(curve.at_day(0, 7), 0.0);
            assert_eq!(curve.at_day(7, 7), 1.0);
        }
    }

    #[test]
    fn a_forty_day_linear_project_crossing_a_year_end() {
        // Days 345 … 384 of a portfolio from 2025-01-01: 2025 ends after day
        // 364, so 20 days (345 … 364) fall in 2025 and 20 in 2026:
        // 1 000 000 × C(20/40) = 500 000 each.
        let curve = Curve::new(&LINEAR);
        let span = Span { es: 345, ef: 385 };
        assert!(close(1e6 * curve.share_between(span, 0, 365), 500_000.0));
        assert!(close(1e6 * curve.share_between(span, 365, 730), 500_000.0));
        // One day of it: 1/40 = 25 000.
        assert!(close(1e6 * curve.share_between(span, 350, 351), 25_000.0));
    }

    #[test]
    fn a_bell_project_spends_its_middle_most() {
        // 100 days; bell weights 0.5, 0.5, 1.5, 1.5, 4, 4, 7.5, 7.5, 11.5, …
        // First 30 days = six twentieths: 0.5 + 0.5 + 1.5 + 1.5 + 4 + 4 = 12 %.
        // Days 30 … 69 = twentieths 7 … 14: 7.5 + 7.5 + 4 × 11.5 + 7.5 + 7.5 = 76 %.
        // A quarter of a twentieth: day 0 … 1 of a 100-day project is
        // 1/5 of the first twentieth (5 days each): 0.5 % / 5 = 0.1 %.
        let curve = Curve::new(&weights(CostProfile::Bell));
        let span = Span { es: 0, ef: 100 };
        assert!(close(curve.share_between(span, 0, 30), 0.12));
        assert!(close(curve.share_between(span, 30, 70), 0.76));
        assert!(close(curve.share_between(span, 70, 100), 0.12));
        assert!(close(curve.share_between(span, 0, 1), 0.001));
        // Day 42 lies in the ninth twentieth (days 40 … 44, 11.5 %): 2.3 % a day.
        assert!(close(curve.share_between(span, 42, 43), 0.023));
    }

    #[test]
    fn a_milestone_spends_everything_on_the_day_of_its_start() {
        let curve = Curve::new(&LINEAR);
        let span = Span { es: 400, ef: 400 };
        assert_eq!(curve.share_between(span, 365, 730), 1.0);
        assert_eq!(curve.share_between(span, 0, 365), 0.0);
        assert_eq!(curve.share_between(span, 401, 730), 0.0);
        // Earned schedule inside the milestone's day.
        assert_eq!(curve.day_reaching(span, 0.25), 400.25);
    }

    #[test]
    fn given_weights_are_normalised_and_zero_weights_spend_nothing() {
        // 20 weights: ten of 0 then ten of 3 (sum 30): nothing in the first
        // half, 10 % per twentieth after it.
        let mut weights = [0.0; 20];
        weights[10..].fill(3.0);
        let curve = Curve::new(&weights);
        let span = Span { es: 0, ef: 200 };
        assert_eq!(curve.share_between(span, 0, 100), 0.0);
        assert!(close(curve.share_between(span, 100, 110), 0.1));
        // The earliest day with 5 % spent: half of the eleventh twentieth
        // (days 100 … 109): day 105 exactly, reached at the end of day 104.
        assert!(close(curve.day_reaching(span, 0.05), 105.0));
    }

    #[test]
    fn huge_weights_and_amounts_stay_finite() {
        let curve = Curve::new(&[1e300; 20]);
        let span = Span { es: 0, ef: 40 };
        assert!(close(curve.share_between(span, 0, 20), 0.5));
        assert!(close(1e300 * curve.share_between(span, 0, 20), 5e299));
        // A span of a million years still gives finite, exact-looking shares.
        let long = Span {
            es: 0,
            ef: 365_000_000,
        };
        assert!(close(curve.share_between(long, 0, 182_500_000), 0.5));
    }

    #[test]
    fn earned_schedule_inverts_the_cumulative() {
        // Linear 40 days from day 10: 30 % is reached after 12 days: day 22.
        let curve = Curve::new(&LINEAR);
        let span = Span { es: 10, ef: 50 };
        assert!(close(curve.day_reaching(span, 0.3), 22.0));
        // 31 % = 12.4 days: day 22.4.
        assert!(close(curve.day_reaching(span, 0.31), 22.4));
        assert_eq!(curve.day_reaching(span, 0.0), 10.0);
        assert_eq!(curve.day_reaching(span, 1.0), 50.0);
        // Front-loaded, 100 days: 6.5 % per twentieth (5 days) for the first
        // half. 26 % = four twentieths = day 20.
        let front = Curve::new(&weights(CostProfile::Front));
        assert!(close(
            front.day_reaching(Span { es: 0, ef: 100 }, 0.26),
            20.0
        ));
    }

    #[test]
    fn om_part_year_in_a_leap_year() {
        // Fiscal year 2028 (a leap year, 366 days) from day 1095 to 1461
        // (portfolio from 2025-01-01). In service from 2028-07-01 = day
        // 1095 + 182 (Jan 31 + Feb 29 + Mar 31 + Apr 30 + May 31 + Jun 30):
        // 366 − 182 = 184 days in service: 184/366 of the yearly amount.
        assert!(close(in_service_share(1277, 1095, 1461), 184.0 / 366.0));
        assert_eq!(in_service_share(0, 1095, 1461), 1.0);
        assert_eq!(in_service_share(1461, 1095, 1461), 0.0);
    }

    #[test]
    fn delay_costs_each_day_a_share_of_its_own_year() {
        // Baseline finish day 355, this week day 375 (portfolio from
        // 2025-01-01): days 355 … 364 in 2025 (10/365), 365 … 374 in 2026
        // (10/365). Earlier instead: the same shares, negative.
        assert!(close(delay_share(355, 375, 0, 365), 10.0 / 365.0));
        assert!(close(delay_share(355, 375, 365, 730), 10.0 / 365.0));
        assert!(close(delay_share(375, 355, 365, 730), -10.0 / 365.0));
        assert_eq!(delay_share(355, 355, 0, 365), 0.0);
    }
}
