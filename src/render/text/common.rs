//! The `capgraph common` report for people, as aligned text or Markdown
//! (the same sections either way): shared components with hubs first, the
//! strongest overlaps, the domain matrix as a grid, clusters, and
//! capabilities delivered by several projects.

use std::io::{self, Write};

use petgraph::graph::NodeIndex;

use crate::analysis::common::{CommonOptions, Commonality, Ignored};
use crate::analysis::schedule::Schedule;
use crate::error::Error;
use crate::model::Portfolio;

use crate::render::text::report::{heading, paragraph};
use crate::render::text::table::{Align, Style, Table};

/// Rows shown per list when the user gives no `--top`.
pub const DEFAULT_ROWS: usize = 20;

/// Ids shown inside one cell before "+N more".
const IDS_PER_CELL: usize = 6;

/// What the report is made of.
pub struct CommonReport<'a> {
    common: &'a Commonality<'a>,
    /// The baseline schedule: when each shared component is available.
    schedule: &'a Schedule<'a>,
    /// The options the analysis ran with, except `top`, which is the user's.
    options: CommonOptions,
}

impl<'a> CommonReport<'a> {
    /// The report of `common`, with `baseline` (the schedule of the same
    /// portfolio as planned) saying when each shared component is
    /// available. A schedule of another portfolio is an error: its days
    /// would be given to the wrong components.
    pub fn new(
        common: &'a Commonality<'a>,
        baseline: &'a Schedule<'a>,
        options: CommonOptions,
    ) -> Result<Self, Error> {
        if !std::ptr::eq(common.portfolio(), baseline.portfolio()) {
            return Err(Error::Input {
                message: format!(
                    "the commonality of portfolio \"{}\" cannot be reported with the schedule of another portfolio (\"{}\")",
                    common.portfolio().name(),
                    baseline.portfolio().name()
                ),
                hint: Some(
                    "compute the baseline schedule on the very portfolio the commonality was computed on".to_string(),
                ),
            });
        }
        Ok(CommonReport {
            common,
            schedule: baseline,
            options,
        })
    }
    pub fn write(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let title = format!("{} — commonality", self.common.portfolio().name());
        heading(style, 1, &title, out)?;
        self.write_shared_components(style, out)?;
        self.write_pairs(style, out)?;
        self.write_domain_matrix(style, out)?;
        self.write_clusters(style, out)?;
        self.write_capability_overlap(style, out)
    }

    /// Rows per list: `--top` raises the default, never lowers it (it cuts
    /// only the pairs).
    fn rows(&self) -> usize {
        self.options
            .top
            .map_or(DEFAULT_ROWS, |k| k.max(DEFAULT_ROWS))
    }

    fn write_shared_components(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let (p, common) = (self.common.portfolio(), self.common);
        let calendar = p.calendar();
        let hubs = common.shared_components.iter().filter(|s| s.hub).count();
        let ignored = common
            .shared_components
            .iter()
            .filter(|s| s.ignored.is_some())
            .count();
        let mut note = format!(
            "{} components used by two or more projects, {hubs} of them hubs. A hub is used by \
             a tenth of the projects or more, and by at least 3 (here: {} or more of {} \
             projects); a hub alone makes many pairs. Available: the earliest date in the \
             baseline schedule.",
            common.shared_components.len(),
            common.hub_threshold,
            common.projects
        );
        if ignored > 0 {
            note.push_str(&format!(
                " {ignored} {} left out of the overlaps and clusters below: shared \
                 infrastructure (marked in the portfolio) or named by --ignore says nothing \
                 about which projects overlap.",
                if ignored == 1 { "is" } else { "are" }
            ));
        }
        let mut table = Table::new(&[
            ("Component", Align::Left),
            ("Projects", Align::Right),
            ("Hub", Align::Left),
            ("Overlaps", Align::Left),
            ("Domains", Align::Left),
            ("Cross-domain", Align::Left),
            ("Provided by", Align::Left),
            ("Available", Align::Left),
        ]);
        for s in common.shared_components.iter().take(self.rows()) {
            table.push(vec![
                p.id(s.component).to_string(),
                s.users.len().to_string(),
                if s.hub { "HUB" } else { "" }.to_string(),
                match s.ignored {
                    None => "counted",
                    Some(Ignored::Infrastructure) => "ignored: infrastructure",
                    Some(Ignored::Named) => "ignored: --ignore",
                }
                .to_string(),
                s.domains.join(", "),
                if s.cross_domain { "yes" } else { "no" }.to_string(),
                s.provider.map_or("—".to_string(), |n| p.id(n).to_string()),
                calendar.format(self.schedule.times(s.component).ef),
            ]);
        }
        let more = common.shared_components.len().saturating_sub(self.rows());
        section(style, "Shared components", &note, &table, more as u64, out)
    }

    fn write_pairs(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let (p, common) = (self.common.portfolio(), self.common);
        let note = format!(
            "{} project pair{} share {} or more components. Jaccard: shared components / all \
             components of the two.",
            common.pair_count,
            if common.pair_count == 1 { "" } else { "s" },
            self.options.min_shared
        );
        let mut table = Table::new(&[
            ("Project", Align::Left),
            ("Project", Align::Left),
            ("Shared", Align::Right),
            ("Jaccard", Align::Right),
            ("Shared components", Align::Left),
        ]);
        for pair in common.pairs() {
            table.push(vec![
                p.id(pair.a).to_string(),
                p.id(pair.b).to_string(),
                pair.shared.len().to_string(),
                format!("{:.3}", pair.jaccard),
                id_list(p, &pair.shared),
            ]);
        }
        let more = common.pair_count - common.pairs().len() as u64;
        section(style, "Strongest overlaps", &note, &table, more, out)
    }

