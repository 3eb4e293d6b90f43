//! A small document model (headings, paragraphs, lists, tables, figures)
//! that the weekly briefing is written in once and printed as Markdown or
//! HTML, so the two never disagree.

pub mod html;
pub mod markdown;

use crate::render::text::table::Align;

/// A rating shown by a cell: always with a word, the colour only helps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Red,
    Amber,
    Green,
}

/// One table cell: plain text (escaped by the writer) and an optional tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub tone: Option<Tone>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            tone: None,
        }
    }

    pub fn toned(text: impl Into<String>, tone: Option<Tone>) -> Cell {
        Cell {
            text: text.into(),
            tone,
        }
    }
}

/// A table of cells with aligned columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocTable {
    pub columns: Vec<(String, Align)>,
    pub rows: Vec<Vec<Cell>>,
}

impl DocTable {
    pub fn new(columns: &[(&str, Align)]) -> DocTable {
        DocTable {
            columns: columns.iter().map(|(c, a)| (c.to_string(), *a)).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// A diagram: inline SVG in HTML, a link to the file in Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub caption: String,
    /// The file written beside the briefing (`impact.svg` or `impact.dot`).
    pub file: String,
    /// The SVG text to inline, when a renderer made one.
    pub svg: Option<String>,
    /// For a diagram: its items' figures for the explorer
    /// ([`crate::render::diagram::explorer::data_json`]), which makes it
    /// zoomable, searchable and clickable on screen.
    pub explorer: Option<String>,
    /// For a diagram written as DOT only (`svg` is `None`): why it was not
    /// drawn, as a sentence ("40001 nodes are too many to lay out …").
    pub not_drawn: Option<String>,
}

impl Figure {
    /// For a diagram that was not drawn, what the document says instead,
    /// with `link` (the medium's link to [`Figure::file`]) in it.
    pub fn not_drawn_note(&self, link: &str) -> Option<String> {
        let why = self.not_drawn.as_deref()?;
        let why = why.trim_end_matches('.');
        Some(format!(
            "This diagram was not drawn: {why}. The whole view is in {link} (Graphviz DOT)."
        ))
    }
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading (level 1 starts a part, such as the annexes, on a
    /// new printed page; level 2 starts a section; level 3 a subsection).
    Heading(u8, String),
    Paragraph(String),
    Bullets(Vec<String>),
    Table(DocTable),
    Figure(Figure),
    /// A small-print remark (e.g. why something is omitted).
    Note(String),
}

/// A titled sequence of blocks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    pub blocks: Vec<Block>,
    /// A marking (for example a classification) printed at the top and
    /// bottom of every page, and of the Markdown.
    pub marking: Option<String>,
}

impl Document {
    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading(level, text.into()));
    }

    pub fn paragraph(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }

    pub fn bullets(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::Bullets(items));
        }
    }

    pub fn table(&mut self, table: DocTable) {
        self.blocks.push(Block::Table(table));
    }

    pub fn note(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Note(text.into()));
    }
}
