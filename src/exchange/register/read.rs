//! The register's sheets → portfolio and status records (SPEC §10): the
//! header row binds each column to a field ([`super::columns`]), each row
//! becomes one record, every cell that does not read is a problem with its
//! place. What the records mean together (ids that resolve, cycles, dates
//! before the start) is left to `check`'s validation, whose problems
//! [`Locator`] places back in the register.

use std::collections::{BTreeMap, HashMap};

use super::cells::{self, CellProblem, CellProblemKind};
use super::columns::{
    bind_header, bind_portfolio_key, columns, Binding, Field, Kind, PortfolioKey, Value,
    EXAMPLE_PREFIX, EXPLANATION_MARK,
};
use super::locate::{Locator, Place, RowPlaces};
use super::table::{Cell, Table};
use crate::model::problem::did_you_mean;
use crate::model::records::{
    CapabilityRecord, CeilingsRecord, ComponentRecord, CostRecord, DescriptionRecord, HeaderRecord,
    LinkRecord, PortfolioRecord, ProfileRecord, ProjectRecord, RangeRecord, RiskRecord,
    StatusRecord, UpdateRecord,
};
use crate::model::{AttributeValue, Problem, ProblemCode};

/// Choices the command line makes.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// `--start`: the portfolio's day 0, over the Portfolio sheet's.
    pub start: Option<String>,
    /// The portfolio's name when no Portfolio sheet gives one.
    pub default_name: String,
}

/// Where the portfolio's start came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartSource {
    Sheet,
    CommandLine,
    /// No Portfolio sheet nor `--start`: the earliest project start (this id).
    EarliestProject(String),
    Missing,
}

/// What the import read, for the summary on stderr.
#[derive(Debug, Clone, Default)]
pub struct ReadSummary {
    /// Records read per kind, with the sheet (file) they came from.
    pub counts: Vec<(Kind, String, usize)>,
    /// Columns read as attributes: (sheet, header).
    pub attribute_columns: Vec<(String, String)>,
    /// Schedule-figure columns left unread: (sheet, header).
    pub figure_columns: Vec<(String, String)>,
    pub explanation_rows: usize,
    pub example_rows: usize,
    pub start: Option<StartSource>,
}

/// The register as records, with the place of every value and the
/// problems found reading the cells.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub portfolio: PortfolioRecord,
    pub status: Option<StatusRecord>,
    pub locator: Locator,
    pub summary: ReadSummary,
    pub problems: Vec<Problem>,
    /// A sheet's layout is broken (no Id column, two sheets of one kind):
    /// checking the records would only repeat that problem many times.
    pub layout_broken: bool,
}

/// Reads the register's tables (at most one per kind).
pub fn read_register(tables: &[Table], options: &ReadOptions) -> Register {
    let mut register = Register::default();
    let mut seen: HashMap<Kind, &Table> = HashMap::new();
    for table in tables {
        if let Some(first) = seen.insert(table.kind, table) {
            register.layout_broken = true;
            register.problems.push(
                Problem::new(
                    ProblemCode::DuplicateKey,
                    &table.file,
                    &table.address(0, 0),
                    format!(
                        "a second {} sheet: {} ({}) and {} ({})",
                        table.kind.sheet_name(),
                        first.sheet,
                        first.file,
                        table.sheet,
                        table.file
                    ),
                )
                .with_hint(Some(
                    "give one sheet (or one CSV file) per kind".to_string(),
                )),
            );
        }
    }
    let mut reader = Reader {
        register: &mut register,
    };
    let mut header = None;
    for kind in Kind::ALL {
        let Some(table) = tables.iter().find(|t| t.kind == kind) else {
            continue;
        };
        match kind {
            Kind::Portfolio => header = Some(reader.portfolio_sheet(table)),
            _ => reader.node_sheet(table),
        }
    }
    reader.finish_header(header, options);
    register
}

struct Reader<'r> {
    register: &'r mut Register,
}

