//! Earned value with earned schedule (SPEC §9), per project and rolled up.
//!
//! # Complexity
//! O(1) per project (O(20) for earned schedule); a roll-up is one pass.

use super::curve::{Curve, Span};

/// What a status update reports about a project's progress.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Progress {
    /// 0 … 100.
    pub percent_complete: Option<f64>,
    /// An `actual_finish`: the project is complete (EV = BAC).
    pub complete: bool,
    pub actual_cost: Option<f64>,
    pub estimate_at_completion: Option<f64>,
}

impl Progress {
    /// Whether the update says how far the project is (else no earned value).
    pub fn reports_progress(&self) -> bool {
        self.complete || self.percent_complete.is_some()
    }
}

/// The earned-value figures common to a project and a roll-up; `None` where
/// an input is missing or a divisor is zero.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Measures {
    pub bac: f64,
    pub pv: f64,
    pub ev: f64,
    pub ac: Option<f64>,
    pub sv: f64,
    pub cv: Option<f64>,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
}

/// One project's earned value.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ProjectEarnedValue {
    pub measures: Measures,
    /// Complete (an `actual_finish`): EV = BAC, and SPI(t) only says how
    /// long it took against the plan.
    pub complete: bool,
    pub eac: Option<f64>,
    pub vac: Option<f64>,
    /// ES_t: the day offset (fractional) at which the baseline cumulative reaches EV.
    pub es_day: Option<f64>,
    pub spi_t: Option<f64>,
}

/// `a / b`, or nothing for a zero (or non-finite) result's divisor.
fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b).filter(|r| r.is_finite())
}

impl Measures {
    /// SV, CV, SPI and CPI from BAC, PV, EV and AC.
    fn from_sums(bac: f64, pv: f64, ev: f64, ac: Option<f64>) -> Measures {
        Measures {
            bac,
            pv,
            ev,
            ac,
            sv: ev - pv,
            cv: ac.map(|ac| ev - ac),
            spi: ratio(ev, pv),
            cpi: ac.and_then(|ac| ratio(ev, ac)),
        }
    }
}

/// A project's earned value at day offset `as_of`: `bac` its investment,
/// `baseline` its span in the baseline schedule, `curve` its profile.
pub fn project_earned_value(
    bac: f64,
    curve: &Curve,
    baseline: Span,
    as_of: i64,
    progress: &Progress,
) -> ProjectEarnedValue {
    // PV: the baseline phasing of the days before as_of.
    let pv = bac * curve.share_before(baseline, as_of);
    let ev = if progress.complete {
        bac
    } else {
        bac * progress.percent_complete.unwrap_or(0.0) / 100.0
    };
    let measures = Measures::from_sums(bac, pv, ev, progress.actual_cost);
    let eac = progress
        .estimate_at_completion
        .or_else(|| measures.cpi.and_then(|cpi| ratio(bac, cpi)))
        .unwrap_or(bac);
    let es_day = (bac > 0.0).then(|| curve.day_reaching(baseline, ev / bac));
    let elapsed = as_of - baseline.es;
    let spi_t = es_day
        .filter(|_| elapsed > 0)
        .map(|t| (t - baseline.es as f64) / elapsed as f64);
    ProjectEarnedValue {
        measures,
        complete: progress.complete,
        eac: Some(eac),
        vac: Some(bac - eac),
        es_day,
        spi_t,
    }
}

