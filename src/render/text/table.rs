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
        write_rows(&self.columns(), style, &|sink| self.each_row(sink), out)
    }

    /// Columns padded to their widest cell (see [`write_rows`]).
    pub fn write_plain(&self, out: &mut dyn Write) -> io::Result<()> {
        self.write(Style::Plain, out)
    }

    /// A GitHub-flavoured Markdown table (see [`write_rows`]).
    pub fn write_markdown(&self, out: &mut dyn Write) -> io::Result<()> {
        self.write(Style::Markdown, out)
    }

    fn columns(&self) -> Vec<(&str, Align)> {
        self.headers
            .iter()
            .map(String::as_str)
            .zip(self.aligns.iter().copied())
            .collect()
    }

    /// Hands each row to `sink`.
    fn each_row(&self, sink: &mut dyn FnMut(&[&str]) -> io::Result<()>) -> io::Result<()> {
        let mut cells = Vec::with_capacity(self.headers.len());
        for row in &self.rows {
            cells.clear();
            cells.extend(row.iter().map(String::as_str));
            sink(&cells)?;
        }
        Ok(())
    }
}

/// A table's rows, handed one by one to a sink as their cells' texts. The
/// rows are made as they are written, not held: a schedule's project table
/// has 100 000s of them ([`write_rows`] asks for them twice for plain text).
pub type Rows<'a> = dyn Fn(&mut dyn FnMut(&[&str]) -> io::Result<()>) -> io::Result<()> + 'a;

/// Writes a table with these columns and the rows `rows` makes.
///
/// Plain text: columns padded to their widest cell (in terminal columns: a
/// CJK character takes two), two spaces apart, indented by two; names longer
/// than [`NAME_COLUMNS`] end in "…" so that one long name cannot make the
/// table too wide to read. Markdown: a GitHub-flavoured table, `|` and line
/// breaks escaped.
pub fn write_rows(
    columns: &[(&str, Align)],
    style: Style,
    rows: &Rows,
    out: &mut dyn Write,
) -> io::Result<()> {
    let headers: Vec<&str> = columns.iter().map(|(h, _)| *h).collect();
    match style {
        Style::Plain => write_plain(columns, &headers, rows, out),
        Style::Markdown => write_markdown(columns, &headers, rows, out),
    }
}

fn write_plain(
    columns: &[(&str, Align)],
    headers: &[&str],
    rows: &Rows,
    out: &mut dyn Write,
) -> io::Result<()> {
    let is_name: Vec<bool> = headers.iter().map(|h| *h == "Name").collect();
    let mut widths = vec![0; columns.len()];
    let mut measure = |row: &[&str]| {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(shown(cell, is_name[i]).1);
        }
        Ok(())
    };
    measure(headers)?;
    rows(&mut measure)?;
    // One line's text, reused from row to row.
    let mut text = String::new();
    let mut line = |row: &[&str], out: &mut dyn Write| -> io::Result<()> {
        text.clear();
        text.push_str("  ");
        for (i, cell) in row.iter().enumerate() {
            let (cell, cell_width) = shown(cell, is_name[i]);
            let pad = widths[i] - cell_width;
            let last = i + 1 == row.len();
            match columns[i].1 {
                Align::Left if last => text.push_str(&cell),
                Align::Left => {
                    text.push_str(&cell);
                    text.extend(std::iter::repeat_n(' ', pad));
                }
                Align::Right => {
                    text.extend(std::iter::repeat_n(' ', pad));
                    text.push_str(&cell);
                }
            }
            if !last {
                text.push_str("  ");
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(headers, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule.iter().map(String::as_str).collect::<Vec<_>>(), out)?;
    rows(&mut |row| line(row, out))
}

fn write_markdown(
    columns: &[(&str, Align)],
    headers: &[&str],
    rows: &Rows,
    out: &mut dyn Write,
) -> io::Result<()> {
    let line = |cells: &[&str], out: &mut dyn Write| -> io::Result<()> {
        out.write_all(b"| ")?;
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.write_all(b" | ")?;
            }
            out.write_all(markdown_cell(cell).as_bytes())?;
        }
        out.write_all(b" |\n")
    };
    line(headers, out)?;
    let rule: Vec<&str> = columns
        .iter()
        .map(|(_, a)| match a {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    rows(&mut |cells| line(cells, out))
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

/// A cell as a text table shows it, with its width in terminal columns: on
/// one line, visible, a name (`is_name`) shortened.
fn shown(cell: &str, is_name: bool) -> (Cow<'_, str>, usize) {
    let cell = plain_cell(cell);
    let cell = if is_name {
        shorten_cow(cell, NAME_COLUMNS)
    } else {
        cell
    };
    let columns = width(&cell);
    (cell, columns)
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

/// Escapes a cell for a Markdown table: text, not markup (borrowed when
/// every character is one that [`escape_markdown`] writes as itself).
pub fn markdown_cell(text: &str) -> Cow<'_, str> {
    let plain = plain_cell(text);
    let unchanged = |c: char| c.is_alphanumeric() || " -.:,/()+'".contains(c);
    if plain.chars().all(unchanged) {
        plain
    } else {
        escape_markdown(&plain).into()
    }
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
