//! The register as an `.xlsx` workbook (rust_xlsxwriter): the empty
//! template of `import register --template` (headers, a row explaining
//! each column, two example rows) and `export xlsx` (the portfolio and
//! status files, and the schedule figures). Both follow
//! [`super::columns`], so that what capgraph writes it reads back.
//!
//! The export writes the files' values as the files give them (a link
//! `{"id": "x", "lag_days": 30}` stays without a type), so that importing
//! the workbook gives back the same JSON: it takes each column's value
//! from the already validated JSON by the column's JSON pointer.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use serde_json::Value as Json;

use super::cells::link_text;
use super::columns::{
    bind_header, columns, figure_columns, Binding, Column, Field, Kind, PortfolioKey, PortfolioRow,
    Value, AUTHORISED, EXAMPLE_PREFIX, EXPLANATION_MARK, PORTFOLIO_ROWS,
};
use crate::exchange::export::figures::{ExportGraph, ExportNode};
use crate::model::records::LinkRecord;
use crate::model::values::json_number;

/// What `export xlsx` writes.
#[derive(Debug, Clone, Copy)]
pub struct RegisterContent<'a> {
    /// The portfolio file, validated.
    pub portfolio: &'a Json,
    /// The status file, validated against it.
    pub status: Option<&'a Json>,
    /// The schedule figures (with the status applied when there is one).
    pub figures: &'a ExportGraph<'a>,
}

/// One cell to write.
#[derive(Debug, Clone, PartialEq)]
enum Out {
    Empty,
    Text(String),
    Number(f64),
    Flag(bool),
    /// `YYYY-MM-DD`: a date cell when the spreadsheet can hold it, else text.
    Date(String),
}

/// The formats of the workbook.
struct Styles {
    header: Format,
    explanation: Format,
    date: Format,
    wrap: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            header: Format::new().set_bold().set_background_color("#D9E1F2"),
            explanation: Format::new()
                .set_italic()
                .set_font_color("#595959")
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

fn new_workbook() -> Workbook {
    let mut workbook = Workbook::new();
    // A fixed creation time: the same register gives the same bytes.
    if let Ok(moment) = ExcelDateTime::from_ymd(2000, 1, 1) {
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&moment));
    }
    workbook
}

/// The empty register of `import register --template`.
pub fn write_template() -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = new_workbook();
    read_me(workbook.add_worksheet(), &styles, true)?;
    portfolio_template(workbook.add_worksheet(), &styles)?;
    for kind in [
        Kind::Projects,
        Kind::Components,
        Kind::Capabilities,
        Kind::Status,
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(kind.sheet_name())?;
        let headers: Vec<(String, &Column)> = columns(kind)
            .iter()
            .map(|c| (c.header.to_string(), c))
            .collect();
        write_headers(sheet, &styles, headers.iter().map(|(h, _)| h.as_str()))?;
        for (column, (_, spec)) in headers.iter().enumerate() {
            let column = column as u16;
            let explanation = if spec.field == Field::Id {
                format!("{EXPLANATION_MARK} {}", spec.explanation)
            } else {
                spec.explanation.to_string()
            };
            sheet.write_string_with_format(1, column, explanation, &styles.explanation)?;
            for (row, example) in spec.examples.iter().enumerate() {
                let out = example_cell(spec.field, example);
                write_cell(sheet, &styles, 2 + row as u32, column, &out)?;
            }
        }
        sheet.set_row_height(1, 75)?;
    }
    workbook.save_to_buffer()
}

/// An example as the cell a user would type: numbers as numbers, dates
/// as date cells.
fn example_cell(field: Field, text: &str) -> Out {
    if text.is_empty() {
        return Out::Empty;
    }
    match field.value() {
        Value::Days | Value::Number => text.parse().map_or(Out::Text(text.into()), Out::Number),
        Value::Date => Out::Date(text.to_string()),
        _ => Out::Text(text.to_string()),
    }
}

/// The register of `export xlsx`.
pub fn write_register(content: &RegisterContent) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = new_workbook();
    read_me(workbook.add_worksheet(), &styles, false)?;
    portfolio_sheet(workbook.add_worksheet(), &styles, content.portfolio)?;
    for kind in [Kind::Projects, Kind::Components, Kind::Capabilities] {
        let nodes = content.portfolio[kind.json_list()]
            .as_array()
            .map_or(&[][..], Vec::as_slice);
        node_sheet(
            workbook.add_worksheet(),
            &styles,
            kind,
            nodes,
            content.figures,
        )?;
    }
    if let Some(status) = content.status {
        status_sheet(workbook.add_worksheet(), &styles, status)?;
    }
    workbook.save_to_buffer()
}