/// One bound column of a sheet.
#[derive(Debug, Clone)]
struct Bound {
    column: usize,
    binding: Binding,
}

impl Reader<'_> {
    fn problem(&mut self, table: &Table, row: usize, column: usize, p: CellProblem) {
        let code = match p.kind {
            CellProblemKind::WrongType => ProblemCode::WrongType,
            CellProblemKind::InvalidDate => ProblemCode::InvalidDate,
            CellProblemKind::OutOfRange => ProblemCode::DaysOutOfRange,
            CellProblemKind::UnknownLinkType => ProblemCode::UnknownLinkType,
        };
        self.register.problems.push(
            Problem::new(code, &table.file, &table.address(row, column), p.message)
                .with_hint(p.hint),
        );
    }

    fn layout_problem(
        &mut self,
        table: &Table,
        row: usize,
        column: usize,
        message: String,
        hint: String,
    ) {
        self.register.layout_broken = true;
        self.register.problems.push(
            Problem::new(
                ProblemCode::MissingField,
                &table.file,
                &table.address(row, column),
                message,
            )
            .with_hint(Some(hint)),
        );
    }

    /// The header row (the first non-empty row) bound to fields.
    fn bind(&mut self, table: &Table) -> Option<(usize, Vec<Bound>)> {
        let header_row = table
            .rows
            .iter()
            .position(|r| r.iter().any(|c| !c.is_empty()))?;
        let mut bound: Vec<Bound> = Vec::new();
        let mut headers = Vec::new();
        for (column, cell) in table.rows[header_row].iter().enumerate() {
            let text = match cells::text(cell) {
                Ok(Some(text)) => text,
                Ok(None) => {
                    let used = table.rows[header_row + 1..]
                        .iter()
                        .position(|r| r.get(column).is_some_and(|c| !c.is_empty()));
                    if let Some(row) = used {
                        self.register.problems.push(
                            Problem::new(
                                ProblemCode::MissingField,
                                &table.file,
                                &table.address(header_row, column),
                                format!(
                                    "this column has values ({}) but no header",
                                    table.address(header_row + 1 + row, column)
                                ),
                            )
                            .with_hint(Some("name the column, or clear it".to_string())),
                        );
                    }
                    continue;
                }
                Err(p) => {
                    self.problem(table, header_row, column, p);
                    continue;
                }
            };
            let binding = bind_header(table.kind, &text);
            if let Some(earlier) = bound.iter().find(|b| b.binding == binding) {
                self.register.problems.push(
                    Problem::new(
                        ProblemCode::DuplicateKey,
                        &table.file,
                        &table.address(header_row, column),
                        format!(
                            "\"{text}\" names the same field as {}",
                            table.address(header_row, earlier.column)
                        ),
                    )
                    .with_hint(Some("keep one of the two columns".to_string())),
                );
                continue;
            }
            headers.push(text);
            bound.push(Bound { column, binding });
        }
        let has = |field| bound.iter().any(|b| b.binding == Binding::Field(field));
        let required: &[Field] = match table.kind {
            Kind::Status => &[Field::Id],
            _ => &[Field::Id, Field::Name],
        };
        for field in required {
            if !has(*field) {
                let header = columns(table.kind)
                    .iter()
                    .find(|c| c.field == *field)
                    .map_or("Id", |c| c.header);
                self.layout_problem(
                    table,
                    header_row,
                    0,
                    format!(
                        "the {} sheet has no {header} column (its headers: {})",
                        table.kind.sheet_name(),
                        headers.join(", ")
                    ),
                    format!("add a column headed {header}"),
                );
            }
        }
        Some((header_row, bound))
    }

    /// Projects, Components, Capabilities or Status: one record per row.
    fn node_sheet(&mut self, table: &Table) {
        let Some((header_row, bound)) = self.bind(table) else {
            return;
        };
        for b in &bound {
            let header = cells::text(table.cell(header_row, b.column))
                .ok()
                .flatten()
                .unwrap_or_default();
            match &b.binding {
                Binding::Field(field) if field.value() == Value::Figure => self
                    .register
                    .summary
                    .figure_columns
                    .push((table.sheet.clone(), header)),
                Binding::Attribute(_) if table.kind == Kind::Status => {
                    let known = columns(Kind::Status).iter().map(|c| c.header);
                    let hint = did_you_mean(&header, known).unwrap_or_else(|| {
                        "a status update has no other fields; delete the column".to_string()
                    });
                    self.register.problems.push(
                        Problem::new(
                            ProblemCode::UnknownField,
                            &table.file,
                            &table.address(header_row, b.column),
                            format!("\"{header}\" is no field of a status update"),
                        )
                        .with_hint(Some(hint)),
                    );
                }
                Binding::Attribute(_) => self
                    .register
                    .summary
                    .attribute_columns
                    .push((table.sheet.clone(), header)),
                _ => {}
            }
        }
        let id_column = bound
            .iter()
            .find(|b| b.binding == Binding::Field(Field::Id))
            .map(|b| b.column);
        let Some(id_column) = id_column else {
            return;
        };
        let mut count = 0;
        let mut as_of: Option<(String, usize, usize)> = None;
        for row in header_row + 1..table.rows.len() {
            if table.rows[row].iter().all(Cell::is_empty) {
                continue;
            }
            let id = match cells::id(table.cell(row, id_column)) {
                Ok(id) => id.unwrap_or_default(),
                Err(p) => {
                    self.problem(table, row, id_column, p);
                    continue;
                }
            };
            if id.starts_with(EXPLANATION_MARK) {
                self.register.summary.explanation_rows += 1;
                continue;
            }
            if id.starts_with(EXAMPLE_PREFIX) {
                self.register.summary.example_rows += 1;
                continue;
            }
            if id.is_empty() {
                self.register.problems.push(
                    Problem::new(
                        ProblemCode::EmptyId,
                        &table.file,
                        &table.address(row, id_column),
                        format!(
                            "row {} has values but no id",
                            table.origin.0 as usize + row + 1
                        ),
                    )
                    .with_hint(Some("give every row an id, or clear the row".to_string())),
                );
                continue;
            }
            count += 1;
            let mut values = RowValues::new(self, table, row, &id);
            for b in &bound {
                values.read(b);
            }
            let (record, places) = values.finish();
            let list = table.kind.json_list();
            self.register.locator.push_row(list, places);
            match record {
                Record::Project(p) => self.register.portfolio.projects.push(p),
                Record::Component(c) => self.register.portfolio.components.push(c),
                Record::Capability(c) => self.register.portfolio.capabilities.push(c),
                Record::Update(u, date) => {
                    let status = self.register.status.get_or_insert_with(Default::default);
                    status.updates.push(u);
                    if let Some((date, column)) = date {
                        match &as_of {
                            None => {
                                status.as_of = date.clone();
                                self.register.locator.set_top(
                                    "as_of".to_string(),
                                    Place {
                                        file: table.file.clone(),
                                        cell: table.address(row, column),
                                    },
                                );
                                as_of = Some((date, row, column));
                            }
                            Some((first, first_row, first_column)) if *first != date => {
                                self.register.problems.push(Problem::new(
                                    ProblemCode::WrongType,
                                    &table.file,
                                    &table.address(row, column),
                                    format!(
                                        "As of {date} differs from {first} in {}: a status has one date",
                                        table.address(*first_row, *first_column)
                                    ),
                                ));
                            }
                            Some(_) => {}
                        }
                    }
                }
            }
        }
        if table.kind == Kind::Status && count > 0 && as_of.is_none() {
            let column = bound
                .iter()
                .find(|b| b.binding == Binding::Field(Field::AsOf))
                .map_or(0, |b| b.column);
            self.register.problems.push(
                Problem::new(
                    ProblemCode::MissingField,
                    &table.file,
                    &table.address(header_row, column),
                    "the status updates have no As of date",
                )
                .with_hint(Some(
                    "add an \"As of\" column with the status date".to_string(),
                )),
            );
        }
        self.register
            .summary
            .counts
            .push((table.kind, table.sheet.clone(), count));
    }

    /// The Portfolio sheet: `Field | Value` rows.
    fn portfolio_sheet(&mut self, table: &Table) -> HeaderRecord {
        let mut header = HeaderRecord::default();
        let place = |row: usize, column: usize| Place {
            file: table.file.clone(),
            cell: table.address(row, column),
        };
        self.register.locator.set_header(place(0, 0));
        let mut portfolio = std::mem::take(&mut self.register.portfolio);
        for row in 0..table.rows.len() {
            let key_cell = table.cell(row, 0);
            if key_cell.is_empty() {
                continue;
            }
            let key = match cells::text(key_cell) {
                Ok(key) => key.unwrap_or_default(),
                Err(p) => {
                    self.problem(table, row, 0, p);
                    continue;
                }
            };
            let Some((spec, year)) = bind_portfolio_key(&key) else {
                if row == 0 || super::columns::normalise(&key) == "field" {
                    continue; // a `Field | Value` heading
                }
                let labels = super::columns::PORTFOLIO_ROWS.iter().map(|r| r.label);
                self.register.problems.push(
                    Problem::new(
                        ProblemCode::UnknownField,
                        &table.file,
                        &table.address(row, 0),
                        format!("\"{key}\" is no field of the portfolio"),
                    )
                    .with_hint(did_you_mean(&key, labels).or_else(|| {
                        Some(
                            "the rows are Name, Start, Currency, Fiscal year start, Domains, Default range pct, Investment ceiling YEAR, O&M ceiling YEAR"
                                .to_string(),
                        )
                    })),
                );
                continue;
            };
            let cell = table.cell(row, 1);
            let pointer = match &year {
                Some(year) => format!("{}/{year}", spec.pointer),
                None => spec.pointer.to_string(),
            };
            self.register.locator.set_top(pointer, place(row, 1));
            let mut problem = None;
            match spec.key {
                PortfolioKey::Name => match cells::text(cell) {
                    Ok(v) => header.name = v.unwrap_or_default(),
                    Err(p) => problem = Some(p),
                },
                PortfolioKey::Currency => match cells::id(cell) {
                    Ok(v) => header.currency = v,
                    Err(p) => problem = Some(p),
                },
                PortfolioKey::FiscalYearStart => match cells::id(cell) {
                    Ok(v) => header.fiscal_year_start = v,
                    Err(p) => problem = Some(p),
                },
                PortfolioKey::Start => match cells::date(cell) {
                    Ok(v) => header.start = v.unwrap_or_default(),
                    Err(p) => problem = Some(p),
                },
                PortfolioKey::Domains => match cells::entries(cell) {
                    Ok(v) if !v.is_empty() => portfolio.domains = Some(v),
                    Ok(_) => {}
                    Err(p) => problem = Some(p),
                },
                PortfolioKey::DefaultRangePct => {
                    match cells::entries(cell).and_then(|e| cells::numbers(&e)) {
                        Ok(v) if !v.is_empty() => {
                            portfolio.risk = Some(RiskRecord {
                                default_range_pct: Some(v),
                            })
                        }
                        Ok(_) => {}
                        Err(p) => problem = Some(p),
                    }
                }
                PortfolioKey::InvestmentCeiling | PortfolioKey::OmCeiling => {
                    match cells::number(cell) {
                        Ok(Some(amount)) => {
                            let ceilings = portfolio
                                .ceilings
                                .get_or_insert_with(CeilingsRecord::default);
                            let years = if spec.key == PortfolioKey::InvestmentCeiling {
                                &mut ceilings.investment
                            } else {
                                &mut ceilings.om
                            };
                            years
                                .get_or_insert_with(Vec::new)
                                .push((year.clone().unwrap_or_default(), amount));
                        }
                        Ok(None) => {}
                        Err(p) => problem = Some(p),
                    }
                }
            }
            if let Some(p) = problem {
                self.problem(table, row, 1, p);
            }
        }
        self.register.portfolio = portfolio;
        self.register
            .summary
            .counts
            .push((Kind::Portfolio, table.sheet.clone(), 1));
        header
    }

    /// The portfolio header: the sheet's, `--start` over its start, else
    /// the earliest project start.
    fn finish_header(&mut self, header: Option<HeaderRecord>, options: &ReadOptions) {
        let had_sheet = header.is_some();
        let mut header = header.unwrap_or_else(|| HeaderRecord {
            name: options.default_name.clone(),
            ..HeaderRecord::default()
        });
        let source = if let Some(start) = &options.start {
            header.start = start.clone();
            StartSource::CommandLine
        } else if !header.start.is_empty() {
            StartSource::Sheet
        } else {
            let earliest = self
                .register
                .portfolio
                .projects
                .iter()
                .filter_map(|p| Some((p.start.as_deref()?, p.id.as_str())))
                .min();
            match earliest {
                Some((start, id)) => {
                    header.start = start.to_string();
                    StartSource::EarliestProject(id.to_string())
                }
                None => {
                    let place = if had_sheet {
                        "the Portfolio sheet"
                    } else {
                        "the register"
                    };
                    self.register.layout_broken = true;
                    self.register.problems.push(
                        Problem::new(
                            ProblemCode::MissingField,
                            "",
                            "",
                            format!("{place} gives no portfolio start, and no project has a start"),
                        )
                        .with_hint(Some(
                            "add a Start row to the Portfolio sheet, or give --start YYYY-MM-DD"
                                .to_string(),
                        )),
                    );
                    StartSource::Missing
                }
            }
        };
        if had_sheet && header.name.trim().is_empty() {
            header.name = options.default_name.clone();
        }
        self.register.summary.start = Some(source);
        self.register.portfolio.portfolio = header;
    }
}