    /// A symmetric grid: one row and one column per domain.
    fn write_domain_matrix(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let domains = &self.common.domains;
        let d = domains.len();
        let mut columns = vec![("Domain", Align::Left)];
        columns.extend(domains.iter().map(|name| (*name, Align::Right)));
        let mut table = Table::new(&columns);
        // Cells come as (a, b) for a ≤ b in domain order: the upper triangle, row by row.
        let mut grid = vec![0usize; d * d];
        let mut cells = self.common.domain_matrix.iter();
        for x in 0..d {
            for y in x..d {
                let count = cells.next().map_or(0, |c| c.components);
                grid[x * d + y] = count;
                grid[y * d + x] = count;
            }
        }
        for x in 0..d {
            let mut row = vec![domains[x].to_string()];
            row.extend((0..d).map(|y| grid[x * d + y].to_string()));
            table.push(row);
        }
        let note =
            "Components used by projects of both domains (diagonal: by a project of the domain).";
        section(style, "Domain matrix", note, &table, 0, out)
    }

    fn write_clusters(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let (p, clusters) = (self.common.portfolio(), &self.common.clusters);
        let note = format!(
            "{} group{} of projects joined by Jaccard ≥ {}.",
            clusters.len(),
            if clusters.len() == 1 { "" } else { "s" },
            self.options.min_jaccard
        );
        let mut table = Table::new(&[("Projects", Align::Right), ("Members", Align::Left)]);
        for cluster in clusters.iter().take(self.rows()) {
            table.push(vec![cluster.len().to_string(), id_list(p, cluster)]);
        }
        let more = clusters.len().saturating_sub(self.rows());
        section(style, "Clusters", &note, &table, more as u64, out)
    }

    fn write_capability_overlap(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let (p, overlap) = (self.common.portfolio(), &self.common.capability_overlap);
        let note = format!(
            "{} {} delivered by two or more projects.",
            overlap.len(),
            if overlap.len() == 1 {
                "capability"
            } else {
                "capabilities"
            }
        );
        let mut table = Table::new(&[
            ("Capability", Align::Left),
            ("Projects", Align::Right),
            ("Delivered by", Align::Left),
        ]);
        for o in overlap.iter().take(self.rows()) {
            table.push(vec![
                p.id(o.capability).to_string(),
                o.projects.len().to_string(),
                id_list(p, &o.projects),
            ]);
        }
        let more = overlap.len().saturating_sub(self.rows());
        let title = "Capabilities delivered by several projects";
        section(style, title, &note, &table, more as u64, out)
    }
}

/// A titled section: its note, its table (unless empty), and the line that
/// says how many rows were cut.
fn section(
    style: Style,
    title: &str,
    note: &str,
    table: &Table,
    more: u64,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out)?;
    heading(style, 2, title, out)?;
    if style == Style::Markdown {
        writeln!(out)?;
    }
    paragraph(style, note, out)?;
    if table.is_empty() && more == 0 {
        return Ok(());
    }
    writeln!(out)?;
    table.write(style, out)?;
    if more > 0 {
        if style == Style::Markdown {
            writeln!(out)?;
        }
        paragraph(
            style,
            &format!("… and {more} more (use --format json or --top)"),
            out,
        )?;
    }
    Ok(())
}

/// `a, b, c +4 more`.
fn id_list(portfolio: &Portfolio, nodes: &[NodeIndex]) -> String {
    let mut text = nodes
        .iter()
        .take(IDS_PER_CELL)
        .map(|&n| portfolio.id(n))
        .collect::<Vec<_>>()
        .join(", ");
    if nodes.len() > IDS_PER_CELL {
        text.push_str(&format!(" +{} more", nodes.len() - IDS_PER_CELL));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::common::analyse;
    use crate::analysis::schedule::ScheduleOptions;
    use crate::model::testing::valid_portfolio;

    const MEMBERS: &str = r#""components": [{"id": "k", "name": "k"}],
        "projects": [
          {"id": "A", "name": "a", "duration_days": 10, "uses": ["k"]},
          {"id": "B", "name": "b", "duration_days": 20, "uses": ["k"]}]"#;

    #[test]
    fn a_schedule_of_another_portfolio_is_refused_with_both_names() {
        // Two portfolios read from the same text are equal but not the same:
        // the report takes the schedule of the commonality's own only.
        let (mine, other) = (valid_portfolio(MEMBERS), valid_portfolio(MEMBERS));
        let common = analyse(&mine, &CommonOptions::default());
        let theirs = Schedule::compute(&other, &ScheduleOptions::default());
        let Err(Error::Input { message, hint }) =
            CommonReport::new(&common, &theirs, CommonOptions::default())
        else {
            panic!("another portfolio's schedule was accepted");
        };
        assert!(
            message.contains("schedule of another portfolio"),
            "{message}"
        );
        assert!(hint.is_some_and(|h| h.contains("very portfolio")));

        let own = Schedule::compute(&mine, &ScheduleOptions::default());
        let report = CommonReport::new(&common, &own, CommonOptions::default());
        let mut text = Vec::new();
        report
            .expect("its own schedule is taken")
            .write(Style::Plain, &mut text)
            .unwrap();
        assert!(!text.is_empty());
    }
}