/// The roll-up of projects' earned value: sums of BAC, PV, EV and AC, and
/// the indices of those sums; AC only when every project reports it.
pub fn roll_up<'a>(projects: impl IntoIterator<Item = &'a Measures>) -> Measures {
    let (mut bac, mut pv, mut ev) = (0.0, 0.0, 0.0);
    let mut ac = Some(0.0);
    for m in projects {
        bac += m.bac;
        pv += m.pv;
        ev += m.ev;
        ac = ac.zip(m.ac).map(|(sum, a)| sum + a);
    }
    Measures::from_sums(bac, pv, ev, ac)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINEAR: [f64; 20] = [5.0; 20];

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn earned_value_with_actual_cost() {
        // BAC 1 000 000, linear over days 0 … 99, as_of day 50: PV = 500 000.
        // 40 % complete: EV = 400 000. AC 500 000.
        // SV = −100 000; CV = −100 000; SPI = 0.8; CPI = 0.8;
        // EAC = BAC / CPI = 1 250 000; VAC = −250 000.
        // Earned schedule: 40 % of a linear 100-day curve is reached at
        // day 40; SPI(t) = (40 − 0) / (50 − 0) = 0.8.
        let curve = Curve::new(&LINEAR);
        let progress = Progress {
            percent_complete: Some(40.0),
            actual_cost: Some(500_000.0),
            ..Progress::default()
        };
        let ev = project_earned_value(1e6, &curve, Span { es: 0, ef: 100 }, 50, &progress);
        let m = ev.measures;
        assert!(close(m.pv, 500_000.0));
        assert!(close(m.ev, 400_000.0));
        assert!(close(m.sv, -100_000.0));
        assert!(close(m.cv.unwrap(), -100_000.0));
        assert!(close(m.spi.unwrap(), 0.8));
        assert!(close(m.cpi.unwrap(), 0.8));
        assert!(close(ev.eac.unwrap(), 1_250_000.0));
        assert!(close(ev.vac.unwrap(), -250_000.0));
        assert!(close(ev.es_day.unwrap(), 40.0));
        assert!(close(ev.spi_t.unwrap(), 0.8));
    }

    #[test]
    fn earned_value_without_actual_cost() {
        // BAC 2 000 000 linear over days 100 … 299, as_of day 150: PV =
        // 2e6 × 50/200 = 500 000. 30 %: EV = 600 000; SV = 100 000,
        // SPI = 1.2; no AC: CV, CPI null; EAC = BAC; VAC = 0.
        // ES_t: 30 % of 200 days = 60 days after day 100 = 160;
        // SPI(t) = 60 / 50 = 1.2.
        let curve = Curve::new(&LINEAR);
        let progress = Progress {
            percent_complete: Some(30.0),
            ..Progress::default()
        };
        let ev = project_earned_value(2e6, &curve, Span { es: 100, ef: 300 }, 150, &progress);
        let m = ev.measures;
        assert!(close(m.pv, 500_000.0));
        assert!(close(m.ev, 600_000.0));
        assert!(close(m.sv, 100_000.0));
        assert_eq!((m.ac, m.cv, m.cpi), (None, None, None));
        assert!(close(m.spi.unwrap(), 1.2));
        assert_eq!(ev.eac, Some(2e6));
        assert_eq!(ev.vac, Some(0.0));
        assert!(close(ev.es_day.unwrap(), 160.0));
        assert!(close(ev.spi_t.unwrap(), 1.2));
    }

    #[test]
    fn a_project_not_started_in_the_baseline_has_no_schedule_indices() {
        // as_of day 50 before the baseline start day 80: PV = 0 (SPI null),
        // a ≤ ES (SPI(t) null); an estimate at completion overrides BAC/CPI.
        let curve = Curve::new(&LINEAR);
        let progress = Progress {
            percent_complete: Some(10.0),
            actual_cost: Some(50_000.0),
            estimate_at_completion: Some(1_100_000.0),
            ..Progress::default()
        };
        let ev = project_earned_value(1e6, &curve, Span { es: 80, ef: 180 }, 50, &progress);
        assert_eq!(ev.measures.pv, 0.0);
        assert_eq!(ev.measures.spi, None);
        assert_eq!(ev.spi_t, None);
        assert!(close(ev.measures.cpi.unwrap(), 2.0));
        assert_eq!(ev.eac, Some(1_100_000.0));
        assert!(close(ev.vac.unwrap(), -100_000.0));
    }

    #[test]
    fn a_complete_project_has_earned_its_budget() {
        // actual_finish: EV = BAC whatever percent says; zero AC: CPI null,
        // EAC falls back to BAC.
        let curve = Curve::new(&LINEAR);
        let progress = Progress {
            percent_complete: Some(90.0),
            complete: true,
            actual_cost: Some(0.0),
            ..Progress::default()
        };
        let ev = project_earned_value(3e6, &curve, Span { es: 0, ef: 60 }, 100, &progress);
        assert_eq!(ev.measures.ev, 3e6);
        assert_eq!(ev.measures.cpi, None);
        assert_eq!(ev.eac, Some(3e6));
        // EV = BAC is reached at the baseline finish: SPI(t) = 60/100.
        assert!(close(ev.spi_t.unwrap(), 0.6));
    }

    #[test]
    fn roll_ups_add_the_sums_and_need_every_actual_cost() {
        // (BAC, PV, EV, AC): (100, 50, 40, 60) and (200, 100, 120, 100):
        // sums 300, 150, 160, 160: SV 10, CV 0, SPI 160/150, CPI 1.
        let a = Measures::from_sums(100.0, 50.0, 40.0, Some(60.0));
        let b = Measures::from_sums(200.0, 100.0, 120.0, Some(100.0));
        let both = roll_up([&a, &b]);
        assert_eq!(
            (both.bac, both.pv, both.ev, both.ac),
            (300.0, 150.0, 160.0, Some(160.0))
        );
        assert_eq!(both.sv, 10.0);
        assert_eq!(both.cv, Some(0.0));
        assert!(close(both.spi.unwrap(), 160.0 / 150.0));
        assert_eq!(both.cpi, Some(1.0));
        // One project without AC: the roll-up's AC, CV and CPI are null.
        let c = Measures::from_sums(10.0, 5.0, 5.0, None);
        let partial = roll_up([&a, &b, &c]);
        assert_eq!((partial.ac, partial.cv, partial.cpi), (None, None, None));
        // PV 155, EV 165.
        assert!(close(partial.spi.unwrap(), 165.0 / 155.0));
    }
}