/// A JSON object's entries, in the file's order (or key order).
fn entries(value: Option<&Json>) -> impl Iterator<Item = (&String, &Json)> {
    value.and_then(Json::as_object).into_iter().flatten()
}

fn node_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    kind: Kind,
    nodes: &[Json],
    figures: &ExportGraph,
) -> Result<(), XlsxError> {
    sheet.set_name(kind.sheet_name())?;
    // Columns: the fields, every authorised year, every attribute (in
    // order of first use), then the schedule figures.
    let mut years: Vec<&str> = nodes
        .iter()
        .flat_map(|n| entries(n.pointer("/cost/authorised")).map(|(y, _)| y.as_str()))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut attributes: Vec<&str> = Vec::new();
    for node in nodes {
        for (name, _) in entries(node.get("attributes")) {
            if !attributes.contains(&name.as_str()) {
                attributes.push(name);
            }
        }
    }
    let fields = columns(kind);
    let figure_specs = figure_columns(kind);
    let mut headers: Vec<String> = fields.iter().map(|c| c.header.to_string()).collect();
    headers.extend(years.iter().map(|y| format!("{AUTHORISED} {y}")));
    headers.extend(attributes.iter().map(|name| {
        // A name that a field's header would claim is marked as an attribute.
        match bind_header(kind, name) {
            Binding::Attribute(n) if n == *name => name.to_string(),
            _ => format!("attributes.{name}"),
        }
    }));
    headers.extend(figure_specs.iter().map(|c| c.header.to_string()));
    write_headers(sheet, styles, headers.iter().map(String::as_str))?;
    for (i, node) in nodes.iter().enumerate() {
        let mut cells: Vec<Out> = fields
            .iter()
            .map(|spec| {
                field_cell(
                    node.pointer(&format!("/{}", spec.field.pointer())),
                    spec.field,
                )
            })
            .collect();
        let authorised = node.pointer("/cost/authorised");
        cells.extend(
            years
                .iter()
                .map(|y| json_cell(authorised.and_then(|a| a.get(*y)))),
        );
        let values = node.get("attributes");
        cells.extend(
            attributes
                .iter()
                .map(|a| json_cell(values.and_then(|v| v.get(*a)))),
        );
        let id = node["id"].as_str().unwrap_or_default();
        let scheduled = figures
            .nodes
            .binary_search_by(|n| n.id.cmp(id))
            .ok()
            .map(|at| &figures.nodes[at]);
        for spec in &figure_specs {
            cells.push(scheduled.map_or(Out::Empty, |n| figure(n, spec.field)));
        }
        for (column, out) in cells.iter().enumerate() {
            write_cell(sheet, styles, 1 + i as u32, column as u16, out)?;
        }
    }
    Ok(())
}

/// A field's cell from its JSON value, as [`super::read`] reads it back.
fn field_cell(value: Option<&Json>, field: Field) -> Out {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Out::Empty;
    };
    match (field.value(), value) {
        (Value::Date, Json::String(date)) => Out::Date(date.clone()),
        (Value::Links, Json::Array(links)) => {
            list(links.iter().filter_map(link_record).map(|l| link_text(&l)))
        }
        (Value::Ids | Value::Profile, Json::Array(items)) => {
            list(items.iter().map(|item| match item {
                Json::String(text) => text.clone(),
                other => json_text(other),
            }))
        }
        _ => json_cell(Some(value)),
    }
}

/// A JSON value as a cell: text, number or yes/no.
fn json_cell(value: Option<&Json>) -> Out {
    match value {
        None | Some(Json::Null) => Out::Empty,
        Some(Json::String(text)) => Out::Text(text.clone()),
        Some(Json::Number(n)) => n.as_f64().map_or(Out::Empty, Out::Number),
        Some(Json::Bool(b)) => Out::Flag(*b),
        Some(other) => Out::Text(json_text(other)),
    }
}

/// A number as JSON writes it (`25`, `0.5`); other values as JSON text.
fn json_text(value: &Json) -> String {
    match value.as_f64() {
        Some(n) => json_number(n).to_string(),
        None => value.to_string(),
    }
}

/// A link of a validated file as its record.
fn link_record(value: &Json) -> Option<LinkRecord> {
    match value {
        Json::String(id) => Some(LinkRecord::Id(id.clone())),
        Json::Object(link) => Some(LinkRecord::Full {
            id: link.get("id")?.as_str()?.to_string(),
            link_type: link.get("type").and_then(Json::as_str).map(str::to_string),
            lag_days: link.get("lag_days").and_then(Json::as_i64),
        }),
        _ => None,
    }
}

