//! Writes a [`Chart`] as one SVG document: layout (title, plot, legend on
//! the right, caption below), grid and ticks, then what is drawn.

use std::io::{self, Write};

use crate::render::document::html::escape_html;

use super::axis::{Axis, Scale};
use super::{Chart, Shape, Side, Swatch, GUIDE_COLOUR};

const FONT: &str = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
const INK: &str = "#1f2933";
const MUTED: &str = "#52606d";
const GRID: &str = "#e4e7eb";
const TITLE_PX: f64 = 17.0;
const AXIS_TITLE_PX: f64 = 13.0;
const TICK_PX: f64 = 12.0;
const LEGEND_PX: f64 = 12.0;
const CAPTION_PX: f64 = 13.0;
const LABEL_PX: f64 = 11.0;
const MARGIN: f64 = 16.0;
const LEGEND_ROW: f64 = 20.0;
/// Longest legend text before it is cut with `…`.
const LEGEND_CHARS: usize = 38;

/// A generous width estimate of `text` at `px` (sans-serif glyphs average
/// about 0.6 em in DejaVu Sans, the widest of the fonts named).
fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * 0.6
}

/// `text` cut to `max` characters with `…`.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

/// Words of `text` in lines of at most `chars` characters.
fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A coordinate with one decimal.
fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0 + 0.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

fn dash_attribute(dash: Option<&str>) -> String {
    dash.map(|d| format!(" stroke-dasharray=\"{}\"", escape_html(d)))
        .unwrap_or_default()
}

/// Where things go, in pixels.
struct Layout {
    width: f64,
    height: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    /// Width of the secondary axis' ticks and title, right of the plot.
    right_axis: f64,
    /// Left edge of the row-end column.
    row_end_x: f64,
    /// Where each legend entry's swatch starts and the middle of its row.
    legend_at: Vec<(f64, f64)>,
    caption_top: f64,
    caption: Vec<String>,
}

/// Room for a legend entry: swatch, gap, text.
fn legend_entry_width(text: &str) -> f64 {
    text_width(text, LEGEND_PX) + 34.0
}

impl Layout {
    fn new(chart: &Chart, legend_texts: &[String]) -> Layout {
        let width = chart.width.max(480.0);
        let caption_chars = ((width - 2.0 * MARGIN) / (CAPTION_PX * 0.6)).floor() as usize;
        let caption = wrap(&chart.caption, caption_chars.max(20));
        let caption_height = caption.len() as f64 * (CAPTION_PX + 5.0);
        let tick_width = |axis: &Axis| {
            axis.ticks(8)
                .iter()
                .map(|t| text_width(&t.label, TICK_PX))
                .fold(0.0, f64::max)
        };
        let left = MARGIN + AXIS_TITLE_PX + 10.0 + tick_width(&chart.y) + 8.0;
        let right_axis = chart
            .y2
            .as_ref()
            .map_or(0.0, |y2| tick_width(y2) + AXIS_TITLE_PX + 22.0);
        let row_end_width = chart
            .row_ends
            .iter()
            .map(|r| r.text.as_str())
            .chain((!chart.row_ends.is_empty()).then_some(chart.row_end_title.as_str()))
            .map(|text| text_width(text, LABEL_PX) + 12.0)
            .fold(0.0, f64::max);
        // The legend beside the plot, or packed into lines under it.
        let (legend_width, below_lines) = if chart.legend_below {
            (0.0, legend_lines(legend_texts, width).1)
        } else {
            let widest = legend_texts
                .iter()
                .map(|t| legend_entry_width(t))
                .fold(0.0, f64::max);
            (widest, 0)
        };
        let right = width
            - MARGIN
            - legend_width
            - right_axis
            - row_end_width
            - if legend_width > 0.0 { 16.0 } else { 0.0 };
        let top = MARGIN + TITLE_PX + 22.0;
        let below_legend = below_lines as f64 * LEGEND_ROW;
        let below = TICK_PX + AXIS_TITLE_PX + 30.0 + below_legend + caption_height + MARGIN;
        // Tall enough for a legend beside the plot.
        let legend_height = if chart.legend_below {
            0.0
        } else {
            legend_texts.len() as f64 * LEGEND_ROW
        };
        let height = chart.height.max(top + legend_height + below + 10.0);
        let bottom = height - below;
        let legend_top = bottom + TICK_PX + AXIS_TITLE_PX + 30.0;
        let legend_at = if chart.legend_below {
            legend_lines(legend_texts, width)
                .0
                .into_iter()
                .map(|(x, line)| (x, legend_top + 4.0 + line as f64 * LEGEND_ROW))
                .collect()
        } else {
            let x = right + right_axis + row_end_width + 16.0;
            (0..legend_texts.len())
                .map(|i| (x, top + 8.0 + i as f64 * LEGEND_ROW))
                .collect()
        };
        Layout {
            width,
            height,
            left,
            right,
            top,
            bottom,
            right_axis,
            row_end_x: right + right_axis + 8.0,
            legend_at,
            caption_top: legend_top + below_legend,
            caption,
        }
    }
}

