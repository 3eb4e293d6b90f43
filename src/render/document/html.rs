//! Prints a [`Document`] as one self-contained HTML page: inline CSS and
//! inline SVG, no script, no font or image fetched from anywhere, laid out to
//! print on A4 (sections flow on from each other, rows never cut, headers
//! repeated, page numbers and the marking in the page margins).

use std::io::{self, Write};

use crate::render::diagram::explorer;
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
  body { margin: 0; max-width: none; padding: 0; font-size: 8.5pt; line-height: 1.25; }
  .marking, .screen-only { display: none; }
  h1 { font-size: 15pt; }
  h1.part { break-before: page; border-bottom: 2px solid var(--ink); }
  h2 { font-size: 12pt; margin: 0.7rem 0 0.3rem; }
  h3 { font-size: 10pt; margin-top: 0.7rem; }
  h1, h2, h3 { break-after: avoid; }
  p, ul { margin: 0.3rem 0; }
  figure { margin: 0.4rem 0; }
  .subtitle { margin-bottom: 0.5rem; }
  table { font-size: 7.5pt; margin: 0.3rem 0 0.5rem; }
  th, td { padding: 0.2rem 0.3rem; }
  th, th.num, td.red, td.amber, td.green { white-space: normal; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  tr, figure, li, p { break-inside: avoid; }
  figure svg { width: var(--print-width, 100%); height: auto; max-width: 100%; }
  figure.narrow { display: inline-block; width: 49%; vertical-align: top; margin: 0.4rem 0; }
}
"#;

/// Writes `document` as one self-contained HTML page.
pub fn write_html(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    // Self-contained: the page may fetch nothing (air-gapped networks).
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        explorer::CONTENT_SECURITY_POLICY
    )?;
    writeln!(out, "<title>{}</title>", escape_html(&document.title))?;
    let explorer_style = if has_explorer(document) {
        explorer::STYLE
    } else {
        ""
    };
    writeln!(
        out,
        "<style>{STYLE}{}{explorer_style}</style>\n</head>\n<body>",
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
            // A level-1 heading starts a part (the annexes) on a new page.
            Block::Heading(1, text) => {
                writeln!(out, "<h1 class=\"part\">{}</h1>", escape_html(text))?;
            }
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
    if has_explorer(document) {
        // One copy of the explorer's script for every diagram of the page.
        writeln!(out, "<script>\n{}</script>", explorer::SCRIPT)?;
    }
    writeln!(out, "</body>\n</html>")
}

