//! Single points of failure for people (`rank --format table|md`).

use std::io::{self, Write};

use crate::analysis::rank::Ranking;

use crate::render::text::money::format_thousands;
use crate::render::text::table::{escape_markdown, Align, Style, Table};

/// What the ranking report shows.
pub struct RankReport<'a> {
    /// The ranking shown (after any `--top` cut).
    pub ranking: &'a Ranking<'a>,
    /// The `as_of` of the status applied, if any.
    pub as_of: Option<&'a str>,
}

impl RankReport<'_> {
    /// Writes the ranking: a component whose figures equal those of the
    /// project providing it shares that project's row.
    pub fn write(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        let portfolio = self.ranking.portfolio();
        let entries = self.ranking.entries();
        let text = |value: &str| match style {
            Style::Plain => value.replace(['\n', '\r', '\t'], " "),
            Style::Markdown => escape_markdown(value),
        };
        let title = format!("Single points of failure in {}", text(portfolio.name()));
        match style {
            Style::Plain => writeln!(out, "{title}\n")?,
            Style::Markdown => writeln!(out, "# {title}\n")?,
        }
        let of = self.ranking.ranked();
        let shown = if entries.len() < of {
            format!("the top {} of {of}", entries.len())
        } else {
            format!("all {of}")
        };
        writeln!(
            out,
            "What each project and component holds up, {shown}: the projects and capabilities \
             downstream of it, their investment ({}), and its own total float in days. \
             A component whose figures equal those of the project providing it is shown in \
             that project's row.",
            text(portfolio.currency())
        )?;
        if let Some(as_of) = self.as_of {
            writeln!(
                out,
                "For the status as of {}: work that has started or finished cannot be moved \
                 from upstream, so the count stops there; finished work is not ranked; floats \
                 are this week's.",
                text(as_of)
            )?;
        }
        writeln!(out)?;
        let mut table = Table::new(&[
            ("#", Align::Right),
            ("ID", Align::Left),
            ("Kind", Align::Left),
            ("Name", Align::Left),
            ("Projects", Align::Right),
            ("Capabilities", Align::Right),
            ("Investment", Align::Right),
            ("Float", Align::Right),
        ]);
        for (i, row) in self.ranking.table_rows().iter().enumerate() {
            let entry = row.entry;
            let node = portfolio.node(entry.node);
            let (kind, name) = if row.provides.is_empty() {
                (node.kind.to_string(), node.name.clone())
            } else {
                let provided: Vec<&str> = row.provides.iter().map(|c| portfolio.id(*c)).collect();
                (
                    format!("{} + component", node.kind),
                    format!("{} (provides {})", node.name, provided.join(", ")),
                )
            };
            table.push(vec![
                (i + 1).to_string(),
                node.id.clone(),
                kind,
                name,
                entry.downstream_projects.to_string(),
                entry.downstream_capabilities.to_string(),
                format_thousands(entry.downstream_investment),
                entry.total_float.to_string(),
            ]);
        }
        table.write(style, out)
    }
}
