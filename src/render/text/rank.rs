//! Single points of failure for people (`rank --format table|md`).

use std::io::{self, Write};

use crate::analysis::rank::RankEntry;
use crate::model::Portfolio;

use crate::render::text::money::format_thousands;
use crate::render::text::table::{escape_markdown, Align, Style, Table};

/// Writes the ranking; `of` is the number of nodes ranked before any `--top` cut.
pub fn write_rank(
    portfolio: &Portfolio,
    entries: &[RankEntry],
    of: usize,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let name = match style {
        Style::Plain => portfolio.name().replace(['\n', '\r', '\t'], " "),
        Style::Markdown => escape_markdown(portfolio.name()),
    };
    let title = format!("Single points of failure in {name}");
    match style {
        Style::Plain => writeln!(out, "{title}\n")?,
        Style::Markdown => writeln!(out, "# {title}\n")?,
    }
    let shown = if entries.len() < of {
        format!("the top {} of {of}", entries.len())
    } else {
        format!("all {of}")
    };
    writeln!(
        out,
        "What each project and component holds up, {shown}: the projects and capabilities \
         downstream of it, their investment ({}), and its own total float in days.\n",
        portfolio.currency()
    )?;
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
    for (i, entry) in entries.iter().enumerate() {
        let node = portfolio.node(entry.node);
        table.push(vec![
            (i + 1).to_string(),
            node.id.clone(),
            node.kind.to_string(),
            node.name.clone(),
            entry.downstream_projects.to_string(),
            entry.downstream_capabilities.to_string(),
            format_thousands(entry.downstream_investment),
            entry.total_float.to_string(),
        ]);
    }
    table.write(style, out)
}
