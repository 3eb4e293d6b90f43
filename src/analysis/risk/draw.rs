//! One iteration's duration draws (SPEC §11): triangular or PERT on a
//! three-point estimate, rounded to whole days (halves up), independent or
//! linked within a domain by a Gaussian copula.

use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Pert, StandardNormal, Triangular};
use statrs::function::beta::inv_beta_reg;
use statrs::function::erf::erfc;

use super::{Shape, ThreePoint};

/// The generator of iteration `iteration`: seeded by `seed`, on its own
/// ChaCha stream, so that an iteration draws the same numbers whichever
/// thread runs it and whatever ran before it.
pub fn iteration_rng(seed: u64, iteration: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(iteration);
    rng
}

/// `x` rounded to the nearest whole day, halves up (2.5 → 3, −2.5 → −2).
pub fn round_half_up(x: f64) -> i64 {
    (x + 0.5).floor() as i64
}

/// A three-point estimate with min < max, ready to draw from.
#[derive(Debug, Clone, Copy)]
pub struct Estimate {
    min: f64,
    mode: f64,
    max: f64,
    shape: EstimateShape,
}

#[derive(Debug, Clone, Copy)]
enum EstimateShape {
    Triangular(Triangular<f64>),
    /// The PERT distribution and its beta parameters α, β (for F⁻¹).
    Pert(Pert<f64>, f64, f64),
}

impl Estimate {
    /// The estimate, or `None` when min = max (a fixed duration) or the
    /// points are out of order (validation rules that out).
    pub fn new(points: ThreePoint, shape: Shape) -> Option<Estimate> {
        let (min, mode, max) = (points.min as f64, points.mode as f64, points.max as f64);
        if !(min < max && min <= mode && mode <= max) {
            return None;
        }
        let shape = match shape {
            Shape::Triangular => EstimateShape::Triangular(Triangular::new(min, max, mode).ok()?),
            Shape::Pert => {
                // α = 1 + 4(m − a)/(b − a), β = 1 + 4(b − m)/(b − a): rand_distr's
                // default shape 4 gives exactly these (SPEC §11).
                let alpha = 1.0 + 4.0 * (mode - min) / (max - min);
                let beta = 1.0 + 4.0 * (max - mode) / (max - min);
                EstimateShape::Pert(Pert::new(min, max).with_mode(mode).ok()?, alpha, beta)
            }
        };
        Some(Estimate {
            min,
            mode,
            max,
            shape,
        })
    }

    /// An independent draw, in days before rounding.
    pub fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
        match &self.shape {
            EstimateShape::Triangular(d) => d.sample(rng),
            EstimateShape::Pert(d, _, _) => d.sample(rng),
        }
    }

    /// The inverse of the distribution function: the duration with
    /// probability `u` of not being exceeded.
    pub fn quantile(&self, u: f64) -> f64 {
        let u = u.clamp(0.0, 1.0);
        let (a, m, b) = (self.min, self.mode, self.max);
        match self.shape {
            // F(x) = (x − a)² / ((b − a)(m − a)) up to the mode, then
            // 1 − (b − x)² / ((b − a)(b − m)); solved for x.
            EstimateShape::Triangular(_) => {
                if u * (b - a) < m - a {
                    a + (u * (b - a) * (m - a)).sqrt()
                } else {
                    b - ((1.0 - u) * (b - a) * (b - m)).sqrt()
                }
            }
            EstimateShape::Pert(_, alpha, beta) => a + (b - a) * inv_beta_reg(alpha, beta, u),
        }
    }
}

/// The standard normal distribution function Φ.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// How one iteration draws: independently (R = 0) or through the copula.
#[derive(Debug, Clone, Copy)]
pub struct Copula {
    /// √R and √(1 − R).
    shared: f64,
    own: f64,
}

impl Copula {
    /// The copula for correlation `r`, or `None` for independent draws (R = 0).
    pub fn new(r: f64) -> Option<Copula> {
        (r > 0.0).then(|| Copula {
            shared: r.sqrt(),
            own: (1.0 - r).sqrt(),
        })
    }

