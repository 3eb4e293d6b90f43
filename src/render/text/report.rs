//! Headings and paragraphs of the text reports, as plain text or Markdown.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::render::text::table::{escape_markdown, Style};

/// A heading in either style; a plain title is underlined as wide as it
/// shows (in terminal columns: CJK and emoji take two).
pub fn heading(style: Style, level: usize, text: &str, out: &mut dyn Write) -> io::Result<()> {
    match style {
        Style::Plain if level == 1 => writeln!(out, "{text}\n{}", "=".repeat(text.width())),
        Style::Plain => writeln!(out, "{text}"),
        Style::Markdown => writeln!(out, "{} {}", "#".repeat(level), escape_markdown(text)),
    }
}

/// A paragraph of running text in either style.
pub fn paragraph(style: Style, text: &str, out: &mut dyn Write) -> io::Result<()> {
    match style {
        Style::Plain => writeln!(out, "{text}"),
        Style::Markdown => writeln!(out, "{}", escape_markdown(text)),
    }
}
