//! Prints a [`Document`] as one self-contained HTML page: inline CSS and
//! inline SVG, no script, no font or image fetched from anywhere, laid out to
//! print on A4 (sections flow on from each other, rows never cut, headers
//! repeated, page numbers and the marking in the page margins).

use std::io::{self, Write};

use crate::render::document::{Block, Document, Figure, Tone};
use crate::render::inert::visible;
use crate::render::text::table::Align;

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(visible(c)),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #1f2933; --muted: #52606d; --rule: #cbd2d9; --zebra: #f5f7fa;
        --red: #fbe3e4; --red-ink: #9b1c1c; --amber: #fdf0d5; --amber-ink: #8a5300;
        --green: #e3f4e8; --green-ink: #1e6b3a; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", "Liberation Sans", sans-serif;
       color: var(--ink); margin: 2rem auto; max-width: 64rem; padding: 0 1.5rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 0.2rem; }
.subtitle { color: var(--muted); margin: 0 0 1.5rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--ink); padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
p, ul { margin: 0.5rem 0; }
.note { color: var(--muted); font-style: italic; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.86rem; }
th, td { border-bottom: 1px solid var(--rule); padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--zebra); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td:first-child, td.red, td.amber, td.green, .nw { white-space: nowrap; }
td.red { background: var(--red); color: var(--red-ink); font-weight: 600; }
td.amber { background: var(--amber); color: var(--amber-ink); font-weight: 600; }
td.green { background: var(--green); color: var(--green-ink); font-weight: 600; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.3rem; }
.marking { text-align: center; font-weight: 700; letter-spacing: 0.04em; margin: 0.5rem 0; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; line-height: 1.35; }
  .marking { display: none; }
  h1 { font-size: 16pt; }
  h2 { font-size: 13pt; margin-top: 1.1rem; }
  h3 { font-size: 11pt; margin-top: 0.8rem; }
  h2, h3 { break-after: avoid; }
  .subtitle { margin-bottom: 0.6rem; }
  table { font-size: 8.5pt; margin: 0.3rem 0 0.6rem; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  tr, figure, li, p { break-inside: avoid; }
  figure svg { max-height: 240mm; }
}
"#;

/// Writes `document` as one self-contained HTML page.
pub fn write_html(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<title>{}</title>", escape_html(&document.title))?;
    writeln!(
        out,
        "<style>{STYLE}{}</style>\n</head>\n<body>",
        page_rules(document)
    )?;
    let marking = document
        .marking
        .as_deref()
        .map(|m| format!("<div class=\"marking\">{}</div>", escape_html(m)));
    if let Some(marking) = &marking {
        writeln!(out, "{marking}")?;
    }
    writeln!(out, "<h1>{}</h1>", escape_html(&document.title))?;
    if !document.subtitle.is_empty() {
        writeln!(
            out,
            "<p class=\"subtitle\">{}</p>",
            escape_html(&document.subtitle)
        )?;
    }
    for block in &document.blocks {
        match block {
            Block::Heading(level, text) => {
                writeln!(out, "<h{level}>{}</h{level}>", escape_html(text))?;
            }
            Block::Paragraph(text) => writeln!(out, "<p>{}</p>", escape_html(text))?,
            Block::Note(text) => writeln!(out, "<p class=\"note\">{}</p>", escape_html(text))?,
            Block::Bullets(items) => {
                writeln!(out, "<ul>")?;
                for item in items {
                    writeln!(out, "<li>{}</li>", chain_html(item))?;
                }
                writeln!(out, "</ul>")?;
            }
            Block::Table(table) => {
                // Wide tables scroll sideways on a narrow screen instead of
                // overflowing the page.
                writeln!(out, "<div class=\"table-wrap\"><table>\n<thead><tr>")?;
                for (column, align) in &table.columns {
                    let class = if *align == Align::Right {
                        " class=\"num\""
                    } else {
                        ""
                    };
                    write!(out, "<th{class}>{}</th>", escape_html(column))?;
                }
                writeln!(out, "</tr></thead>\n<tbody>")?;
                for row in &table.rows {
                    write!(out, "<tr>")?;
                    for (cell, (_, align)) in row.iter().zip(&table.columns) {
                        let class = match (cell.tone, align) {
                            (Some(Tone::Red), _) => " class=\"red\"",
                            (Some(Tone::Amber), _) => " class=\"amber\"",
                            (Some(Tone::Green), _) => " class=\"green\"",
                            (None, Align::Right) => " class=\"num\"",
                            (None, Align::Left) if looks_like_date(&cell.text) => " class=\"date\"",
                            (None, Align::Left) => "",
                        };
                        write!(out, "<td{class}>{}</td>", chain_html(&cell.text))?;
                    }
                    writeln!(out, "</tr>")?;
                }
                writeln!(out, "</tbody>\n</table></div>")?;
            }
            Block::Figure(figure) => write_figure(figure, out)?,
        }
    }
    if let Some(marking) = &marking {
        writeln!(out, "{marking}")?;
    }
    writeln!(out, "</body>\n</html>")
}

