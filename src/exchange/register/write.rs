//! The register as an `.xlsx` workbook (rust_xlsxwriter): the empty
//! template of `import register --template` (headers, a row explaining
//! each column, two example rows) and `export xlsx` (the portfolio's
//! records, the status updates and the schedule figures). Both follow
//! [`super::columns`], so that what capgraph writes it reads back.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::cells::link_text;
use super::columns::{
    bind_header, columns, figure_columns, Binding, Column, Field, Kind, PortfolioKey, PortfolioRow,
    AUTHORISED, EXPLANATION_MARK, PORTFOLIO_ROWS,
};
use crate::exchange::export::figures::{ExportGraph, ExportNode};
use crate::model::records::{
    DescriptionRecord, LinkRecord, PortfolioRecord, ProfileRecord, StatusRecord, UpdateRecord,
};
use crate::model::values::json_number;
use crate::model::AttributeValue;

/// What `export xlsx` writes.
#[derive(Debug, Clone, Copy)]
pub struct RegisterContent<'a> {
    pub portfolio: &'a PortfolioRecord,
    pub status: Option<&'a StatusRecord>,
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
    use super::columns::Value;
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
    let record = content.portfolio;
    let figures = |id: &str| {
        content
            .figures
            .nodes
            .binary_search_by(|n| n.id.cmp(id))
            .ok()
            .map(|i| &content.figures.nodes[i])
    };
    let projects: Vec<NodeRow> = record
        .projects
        .iter()
        .map(|p| {
            let mut cells = vec![
                (Field::Id, Out::Text(p.id.clone())),
                (Field::Name, Out::Text(p.name.clone())),
                (Field::Domain, text(&p.domain)),
                (Field::DurationDays, days(p.duration_days)),
                (Field::Start, date(&p.start)),
                (Field::Finish, date(&p.finish)),
                (Field::DependsOn, links(&p.depends_on)),
                (Field::Uses, links(&p.uses)),
                (Field::Delivers, list(p.delivers.iter().cloned())),
                (Field::RangeMin, days(p.range.as_ref().and_then(|r| r.min))),
                (Field::RangeMax, days(p.range.as_ref().and_then(|r| r.max))),
            ];
            if let Some(cost) = &p.cost {
                cells.push((Field::Investment, number(cost.investment)));
                cells.push((Field::OmPerYear, number(cost.om_per_year)));
                cells.push((Field::Profile, profile(cost.profile.as_ref())));
            }
            let authorised = p
                .cost
                .as_ref()
                .and_then(|c| c.authorised.clone())
                .unwrap_or_default();
            NodeRow {
                cells,
                authorised,
                description: &p.description,
                figures: figures(&p.id),
            }
        })
        .collect();
    let components: Vec<NodeRow> = record
        .components
        .iter()
        .map(|c| NodeRow {
            cells: vec![
                (Field::Id, Out::Text(c.id.clone())),
                (Field::Name, Out::Text(c.name.clone())),
                (Field::Domain, text(&c.domain)),
                (Field::ProvidedBy, text(&c.provided_by)),
                (Field::Available, date(&c.available)),
                (
                    Field::Infrastructure,
                    c.infrastructure.map_or(Out::Empty, Out::Flag),
                ),
            ],
            authorised: Vec::new(),
            description: &c.description,
            figures: figures(&c.id),
        })
        .collect();
    let capabilities: Vec<NodeRow> = record
        .capabilities
        .iter()
        .map(|c| NodeRow {
            cells: vec![
                (Field::Id, Out::Text(c.id.clone())),
                (Field::Name, Out::Text(c.name.clone())),
                (Field::Domain, text(&c.domain)),
                (Field::Target, date(&c.target)),
                (Field::LegacyOmPerYear, number(c.legacy_om_per_year)),
            ],
            authorised: Vec::new(),
            description: &c.description,
            figures: figures(&c.id),
        })
        .collect();
    node_sheet(workbook.add_worksheet(), &styles, Kind::Projects, &projects)?;
    node_sheet(
        workbook.add_worksheet(),
        &styles,
        Kind::Components,
        &components,
    )?;
    node_sheet(
        workbook.add_worksheet(),
        &styles,
        Kind::Capabilities,
        &capabilities,
    )?;
    if let Some(status) = content.status {
        status_sheet(workbook.add_worksheet(), &styles, status)?;
    }
    workbook.save_to_buffer()
}