fn figure(node: &ExportNode, field: Field) -> Out {
    match field {
        Field::EarlyStart => Out::Date(node.early_start.clone()),
        Field::EarlyFinish => Out::Date(node.early_finish.clone()),
        Field::TotalFloat => Out::Number(node.total_float as f64),
        Field::Critical => Out::Flag(node.critical),
        Field::MarginDays => node.margin.map_or(Out::Empty, |m| Out::Number(m as f64)),
        _ => Out::Empty,
    }
}

fn status_sheet(sheet: &mut Worksheet, styles: &Styles, status: &Json) -> Result<(), XlsxError> {
    sheet.set_name(Kind::Status.sheet_name())?;
    let specs = columns(Kind::Status);
    write_headers(sheet, styles, specs.iter().map(|c| c.header))?;
    let updates = status["updates"].as_array().map_or(&[][..], Vec::as_slice);
    for (i, update) in updates.iter().enumerate() {
        for (column, spec) in specs.iter().enumerate() {
            let value = match spec.field {
                Field::AsOf => status.get("as_of"),
                field => update.get(field.pointer()),
            };
            let out = field_cell(value, spec.field);
            write_cell(sheet, styles, 1 + i as u32, column as u16, &out)?;
        }
    }
    Ok(())
}

/// The Portfolio sheet of an export: one `Field | Value` row per value
/// given, each with its explanation and an example.
fn portfolio_sheet(sheet: &mut Worksheet, styles: &Styles, file: &Json) -> Result<(), XlsxError> {
    let mut rows: Vec<(String, Out, &PortfolioRow)> = Vec::new();
    for spec in &PORTFOLIO_ROWS {
        let value = file.pointer(&format!("/{}", spec.pointer));
        match spec.key {
            PortfolioKey::InvestmentCeiling | PortfolioKey::OmCeiling => {
                for (year, amount) in entries(value) {
                    rows.push((
                        format!("{} {year}", spec.label),
                        json_cell(Some(amount)),
                        spec,
                    ));
                }
            }
            PortfolioKey::Start => rows.push((
                spec.label.to_string(),
                field_cell(value, Field::Start),
                spec,
            )),
            _ => {
                let out = match value {
                    Some(Json::Array(items)) => list(items.iter().map(|item| match item {
                        Json::String(text) => text.clone(),
                        other => json_text(other),
                    })),
                    other => json_cell(other),
                };
                rows.push((spec.label.to_string(), out, spec));
            }
        }
    }
    write_portfolio_rows(sheet, styles, &rows)
}

/// The template's Portfolio sheet: every row, values empty.
fn portfolio_template(sheet: &mut Worksheet, styles: &Styles) -> Result<(), XlsxError> {
    let rows: Vec<(String, Out, &PortfolioRow)> = PORTFOLIO_ROWS
        .iter()
        .map(|spec| {
            let label = match spec.key {
                PortfolioKey::InvestmentCeiling | PortfolioKey::OmCeiling => {
                    format!("{} 2026", spec.label)
                }
                _ => spec.label.to_string(),
            };
            (label, Out::Empty, spec)
        })
        .collect();
    write_portfolio_rows(sheet, styles, &rows)
}

fn write_portfolio_rows(
    sheet: &mut Worksheet,
    styles: &Styles,
    rows: &[(String, Out, &PortfolioRow)],
) -> Result<(), XlsxError> {
    sheet.set_name(Kind::Portfolio.sheet_name())?;
    write_headers(sheet, styles, ["Field", "Value", "Explanation", "Example"])?;
    for (i, (label, value, spec)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        sheet.write_string(r, 0, label)?;
        write_cell(sheet, styles, r, 1, value)?;
        sheet.write_string_with_format(r, 2, spec.explanation, &styles.explanation)?;
        sheet.write_string_with_format(r, 3, spec.example, &styles.explanation)?;
    }
    sheet.set_column_width(0, 26)?;
    sheet.set_column_width(1, 30)?;
    sheet.set_column_width(2, 80)?;
    sheet.set_column_width(3, 30)?;
    Ok(())
}

