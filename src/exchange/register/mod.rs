//! The office's spreadsheet register (SPEC §10): read from an `.xlsx`
//! workbook or `.csv` files into portfolio and status records, written as
//! an empty template or as an export with schedule figures.

pub mod cells;
pub mod columns;
pub mod locate;
pub mod read;
pub mod summary;
pub mod table;
pub mod write;
