//! The stable JSON documents (`"schema": "capgraph.<command>/<version>"`,
//! SPEC §6): one serde model per document, one file each, every one written
//! by [`write_json`]. The large lists (a schedule's nodes and driving paths,
//! funding's projects, impact's chains) are `Serialize` impls that build
//! each element only as it is written, so no document is held whole.

use std::io::{self, Write};

use serde::Serialize;

pub mod common;
pub mod funding;
pub mod impact;
pub mod options;
pub mod pretty;
pub mod rank;
pub mod risk;
pub mod schedule;
pub mod screen;
pub mod trend;

/// Writes a JSON document, pretty-printed ([`pretty::Pretty`]), with a final
/// newline. Buffered here, so that serde_json's many small writes are not
/// each a call through `dyn Write`.
pub fn write_json(document: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    document.serialize(&mut serde_json::Serializer::with_formatter(
        &mut buffered,
        pretty::Pretty::default(),
    ))?;
    writeln!(buffered)?;
    buffered.flush()
}