/// The first sheet: how to fill the register and how capgraph reads it.
fn read_me(sheet: &mut Worksheet, styles: &Styles, template: bool) -> Result<(), XlsxError> {
    sheet.set_name("Read me")?;
    let opening = if template {
        "An empty capgraph register. Fill the sheets, then: capgraph import register THIS.xlsx -o portfolio.json [--status-out status.json]"
    } else {
        "A capgraph register exported with its schedule figures. Edit it, then: capgraph import register THIS.xlsx -o portfolio.json [--status-out status.json]"
    };
    let lines = [
        opening,
        "",
        "Sheets: Portfolio (one Field | Value row each), Projects, Components, Capabilities, and Status (this week's updates, optional). Other sheets, like this one, are not read.",
        "Row 1 of each sheet holds the headers. Headers are matched ignoring case, spaces and _ (Duration days = duration_days).",
        "Columns that are no field become attributes of the project, component or capability (strings or numbers), carried into reports and exports. Head a column attributes.NAME to make NAME an attribute even when it is also a field's name.",
        "Authorised YEAR columns (Authorised 2026) hold a project's investment authorised in that fiscal year.",
        "Lists (Depends on, Uses, Delivers, Domains) hold ids separated by ; or line breaks. In Depends on and Uses each id may carry a link type and lag: P-COR-001, P-COR-001 SS, P-COR-001 SS+30, pki FS-60 (FS finish-to-start, SS start-to-start, FF finish-to-finish, SF start-to-finish; lag in calendar days, negative for a lead).",
        "Dates: date cells, or text YYYY-MM-DD. Durations and lags: whole calendar days.",
        "Rows whose Id starts with EXAMPLE- and the explanation row are skipped on import.",
        "Early start, Early finish, Total float days, Critical and Margin days are schedule figures written by capgraph export xlsx: capgraph recomputes them and does not read them.",
        "A problem is reported with its file and cell, such as Projects!F12; nothing is written until the whole register reads.",
    ];
    for (row, line) in lines.iter().enumerate() {
        sheet.write_string_with_format(row as u32, 0, *line, &styles.wrap)?;
    }
    sheet.set_column_width(0, 120)?;
    Ok(())
}

fn write_headers<'h>(
    sheet: &mut Worksheet,
    styles: &Styles,
    headers: impl IntoIterator<Item = &'h str>,
) -> Result<(), XlsxError> {
    for (column, header) in headers.into_iter().enumerate() {
        let column = column as u16;
        sheet.write_string_with_format(0, column, header, &styles.header)?;
        let width = (header.chars().count() as f64 + 4.0).max(14.0);
        sheet.set_column_width(column, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    styles: &Styles,
    row: u32,
    column: u16,
    out: &Out,
) -> Result<(), XlsxError> {
    match out {
        Out::Empty => {}
        Out::Text(text) => {
            sheet.write_string(row, column, text)?;
        }
        Out::Number(n) => {
            sheet.write_number(row, column, *n)?;
        }
        Out::Flag(b) => {
            sheet.write_boolean(row, column, *b)?;
        }
        Out::Date(text) => match date_cell(text) {
            Some(moment) => {
                sheet.write_datetime_with_format(row, column, &moment, &styles.date)?;
            }
            None => {
                sheet.write_string(row, column, text)?;
            }
        },
    }
    Ok(())
}

/// A date the spreadsheet can hold as a date cell (1900-03-01 and later,
/// past Excel's 1900 leap-year quirk); earlier dates stay text.
fn date_cell(text: &str) -> Option<ExcelDateTime> {
    let date = crate::model::calendar::parse_date(text)?;
    use chrono::Datelike;
    if (date.year(), date.month()) < (1900, 3) {
        return None;
    }
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8).ok()
}

fn list(items: impl Iterator<Item = String>) -> Out {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        Out::Empty
    } else {
        Out::Text(items.join("; "))
    }
}

/// Ids that the register cannot hold as they are: list cells split at `;`
/// and spaces, and the importer skips rows whose id starts like the
/// template's example and explanation rows. One message per id.
pub fn unwritable_ids(portfolio: &Json) -> Vec<String> {
    let nodes = || {
        [Kind::Projects, Kind::Components, Kind::Capabilities]
            .into_iter()
            .flat_map(|kind| portfolio[kind.json_list()].as_array().into_iter().flatten())
    };
    let mut messages: Vec<String> = nodes()
        .filter_map(|node| node["id"].as_str())
        .filter(|id| id.starts_with(EXAMPLE_PREFIX) || id.starts_with(EXPLANATION_MARK))
        .map(|id| format!("id \"{id}\" would be read back as a template example row"))
        .collect();
    let listed = nodes()
        .flat_map(|node| {
            ["depends_on", "uses", "delivers"]
                .into_iter()
                .flat_map(move |list| node[list].as_array().into_iter().flatten())
        })
        .chain(portfolio["domains"].as_array().into_iter().flatten())
        .filter_map(|entry| link_record(entry).map(|l| l.id().to_string()));
    for id in listed {
        let splits = id.is_empty() || id.contains(';') || id.chars().any(char::is_whitespace);
        let message = format!("\"{id}\" cannot stand in a list cell (it holds ; or a space)");
        if splits && !messages.contains(&message) {
            messages.push(message);
        }
    }
    messages
}
