//! `capgraph export FORMAT PORTFOLIO [--status FILE] -o PATH` (SPEC §10).

use std::fs;
use std::path::Path;

use crate::analysis::schedule::{Schedule, ScheduleOptions};
use crate::cli::{ExportArgs, ExportFormat, LinksKey};
use crate::error::{Error, Result};
use crate::exchange::export::figures::ExportGraph;
use crate::exchange::export::node_link::{self, write_node_link};
use crate::exchange::export::{cypher, graphml, neo4j_csv};
use crate::exchange::register::write::{unwritable_ids, write_register, RegisterContent};
use crate::model::reader;

use super::output::{emit_binary, emit_with, refuse_inputs, write_atomically};
use super::{basis, load_optional_status, load_portfolio, Streams};

/// Runs `export`.
pub fn run(args: &ExportArgs, streams: &mut Streams) -> Result<()> {
    if args.format == ExportFormat::Neo4jCsv && args.output.is_none() {
        return Err(Error::Usage(
            "neo4j-csv writes two files: give the folder for them with -o DIR".to_string(),
        ));
    }
    let portfolio = load_portfolio(&args.portfolio, streams)?;
    let status = load_optional_status(args.status.as_deref(), &portfolio)?;
    let schedule = Schedule::compute(
        basis(&portfolio, status.as_ref()),
        &ScheduleOptions::default(),
    );
    let graph = ExportGraph::new(&portfolio, &schedule);
    let mut inputs = vec![args.portfolio.as_path()];
    inputs.extend(args.status.as_deref());
    let target = args.output.as_deref();
    match args.format {
        ExportFormat::Graphml => emit_with(target, &inputs, streams, |out| {
            graphml::write_graphml(&graph, out)
        }),
        ExportFormat::NodeLink => {
            let key = match args.links_key {
                LinksKey::Edges => node_link::LinksKey::Edges,
                LinksKey::Links => node_link::LinksKey::Links,
            };
            emit_with(target, &inputs, streams, |out| {
                write_node_link(&graph, key, out)
            })
        }
        ExportFormat::Cypher => emit_with(target, &inputs, streams, |out| {
            cypher::write_cypher(&graph, out)
        }),
        ExportFormat::Neo4jCsv => {
            let folder = target.expect("checked above");
            write_neo4j_csv(&graph, folder, &inputs)
        }
        ExportFormat::Xlsx => {
            let bytes = register_workbook(args, &graph)?;
            emit_binary(target, &inputs, &bytes, streams)
        }
    }
}

/// The register workbook: the files' values as written (so that the
/// import gives them back), with the schedule figures of `graph`.
fn register_workbook(args: &ExportArgs, graph: &ExportGraph) -> Result<Vec<u8>> {
    // Both files were read and validated above; here they are only parsed.
    let json = |path: &Path| -> Result<serde_json::Value> {
        let text = reader::read_text(path)
            .map_err(|problem| Error::invalid(path.display().to_string(), vec![*problem]))?;
        serde_json::from_str(&text).map_err(|e| Error::Input {
            message: format!("{}: {e}", path.display()),
            hint: None,
        })
    };
    let portfolio = json(&args.portfolio)?;
    let status = args.status.as_deref().map(json).transpose()?;
    let unwritable = unwritable_ids(&portfolio);
    if let Some(first) = unwritable.first() {
        let more = match unwritable.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        return Err(Error::Input {
            message: format!("the register cannot hold this portfolio as it is: {first}{more}"),
            hint: Some("rename the ids, or export to another format".to_string()),
        });
    }
    let content = RegisterContent {
        portfolio: &portfolio,
        status: status.as_ref(),
        figures: graph,
    };
    write_register(&content).map_err(|e| Error::Write {
        path: args
            .output
            .clone()
            .unwrap_or_else(|| Path::new("<stdout>").to_path_buf()),
        source: std::io::Error::other(e.to_string()),
    })
}

/// Writes `nodes.csv` and `relationships.csv` into `folder` (created if
/// missing). Both are rendered in memory first, so that a failure to
/// render leaves neither; each is then written whole (temporary file,
/// renamed).
fn write_neo4j_csv(graph: &ExportGraph, folder: &Path, inputs: &[&Path]) -> Result<()> {
    let nodes_path = folder.join("nodes.csv");
    let relationships_path = folder.join("relationships.csv");
    refuse_inputs(&nodes_path, inputs)?;
    refuse_inputs(&relationships_path, inputs)?;
    let mut nodes = Vec::new();
    let mut relationships = Vec::new();
    neo4j_csv::write_nodes(graph, &mut nodes)
        .and_then(|()| neo4j_csv::write_relationships(graph, &mut relationships))
        .map_err(|source| Error::Write {
            path: folder.to_path_buf(),
            source,
        })?;
    fs::create_dir_all(folder).map_err(|source| Error::Write {
        path: folder.to_path_buf(),
        source,
    })?;
    write_atomically(&nodes_path, &nodes)?;
    write_atomically(&relationships_path, &relationships)
}