/// One row's record, kind by kind.
enum Record {
    Project(ProjectRecord),
    Component(ComponentRecord),
    Capability(CapabilityRecord),
    /// The update and its As of date with its column.
    Update(UpdateRecord, Option<(String, usize)>),
}

/// The values of one row, read column by column.
struct RowValues<'a, 'r> {
    reader: &'a mut Reader<'r>,
    table: &'a Table,
    row: usize,
    id: String,
    places: RowPlaces,
    text: BTreeMap<FieldKey, String>,
    days: BTreeMap<FieldKey, i64>,
    numbers: BTreeMap<FieldKey, f64>,
    dates: BTreeMap<FieldKey, (String, usize)>,
    flag: Option<bool>,
    links: BTreeMap<FieldKey, Vec<LinkRecord>>,
    ids: Vec<String>,
    profile: Option<ProfileRecord>,
    authorised: Vec<(String, f64)>,
    attributes: Vec<(String, AttributeValue)>,
}

/// A field as a sortable map key.
type FieldKey = &'static str;

impl<'a, 'r> RowValues<'a, 'r> {
    fn new(reader: &'a mut Reader<'r>, table: &'a Table, row: usize, id: &str) -> Self {
        RowValues {
            reader,
            table,
            row,
            id: id.to_string(),
            places: RowPlaces::default(),
            text: BTreeMap::new(),
            days: BTreeMap::new(),
            numbers: BTreeMap::new(),
            dates: BTreeMap::new(),
            flag: None,
            links: BTreeMap::new(),
            ids: Vec::new(),
            profile: None,
            authorised: Vec::new(),
            attributes: Vec::new(),
        }
    }