/// Legend entries packed left to right into lines across the chart's
/// width: each entry's x and line, and the number of lines.
fn legend_lines(texts: &[String], width: f64) -> (Vec<(f64, usize)>, usize) {
    const GAP: f64 = 18.0;
    let mut places = Vec::with_capacity(texts.len());
    let (mut x, mut line) = (MARGIN, 0);
    for text in texts {
        let w = legend_entry_width(text);
        if x > MARGIN && x + w > width - MARGIN {
            line += 1;
            x = MARGIN;
        }
        places.push((x, line));
        x += w + GAP;
    }
    let lines = if texts.is_empty() { 0 } else { line + 1 };
    (places, lines)
}

/// Writes `chart` as a standalone SVG document (inline it in HTML with
/// [`inline_svg`](crate::render::document::html::inline_svg)).
pub fn write_svg(chart: &Chart, out: &mut dyn Write) -> io::Result<()> {
    let mut legend: Vec<(Swatch, String)> = chart
        .series
        .iter()
        .filter(|s| !s.name.is_empty())
        .map(|s| {
            (
                Swatch::Line {
                    colour: s.colour.clone(),
                    dash: s.dash.clone(),
                },
                cut(&s.name, LEGEND_CHARS),
            )
        })
        .collect();
    legend.extend(
        chart
            .legend
            .iter()
            .map(|e| (e.swatch.clone(), cut(&e.text, LEGEND_CHARS))),
    );
    let texts: Vec<String> = legend.iter().map(|(_, t)| t.clone()).collect();
    let l = Layout::new(chart, &texts);
    let x = Scale::new(&chart.x, l.left, l.right);
    let y = Scale::new(&chart.y, l.bottom, l.top);
    let y2 = chart.y2.as_ref().map(|a| Scale::new(a, l.bottom, l.top));
    let y_of = |side: Side| match (side, y2) {
        (Side::Secondary, Some(s)) => s,
        _ => y,
    };

    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" role=\"img\" aria-label=\"{t}\">",
        w = n(l.width),
        h = n(l.height),
        t = escape_html(&chart.title)
    )?;
    writeln!(out, "<title>{}</title>", escape_html(&chart.title))?;
    writeln!(
        out,
        "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(l.width),
        n(l.height)
    )?;
    writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{TITLE_PX}\" font-weight=\"bold\" fill=\"{INK}\">{}</text>",
        n(MARGIN),
        n(MARGIN + TITLE_PX),
        escape_html(&chart.title)
    )?;

    // Grid and ticks.
    let plot_width = l.right - l.left;
    let plot_height = l.bottom - l.top;
    let x_ticks = fitting_ticks(&chart.x, plot_width);
    let y_ticks = chart.y.ticks((plot_height / 48.0).floor() as usize);
    writeln!(
        out,
        "<g class=\"grid\" stroke=\"{GRID}\" stroke-width=\"1\">"
    )?;
    let grid_lines = x_ticks
        .iter()
        .map(|t| (x.at(t.value), l.top, x.at(t.value), l.bottom))
        .chain(
            y_ticks
                .iter()
                .map(|t| (l.left, y.at(t.value), l.right, y.at(t.value))),
        );
    for (x1, y1, x2, y2) in grid_lines {
        writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        )?;
    }
    writeln!(out, "</g>")?;
    writeln!(
        out,
        "<g class=\"ticks\" font-size=\"{TICK_PX}\" fill=\"{MUTED}\">"
    )?;
    for t in &x_ticks {
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            n(x.at(t.value)),
            n(l.bottom + TICK_PX + 6.0),
            escape_html(&t.label)
        )?;
    }
    for t in &y_ticks {
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            n(l.left - 8.0),
            n(y.at(t.value) + TICK_PX * 0.35),
            escape_html(&t.label)
        )?;
    }
    if let (Some(axis), Some(scale)) = (&chart.y2, y2) {
        for t in axis.ticks((plot_height / 48.0).floor() as usize) {
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                n(l.right + 8.0),
                n(scale.at(t.value) + TICK_PX * 0.35),
                escape_html(&t.label)
            )?;
        }
    }
    writeln!(out, "</g>")?;

    // Axis titles.
    writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{AXIS_TITLE_PX}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
        n((l.left + l.right) / 2.0),
        n(l.bottom + TICK_PX + AXIS_TITLE_PX + 16.0),
        escape_html(&chart.x.title)
    )?;
    let y_title_x = MARGIN + AXIS_TITLE_PX;
    writeln!(
        out,
        "<text transform=\"translate({},{}) rotate(-90)\" font-size=\"{AXIS_TITLE_PX}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
        n(y_title_x),
        n((l.top + l.bottom) / 2.0),
        escape_html(&chart.y.title)
    )?;
    if let Some(axis) = &chart.y2 {
        writeln!(
            out,
            "<text transform=\"translate({},{}) rotate(90)\" font-size=\"{AXIS_TITLE_PX}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
            n(l.right + l.right_axis - 6.0),
            n((l.top + l.bottom) / 2.0),
            escape_html(&axis.title)
        )?;
    }

    // What is drawn: bars, guides, lines, markers.
    for bar in &chart.bars {
        let ys = y_of(bar.side);
        let (x0, x1) = (
            x.at(bar.x0).min(x.at(bar.x1)),
            x.at(bar.x0).max(x.at(bar.x1)),
        );
        let (y0, y1) = (
            ys.at(bar.y0).min(ys.at(bar.y1)),
            ys.at(bar.y0).max(ys.at(bar.y1)),
        );
        let paint = if bar.ghost {
            ghost_paint(&bar.colour)
        } else {
            format!("fill=\"{}\"", escape_html(&bar.colour))
        };
        writeln!(
            out,
            "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {paint}/>",
            if bar.ghost { "ghost" } else { "bar" },
            n(x0),
            n(y0),
            n(x1 - x0),
            n(y1 - y0),
        )?;
        if let Some(label) = &bar.label {
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{LABEL_PX}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
                n((x0 + x1) / 2.0),
                n(y0 - 4.0),
                escape_html(label)
            )?;
        }
    }
    for guide in &chart.guides {
        let (x0, y0) = (x.at(guide.from.0), y.at(guide.from.1));
        let (x1, y1) = (x.at(guide.to.0), y.at(guide.to.1));
        writeln!(
            out,
            "<line class=\"guide\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GUIDE_COLOUR}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
            n(x0),
            n(y0),
            n(x1),
            n(y1)
        )?;
        if let Some(label) = &guide.label {
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{LABEL_PX}\" text-anchor=\"end\" fill=\"{MUTED}\">{}</text>",
                n(x1),
                n(y1 - 6.0),
                escape_html(label)
            )?;
        }
    }
    for series in &chart.series {
        let ys = y_of(series.side);
        let points: Vec<String> = series
            .points
            .iter()
            .map(|(px, py)| format!("{},{}", n(x.at(*px)), n(ys.at(*py))))
            .collect();
        let colour = escape_html(&series.colour);
        writeln!(
            out,
            "<g class=\"series\" data-name=\"{}\">",
            escape_html(&series.name)
        )?;
        writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.2\"{}/>",
            points.join(" "),
            dash_attribute(series.dash.as_deref())
        )?;
        if series.dots {
            for (px, py) in &series.points {
                writeln!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{colour}\"/>",
                    n(x.at(*px)),
                    n(ys.at(*py))
                )?;
            }
        }
        writeln!(out, "</g>")?;
    }
    write_end_labels(chart, &x, &y_of, l.top, l.bottom, out)?;
    for marker in &chart.markers {
        let (px, py) = (x.at(marker.x), y_of(marker.side).at(marker.y));
        write_shape(
            out,
            marker.shape,
            px,
            py,
            &marker.colour,
            marker.hollow,
            "marker",
        )?;
        if let Some(label) = &marker.label {
            writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{LABEL_PX}\" fill=\"{INK}\">{}</text>",
                n(px + 9.0),
                n(py + LABEL_PX * 0.35),
                escape_html(label)
            )?;
        }
    }

    if !chart.row_ends.is_empty() && !chart.row_end_title.is_empty() {
        writeln!(
            out,
            "<text class=\"row-end-title\" x=\"{}\" y=\"{}\" font-size=\"{LABEL_PX}\" font-weight=\"bold\" fill=\"{MUTED}\">{}</text>",
            n(l.row_end_x),
            n(l.top - 8.0),
            escape_html(&chart.row_end_title)
        )?;
    }
    for end in &chart.row_ends {
        writeln!(
            out,
            "<text class=\"row-end\" x=\"{}\" y=\"{}\" font-size=\"{LABEL_PX}\" font-weight=\"bold\" fill=\"{}\">{}</text>",
            n(l.row_end_x),
            n(y.at(end.y) + LABEL_PX * 0.35),
            escape_html(&end.colour),
            escape_html(&end.text)
        )?;
    }

    // The frame of the plot.
    writeln!(
        out,
        "<path d=\"M{l},{t} V{b} H{r}{right}\" fill=\"none\" stroke=\"{MUTED}\" stroke-width=\"1\"/>",
        l = n(l.left),
        t = n(l.top),
        b = n(l.bottom),
        r = n(l.right),
        right = if chart.y2.is_some() {
            format!(" V{}", n(l.top))
        } else {
            String::new()
        }
    )?;

    // Legend.
    writeln!(
        out,
        "<g class=\"legend\" font-size=\"{LEGEND_PX}\" fill=\"{INK}\">"
    )?;
    for ((swatch, text), &(sx, row)) in legend.iter().zip(&l.legend_at) {
        match swatch {
            Swatch::Line { colour, dash } => writeln!(
                out,
                "<line x1=\"{}\" y1=\"{r}\" x2=\"{}\" y2=\"{r}\" stroke=\"{}\" stroke-width=\"2.5\"{}/>",
                n(sx),
                n(sx + 22.0),
                escape_html(colour),
                dash_attribute(dash.as_deref()),
                r = n(row)
            )?,
            Swatch::Marker {
                shape,
                colour,
                hollow,
            } => write_shape(out, *shape, sx + 11.0, row, colour, *hollow, "swatch")?,
            Swatch::Bar { colour } => writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"10\" fill=\"{}\"/>",
                n(sx),
                n(row - 5.0),
                escape_html(colour)
            )?,
            Swatch::GhostBar { colour } => writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"10\" {}/>",
                n(sx),
                n(row - 5.0),
                ghost_paint(colour)
            )?,
            Swatch::Guide => writeln!(
                out,
                "<line x1=\"{}\" y1=\"{r}\" x2=\"{}\" y2=\"{r}\" stroke=\"{GUIDE_COLOUR}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                n(sx),
                n(sx + 22.0),
                r = n(row)
            )?,
        }
        writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            n(sx + 30.0),
            n(row + LEGEND_PX * 0.35),
            escape_html(text)
        )?;
    }
    writeln!(out, "</g>")?;

    // Caption.
    let caption_top = l.caption_top;
    for (i, line) in l.caption.iter().enumerate() {
        writeln!(
            out,
            "<text class=\"caption\" x=\"{}\" y=\"{}\" font-size=\"{CAPTION_PX}\" fill=\"{MUTED}\">{}</text>",
            n(MARGIN),
            n(caption_top + CAPTION_PX + i as f64 * (CAPTION_PX + 5.0)),
            escape_html(line)
        )?;
    }
    writeln!(out, "</svg>")
}

