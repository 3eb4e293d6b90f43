//! `capgraph common --format md`: the commonality report as Markdown tables,
//! section for section the same as the text table.

use std::io::{self, Write};

use super::common_sections::{more_line, sections, Align, CommonReport, Section};

/// Writes a `#` title, then one `##` section with a table each.
pub fn write_markdown(report: &CommonReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Commonality of {}", escape(report.portfolio.name()))?;
    for section in sections(report) {
        writeln!(out)?;
        write_section(&section, out)?;
    }
    Ok(())
}

fn write_section(section: &Section, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}", section.title)?;
    writeln!(out)?;
    writeln!(out, "{}.", escape(&section.note))?;
    writeln!(out)?;
    if section.rows.is_empty() && section.more == 0 {
        return writeln!(out, "(none)");
    }
    let cells = |row: &[String]| {
        row.iter()
            .map(|c| escape(c))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    writeln!(out, "| {} |", cells(&section.headers))?;
    let rule: Vec<&str> = section
        .align
        .iter()
        .map(|a| match a {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for row in &section.rows {
        writeln!(out, "| {} |", cells(row))?;
    }
    if section.more > 0 {
        writeln!(out)?;
        writeln!(out, "{}", more_line(section.more))?;
    }
    Ok(())
}

/// Text safe inside a Markdown table cell: no cell breaks, no markup, no HTML.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}
