//! The screening report for people: an aligned text table (`--format
//! table`), and a [`Document`] a reviewer can send back to the submitting
//! agency (`--format md`, and HTML with `-o report.html`): a summary line,
//! the 14 checks, and one section per failed check saying what it means,
//! why it matters for the dates and which projects to fix.

use std::io::{self, Write};

use crate::analysis::screen::{Check, Figure, Passes, Screening, CRITICAL_PATH_TEST_DAYS};
use crate::model::Portfolio;

use crate::render::document::{Cell, DocTable, Document, Tone};
use crate::render::text::report::{heading, paragraph};
use crate::render::text::table::{Align, Style, Table};
use crate::render::text::wording::count;

/// Offending ids the text table names before "and N more".
pub const IDS_SHOWN: usize = 10;

/// Offending projects a failed check's section lists before "and N more"
/// (the JSON output lists every one).
pub const IDS_LISTED: usize = 50;

/// The report of a screening, on the screening's own portfolio.
pub struct ScreenReport<'a> {
    portfolio: &'a Portfolio,
    screening: &'a Screening<'a>,
}

/// `11 of 14 checks passed, 2 failed, 1 not applicable.`
pub fn summary(screening: &Screening) -> String {
    let mut text = format!(
        "{} of {} checks passed",
        screening.passed(),
        screening.checks.len()
    );
    if screening.failed() > 0 {
        text.push_str(&format!(", {} failed", screening.failed()));
    }
    if screening.not_applicable() > 0 {
        text.push_str(&format!(", {} not applicable", screening.not_applicable()));
    }
    text.push('.');
    text
}

/// The columns of the table of checks.
const CHECK_COLUMNS: [(&str, Align); 7] = [
    ("#", Align::Right),
    ("Check", Align::Left),
    ("Result", Align::Left),
    ("Value", Align::Right),
    ("Threshold", Align::Right),
    ("Count", Align::Right),
    ("Of", Align::Right),
];

/// A check's row in the table of checks ([`CHECK_COLUMNS`]).
fn check_row(check: &Check) -> [String; 7] {
    [
        check.number.to_string(),
        check.name.to_string(),
        verdict(check).to_string(),
        check.value.map(format_figure).unwrap_or_else(|| "-".into()),
        format_threshold(check),
        check.count.to_string(),
        check.population.to_string(),
    ]
}

/// `pass`, `FAIL` or `n/a`: a word, so it reads without colour.
pub fn verdict(check: &Check) -> &'static str {
    match check.pass {
        Some(true) => "pass",
        Some(false) => "FAIL",
        None => "n/a",
    }
}

/// A figure as a person reads it: `3.1 %`, `0.95`, `4`, `590 days`.
pub fn format_figure(figure: Figure) -> String {
    match figure {
        Figure::Count(n) => n.to_string(),
        Figure::Days(n) => format!("{n} days"),
        Figure::Share(x) => format_percent(x),
        Figure::Index(x) => format!("{x:.2}"),
    }
}

/// A share as a percentage: whole when it is whole, else one decimal.
fn format_percent(share: f64) -> String {
    let percent = share * 100.0;
    if (percent - percent.round()).abs() < 1e-9 {
        format!("{percent:.0} %")
    } else {
        format!("{percent:.1} %")
    }
}

/// `≤ 5 %`, `≥ 0.95`, `0`, `600 days`.
pub fn format_threshold(check: &Check) -> String {
    let figure = format_figure(check.threshold);
    match check.passes {
        Passes::AtMost => format!("≤ {figure}"),
        Passes::AtLeast => format!("≥ {figure}"),
        Passes::Exactly => figure,
    }
}

