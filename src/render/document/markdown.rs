//! Prints a [`Document`] as Markdown; every user string is escaped.

use std::io::{self, Write};

use crate::render::document::{Block, Document};
use crate::render::text::table::{escape_markdown, Table};

/// Writes `document` as GitHub-flavoured Markdown.
pub fn write_markdown(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}", escape_markdown(&document.title))?;
    if !document.subtitle.is_empty() {
        writeln!(out, "\n*{}*", escape_markdown(&document.subtitle))?;
    }
    for block in &document.blocks {
        writeln!(out)?;
        match block {
            Block::Heading(level, text) => writeln!(
                out,
                "{} {}",
                "#".repeat(usize::from(*level)),
                escape_markdown(text)
            )?,
            Block::Paragraph(text) => writeln!(out, "{}", escape_markdown(text))?,
            Block::Note(text) => writeln!(out, "> {}", escape_markdown(text))?,
            Block::Bullets(items) => {
                for item in items {
                    writeln!(out, "- {}", escape_markdown(item))?;
                }
            }
            Block::Table(doc_table) => {
                let columns: Vec<(&str, _)> = doc_table
                    .columns
                    .iter()
                    .map(|(c, a)| (c.as_str(), *a))
                    .collect();
                let mut table = Table::new(&columns);
                for row in &doc_table.rows {
                    table.push(row.iter().map(|c| c.text.clone()).collect());
                }
                table.write_markdown(out)?;
            }
            Block::Figure(figure) => writeln!(
                out,
                "![{}]({})",
                escape_markdown(&figure.caption),
                figure.file.replace(' ', "%20")
            )?,
        }
    }
    Ok(())
}
