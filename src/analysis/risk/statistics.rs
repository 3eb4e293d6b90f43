//! Figures over the iterations (SPEC §11): percentiles of a finish day,
//! shares, and Spearman's rank correlation.

/// The distribution of one finish day (the portfolio's or a capability's)
/// over the iterations.
#[derive(Debug, Clone, PartialEq)]
pub struct FinishDistribution {
    pub mean: f64,
    pub p10: i64,
    pub p50: i64,
    pub p80: i64,
    pub p90: i64,
    /// The finish of the deterministic schedule (most likely durations).
    pub deterministic: i64,
    /// Share of iterations finishing on or before the deterministic finish.
    pub by_deterministic: f64,
    pub target: Option<i64>,
    /// Share of iterations finishing on or before the target.
    pub by_target: Option<f64>,
    /// Each finish day reached, ascending, with the number of iterations
    /// finishing on or before it (the S-curve's steps).
    pub cumulative: Vec<(i64, usize)>,
    pub iterations: usize,
}

impl FinishDistribution {
    /// The distribution of `finishes` (one per iteration, sorted in place).
    pub fn new(
        finishes: &mut [i64],
        deterministic: i64,
        target: Option<i64>,
    ) -> FinishDistribution {
        finishes.sort_unstable();
        let n = finishes.len();
        let mut cumulative: Vec<(i64, usize)> = Vec::new();
        for (i, &day) in finishes.iter().enumerate() {
            match cumulative.last_mut() {
                Some(last) if last.0 == day => last.1 = i + 1,
                _ => cumulative.push((day, i + 1)),
            }
        }
        let sum: i64 = finishes.iter().sum();
        let mut distribution = FinishDistribution {
            mean: if n == 0 { 0.0 } else { sum as f64 / n as f64 },
            p10: 0,
            p50: 0,
            p80: 0,
            p90: 0,
            deterministic,
            by_deterministic: 0.0,
            target,
            by_target: None,
            cumulative,
            iterations: n,
        };
        distribution.p10 = distribution.percentile(10);
        distribution.p50 = distribution.percentile(50);
        distribution.p80 = distribution.percentile(80);
        distribution.p90 = distribution.percentile(90);
        distribution.by_deterministic = distribution.share_by(deterministic);
        distribution.by_target = target.map(|t| distribution.share_by(t));
        distribution
    }

    /// Pp: the smallest finish day reached or beaten by at least p % of the
    /// iterations, i.e. the first day whose count c has 100·c ≥ p·n
    /// (integers, so no rounding decides it).
    pub fn percentile(&self, p: usize) -> i64 {
        let n = self.iterations;
        self.cumulative
            .iter()
            .find(|(_, count)| 100 * count >= p * n)
            .map_or(0, |(day, _)| *day)
    }

    /// The share of iterations finishing on or before `day`.
    pub fn share_by(&self, day: i64) -> f64 {
        if self.iterations == 0 {
            return 0.0;
        }
        let reached = self
            .cumulative
            .iter()
            .take_while(|(d, _)| *d <= day)
            .last()
            .map_or(0, |(_, count)| *count);
        reached as f64 / self.iterations as f64
    }
}

/// The rank of each value among `values` (1-based), ties given the average
/// of the ranks they span.
pub fn average_ranks(values: &[i64]) -> Vec<f64> {
    let mut order: Vec<u32> = (0..values.len() as u32).collect();
    order.sort_unstable_by_key(|&i| values[i as usize]);
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let value = values[order[start] as usize];
        let mut end = start;
        while end < order.len() && values[order[end] as usize] == value {
            end += 1;
        }
        // positions start..end hold ranks start+1 ..= end: their mean
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i as usize] = rank;
        }
        start = end;
    }
    ranks
}

/// Pearson's correlation of two equally long series; 0 when either is
/// constant (no variation, so nothing to correlate).
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    if x.is_empty() {
        return 0.0;
    }
    let mean_x = x.iter().sum::<f64>() / n;
    let mean_y = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mean_x, b - mean_y);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_the_first_day_reached_by_p_percent() {
        // 10 iterations: days 1..=10. P10: 1 (1 of 10 = 10 %), P50: 5,
        // P80: 8, P90: 9. Mean 5.5. By day 5: 50 %.
        let mut days: Vec<i64> = (1..=10).rev().collect();
        let d = FinishDistribution::new(&mut days, 5, Some(7));
        assert_eq!((d.p10, d.p50, d.p80, d.p90), (1, 5, 8, 9));
        assert_eq!(d.mean, 5.5);
        assert_eq!(d.by_deterministic, 0.5);
        assert_eq!(d.by_target, Some(0.7));
        // 3 iterations [4, 4, 9]: P10 needs 0.3 iterations → 4; P80 needs
        // 2.4 → 3 iterations → 9; P50 needs 1.5 → 2 → 4.
        let mut days = vec![9, 4, 4];
        let d = FinishDistribution::new(&mut days, 4, None);
        assert_eq!((d.p10, d.p50, d.p80, d.p90), (4, 4, 9, 9));
        assert_eq!(d.cumulative, vec![(4, 2), (9, 3)]);
        assert_eq!(d.by_target, None);
        assert_eq!(d.share_by(3), 0.0);
    }

    #[test]
    fn ties_share_their_average_rank() {
        assert_eq!(average_ranks(&[10, 20, 10, 30]), vec![1.5, 3.0, 1.5, 4.0]);
    }

    #[test]
    fn spearman_of_monotone_and_constant_series() {
        // Ranks of x = [1, 2, 3], of y = [3, 2, 1]: ρ = −1.
        let x = average_ranks(&[5, 6, 7]);
        let y = average_ranks(&[9, 8, 1]);
        assert!((pearson(&x, &y) + 1.0).abs() < 1e-12);
        assert_eq!(pearson(&x, &average_ranks(&[4, 4, 4])), 0.0);
    }
}