/// What the check means, why it matters for the dates, and what to do, in
/// plain words.
fn explanation(check: &Check, screening: &Screening) -> [String; 3] {
    let float = screening.options.high_float_days;
    let duration = screening.options.high_duration_days;
    let [means, matters, fix] = match check.number {
        1 => [
            "Some projects have no predecessor (nothing they wait for) or no successor (no project, component or capability that waits for them).",
            "A project without a predecessor can start on day 0 whatever happens elsewhere, and one without a successor can slip without moving anything: the schedule then shows dates that no delay can move, and the critical path is wrong.",
            "Link each of these projects to what it really waits for (depends_on or uses) and to what waits for it (another project's depends_on, a component it provides, a capability it delivers).",
        ],
        2 => [
            "Some links have a negative lag (a lead): the successor may start before its predecessor is finished.",
            "A lead claims overlap that nobody has planned in detail; it hides time the work needs and makes dates look earlier than they are.",
            "Replace each lead with a real link: split the predecessor, or use a start-to-start link with a positive lag for planned overlap.",
        ],
        3 => [
            "Too many links carry a positive lag, a waiting time written into the link instead of into a project.",
            "A lag is time that nobody owns or reports on; it cannot be tracked, and it moves dates silently.",
            "Turn each lag that stands for work (procurement, approval, accreditation) into a project of its own, or state why the wait is fixed.",
        ],
        4 => [
            "Too few links are finish-to-start; the plan relies on start-to-start, finish-to-finish or start-to-finish links.",
            "Only a finish-to-start link passes a delay on in full; with other types a late predecessor may not move its successors, so the dates look safer than they are.",
            "Check whether these links are really finish-to-start; keep the other types only where the overlap is planned.",
        ],
        5 => [
            "Some projects have a fixed start date that, rather than their links, decides when they start.",
            "A fixed start holds a project's date when its predecessors slip: the slip stops there on paper but not in reality, and float is wrong downstream.",
            "Replace the start date with the link it stands for, or confirm that the date is a real external constraint.",
        ],
        6 => [
            "Too many projects have more than the allowed total float: they could slip a long way before the portfolio finish moves.",
            "High float usually means missing links: the project does not feed what it should, so its delays would not show where they matter.",
            "Check what each of these projects really holds up and add the missing successor links.",
        ],
        7 => [
            "Some projects have negative total float: they are already behind what the portfolio finish needs.",
            "Negative float means the current dates cannot be met with this logic; the finish date shown will not hold unless the work is recovered.",
            "Plan recovery for each of these projects (or re-plan the finish), and check the actual dates that cause it.",
        ],
        8 => [
            "Too many projects last longer than the allowed duration.",
            "A long project hides its internal logic: progress cannot be measured and problems show late.",
            "Break each of these projects into stages with their own links, or explain why it is one piece of work.",
        ],
        9 => [
            "Some dates cannot be right on the report date: actual dates in the future, or planned starts and finishes in the past without an actual date.",
            "Dates that contradict the report date make every forecast built on them unreliable.",
            "Correct the status: give the actual start or finish, or a new forecast, for each of these projects.",
        ],
        10 => [
            "Too many projects with work to do carry no investment figure.",
            "Without cost the plan cannot be funded by year, and earned value cannot measure progress against the dates.",
            "Give each of these projects its investment (cost.investment).",
        ],
        11 => [
            "Too many projects that the baseline had finished by the report date are not complete, or finished late.",
            "Missed finishes show that the plan's dates are not being met; the dates still ahead are unlikely to hold either.",
            "Give each of these projects a realistic forecast and check what it holds up.",
        ],
        12 => [
            "A delay on the critical path does not move the portfolio finish day for day: the logic does not carry delays through.",
            "If a 600-day delay does not show in the finish, smaller real delays will not either: the critical path, and the finish date, cannot be trusted.",
            "Follow the critical path from this project and repair what stops the delay: start-to-start or finish-to-finish links, fixed dates, forecasts that absorb it.",
        ],
        13 => [
            "Some capabilities need their remaining work to go faster than planned to meet their target (critical path length index below 0.95).",
            "An index below 0.95 means the target is unlikely to be met without recovery.",
            "Plan recovery on the driving path of each of these capabilities, or agree a new target.",
        ],
        _ => [
            "Fewer projects have been completed than the baseline planned by the report date (baseline execution index below 0.95).",
            "A plan that finishes less than planned slips; the dates ahead depend on catching up.",
            "Give each of these overdue projects a realistic forecast and a recovery plan.",
        ],
    };
    let mut means = means.to_string();
    match check.number {
        6 => means.push_str(&format!(" The limit is {float} days.")),
        8 => means.push_str(&format!(" The limit is {duration} days.")),
        _ => {}
    }
    [means, matters.to_string(), fix.to_string()]
}

/// The one-line description of a failed or passed check's figures.
fn figures(check: &Check, portfolio: &Portfolio) -> String {
    match (check.number, check.value, check.tested) {
        (_, None, _) => "Not applicable: nothing to test.".to_string(),
        (12, Some(value), Some(tested)) => format!(
            "Delaying {} (the first project on the critical path without an actual date) by {CRITICAL_PATH_TEST_DAYS} days moved the portfolio finish by {}.",
            portfolio.id(tested),
            format_figure(value)
        ),
        (_, Some(value), _) => format!(
            "Value {} (threshold {}): {} of {}.",
            format_figure(value),
            format_threshold(check),
            check.count,
            match check.number {
                2..=4 => count(check.population, "link", "links"),
                13 => count(check.population, "capability", "capabilities"),
                _ => count(check.population, "project", "projects"),
            }
        ),
    }
}