    fn place(&mut self, pointer: String, column: usize) {
        let place = Place {
            file: self.table.file.clone(),
            cell: self.table.address(self.row, column),
        };
        if pointer == "id" {
            self.places.id = Some(place.clone());
        }
        self.places.fields.push((pointer, place));
    }

    fn fail(&mut self, column: usize, p: CellProblem) {
        self.reader.problem(self.table, self.row, column, p);
    }

    fn read(&mut self, bound: &Bound) {
        let cell = self.table.cell(self.row, bound.column);
        let column = bound.column;
        match &bound.binding {
            Binding::Field(field) => {
                let key = field.pointer();
                if key.is_empty() {
                    return;
                }
                self.place(key.to_string(), column);
                // Problems about the cost or the range as a whole land on
                // its first column.
                match field {
                    Field::Investment => self.place("cost".to_string(), column),
                    Field::RangeMin => self.place("range".to_string(), column),
                    _ => {}
                }
                self.field(*field, key, cell, column);
            }
            Binding::Authorised(year) => {
                self.place(format!("cost/authorised/{year}"), column);
                match cells::number(cell) {
                    Ok(Some(n)) => self.authorised.push((year.clone(), n)),
                    Ok(None) => {}
                    Err(p) => self.fail(column, p),
                }
            }
            Binding::Attribute(name) => {
                let pointer = format!("attributes/{}", crate::model::problem::pointer_token(name));
                self.place(pointer, column);
                let value = match cell {
                    Cell::Number(n) => Some(AttributeValue::Number(*n)),
                    other => match cells::text(other) {
                        Ok(text) => text.map(AttributeValue::Text),
                        Err(p) => {
                            self.fail(column, p);
                            None
                        }
                    },
                };
                if let Some(value) = value {
                    self.attributes.push((name.clone(), value));
                }
            }
        }
    }

