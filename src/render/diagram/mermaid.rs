//! A view as a Mermaid `flowchart LR`, for Markdown briefings and wikis: the
//! same visual language as the DOT diagram (domain subgraphs and colours,
//! shapes per kind, line styles per relation, a legend, emphasis).
//!
//! Mermaid node ids are synthetic (`n0`, `n1`, … in view order), so no
//! portfolio id can clash with Mermaid syntax or keywords (`end`); every label
//! is quoted, with Mermaid's entity codes for the characters that would be
//! markup (`"`, `<`, `>`, `&`, `#`, `` ` ``) and `<br/>` for newlines.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::analysis::view::View;
use crate::model::{NodeKind, Portfolio, Relation};

use crate::render::diagram::emphasis::Emphasis;
use crate::render::diagram::palette::{self, Line};
use crate::render::inert::visible;

/// `text` escaped for the inside of a quoted Mermaid label.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '`' => out.push_str("#96;"),
            '\n' => out.push_str("<br/>"),
            c => out.push(visible(c)),
        }
    }
    out
}

/// The node's shape around its quoted label.
fn shaped(kind: NodeKind, label: &str) -> String {
    match kind {
        NodeKind::Project => format!("(\"{label}\")"),
        NodeKind::Component => format!("[(\"{label}\")]"),
        NodeKind::Capability => format!("{{{{\"{label}\"}}}}"),
    }
}

/// The link of a relation: a project providing a component ends in a
/// circle, so that it is not read as a dependency.
fn arrow(line: Line) -> &'static str {
    match line {
        Line::Link(Relation::DependsOn) | Line::Link(Relation::Delivers) => "-->",
        Line::Link(Relation::Uses) => "-.->",
        Line::Link(Relation::Provides) => "--o",
        Line::Folded | Line::Skipped => "-.->",
    }
}

