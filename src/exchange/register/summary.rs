//! What `import register` read and how it mapped it, for stderr (SPEC §10).

use std::io::{self, Write};

use super::columns::Kind;
use super::read::{ReadSummary, StartSource};

/// Writes the summary of reading `files`; `other_sheets` were not read.
pub fn write_register_summary(
    files: &str,
    summary: &ReadSummary,
    start: &str,
    other_sheets: &[String],
    out: &mut dyn Write,
) -> io::Result<()> {
    let counts: Vec<String> = summary
        .counts
        .iter()
        .filter(|(kind, ..)| *kind != Kind::Portfolio)
        .map(|(kind, sheet, n)| {
            let noun = match (kind, n) {
                (Kind::Capabilities, 1) => "capability".to_string(),
                (Kind::Capabilities, _) => "capabilities".to_string(),
                (Kind::Status, 1) => "status update".to_string(),
                (Kind::Status, _) => "status updates".to_string(),
                (kind, 1) => kind.noun().to_string(),
                (kind, _) => format!("{}s", kind.noun()),
            };
            format!("{n} {noun} ({sheet})")
        })
        .collect();
    writeln!(out, "read {files}: {}", counts.join(", "))?;
    let start_from = match &summary.start {
        Some(StartSource::Sheet) => "from the Portfolio sheet".to_string(),
        Some(StartSource::CommandLine) => "from --start".to_string(),
        Some(StartSource::EarliestProject(id)) => format!(
            "the earliest project start ({id}): no Portfolio sheet gives one; --start chooses another"
        ),
        Some(StartSource::Missing) | None => "missing".to_string(),
    };
    writeln!(out, "  portfolio start {start}, {start_from}")?;
    if !summary.attribute_columns.is_empty() {
        let columns: Vec<String> = summary
            .attribute_columns
            .iter()
            .map(|(sheet, header)| format!("{sheet}!\"{header}\""))
            .collect();
        writeln!(out, "  attributes from columns: {}", columns.join(", "))?;
    }
    if !summary.figure_columns.is_empty() {
        let mut unique = Vec::new();
        for (_, header) in &summary.figure_columns {
            let header = header.as_str();
            if !unique.contains(&header) {
                unique.push(header);
            }
        }
        writeln!(
            out,
            "  not read: schedule figures ({}); capgraph recomputes them",
            unique.join(", ")
        )?;
    }
    if summary.explanation_rows + summary.example_rows > 0 {
        writeln!(
            out,
            "  skipped: {} explanation row{} and {} example row{} (ids EXAMPLE-…)",
            summary.explanation_rows,
            plural(summary.explanation_rows),
            summary.example_rows,
            plural(summary.example_rows)
        )?;
    }
    if !other_sheets.is_empty() {
        writeln!(out, "  sheets not read: {}", other_sheets.join(", "))?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