    fn field(&mut self, field: Field, key: FieldKey, cell: &Cell, column: usize) {
        let result = match field.value() {
            Value::Text => {
                let read = if field == Field::Id || field == Field::Domain || field == Field::ProvidedBy {
                    cells::id(cell)
                } else {
                    cells::text(cell)
                };
                read.map(|v| {
                    if let Some(v) = v {
                        self.text.insert(key, v);
                    }
                })
            }
            Value::Days => cells::days(cell).map(|v| {
                if let Some(v) = v {
                    self.days.insert(key, v);
                }
            }),
            Value::Number => cells::number(cell).map(|v| {
                if let Some(v) = v {
                    self.numbers.insert(key, v);
                }
            }),
            Value::Date => cells::date(cell).map(|v| {
                if let Some(v) = v {
                    self.dates.insert(key, (v, column));
                }
            }),
            Value::Flag => cells::flag(cell).map(|v| self.flag = v),
            Value::Links => match cells::entries(cell) {
                Ok(entries) => {
                    let mut links = Vec::new();
                    for entry in entries {
                        match cells::link(&entry) {
                            Ok(link) => links.push(link),
                            Err(p) => self.fail(column, p),
                        }
                    }
                    self.links.insert(key, links);
                    Ok(())
                }
                Err(p) => Err(p),
            },
            Value::Ids => cells::entries(cell).and_then(|entries| {
                for entry in entries {
                    if entry.split_whitespace().count() > 1 {
                        return Err(CellProblem {
                            message: format!("\"{entry}\" is not a plain id: capabilities take no link type or lag"),
                            hint: Some("write the capability ids separated by ;".to_string()),
                            kind: CellProblemKind::WrongType,
                        });
                    }
                    self.ids.push(entry);
                }
                Ok(())
            }),
            Value::Profile => cells::entries(cell).and_then(|entries| {
                self.profile = match entries.as_slice() {
                    [] => None,
                    [name] if cells::numbers(&entries).is_err() => {
                        Some(ProfileRecord::Name(name.clone()))
                    }
                    _ => Some(ProfileRecord::Weights(cells::numbers(&entries)?)),
                };
                Ok(())
            }),
            Value::Figure => Ok(()),
        };
        if let Err(p) = result {
            self.fail(column, p);
        }
    }