/// One node's cells by field, and what has columns of its own.
struct NodeRow<'a> {
    cells: Vec<(Field, Out)>,
    authorised: Vec<(String, f64)>,
    description: &'a DescriptionRecord,
    figures: Option<&'a ExportNode<'a>>,
}

fn node_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    kind: Kind,
    rows: &[NodeRow],
) -> Result<(), XlsxError> {
    sheet.set_name(kind.sheet_name())?;
    // Columns: the fields, every authorised year, every attribute (in
    // order of first use), then the schedule figures.
    let mut years: Vec<&str> = rows
        .iter()
        .flat_map(|r| r.authorised.iter().map(|(y, _)| y.as_str()))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut attributes: Vec<&str> = Vec::new();
    for row in rows {
        for (name, _) in row.description.attributes.iter().flatten() {
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
    for (i, row) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        let mut column = 0u16;
        for spec in fields {
            let out = match spec.field {
                Field::Owner => text(&row.description.owner),
                Field::Notes => text(&row.description.notes),
                field => row
                    .cells
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map_or(Out::Empty, |(_, out)| out.clone()),
            };
            write_cell(sheet, styles, r, column, &out)?;
            column += 1;
        }
        for year in &years {
            let amount = row
                .authorised
                .iter()
                .find(|(y, _)| y == year)
                .map(|(_, a)| *a);
            write_cell(sheet, styles, r, column, &number(amount))?;
            column += 1;
        }
        for name in &attributes {
            let attributes = row.description.attributes.iter().flatten();
            let out = match attributes.into_iter().find(|(n, _)| n == name) {
                Some((_, AttributeValue::Number(n))) => Out::Number(*n),
                Some((_, AttributeValue::Text(t))) => Out::Text(t.clone()),
                None => Out::Empty,
            };
            write_cell(sheet, styles, r, column, &out)?;
            column += 1;
        }
        for spec in &figure_specs {
            let out = row.figures.map_or(Out::Empty, |n| figure(n, spec.field));
            write_cell(sheet, styles, r, column, &out)?;
            column += 1;
        }
    }
    Ok(())
}

fn figure(node: &ExportNode, field: Field) -> Out {
    match field {
        Field::EarlyStart => Out::Date(node.early_start.clone()),
        Field::EarlyFinish => Out::Date(node.early_finish.clone()),
        Field::TotalFloat => Out::Number(node.total_float as f64),
        Field::Critical => Out::Flag(node.critical),
        Field::MarginDays => days(node.margin),
        _ => Out::Empty,
    }
}

fn status_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    status: &StatusRecord,
) -> Result<(), XlsxError> {
    sheet.set_name(Kind::Status.sheet_name())?;
    let specs = columns(Kind::Status);
    write_headers(sheet, styles, specs.iter().map(|c| c.header))?;
    for (i, update) in status.updates.iter().enumerate() {
        for (column, spec) in specs.iter().enumerate() {
            let out = update_cell(update, &status.as_of, spec.field);
            write_cell(sheet, styles, 1 + i as u32, column as u16, &out)?;
        }
    }
    Ok(())
}

fn update_cell(update: &UpdateRecord, as_of: &str, field: Field) -> Out {
    match field {
        Field::Id => Out::Text(update.id.clone()),
        Field::AsOf => Out::Date(as_of.to_string()),
        Field::DelayDays => days(update.delay_days),
        Field::ActualStart => date(&update.actual_start),
        Field::ActualFinish => date(&update.actual_finish),
        Field::ForecastFinish => date(&update.forecast_finish),
        Field::RemainingDays => days(update.remaining_days),
        Field::Note => text(&update.note),
        Field::PercentComplete => number(update.percent_complete),
        Field::ActualCost => number(update.actual_cost),
        Field::EstimateAtCompletion => number(update.estimate_at_completion),
        _ => Out::Empty,
    }
}

