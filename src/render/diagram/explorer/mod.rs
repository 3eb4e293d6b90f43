//! The interactive explorer: a drawn view (Graphviz's SVG, or the built-in
//! layout's) with the figures of its items, and one script that adds zoom
//! and pan, search, filters by domain and kind, and a click that lights up
//! what drives an item (upstream) and what it holds up (downstream) beside a
//! panel of its figures. The same block serves `diagram --format html` (a
//! page of its own) and the weekly briefing's diagrams; the script and style
//! are written once per page. Nothing is fetched from anywhere: the page
//! works on an air-gapped network, and without script it is a plain SVG.

pub mod figures;

use std::io::{self, Write};

use crate::render::document::html::{escape_html, inline_svg};

pub use figures::{ExplorerData, ExplorerNode, Figures};

/// The explorer's script: finds every explorer block of the page.
pub const SCRIPT: &str = include_str!("explorer.js");
/// The explorer's style (toolbar, panel, dimming).
pub const STYLE: &str = include_str!("explorer.css");

/// The style of a page that holds nothing but one explorer.
const PAGE_STYLE: &str = include_str!("page.css");

/// Forbids every request: a page that works air-gapped must not even try.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/// The figures as JSON that can sit inside a `<script>` element: `<` is
/// written `\u003c`, so no text can close the element.
pub fn data_json(data: &ExplorerData) -> String {
    serde_json::to_string(data)
        .expect("explorer data serialises")
        .replace('<', "\\u003c")
}

/// Writes one explorer block: the drawing and its figures. The page must
/// also carry [`STYLE`] and [`SCRIPT`] once.
pub fn write_block(svg: &str, data_json: &str, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<div class=\"cg-explorer\">")?;
    writeln!(out, "<div class=\"cg-view\">\n{}\n</div>", inline_svg(svg))?;
    writeln!(
        out,
        "<script type=\"application/json\" class=\"cg-data\">{data_json}</script>"
    )?;
    writeln!(out, "</div>")
}

/// What a page of its own says above the drawing.
pub struct PageText<'a> {
    pub title: &'a str,
    pub subtitle: &'a str,
}

/// Writes a self-contained page with one explorer.
pub fn write_page(
    text: &PageText<'_>,
    svg: &str,
    data: &ExplorerData,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>{}</title>", escape_html(text.title))?;
    writeln!(out, "<style>\n{PAGE_STYLE}{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<h1>{}</h1>", escape_html(text.title))?;
    writeln!(
        out,
        "<p class=\"subtitle\">{}</p>",
        escape_html(text.subtitle)
    )?;
    write_block(svg, &data_json(data), out)?;
    writeln!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_cannot_close_its_script_element() {
        let data = ExplorerData {
            nodes: vec![ExplorerNode {
                index: 0,
                id: "</script><script>alert(1)</script>".to_string(),
                name: "x".to_string(),
                kind: "project",
                domain: None,
                facts: Vec::new(),
            }],
            links: Vec::new(),
            bridges: Vec::new(),
            domains: Vec::new(),
            kinds: vec!["project"],
        };
        let json = data_json(&data);
        assert!(!json.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["nodes"][0]["id"], "</script><script>alert(1)</script>");
    }

    #[test]
    fn the_page_names_no_external_address_and_forbids_requests() {
        let svg = "<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>";
        let data = ExplorerData {
            nodes: Vec::new(),
            links: Vec::new(),
            bridges: Vec::new(),
            domains: Vec::new(),
            kinds: Vec::new(),
        };
        let mut out = Vec::new();
        let text = PageText {
            title: "A & B",
            subtitle: "s",
        };
        write_page(&text, svg, &data, &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(
            !page.contains("http:") && !page.contains("https:"),
            "{page}"
        );
        assert!(page.contains("default-src 'none'"));
        assert!(page.contains("<title>A &amp; B</title>"));
        assert_eq!(page.matches("<svg").count(), 1);
    }
}
