//! The register's sheets as grids of cells, read from an `.xlsx` workbook
//! (calamine) or from `.csv` files (one per kind), each cell knowing its
//! spreadsheet address (`Projects!F12`) for problems.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::columns::Kind;
use crate::model::{Problem, ProblemCode};

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Flag(bool),
    /// A spreadsheet date cell (its time of day, if any, dropped).
    Date {
        year: u16,
        month: u8,
        day: u8,
    },
    /// A spreadsheet error (`#N/A`) or a duration cell: never a value.
    Unusable(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet of a workbook, or one CSV file.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file it came from, as given on the command line.
    pub file: String,
    /// The sheet's name (a CSV file's name without `.csv`, as a spreadsheet
    /// program names the sheet when it opens the file).
    pub sheet: String,
    pub kind: Kind,
    /// The 0-based row and column of `rows[0][0]` in the sheet.
    pub origin: (u32, u32),
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// `Projects!F12` for the cell at `row`, `column` of [`Table::rows`].
    pub fn address(&self, row: usize, column: usize) -> String {
        format!(
            "{}!{}{}",
            self.sheet,
            column_letters(self.origin.1 as usize + column),
            self.origin.0 as usize + row + 1
        )
    }

    pub fn cell(&self, row: usize, column: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|cells| cells.get(column))
            .unwrap_or(&Cell::Empty)
    }
}

/// `A`, …, `Z`, `AA`, … for a 0-based column.
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// What a workbook held besides the register's sheets.
#[derive(Debug, Clone, Default)]
pub struct Workbook {
    pub tables: Vec<Table>,
    /// Sheets whose name names no kind (`Read me`): not read.
    pub other_sheets: Vec<String>,
}

/// Reads every sheet of a workbook (`.xlsx`, also `.xlsm`, `.xls`, `.ods`).
pub fn read_workbook(bytes: Vec<u8>, file: &str) -> Result<Workbook, Vec<Problem>> {
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        vec![Problem::new(
            ProblemCode::Unreadable,
            file,
            "",
            format!("not a readable spreadsheet workbook: {e}"),
        )
        .with_hint(Some(
            "give an .xlsx workbook, or the register's sheets as .csv files".to_string(),
        ))]
    })?;
    let mut read = Workbook::default();
    let mut problems = Vec::new();
    for name in workbook.sheet_names() {
        let Some(kind) = Kind::from_name(&name) else {
            read.other_sheets.push(name);
            continue;
        };
        match workbook.worksheet_range(&name) {
            Ok(range) => {
                let origin = range.start().unwrap_or((0, 0));
                let rows = range
                    .rows()
                    .map(|row| row.iter().map(cell_of).collect())
                    .collect();
                read.tables.push(Table {
                    file: file.to_string(),
                    sheet: name,
                    kind,
                    origin,
                    rows,
                });
            }
            Err(e) => problems.push(Problem::new(
                ProblemCode::Unreadable,
                file,
                &format!("{name}!A1"),
                format!("cannot read sheet {name}: {e}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(read)
    } else {
        Err(problems)
    }
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Flag(*b),
        Data::DateTime(moment) if moment.is_datetime() => {
            let (year, month, day, ..) = moment.to_ymd_hms_milli();
            Cell::Date { year, month, day }
        }
        Data::DateTime(_) | Data::DurationIso(_) => {
            Cell::Unusable("a duration cell (write a number of days)".to_string())
        }
        Data::DateTimeIso(text) => Cell::Text(text.clone()),
        Data::Error(error) => Cell::Unusable(format!("the spreadsheet error {error}")),
    }
}

/// Reads one CSV file of the register (UTF-8, a byte-order mark allowed).
pub fn read_csv(bytes: &[u8], file: &str, sheet: &str, kind: Kind) -> Result<Table, Vec<Problem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            vec![Problem::new(
                ProblemCode::Syntax,
                file,
                &format!("{sheet}!A{line}"),
                format!("not readable as CSV: {e}"),
            )]
        })?;
        // Rows are records, numbered as a spreadsheet shows them (a quoted
        // cell may span several lines of the file).
        let line = rows.len() + 1;
        let mut cells = Vec::with_capacity(record.len());
        for (column, field) in record.iter().enumerate() {
            let text = std::str::from_utf8(field).map_err(|_| {
                vec![Problem::new(
                    ProblemCode::Unreadable,
                    file,
                    &format!("{sheet}!{}{line}", column_letters(column)),
                    "the text is not UTF-8",
                )
                .with_hint(Some(
                    "save the CSV as \"CSV UTF-8\" (Excel) or re-encode it as UTF-8".to_string(),
                ))]
            })?;
            cells.push(if text.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(text.to_string())
            });
        }
        rows.push(cells);
    }
    Ok(Table {
        file: file.to_string(),
        sheet: sheet.to_string(),
        kind,
        origin: (0, 0),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(5), "F");
        assert_eq!(column_letters(25), "Z");
        // 26 → AA, 27 → AB; 701 = 26 + 26·26 − 1 → ZZ; 702 → AAA.
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn csv_cells_have_spreadsheet_addresses() {
        let text = "Id,Name\nP-1,\"two\nlines\"\nP-2,b\n";
        let table = read_csv(text.as_bytes(), "projects.csv", "projects", Kind::Projects).unwrap();
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.cell(1, 1), &Cell::Text("two\nlines".into()));
        assert_eq!(table.address(2, 1), "projects!B3");
    }
}