/// The most ticks along `pixels` whose labels, with room between them,
/// fit: short labels (years) may come closer than long ones (dates), so a
/// time axis gets half-years rather than every other year when it can.
fn fitting_ticks(axis: &Axis, pixels: f64) -> Vec<super::Tick> {
    const GAP: f64 = 24.0;
    let mut count = (pixels / 40.0).floor().max(2.0) as usize;
    loop {
        let ticks = axis.ticks(count);
        let widest = ticks
            .iter()
            .map(|t| text_width(&t.label, TICK_PX))
            .fold(0.0, f64::max);
        if count <= 2 || ticks.len() as f64 * (widest + GAP) <= pixels {
            return ticks;
        }
        count -= 1;
    }
}

/// The paint of a ghost bar: a pale fill and a dashed outline.
fn ghost_paint(colour: &str) -> String {
    let colour = escape_html(colour);
    format!("fill=\"{colour}\" fill-opacity=\"0.18\" stroke=\"{colour}\" stroke-width=\"1\" stroke-dasharray=\"4 2\"")
}

/// The series' end labels, right of their last points, moved apart so that
/// no two overlap (and kept inside the plot's height).
fn write_end_labels(
    chart: &Chart,
    x: &Scale,
    y_of: &dyn Fn(Side) -> Scale,
    top: f64,
    bottom: f64,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut labels: Vec<(f64, f64, &str, &str)> = chart
        .series
        .iter()
        .filter_map(|s| {
            let label = s.end_label.as_deref()?;
            let (px, py) = s.points.last()?;
            Some((
                x.at(*px) + 8.0,
                y_of(s.side).at(*py),
                label,
                s.colour.as_str(),
            ))
        })
        .collect();
    let ys = spread(
        &labels.iter().map(|l| l.1).collect::<Vec<_>>(),
        LABEL_PX + 3.0,
        top + LABEL_PX,
        bottom,
    );
    for (label, y) in labels.iter_mut().zip(ys) {
        label.1 = y;
    }
    for (px, py, text, colour) in labels {
        writeln!(
            out,
            "<text class=\"end-label\" x=\"{}\" y=\"{}\" font-size=\"{LABEL_PX}\" font-weight=\"bold\" fill=\"{}\">{}</text>",
            n(px),
            n(py + LABEL_PX * 0.35),
            escape_html(colour),
            escape_html(text)
        )?;
    }
    Ok(())
}