impl<'a> ScreenReport<'a> {
    pub fn new(screening: &'a Screening<'a>) -> Self {
        ScreenReport {
            portfolio: screening.portfolio(),
            screening,
        }
    }

    fn title(&self) -> String {
        format!("Screening of {}", self.portfolio.name())
    }

    fn scope(&self) -> String {
        let p = self.portfolio;
        let s = self.screening;
        let status = match s.as_of {
            Some(as_of) => format!("with the status as of {}", p.calendar().format(as_of)),
            None => "as planned (no status: checks 9, 11, 13 and 14 need one)".to_string(),
        };
        format!(
            "The DCMA 14-point assessment in calendar days, {status}; high float above {} days, high duration above {} days.",
            s.options.high_float_days, s.options.high_duration_days
        )
    }

    /// The aligned text report (`--format table`).
    pub fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let style = Style::Plain;
        heading(style, 1, &self.title(), out)?;
        writeln!(out)?;
        paragraph(style, &self.scope(), out)?;
        paragraph(style, &summary(self.screening), out)?;
        writeln!(out)?;
        let mut table = Table::new(&CHECK_COLUMNS);
        for check in &self.screening.checks {
            table.push(check_row(check).to_vec());
        }
        table.write(style, out)?;
        let listed: Vec<&Check> = self
            .screening
            .checks
            .iter()
            .filter(|c| !c.ids.is_empty())
            .collect();
        if !listed.is_empty() {
            writeln!(out)?;
            heading(style, 2, "To fix", out)?;
            for check in listed {
                writeln!(
                    out,
                    "  {:>2} {}: {}",
                    check.number,
                    check.name,
                    self.ids(check, IDS_SHOWN).join(", ")
                )?;
            }
        }
        Ok(())
    }

    /// The first `shown` ids of a check, then `and N more`.
    fn ids(&self, check: &Check, shown: usize) -> Vec<String> {
        let mut ids: Vec<String> = check
            .ids
            .iter()
            .take(shown)
            .map(|n| self.portfolio.id(*n).to_string())
            .collect();
        if check.ids.len() > shown {
            ids.push(format!("and {} more", check.ids.len() - shown));
        }
        ids
    }

    /// The screening report as a document, for Markdown and HTML.
    pub fn document(&self) -> Document {
        let p = self.portfolio;
        let s = self.screening;
        let mut doc = Document {
            title: self.title(),
            subtitle: self.scope(),
            blocks: Vec::new(),
            ..Document::default()
        };
        doc.paragraph(summary(s));
        doc.heading(2, "The 14 checks");
        let mut table = DocTable::new(&CHECK_COLUMNS);
        for check in &s.checks {
            let tone = check
                .pass
                .map(|pass| if pass { Tone::Green } else { Tone::Red });
            // The result column (the third) carries the colour.
            let row = check_row(check).into_iter().enumerate();
            table.push(
                row.map(|(i, text)| Cell::toned(text, tone.filter(|_| i == 2)))
                    .collect(),
            );
        }
        doc.table(table);
        let failed: Vec<&Check> = s.checks.iter().filter(|c| c.pass == Some(false)).collect();
        if failed.is_empty() {
            doc.paragraph("No check failed: the plan's logic and status can be trusted as a basis for the dates.");
        } else {
            doc.heading(2, "The failed checks and what to fix");
        }
        for check in failed {
            let [means, matters, fix] = explanation(check, s);
            doc.heading(
                3,
                format!("Check {}: {} — failed", check.number, check.name),
            );
            doc.paragraph(format!("What it means. {means}"));
            doc.paragraph(format!("Why it matters for the dates. {matters}"));
            doc.paragraph(figures(check, p));
            doc.paragraph(format!("What to fix. {fix}"));
            let mut projects = DocTable::new(&[("ID", Align::Left), ("Name", Align::Left)]);
            for &n in check.ids.iter().take(IDS_LISTED) {
                projects.push(vec![Cell::new(p.id(n)), Cell::new(p.node(n).name.as_str())]);
            }
            doc.table(projects);
            if check.ids.len() > IDS_LISTED {
                doc.note(format!(
                    "And {} more; `capgraph screen --format json` lists every one.",
                    check.ids.len() - IDS_LISTED
                ));
            }
        }
        doc
    }
}
