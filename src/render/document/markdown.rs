//! Prints a [`Document`] as Markdown; every user string is escaped.

use std::io::{self, Write};

use crate::render::document::{Block, Document};
use crate::render::text::table::{escape_markdown, Table};

/// Writes `document` as GitHub-flavoured Markdown.
pub fn write_markdown(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    let marking = document
        .marking
        .as_deref()
        .map(|m| format!("**{}**", escape_markdown(m)));
    if let Some(marking) = &marking {
        writeln!(out, "{marking}\n")?;
    }
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
            Block::Figure(figure) => {
                let target = figure.file.replace(' ', "%20");
                let link = format!("[{}]({target})", escape_markdown(&figure.file));
                match figure.not_drawn_note(&link) {
                    // A DOT file is no image: the note links it instead.
                    Some(note) => writeln!(
                        out,
                        "{} {}",
                        escape_markdown(&figure.caption),
                        escape_markdown(&note).replace(&escape_markdown(&link), &link)
                    )?,
                    None => writeln!(out, "![{}]({target})", escape_markdown(&figure.caption))?,
                }
            }
        }
    }
    if let Some(marking) = &marking {
        writeln!(out, "\n{marking}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marking_opens_and_closes_the_document() {
        let mut doc = Document {
            title: "T".to_string(),
            marking: Some("OFFICIAL *SENSITIVE*".to_string()),
            ..Document::default()
        };
        doc.paragraph("Body.");
        let mut out = Vec::new();
        write_markdown(&doc, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let marking = "**OFFICIAL \\*SENSITIVE\\***";
        assert!(text.starts_with(&format!("{marking}\n\n# T\n")), "{text}");
        assert!(text.ends_with(&format!("Body.\n\n{marking}\n")), "{text}");
    }
}
