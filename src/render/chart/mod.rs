//! Time charts as self-contained SVG: one small chart model that every chart
//! of capgraph is drawn with (the milestone trend chart of `trend`, the
//! funding bars and cumulative S-curve of the money work, the probability
//! S-curve of the risk work).
//!
//! # How to draw a chart
//!
//! 1. Make the axes: [`Axis::time`] for dates (day offsets of the portfolio
//!    [`Calendar`](crate::model::Calendar), ticks at weeks, months, quarters
//!    or years, labelled as dates) or [`Axis::number`] for amounts, shares
//!    ([`NumberFormat::Percent`]) or money ([`NumberFormat::Money`]).
//! 2. Fill a [`Chart`]: `title`, `caption` (one sentence saying what to look
//!    at), `x`, `y` and optionally `y2` (a secondary axis on the right, e.g.
//!    cumulative money beside yearly bars); then any of
//!    - [`Series`]: a line through points (data units), optionally with its
//!      points marked, dashed, on the secondary axis, labelled at its end
//!      (end labels never overlap); named series appear in the legend by
//!      themselves;
//!    - [`Bar`]: a rectangle from (x0, y0) to (x1, y1) in data units;
//!    - [`Marker`]: a symbol ([`Shape`]) at a point, with an optional label;
//!    - [`Guide`]: a thin dashed reference line (a diagonal, a "today" line,
//!      a ceiling) with an optional label at its end;
//!    - [`RowEnd`]: a text in a column right of the plot, level with a
//!      value of the y axis (a margin or a slip written at a row's end),
//!      under the column's title `row_end_title`;
//!    - [`LegendEntry`]s for what is not a series (bars, markers, guides).
//!
//!    For charts with one row per item (a milestone chart, a Gantt), use
//!    [`Axis::rows`] as the y axis: row `i` is the value `i`, the first at
//!    the top, every row labelled. `legend_below` puts the legend in rows
//!    under the plot, which leaves a narrow (A4) chart its width.
//! 3. [`write_svg`] writes it: frame, grid, ticks and axis titles, legend on
//!    the right, caption under the plot, every text escaped (and control
//!    characters made visible) by the HTML escaper, so it can be inlined in
//!    the briefing or written as a file. Text is at least 11 px at 100 %.
//!
//! Colours for series come from [`series_colour`] (colour-blind-safe,
//! dark enough on white); past ten series the dash patterns vary too.
//!
//! Why our own module rather than the plotters crate: the charts need date
//! ticks in the portfolio's own calendar, text that the report's escaper
//! handles, no fonts to load (plotters' SVG backend measures text with a
//! font library or guesses), and output a reviewer can diff; the whole
//! module is a few hundred lines without a dependency.

mod axis;
pub mod gantt;
pub mod milestone_trend;
pub mod milestones;
pub mod risk;
mod svg;

pub use axis::{Axis, AxisKind, NumberFormat, Scale, Tick};
pub use svg::write_svg;

/// The colour-blind-safe series colours (Okabe–Ito, then darker extras).
pub const SERIES_COLOURS: [&str; 10] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c564b", "#3f3f3f",
    "#b8860b", "#17becf",
];

/// The neutral ink of guides and of legend entries that are not a series.
pub const GUIDE_COLOUR: &str = "#7b8794";

/// The colour of the `i`th series.
pub fn series_colour(i: usize) -> &'static str {
    SERIES_COLOURS[i % SERIES_COLOURS.len()]
}

/// The dash pattern of the `i`th series: solid for the first ten, then
/// patterns so that series of the same colour stay apart.
pub fn series_dash(i: usize) -> Option<&'static str> {
    match i / SERIES_COLOURS.len() {
        0 => None,
        1 => Some("8 4"),
        2 => Some("2 3"),
        _ => Some("8 3 2 3"),
    }
}

/// Which y axis a series is drawn against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    #[default]
    Primary,
    Secondary,
}

/// A line through points, in data units.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend's text; an empty name keeps the series out of the legend.
    pub name: String,
    pub colour: String,
    pub points: Vec<(f64, f64)>,
    /// An SVG dash pattern (`"6 4"`), or solid.
    pub dash: Option<String>,
    /// Mark each point with a dot.
    pub dots: bool,
    pub side: Side,
    /// Written just right of the last point, in the line's colour; labels
    /// that would collide are spread apart vertically.
    pub end_label: Option<String>,
}

