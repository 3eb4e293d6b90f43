//! Money by fiscal year as CSV (`funding --format csv`) for finance staff who
//! paste it into spreadsheets: one flat table, one row per scope, id and
//! fiscal year, amounts as plain numbers in the unit of `--unit`.
//!
//! The `csv` crate writes the quoting of RFC 4180 (ids with commas, quotes
//! or line breaks); on top of it, text that a spreadsheet would take for a
//! formula (`=`, `+`, `-`, `@` first) is prefixed with `'` so that it shows
//! as written and runs nothing.

use std::io::{self, Write};

use crate::analysis::funding::{Flows, Funding};

use super::money::MoneyUnit;

const HEADER: [&str; 18] = [
    "scope",
    "id",
    "year",
    "baseline",
    "current",
    "shift",
    "om_baseline",
    "om",
    "cost_of_delay",
    "authorised",
    "unspendable",
    "unfunded",
    "ceiling_investment",
    "excess_investment",
    "ceiling_om",
    "excess_om",
    "slip_days",
    "legacy_om_per_year",
];

/// Text as a spreadsheet shows it, never as a formula.
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// An amount in `unit`, to the cent of the currency (`38.2` million,
/// `328767.12`); blank when absent or not finite.
fn number(unit: MoneyUnit, x: Option<f64>) -> String {
    let Some(x) = x.filter(|x| x.is_finite()) else {
        return String::new();
    };
    let decimals = match unit {
        MoneyUnit::One => 2,
        MoneyUnit::Thousand => 5,
        MoneyUnit::Million => 8,
    };
    let text = format!("{:.*}", decimals, x / unit.scale());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    // -0 reads as 0 in a sheet but not in a diff.
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// Writes the CSV of `phased`, amounts in `unit`.
pub fn write_funding_csv(phased: &Funding, unit: MoneyUnit, out: &mut dyn Write) -> io::Result<()> {
    let (portfolio, funding) = (phased.portfolio(), &phased.figures);
    let group_scope = phased.group_by.word();
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(HEADER)?;
    let n = |x: f64| number(unit, Some(x));
    let o = |x: Option<f64>| number(unit, x);
    let flows = |f: &Flows| {
        [
            n(f.baseline),
            n(f.current),
            n(f.shift),
            n(f.om_baseline),
            n(f.om),
        ]
    };
    let blank = String::new;
    for (y, t) in funding.years.iter().zip(&funding.totals) {
        let mut row = vec!["portfolio".to_string(), blank(), y.year.to_string()];
        row.extend(flows(&t.flows));
        row.extend([
            n(t.cost_of_delay),
            blank(),
            blank(),
            blank(),
            o(t.ceiling_investment),
            o(t.excess_investment),
            o(t.ceiling_om),
            o(t.excess_om),
        ]);
        row.resize(HEADER.len(), blank());
        csv.write_record(&row)?;
    }
    let later = &funding.later;
    let mut row = vec!["portfolio".to_string(), blank(), "later".to_string()];
    row.extend([
        n(later.baseline),
        n(later.current),
        n(later.shift),
        n(0.0),
        n(0.0),
    ]);
    row.extend([n(later.cost_of_delay)]);
    row.resize(HEADER.len(), blank());
    csv.write_record(&row)?;
    for g in &funding.groups {
        for (y, f) in funding.years.iter().zip(&g.years) {
            let mut row = vec![group_scope.to_string(), inert(&g.id), y.year.to_string()];
            row.extend(flows(f));
            row.resize(HEADER.len(), blank());
            csv.write_record(&row)?;
        }
    }
    for p in &funding.projects {
        let id = inert(portfolio.id(p.node));
        for y in &p.years {
            let mut row = vec![
                "project".to_string(),
                id.clone(),
                funding.years[y.year].year.to_string(),
            ];
            row.extend(flows(&y.flows));
            row.extend([blank(), o(y.authorised), o(y.unspendable), o(y.unfunded)]);
            row.resize(HEADER.len(), blank());
            csv.write_record(&row)?;
        }
    }
    for c in &funding.capabilities {
        let mut row = vec![
            "capability".to_string(),
            inert(portfolio.id(c.node)),
            blank(),
        ];
        row.resize(8, blank());
        row.push(n(c.cost_of_delay));
        row.resize(HEADER.len() - 2, blank());
        row.push(c.slip_days.to_string());
        row.push(n(c.legacy_om_per_year));
        csv.write_record(&row)?;
    }
    csv.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_looks_like_a_formula_is_inert() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("-1"), "'-1");
        assert_eq!(inert("P-COM-001"), "P-COM-001");
    }

    #[test]
    fn amounts_to_the_cent_in_the_unit() {
        assert_eq!(number(MoneyUnit::One, Some(328_767.123_287)), "328767.12");
        assert_eq!(number(MoneyUnit::Million, Some(38_200_000.0)), "38.2");
        assert_eq!(number(MoneyUnit::One, Some(-0.001)), "0");
        assert_eq!(number(MoneyUnit::One, None), "");
        assert_eq!(number(MoneyUnit::One, Some(f64::INFINITY)), "");
        assert_eq!(number(MoneyUnit::One, Some(1e300)).len(), 301);
        assert_eq!(
            number(MoneyUnit::Million, Some(-5_688_120.02)),
            "-5.68812002"
        );
        assert_eq!(number(MoneyUnit::One, Some(1500.0)), "1500");
    }
}