    fn text(&mut self, key: FieldKey) -> Option<String> {
        self.text.remove(key)
    }

    fn date(&mut self, key: FieldKey) -> Option<String> {
        self.dates.remove(key).map(|(d, _)| d)
    }

    fn description(&mut self) -> DescriptionRecord {
        DescriptionRecord {
            owner: self.text("owner"),
            notes: self.text("notes"),
            attributes: (!self.attributes.is_empty()).then(|| std::mem::take(&mut self.attributes)),
        }
    }

    /// A name is required: an empty name cell is a problem.
    fn name(&mut self) -> String {
        let name = self.text("name");
        if name.is_none() {
            let column = self
                .places
                .fields
                .iter()
                .find(|(p, _)| p == "name")
                .map(|(_, place)| place.cell.clone());
            if let Some(cell) = column {
                let noun = self.table.kind.noun();
                self.reader.register.problems.push(
                    Problem::new(
                        ProblemCode::MissingField,
                        &self.table.file,
                        &cell,
                        format!("{noun} \"{}\" has no name", self.id),
                    )
                    .with_id(&self.id),
                );
            }
        }
        name.unwrap_or_default()
    }

    fn finish(mut self) -> (Record, RowPlaces) {
        let name = match self.table.kind {
            Kind::Status | Kind::Portfolio => String::new(),
            _ => self.name(),
        };
        let id = std::mem::take(&mut self.id);
        let record = match self.table.kind {
            Kind::Projects => {
                let cost = CostRecord {
                    investment: self.numbers.remove("cost/investment"),
                    om_per_year: self.numbers.remove("cost/om_per_year"),
                    profile: self.profile.take(),
                    authorised: (!self.authorised.is_empty())
                        .then(|| std::mem::take(&mut self.authorised)),
                };
                let has_cost = cost.investment.is_some()
                    || cost.om_per_year.is_some()
                    || cost.profile.is_some()
                    || cost.authorised.is_some();
                let range = RangeRecord {
                    min: self.days.remove("range/min"),
                    max: self.days.remove("range/max"),
                };
                let has_range = range.min.is_some() || range.max.is_some();
                Record::Project(ProjectRecord {
                    name: name.clone(),
                    domain: self.text("domain"),
                    duration_days: self.days.remove("duration_days"),
                    start: self.date("start"),
                    finish: self.date("finish"),
                    cost: has_cost.then_some(cost),
                    depends_on: self.links.remove("depends_on").unwrap_or_default(),
                    uses: self.links.remove("uses").unwrap_or_default(),
                    delivers: std::mem::take(&mut self.ids),
                    range: has_range.then_some(range),
                    description: self.description(),
                    id,
                })
            }
            Kind::Components => Record::Component(ComponentRecord {
                name: name.clone(),
                domain: self.text("domain"),
                provided_by: self.text("provided_by"),
                available: self.date("available"),
                infrastructure: self.flag,
                description: self.description(),
                id,
            }),
            Kind::Capabilities => Record::Capability(CapabilityRecord {
                name: name.clone(),
                domain: self.text("domain"),
                target: self.date("target"),
                legacy_om_per_year: self.numbers.remove("legacy_om_per_year"),
                description: self.description(),
                id,
            }),
            Kind::Status | Kind::Portfolio => {
                let as_of = self.dates.remove("as_of");
                Record::Update(
                    UpdateRecord {
                        delay_days: self.days.remove("delay_days"),
                        actual_start: self.date("actual_start"),
                        actual_finish: self.date("actual_finish"),
                        forecast_finish: self.date("forecast_finish"),
                        remaining_days: self.days.remove("remaining_days"),
                        note: self.text("note"),
                        percent_complete: self.numbers.remove("percent_complete"),
                        actual_cost: self.numbers.remove("actual_cost"),
                        estimate_at_completion: self.numbers.remove("estimate_at_completion"),
                        id,
                    },
                    as_of,
                )
            }
        };
        (record, self.places)
    }
}