/// The printed page: A4, the page number and the title in the bottom
/// margin, and the marking (when given) at the top and bottom of every page.
fn page_rules(document: &Document) -> String {
    let small = "font-family: \"Segoe UI\", \"Helvetica Neue\", Arial, \"DejaVu Sans\", \"Liberation Sans\", sans-serif; font-size: 8pt; color: #52606d;";
    let mut rules = format!(
        "@page {{ size: A4; margin: 16mm 13mm 16mm;\n  \
         @bottom-left {{ content: {}; {small} }}\n  \
         @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); {small} }}\n",
        css_string(&document.title)
    );
    if let Some(marking) = &document.marking {
        let marking = css_string(marking);
        let strong = small.replace(
            "font-size: 8pt; color: #52606d;",
            "font-size: 9pt; font-weight: 700; color: #1f2933;",
        );
        rules.push_str(&format!(
            "  @top-center {{ content: {marking}; {strong} }}\n  @bottom-center {{ content: {marking}; {strong} }}\n"
        ));
    }
    rules.push_str("}\n");
    rules
}

/// `text` as a CSS string literal: letters, digits and spaces as they are,
/// everything else as a hex escape, so no text can end the string or the
/// style element.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars().map(visible) {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// Escaped text in which each step of an `A → B → C` chain stays on one
/// line (ids such as `CAP-FMN` must not break at their hyphen).
fn chain_html(text: &str) -> String {
    if !text.contains(" → ") {
        return escape_html(text);
    }
    text.split(" → ")
        .map(|step| format!("<span class=\"nw\">{}</span>", escape_html(step)))
        .collect::<Vec<_>>()
        .join(" → ")
}

fn looks_like_date(text: &str) -> bool {
    text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-'
}

fn write_figure(figure: &Figure, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<figure>")?;
    match &figure.svg {
        Some(svg) => writeln!(out, "{}", inline_svg(svg))?,
        None => writeln!(
            out,
            "<p class=\"note\">No diagram renderer was available; the diagram is in {} (Graphviz DOT).</p>",
            escape_html(&figure.file)
        )?,
    }
    writeln!(
        out,
        "<figcaption>{}</figcaption>\n</figure>",
        escape_html(&figure.caption)
    )
}

/// The SVG element alone, ready to sit inside HTML: no XML declaration,
/// DOCTYPE or comments, and no namespace declarations (HTML puts `<svg>` in
/// the SVG namespace by itself), so the page names no external address.
pub fn inline_svg(svg: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    let mut body = svg[start..].to_string();
    while let Some(open) = body.find("<!--") {
        match body[open..].find("-->") {
            Some(close) => body.replace_range(open..open + close + 3, ""),
            None => break,
        }
    }
    for attribute in [
        " xmlns=\"http://www.w3.org/2000/svg\"",
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\"",
    ] {
        body = body.replacen(attribute, "", 1);
    }
    body.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::document::{Cell, DocTable};

    #[test]
    fn user_text_is_escaped_everywhere() {
        let mut doc = Document {
            title: "A & B <script>".to_string(),
            ..Document::default()
        };
        doc.paragraph("note: <script>alert(\"x\")</script>");
        let mut table = DocTable::new(&[("Id", Align::Left)]);
        table.push(vec![Cell::new("<b>'q'</b>")]);
        doc.table(table);
        let mut out = Vec::new();
        write_html(&doc, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
        assert!(html.contains("<td>&lt;b&gt;&#39;q&#39;&lt;/b&gt;</td>"));
        assert!(html.contains("<title>A &amp; B &lt;script&gt;</title>"));
    }

    #[test]
    fn css_strings_cannot_escape_their_quotes() {
        assert_eq!(css_string("Secret 2"), "\"Secret 2\"");
        assert_eq!(
            css_string("a\"b</style>\\"),
            "\"a\\22 b\\3c \\2f style\\3e \\5c \""
        );
    }

    #[test]
    fn the_marking_heads_and_ends_the_page_and_every_printed_page() {
        let doc = Document {
            title: "T".to_string(),
            marking: Some("OFFICIAL <b>".to_string()),
            ..Document::default()
        };
        let mut out = Vec::new();
        write_html(&doc, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        let banner = "<div class=\"marking\">OFFICIAL &lt;b&gt;</div>";
        assert_eq!(html.matches(banner).count(), 2, "{html}");
        assert!(html.find(banner) < html.find("<h1>"));
        let printed = "content: \"OFFICIAL \\3c b\\3e \";";
        assert!(
            html.contains(&format!("@top-center {{ {printed}")),
            "{html}"
        );
        assert!(
            html.contains(&format!("@bottom-center {{ {printed}")),
            "{html}"
        );
        assert!(html.contains("counter(page)"));
    }

    #[test]
    fn inline_svg_drops_prolog_comments_and_namespaces() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- Generated by graphviz -->\n<svg width=\"10pt\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<!-- a -->\n<g/></svg>\n";
        assert_eq!(inline_svg(svg), "<svg width=\"10pt\">\n\n<g/></svg>");
    }
}