/// The printed page: A4, the page number and the title in the bottom
/// margin, and the marking (when given) at the top and bottom of every page.
fn page_rules(document: &Document) -> String {
    let small = "font-family: \"Segoe UI\", \"Helvetica Neue\", Arial, \"DejaVu Sans\", \"Liberation Sans\", sans-serif; font-size: 8pt; color: #52606d;";
    let mut rules = format!(
        "@page {{ size: A4; margin: 14mm 13mm;\n  \
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

/// Escaped text in which no word breaks at its hyphen (ids such as
/// `CAP-FMN`, dates): in a text of several words, each hyphenated word is
/// kept on one line (a cell of one word is left as it is).
fn chain_html(text: &str) -> String {
    if !text.contains('-') || !text.contains(' ') {
        return escape_html(text);
    }
    text.split(' ')
        .map(|word| {
            if word.contains('-') {
                format!("<span class=\"nw\">{}</span>", escape_html(word))
            } else {
                escape_html(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn looks_like_date(text: &str) -> bool {
    text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-'
}

/// Whether a diagram of `document` is explorable (then the page carries the
/// explorer's style and script once).
fn has_explorer(document: &Document) -> bool {
    document.blocks.iter().any(|block| {
        matches!(
            block,
            Block::Figure(Figure {
                svg: Some(_),
                explorer: Some(_),
                ..
            })
        )
    })
}

fn write_figure(figure: &Figure, out: &mut dyn Write) -> io::Result<()> {
    let link = format!(
        "<a href=\"{}\">{}</a>",
        escape_html(&figure.file.replace(' ', "%20")),
        escape_html(&figure.file)
    );
    let printed = figure.svg.as_deref().map(|svg| (svg, PrintedSize::of(svg)));
    match printed {
        Some((svg, Some(size))) if size.legible() => {
            let class = if size.width_pt <= NARROW_PT {
                " class=\"narrow\""
            } else {
                ""
            };
            writeln!(
                out,
                "<figure{class} style=\"--print-width: {:.0}pt\">",
                size.width_pt
            )?;
            match &figure.explorer {
                Some(data) => explorer::write_block(svg, data, out)?,
                None => writeln!(out, "{}", inline_svg(svg))?,
            }
        }
        Some((svg, _)) => {
            writeln!(
                out,
                "<figure>\n<p class=\"note\">This view is too big to read at the size of a page: \
                 open {link} (the whole view) in a browser and zoom.</p>"
            )?;
            // On screen it can be explored all the same; on paper the note stands.
            if let Some(data) = &figure.explorer {
                writeln!(out, "<div class=\"screen-only\">")?;
                explorer::write_block(svg, data, out)?;
                writeln!(out, "</div>")?;
            }
        }
        None => match figure.not_drawn_note(&link) {
            // The note holds `link` as HTML: its own text is escaped around it.
            Some(note) => writeln!(
                out,
                "<figure>\n<p class=\"note\">{}</p>",
                escape_html(&note).replace(&escape_html(&link), &link)
            )?,
            None => writeln!(
                out,
                "<figure>\n<p class=\"note\">No diagram renderer was available; the diagram is in {link} (Graphviz DOT).</p>"
            )?,
        },
    }
    writeln!(
        out,
        "<figcaption>{}</figcaption>\n</figure>",
        escape_html(&figure.caption)
    )
}

/// The width of A4 between the page margins (210 mm − 2 × 13 mm), in points.
pub const PAGE_WIDTH_PT: f64 = 521.0;
/// The height a figure may take on a page (the rest of the 269 mm between
/// the margins is for its caption), in points (245 mm).
pub const PAGE_HEIGHT_PT: f64 = 694.0;
/// The smallest text a printed figure may have, in points.
pub const SMALLEST_PRINTED_PT: f64 = 7.0;
/// Figures at most this wide print two side by side.
const NARROW_PT: f64 = 255.0;

/// How big an SVG prints: at its own size, or shrunk to fit the page, and
/// its smallest text at that size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintedSize {
    pub width_pt: f64,
    pub smallest_text_pt: f64,
}

impl PrintedSize {
    /// Reads the `width`, `height` and `viewBox` of the `<svg>` element
    /// (`pt`, `px` or no unit: CSS pixels, 0.75 pt) and the smallest
    /// `font-size` in it; `None` when they are not there.
    pub fn of(svg: &str) -> Option<PrintedSize> {
        let start = svg.find("<svg")?;
        let tag = &svg[start..start + svg[start..].find('>')?];
        let width = length_pt(attribute(tag, "width")?)?;
        let height = length_pt(attribute(tag, "height")?)?;
        let view_width = match attribute(tag, "viewBox") {
            Some(view_box) => view_box
                .split([' ', ','])
                .filter(|v| !v.is_empty())
                .nth(2)?
                .parse::<f64>()
                .ok()?,
            None => width / 0.75,
        };
        let smallest = font_sizes(svg).fold(f64::INFINITY, f64::min);
        if !(width > 0.0 && height > 0.0 && view_width > 0.0 && smallest.is_finite()) {
            return None;
        }
        let width_pt = width
            .min(PAGE_WIDTH_PT)
            .min(width * PAGE_HEIGHT_PT / height);
        Some(PrintedSize {
            width_pt,
            smallest_text_pt: smallest * width_pt / view_width,
        })
    }

    /// Whether its smallest text prints at [`SMALLEST_PRINTED_PT`] or more.
    pub fn legible(&self) -> bool {
        self.smallest_text_pt >= SMALLEST_PRINTED_PT
    }
}

/// The value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    Some(&tag[from..from + tag[from..].find('"')?])
}

/// A length in points: `12pt`, `16px` or `16` (CSS pixels).
fn length_pt(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Some(points) = text.strip_suffix("pt") {
        return points.trim().parse().ok();
    }
    let pixels: f64 = text
        .strip_suffix("px")
        .unwrap_or(text)
        .trim()
        .parse()
        .ok()?;
    Some(pixels * 0.75)
}

/// Every `font-size="…"` and `font-size: …` in an SVG, in its units.
fn font_sizes(svg: &str) -> impl Iterator<Item = f64> + '_ {
    svg.match_indices("font-size").filter_map(move |(at, key)| {
        let rest = svg[at + key.len()..].trim_start_matches(['=', ':', ' ', '"', '\'']);
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        rest[..end].parse::<f64>().ok()
    })
}

/// The SVG element alone, ready to sit inside HTML: no XML declaration,
/// DOCTYPE or comments, and no namespace declarations (HTML puts `<svg>` in
/// the SVG namespace by itself), so the page names no external address.
pub fn inline_svg(svg: &str) -> String {
    let start = svg.find("<svg").unwrap_or(0);
    // One pass: Graphviz writes a comment per item, and removing them one
    // by one in place would be quadratic in the size of a big drawing.
    let mut rest = &svg[start..];
    let mut body = String::with_capacity(rest.len());
    while let Some(open) = rest.find("<!--") {
        let Some(close) = rest[open..].find("-->") else {
            break;
        };
        body.push_str(&rest[..open]);
        rest = &rest[open + close + 3..];
    }
    body.push_str(rest);
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
        let mut table = DocTable::new(&[("ID", Align::Left)]);
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
    fn a_figure_prints_at_its_size_or_shrunk_to_the_page() {
        // Graphviz: 300 pt wide, 9 pt the smallest: prints as it is.
        let small = "<svg width=\"300pt\" height=\"200pt\" viewBox=\"0.00 0.00 300.00 200.00\"><text font-size=\"9.00\">a</text><text font-size=\"14.00\">b</text></svg>";
        let size = PrintedSize::of(small).unwrap();
        assert_eq!(size.width_pt, 300.0);
        assert_eq!(size.smallest_text_pt, 9.0);
        assert!(size.legible());
        // 2 084 pt wide: shrunk to 521 pt, a quarter, so 10 pt text prints at 2.5 pt.
        let wide = "<svg width=\"2084pt\" height=\"1000pt\" viewBox=\"0 0 2084 1000\"><g font-size=\"10\"/></svg>";
        let size = PrintedSize::of(wide).unwrap();
        assert_eq!(size.width_pt, 521.0);
        assert_eq!(size.smallest_text_pt, 2.5);
        assert!(!size.legible());
        // A chart in pixels: 640 px = 480 pt, 12 px text = 9 pt; tall ones
        // are held to the page height: 400 px wide, 1 739 px tall (1 304.25
        // pt) prints 694 / 1 304.25 of 300 pt wide.
        let chart = "<svg width=\"640\" height=\"360\" viewBox=\"0 0 640 360\" style=\"font-size: 12px\"></svg>";
        assert_eq!(PrintedSize::of(chart).unwrap().smallest_text_pt, 9.0);
        let tall = "<svg width=\"400px\" height=\"1739px\"><text font-size=\"12\"/></svg>";
        let size = PrintedSize::of(tall).unwrap();
        assert!((size.width_pt - 300.0 * 694.0 / 1304.25).abs() < 1e-9);
        assert!(PrintedSize::of("<svg width=\"10\"></svg>").is_none());
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
    fn explorable_diagrams_share_one_copy_of_the_script() {
        let mut doc = Document::default();
        for file in ["a.svg", "b.svg"] {
            doc.blocks.push(Block::Figure(Figure {
                caption: "c".to_string(),
                file: file.to_string(),
                svg: Some("<svg viewBox=\"0 0 1 1\"></svg>".to_string()),
                explorer: Some("{\"nodes\":[]}".to_string()),
                not_drawn: None,
            }));
        }
        let mut out = Vec::new();
        write_html(&doc, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert_eq!(html.matches("<div class=\"cg-explorer\">").count(), 2);
        assert_eq!(html.matches(explorer::SCRIPT).count(), 1);
        assert_eq!(html.matches("capgraph explorer: the toolbar").count(), 1);
    }

    #[test]
    fn inline_svg_drops_prolog_comments_and_namespaces() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<!-- Generated by graphviz -->\n<svg width=\"10pt\" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n<!-- a -->\n<g/></svg>\n";
        assert_eq!(inline_svg(svg), "<svg width=\"10pt\">\n\n<g/></svg>");
    }
}