/// A legend example of a relation: what its tail and head are (kind and
/// text) and what the line says, read tail to head.
fn relation_example(
    line: Line,
) -> (
    (NodeKind, &'static str),
    &'static str,
    (NodeKind, &'static str),
) {
    match line {
        Line::Link(Relation::DependsOn) => (
            (NodeKind::Project, "A"),
            "B depends on A",
            (NodeKind::Project, "B"),
        ),
        Line::Link(Relation::Uses) => (
            (NodeKind::Component, "component"),
            "used by",
            (NodeKind::Project, "project"),
        ),
        Line::Link(Relation::Provides) => (
            (NodeKind::Project, "project"),
            "provides",
            (NodeKind::Component, "component"),
        ),
        Line::Link(Relation::Delivers) => (
            (NodeKind::Project, "project"),
            "delivers",
            (NodeKind::Capability, "capability"),
        ),
        Line::Folded => (
            (NodeKind::Project, "A"),
            "through folded items",
            (NodeKind::Project, "B"),
        ),
        Line::Skipped => (
            (NodeKind::Project, "A"),
            "steps not drawn",
            (NodeKind::Project, "B"),
        ),
    }
}

/// The Mermaid text of `view`.
pub fn render(portfolio: &Portfolio, view: &View, emphasis: &Emphasis) -> String {
    let domains = portfolio.domains();
    let colours = palette::domain_colours(&domains);
    let mut out = String::with_capacity(view.nodes.len() * 80 + view.edges.len() * 24 + 512);
    let _ = writeln!(out, "---\ntitle: \"{}\"\n---", escape(portfolio.name()));
    out.push_str("flowchart LR\n");
    if let Some(caption) = &emphasis.caption {
        let _ = writeln!(out, "  %% {}", caption.replace('\n', " "));
    }

    let mut position = vec![usize::MAX; portfolio.node_count()];
    for (i, node) in view.nodes.iter().enumerate() {
        position[node.index()] = i;
    }
    // Nodes by domain subgraph, then those without a domain.
    let mut by_slot: Vec<Vec<usize>> = vec![Vec::new(); domains.len() + 1];
    for (i, &node) in view.nodes.iter().enumerate() {
        let slot = palette::domain_slot(portfolio, &domains, node).unwrap_or(domains.len());
        by_slot[slot].push(i);
    }
    let node_line = |out: &mut String, i: usize, indent: &str| {
        let node = view.nodes[i];
        let text = palette::node_text(portfolio, view, emphasis, node);
        let mut label = format!("<b>{}</b>", escape(text.id));
        for line in text.name.iter().chain(text.extra.iter()) {
            label.push_str("<br/>");
            label.push_str(&escape(line));
        }
        let _ = writeln!(
            out,
            "{indent}n{i}{}",
            shaped(portfolio.node(node).kind, &label)
        );
    };
    for (slot, members) in by_slot.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        if slot == domains.len() {
            for &i in members {
                node_line(&mut out, i, "  ");
            }
            continue;
        }
        let _ = writeln!(out, "  subgraph d{slot}[\"{}\"]", escape(&domains[slot]));
        for &i in members {
            node_line(&mut out, i, "    ");
        }
        out.push_str("  end\n");
    }

    // Edges; line colours grouped by style so that each style is one `linkStyle` line.
    let mut link_styles: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, edge) in view.edges.iter().enumerate() {
        let (line, label) = palette::edge_text(portfolio, edge);
        let from = position[edge.from.index()];
        let to = position[edge.to.index()];
        if label.is_empty() {
            let _ = writeln!(out, "  n{from} {} n{to}", arrow(line));
        } else {
            let _ = writeln!(
                out,
                "  n{from} {}|\"{}\"| n{to}",
                arrow(line),
                escape(&label)
            );
        }
        let (colour, bold) = palette::edge_stroke(emphasis, edge, line);
        let width = if bold { 3 } else { 1 };
        link_styles
            .entry(format!("stroke:{colour},stroke-width:{width}px"))
            .or_default()
            .push(k);
    }

    // Legend: kinds and relations shown, and the emphasis tones.
    let kinds = palette::kinds_shown(portfolio, view);
    let lines = palette::lines_shown(portfolio, view);
    out.push_str("  subgraph legend[\"Legend\"]\n");
    for kind in &kinds {
        let _ = writeln!(
            out,
            "    legend_{}{}",
            kind.as_str(),
            shaped(*kind, palette::kind_legend(*kind))
        );
    }
    for (tone, text) in &emphasis.legend {
        let _ = writeln!(out, "    legend_{tone:?}(\"{}\")", escape(text));
    }
    let mut examples = Vec::new();
    for (edge_index, line) in (view.edges.len()..).zip(lines.iter()) {
        let style = palette::line_style(*line);
        let key = match line {
            Line::Folded => "folded",
            Line::Skipped => "skipped",
            Line::Link(relation) => relation.as_str(),
        };
        let ((tail_kind, tail), says, (head_kind, head)) = relation_example(*line);
        let _ = writeln!(
            out,
            "    legend_{key}_a{} {}|\"{says}\"| legend_{key}_b{}",
            shaped(tail_kind, tail),
            arrow(*line),
            shaped(head_kind, head)
        );
        examples.push(format!("legend_{key}_a,legend_{key}_b"));
        link_styles
            .entry(format!("stroke:{},stroke-width:1px", style.colour))
            .or_default()
            .push(edge_index);
    }
    out.push_str("  end\n");

    // Styles: domain fills, emphasis tones, link colours.
    for (slot, colour) in colours.iter().enumerate() {
        let _ = writeln!(
            out,
            "  classDef dom{slot} fill:{},stroke:{}",
            colour.fill, colour.border
        );
        if !by_slot[slot].is_empty() {
            let _ = writeln!(
                out,
                "  style d{slot} fill:{},stroke:{}",
                colour.background, colour.border
            );
        }
    }
    let _ = writeln!(
        out,
        "  classDef nodomain fill:{},stroke:{}",
        palette::NO_DOMAIN.fill,
        palette::NO_DOMAIN.border
    );
    let _ = writeln!(out, "  classDef legend fill:#ffffff,stroke:#777777");
    for tone in crate::render::diagram::emphasis::Tone::ALL {
        let (fill, border) = palette::tone_colours(tone);
        let _ = writeln!(out, "  classDef {tone:?} fill:{fill},stroke:{border}");
        let _ = writeln!(
            out,
            "  classDef {tone:?}Bold fill:{fill},stroke:{border},stroke-width:3px"
        );
    }
    // Classes per node: grouped so that each class is one line.
    let mut classes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, &node) in view.nodes.iter().enumerate() {
        let mark = emphasis.node(node);
        let class = match mark.and_then(|m| m.tone) {
            Some(tone) if mark.is_some_and(|m| m.bold) => format!("{tone:?}Bold"),
            Some(tone) => format!("{tone:?}"),
            None => match palette::domain_slot(portfolio, &domains, node) {
                Some(slot) => format!("dom{slot}"),
                None => "nodomain".to_string(),
            },
        };
        classes.entry(class).or_default().push(format!("n{i}"));
    }
    for kind in &kinds {
        classes
            .entry("legend".to_string())
            .or_default()
            .push(format!("legend_{}", kind.as_str()));
    }
    if !examples.is_empty() {
        classes
            .entry("legend".to_string())
            .or_default()
            .extend(examples);
    }
    for (tone, _) in &emphasis.legend {
        classes
            .entry(format!("{tone:?}"))
            .or_default()
            .push(format!("legend_{tone:?}"));
    }
    for (class, members) in &classes {
        let _ = writeln!(out, "  class {} {class}", members.join(","));
    }
    for (style, edges) in &link_styles {
        let list: Vec<String> = edges.iter().map(|k| k.to_string()).collect();
        let _ = writeln!(out, "  linkStyle {} {style}", list.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_escape_markup_quotes_and_entities() {
        assert_eq!(
            escape(r#"a "b" <c> & #d"#),
            "a #quot;b#quot; #lt;c#gt; #amp; #35;d"
        );
        assert_eq!(escape("one\ntwo"), "one<br/>two");
        assert_eq!(escape("{x|y} \\N"), "{x|y} \\N");
        assert_eq!(escape("`md`"), "#96;md#96;");
    }
}
