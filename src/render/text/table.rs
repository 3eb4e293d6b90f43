//! Aligned text tables and Markdown tables from the same rows.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::render::inert::visible;

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// The text style of a report: aligned plain text or Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Markdown,
}

/// A table of already formatted cells.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.headers.len());
        self.rows.push(row);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn write(&self, style: Style, out: &mut dyn Write) -> io::Result<()> {
        match style {
            Style::Plain => self.write_plain(out),
            Style::Markdown => self.write_markdown(out),
        }
    }

    /// Columns padded to their widest cell (in terminal columns: a CJK
    /// character takes two), two spaces apart, indented by two; names longer
    /// than [`NAME_COLUMNS`] end in "…" so that one long name cannot make
    /// the table too wide to read.
    pub fn write_plain(&self, out: &mut dyn Write) -> io::Result<()> {
        let is_name: Vec<bool> = self.headers.iter().map(|h| h == "Name").collect();
        let header = plain_row(&self.headers, &is_name);
        let rows: Vec<Vec<(Cow<str>, usize)>> =
            self.rows.iter().map(|r| plain_row(r, &is_name)).collect();
        let mut widths: Vec<usize> = header.iter().map(|(_, w)| *w).collect();
        for row in &rows {
            for (w, (_, columns)) in widths.iter_mut().zip(row) {
                *w = (*w).max(*columns);
            }
        }
        // One line's text, reused from row to row.
        let mut text = String::new();
        let mut line = |row: &[(Cow<str>, usize)], out: &mut dyn Write| -> io::Result<()> {
            text.clear();
            text.push_str("  ");
            for (i, (cell, columns)) in row.iter().enumerate() {
                let pad = widths[i] - columns;
                let last = i + 1 == row.len();
                match self.aligns[i] {
                    Align::Left if last => text.push_str(cell),
                    Align::Left => {
                        text.push_str(cell);
                        text.extend(std::iter::repeat_n(' ', pad));
                    }
                    Align::Right => {
                        text.extend(std::iter::repeat_n(' ', pad));
                        text.push_str(cell);
                    }
                }
                if !last {
                    text.push_str("  ");
                }
            }
            writeln!(out, "{}", text.trim_end())
        };
        line(&header, out)?;
        let rule: Vec<(Cow<str>, usize)> = widths
            .iter()
            .map(|w| (Cow::Owned("-".repeat(*w)), *w))
            .collect();
        line(&rule, out)?;
        for row in &rows {
            line(row, out)?;
        }
        Ok(())
    }

    /// A GitHub-flavoured Markdown table, `|` and line breaks escaped.
    pub fn write_markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        let row = |cells: &[String]| {
            let inner: Vec<String> = cells.iter().map(|c| markdown_cell(c)).collect();
            format!("| {} |", inner.join(" | "))
        };
        writeln!(out, "{}", row(&self.headers))?;
        let rule: Vec<&str> = self
            .aligns
            .iter()
            .map(|a| match a {
                Align::Left => "---",
                Align::Right => "---:",
            })
            .collect();
        writeln!(out, "| {} |", rule.join(" | "))?;
        for cells in &self.rows {
            writeln!(out, "{}", row(cells))?;
        }
        Ok(())
    }
}

/// The widest a name is shown in a text table, in terminal columns.
pub const NAME_COLUMNS: usize = 40;

/// Width in terminal columns (East Asian wide characters count two).
fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `columns` terminal columns, ending in "…" when cut.
pub fn shorten(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A row's cells as shown in a text table, each with its width in terminal
/// columns; names (`is_name`) shortened. A cell is copied only where it
/// changes (a line break, a control character, a long name): a schedule's
/// table has 100 000s of rows.
fn plain_row<'r>(row: &'r [String], is_name: &[bool]) -> Vec<(Cow<'r, str>, usize)> {
    row.iter()
        .zip(is_name)
        .map(|(c, name)| {
            let cell = plain_cell(c);
            let cell = if *name {
                shorten_cow(cell, NAME_COLUMNS)
            } else {
                cell
            };
            let columns = width(&cell);
            (cell, columns)
        })
        .collect()
}

/// Keeps a cell on one line, its characters visible (borrowed when it
/// already is).
fn plain_cell(text: &str) -> Cow<'_, str> {
    let changes = |c: char| c == '\n' || visible(c) != c;
    if !text.chars().any(changes) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| if c == '\n' { ' ' } else { visible(c) })
        .collect::<String>()
        .into()
}

/// [`shorten`], borrowing `text` when it fits.
fn shorten_cow(text: Cow<'_, str>, columns: usize) -> Cow<'_, str> {
    if width(&text) <= columns {
        text
    } else {
        Cow::Owned(shorten(&text, columns))
    }
}

/// Escapes a cell for a Markdown table: text, not markup.
pub fn markdown_cell(text: &str) -> String {
    escape_markdown(&plain_cell(text))
}

/// Escapes Markdown inline syntax and HTML so user text shows as written.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push(' '),
            c => out.push(visible(c)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_align_and_long_names_are_shortened() {
        // "東京" is 4 columns wide; "Zürich" 6. The ID column is 6 wide.
        let mut t = Table::new(&[("ID", Align::Left), ("Name", Align::Left)]);
        t.push(vec!["東京".to_string(), "x".repeat(50)]);
        t.push(vec!["Zürich".to_string(), "short".to_string()]);
        let mut plain = Vec::new();
        t.write_plain(&mut plain).unwrap();
        let text = String::from_utf8(plain).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // Both names start in column 2 + 6 + 2 = 10 (counted in terminal columns).
        assert_eq!(lines[2], format!("  東京    {}…", "x".repeat(39)));
        assert_eq!(lines[3], "  Zürich  short");
        assert_eq!(width(lines[2]), 2 + 6 + 2 + NAME_COLUMNS);
    }

    #[test]
    fn aligns_columns_and_escapes_markdown() {
        let mut t = Table::new(&[("ID", Align::Left), ("Days", Align::Right)]);
        t.push(vec!["A|B".to_string(), "5".to_string()]);
        t.push(vec!["<script>".to_string(), "120".to_string()]);
        let mut plain = Vec::new();
        t.write_plain(&mut plain).unwrap();
        assert_eq!(
            String::from_utf8(plain).unwrap(),
            "  ID        Days\n  --------  ----\n  A|B          5\n  <script>   120\n"
        );
        let mut md = Vec::new();
        t.write_markdown(&mut md).unwrap();
        assert_eq!(
            String::from_utf8(md).unwrap(),
            "| ID | Days |\n| --- | ---: |\n| A\\|B | 5 |\n| &lt;script&gt; | 120 |\n"
        );
    }
}
