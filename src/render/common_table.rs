//! `capgraph common --format table`: the commonality report as aligned text.

use std::io::{self, Write};

use super::common_sections::{more_line, sections, Align, CommonReport, Section};

/// Writes every section as an indented, aligned table under its title.
pub fn write_table(report: &CommonReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Commonality of {}", printable(report.portfolio.name()))?;
    for section in sections(report) {
        writeln!(out)?;
        write_section(&section, out)?;
    }
    Ok(())
}

fn write_section(section: &Section, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", section.title)?;
    writeln!(out, "  {}", printable(&section.note))?;
    if section.rows.is_empty() && section.more == 0 {
        return writeln!(out, "  (none)");
    }
    let header: Vec<String> = section.headers.iter().map(|h| printable(h)).collect();
    let rows: Vec<Vec<String>> = section
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| printable(cell)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::from(" ");
        for ((cell, width), align) in row.iter().zip(&widths).zip(&section.align) {
            let pad = " ".repeat(width - cell.chars().count());
            line.push(' ');
            match align {
                Align::Left => {
                    line.push_str(cell);
                    line.push_str(&pad);
                }
                Align::Right => {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    if section.more > 0 {
        writeln!(out, "  {}", more_line(section.more))?;
    }
    Ok(())
}

/// Keeps every cell on one line whatever the user's ids contain.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