/// The Portfolio sheet of an export: one `Field | Value` row per value
/// given, each with its explanation and an example.
fn portfolio_sheet(
    sheet: &mut Worksheet,
    styles: &Styles,
    record: &PortfolioRecord,
) -> Result<(), XlsxError> {
    let header = &record.portfolio;
    let mut rows: Vec<(String, Out, &PortfolioRow)> = Vec::new();
    for spec in &PORTFOLIO_ROWS {
        let label = spec.label.to_string();
        let value = match spec.key {
            PortfolioKey::Name => Out::Text(header.name.clone()),
            PortfolioKey::Start => Out::Date(header.start.clone()),
            PortfolioKey::Currency => text(&header.currency),
            PortfolioKey::FiscalYearStart => text(&header.fiscal_year_start),
            PortfolioKey::Domains => record
                .domains
                .as_ref()
                .map_or(Out::Empty, |d| list(d.iter().cloned())),
            PortfolioKey::DefaultRangePct => record
                .risk
                .as_ref()
                .and_then(|r| r.default_range_pct.as_ref())
                .map_or(Out::Empty, |pct| numbers(pct)),
            PortfolioKey::InvestmentCeiling | PortfolioKey::OmCeiling => {
                let ceilings = record.ceilings.as_ref();
                let years = if spec.key == PortfolioKey::InvestmentCeiling {
                    ceilings.and_then(|c| c.investment.as_ref())
                } else {
                    ceilings.and_then(|c| c.om.as_ref())
                };
                for (year, amount) in years.into_iter().flatten() {
                    rows.push((format!("{label} {year}"), Out::Number(*amount), spec));
                }
                continue;
            }
        };
        rows.push((label, value, spec));
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

fn text(value: &Option<String>) -> Out {
    value.clone().map_or(Out::Empty, Out::Text)
}

fn date(value: &Option<String>) -> Out {
    value.clone().map_or(Out::Empty, Out::Date)
}

fn days(value: Option<i64>) -> Out {
    value.map_or(Out::Empty, |d| Out::Number(d as f64))
}

fn number(value: Option<f64>) -> Out {
    value.map_or(Out::Empty, Out::Number)
}

fn list(items: impl Iterator<Item = String>) -> Out {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        Out::Empty
    } else {
        Out::Text(items.join("; "))
    }
}

fn links(links: &[LinkRecord]) -> Out {
    list(links.iter().map(link_text))
}

fn numbers(values: &[f64]) -> Out {
    list(values.iter().map(|n| json_number(*n).to_string()))
}

fn profile(profile: Option<&ProfileRecord>) -> Out {
    match profile {
        None => Out::Empty,
        Some(ProfileRecord::Name(name)) => Out::Text(name.clone()),
        Some(ProfileRecord::Weights(weights)) => numbers(weights),
    }
}

/// Ids that the register cannot hold as they are: list cells split at `;`
/// and spaces, and the importer skips rows whose id starts like the
/// template's example and explanation rows. One message per id.
pub fn unwritable_ids(record: &PortfolioRecord) -> Vec<String> {
    use super::columns::EXAMPLE_PREFIX;
    let node_ids = record
        .projects
        .iter()
        .map(|p| p.id.as_str())
        .chain(record.components.iter().map(|c| c.id.as_str()))
        .chain(record.capabilities.iter().map(|c| c.id.as_str()));
    let mut messages: Vec<String> = node_ids
        .filter(|id| id.starts_with(EXAMPLE_PREFIX) || id.starts_with(EXPLANATION_MARK))
        .map(|id| format!("id \"{id}\" would be read back as a template example row"))
        .collect();
    let listed = record
        .projects
        .iter()
        .flat_map(|p| {
            p.depends_on
                .iter()
                .chain(&p.uses)
                .map(LinkRecord::id)
                .chain(p.delivers.iter().map(String::as_str))
        })
        .chain(record.domains.iter().flatten().map(String::as_str));
    for id in listed {
        let splits = id.is_empty() || id.contains(';') || id.chars().any(char::is_whitespace);
        let message = format!("\"{id}\" cannot stand in a list cell (it holds ; or a space)");
        if splits && !messages.contains(&message) {
            messages.push(message);
        }
    }
    messages
}