    /// One standard normal variate per domain, into `factors`.
    pub fn draw_factors(rng: &mut ChaCha8Rng, factors: &mut [f64]) {
        for f in factors {
            *f = StandardNormal.sample(rng);
        }
    }

    /// A project's u = Φ(√R · Z_domain + √(1 − R) · ε); a project without a
    /// domain shares no factor, so its u = Φ(ε).
    pub fn uniform(&self, rng: &mut ChaCha8Rng, factor: Option<f64>) -> f64 {
        let epsilon: f64 = StandardNormal.sample(rng);
        let z = match factor {
            Some(factor) => self.shared * factor + self.own * epsilon,
            None => epsilon,
        };
        normal_cdf(z)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn estimate(min: i64, mode: i64, max: i64, shape: Shape) -> Estimate {
        Estimate::new(ThreePoint { min, mode, max }, shape).expect("a range")
    }

    #[test]
    fn rounding_takes_halves_up() {
        assert_eq!(round_half_up(2.5), 3);
        assert_eq!(round_half_up(2.4999), 2);
        assert_eq!(round_half_up(-2.5), -2);
        assert_eq!(round_half_up(7.0), 7);
    }

    #[test]
    fn a_degenerate_range_draws_nothing() {
        let fixed = ThreePoint {
            min: 10,
            mode: 10,
            max: 10,
        };
        assert!(Estimate::new(fixed, Shape::Triangular).is_none());
        assert!(Estimate::new(fixed, Shape::Pert).is_none());
    }

    #[test]
    fn triangular_quantiles_by_hand() {
        // triangular(0, 25, 100): F(25) = 25²/(100·25) = 0.25.
        let t = estimate(0, 25, 100, Shape::Triangular);
        assert!((t.quantile(0.25) - 25.0).abs() < 1e-9);
        // below the mode: x = √(0.04 · 100 · 25) = 10.
        assert!((t.quantile(0.04) - 10.0).abs() < 1e-9);
        // above: x = 100 − √(0.25 · 100 · 75) = 100 − 43.30127 = 56.69873.
        assert!((t.quantile(0.75) - 56.698_729_810_778_07).abs() < 1e-9);
        assert_eq!(t.quantile(0.0), 0.0);
        assert_eq!(t.quantile(1.0), 100.0);
    }

    #[test]
    fn pert_quantiles_by_hand() {
        // PERT(0, 50, 100): α = β = 3, symmetric, so the median is 50.
        let p = estimate(0, 50, 100, Shape::Pert);
        assert!((p.quantile(0.5) - 50.0).abs() < 1e-9);
        // PERT(0, 0, 100): α = 1, β = 5, F(x) = 1 − (1 − x/100)⁵,
        // so F⁻¹(u) = 100 (1 − (1 − u)^(1/5)); u = 0.8: 100 (1 − 0.2^0.2) = 27.522…
        let p = estimate(0, 0, 100, Shape::Pert);
        let expected = 100.0 * (1.0 - 0.2f64.powf(0.2));
        assert!(
            (p.quantile(0.8) - expected).abs() < 1e-7,
            "{}",
            p.quantile(0.8)
        );
    }

    #[test]
    fn the_normal_distribution_function() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-15);
        // Φ(1.959963984540054) = 0.975 (tables).
        let z = normal_cdf(1.959_963_984_540_054);
        // statrs's erfc is good to about 1e-10 (relative): far finer than
        // the whole days the draws are rounded to.
        assert!((z - 0.975).abs() < 1e-10, "{z}");
        let z = normal_cdf(-1.0);
        assert!((z - 0.158_655_253_931_457_05).abs() < 1e-10, "{z}");
    }

    #[test]
    fn each_iteration_has_its_own_reproducible_stream() {
        use rand_chacha::rand_core::Rng;
        let a = iteration_rng(1, 7).next_u64();
        assert_eq!(a, iteration_rng(1, 7).next_u64());
        assert_ne!(a, iteration_rng(1, 8).next_u64());
        assert_ne!(a, iteration_rng(2, 7).next_u64());
    }
}
