//! `capgraph export`: one module per format, all writing the same figures
//! ([`figures::ExportGraph`]) so that every tool sees the same graph.

pub mod cypher;
pub mod figures;
pub mod graphml;
pub mod neo4j_csv;
pub mod node_link;

/// A number as the exports write it: the shortest text that reads back as
/// the same `f64` (`18500000.0`), so that every reader types it as a decimal.
pub fn decimal(value: f64) -> String {
    serde_json::Number::from_f64(value).map_or_else(|| "0.0".to_string(), |n| n.to_string())
}

/// An attribute's value as text: a number as a decimal ([`decimal`]) in a
/// column typed as numbers, else as written in JSON (`3`, `2.5`).
pub fn attribute_text(value: &crate::model::AttributeValue, numeric: bool) -> String {
    use crate::model::AttributeValue;
    match value {
        AttributeValue::Number(n) if numeric => decimal(*n),
        AttributeValue::Number(n) => crate::model::values::json_number(*n).to_string(),
        AttributeValue::Text(t) => t.clone(),
    }
}