/// Positions as near as may be to `wanted`, at least `gap` apart, within
/// `low..=high` when they fit (same order as given).
fn spread(wanted: &[f64], gap: f64, low: f64, high: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|a, b| wanted[*a].total_cmp(&wanted[*b]).then(a.cmp(b)));
    let mut placed = vec![0.0; wanted.len()];
    let mut previous = f64::NEG_INFINITY;
    for &i in &order {
        let y = wanted[i].max(low).max(previous + gap);
        placed[i] = y;
        previous = y;
    }
    // Pushed past the bottom: move the run up, keeping the gaps.
    let mut next = f64::INFINITY;
    for &i in order.iter().rev() {
        let y = placed[i].min(high).min(next - gap);
        placed[i] = y;
        next = y;
    }
    placed
}

/// A marker symbol centred on (x, y), about 11 px across.
fn write_shape(
    out: &mut dyn Write,
    shape: Shape,
    x: f64,
    y: f64,
    colour: &str,
    hollow: bool,
    class: &str,
) -> io::Result<()> {
    let colour = escape_html(colour);
    let paint = if hollow {
        format!("fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\"")
    } else {
        format!("fill=\"{colour}\" stroke=\"{colour}\" stroke-width=\"1\"")
    };
    let r = 5.5;
    let d = match shape {
        Shape::Circle => {
            return writeln!(
                out,
                "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{}\" {paint}/>",
                n(x),
                n(y),
                n(r - 0.5)
            )
        }
        Shape::Diamond => format!(
            "M{},{} L{},{} L{},{} L{},{} Z",
            n(x),
            n(y - r),
            n(x + r),
            n(y),
            n(x),
            n(y + r),
            n(x - r),
            n(y)
        ),
        Shape::Square => format!(
            "M{},{} H{} V{} H{} Z",
            n(x - r + 1.0),
            n(y - r + 1.0),
            n(x + r - 1.0),
            n(y + r - 1.0),
            n(x - r + 1.0)
        ),
        Shape::Triangle => format!(
            "M{},{} L{},{} L{},{} Z",
            n(x),
            n(y - r),
            n(x + r),
            n(y + r - 1.0),
            n(x - r),
            n(y + r - 1.0)
        ),
        Shape::Dash => format!(
            "M{},{} H{} V{} H{} Z",
            n(x - r - 2.0),
            n(y - 1.5),
            n(x + r + 2.0),
            n(y + 1.5),
            n(x - r - 2.0)
        ),
    };
    writeln!(out, "<path class=\"{class}\" d=\"{d}\" {paint}/>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::parse_date;
    use crate::model::Calendar;
    use crate::render::chart::{
        series_colour, Bar, Guide, LegendEntry, Marker, NumberFormat, Series,
    };

    fn sample() -> Chart {
        let calendar = Calendar::new(parse_date("2025-01-01").unwrap());
        let mut chart = Chart::new(
            "Title <&>",
            "Look at the lines rising above the diagonal; each one is a date that slips.",
            Axis::time("Report date", calendar, 0, 28),
            Axis::number("Share", NumberFormat::Percent, 0.0, 1.0),
        );
        chart.series.push(Series::new(
            "A \"quoted\" \u{1b}[2J name",
            series_colour(0),
            vec![(0.0, 0.2), (7.0, 0.4), (14.0, 0.5)],
        ));
        chart.bars.push(Bar {
            x0: 0.0,
            x1: 7.0,
            y0: 0.0,
            y1: 0.3,
            colour: series_colour(1).to_string(),
            label: Some("30 %".into()),
            side: Side::Primary,
            ghost: false,
        });
        chart.markers.push(Marker {
            x: 14.0,
            y: 0.9,
            shape: Shape::Diamond,
            colour: series_colour(0).to_string(),
            hollow: true,
            label: None,
            side: Side::Primary,
        });
        chart.guides.push(Guide {
            from: (0.0, 0.0),
            to: (28.0, 1.0),
            label: Some("diagonal".into()),
        });
        chart.legend.push(LegendEntry {
            swatch: Swatch::Marker {
                shape: Shape::Diamond,
                colour: GUIDE_COLOUR.into(),
                hollow: true,
            },
            text: "target".into(),
        });
        chart
    }

    fn svg(chart: &Chart) -> String {
        let mut out = Vec::new();
        write_svg(chart, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_svg_parses_and_escapes_every_text() {
        let text = svg(&sample());
        let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert!(texts.contains(&"Title <&>"));
        assert!(texts.contains(&"A \"quoted\" \u{fffd}[2J name"));
        assert!(texts.contains(&"target"));
        assert!(texts.contains(&"2025-01-06"));
        assert!(texts.contains(&"40 %"));
        // One polyline with its three dots, one bar, one marker, one guide.
        let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
        assert_eq!(count("polyline"), 1);
        assert_eq!(
            doc.descendants()
                .filter(|n| n.attribute("class") == Some("marker"))
                .count(),
            1
        );
        assert_eq!(
            doc.descendants()
                .filter(|n| n.attribute("class") == Some("guide"))
                .count(),
            1
        );
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn no_text_is_smaller_than_11_px() {
        let text = svg(&sample());
        let doc = roxmltree::Document::parse(&text).unwrap();
        for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let size: f64 = node
                .ancestors()
                .find_map(|a| a.attribute("font-size"))
                .expect("every text has a size")
                .parse()
                .unwrap();
            assert!(size >= 11.0, "{:?} at {size}px", node.text());
        }
    }

    #[test]
    fn the_caption_wraps_inside_the_width() {
        let mut chart = sample();
        chart.caption = "word ".repeat(80);
        let text = svg(&chart);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let lines: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("caption"))
            .filter_map(|n| n.text())
            .collect();
        assert!(lines.len() >= 3);
        for line in lines {
            assert!(text_width(line, CAPTION_PX) <= chart.width - 2.0 * MARGIN);
        }
    }

    #[test]
    fn x_ticks_are_as_many_as_their_labels_leave_room_for() {
        let calendar = Calendar::new(parse_date("2025-01-01").unwrap());
        // 2025-01-01 to 2029-06-30 (day 1641) over 540 px. Half-years
        // ("Jul 2026": 8 × 7.2 = 57.6 px + 24 = 81.6 px each) are 9, Jan 2025
        // to Jan 2029: 734 px, too wide; years ("2026": 28.8 + 24 = 52.8 px)
        // are 5: 264 px, they fit.
        let axis = Axis {
            min: 0.0,
            max: 1641.0,
            ..Axis::time("t", calendar, 0, 1)
        };
        let labels: Vec<String> = fitting_ticks(&axis, 540.0)
            .into_iter()
            .map(|t| t.label)
            .collect();
        assert_eq!(labels, ["2025", "2026", "2027", "2028", "2029"]);
        // Over 800 px the 9 half-years fit (734 px).
        assert_eq!(fitting_ticks(&axis, 800.0).len(), 9);
    }

    #[test]
    fn end_labels_are_spread_apart_in_order() {
        // 100 and 105 are 5 apart, 14 needed: the second moves to 114;
        // 300 stays. Near the bottom (high 120), the run moves up.
        assert_eq!(
            spread(&[105.0, 100.0, 300.0], 14.0, 0.0, 1000.0),
            [114.0, 100.0, 300.0]
        );
        assert_eq!(spread(&[118.0, 119.0], 14.0, 0.0, 120.0), [106.0, 120.0]);
    }

    #[test]
    fn a_long_legend_makes_the_chart_taller() {
        let mut chart = sample();
        for i in 0..30 {
            chart.series.push(Series::new(
                format!("S{i}"),
                series_colour(i),
                vec![(0.0, 0.5)],
            ));
        }
        let text = svg(&chart);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let height: f64 = doc
            .root_element()
            .attribute("height")
            .unwrap()
            .parse()
            .unwrap();
        assert!(height > 32.0 * LEGEND_ROW);
    }
}