impl Series {
    /// A solid line with dotted points, on the primary axis.
    pub fn new(
        name: impl Into<String>,
        colour: impl Into<String>,
        points: Vec<(f64, f64)>,
    ) -> Series {
        Series {
            name: name.into(),
            colour: colour.into(),
            points,
            dash: None,
            dots: true,
            side: Side::Primary,
            end_label: None,
        }
    }
}

/// A filled rectangle between two corners, in data units.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    pub colour: String,
    /// Written above the bar, when given.
    pub label: Option<String>,
    pub side: Side,
    /// Drawn as a ghost: a pale fill with a dashed outline in `colour`
    /// (a baseline behind this week's bar).
    pub ghost: bool,
}

/// A marker symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Diamond,
    Square,
    Triangle,
    /// A short horizontal bar (a target level).
    Dash,
}

/// A symbol at a point, in data units.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub y: f64,
    pub shape: Shape,
    pub colour: String,
    /// Outline only.
    pub hollow: bool,
    /// Written to the right of the symbol, when given.
    pub label: Option<String>,
    pub side: Side,
}

impl Marker {
    /// A marker on the primary axis, without a label.
    pub fn at(x: f64, y: f64, shape: Shape, colour: &str, hollow: bool) -> Marker {
        Marker {
            x,
            y,
            shape,
            colour: colour.to_string(),
            hollow,
            label: None,
            side: Side::Primary,
        }
    }
}

/// A thin dashed reference line between two points, in data units.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub from: (f64, f64),
    pub to: (f64, f64),
    /// Written at the `to` end, when given.
    pub label: Option<String>,
}

/// A text in the column right of the plot, level with `y` (primary axis).
#[derive(Debug, Clone, PartialEq)]
pub struct RowEnd {
    pub y: f64,
    pub text: String,
    pub colour: String,
}

/// What a legend entry shows before its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    Line {
        colour: String,
        dash: Option<String>,
    },
    Marker {
        shape: Shape,
        colour: String,
        hollow: bool,
    },
    Bar {
        colour: String,
    },
    /// A ghost bar (see [`Bar::ghost`]).
    GhostBar {
        colour: String,
    },
    Guide,
}

/// One legend row.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub swatch: Swatch,
    pub text: String,
}

impl LegendEntry {
    /// A legend row showing a marker symbol.
    pub fn marker(shape: Shape, colour: &str, hollow: bool, text: &str) -> LegendEntry {
        LegendEntry {
            swatch: Swatch::Marker {
                shape,
                colour: colour.to_string(),
                hollow,
            },
            text: text.to_string(),
        }
    }
}

/// A chart: axes, what is drawn, title, legend and caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    /// One sentence under the chart saying what to look at.
    pub caption: String,
    pub x: Axis,
    pub y: Axis,
    /// A secondary y axis on the right.
    pub y2: Option<Axis>,
    pub bars: Vec<Bar>,
    pub guides: Vec<Guide>,
    pub series: Vec<Series>,
    pub markers: Vec<Marker>,
    pub row_ends: Vec<RowEnd>,
    /// The title over the row-end column ("Margin").
    pub row_end_title: String,
    /// Legend rows after those of the named series.
    pub legend: Vec<LegendEntry>,
    /// The legend in rows under the plot instead of a column on its right.
    pub legend_below: bool,
    /// Size in pixels at 100 %.
    pub width: f64,
    pub height: f64,
}

impl Chart {
    /// An empty chart on these axes, 960 × 540 px.
    pub fn new(title: impl Into<String>, caption: impl Into<String>, x: Axis, y: Axis) -> Chart {
        Chart {
            title: title.into(),
            caption: caption.into(),
            x,
            y,
            y2: None,
            bars: Vec::new(),
            guides: Vec::new(),
            series: Vec::new(),
            markers: Vec::new(),
            row_ends: Vec::new(),
            row_end_title: String::new(),
            legend: Vec::new(),
            legend_below: false,
            width: 960.0,
            height: 540.0,
        }
    }
}
