//! How wide a line of diagram text is drawn: a generous estimate in the
//! widest of the fonts the diagrams name (DejaVu Sans), from the widths of
//! its glyph classes, so that every box can be sized to hold its text.

/// The fonts the built-in diagrams are drawn in, widest first.
pub const FONT: &str = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

/// Bold glyphs of DejaVu Sans are at most this much wider than regular ones
/// (caps: H 837 against 752 units, W 1103 against 989).
const BOLD: f64 = 1.12;

/// The advance of `c` in em, rounded up from DejaVu Sans's widths (units per
/// 1000 em: caps 557–787, M 863, W 989; lower case 521–635, m 974, w 818,
/// f 352, r 411, t 392, i j l 278; digits 636; space 318; hyphen 361).
fn em(c: char) -> f64 {
    match c {
        'M' | 'W' | 'm' | 'w' | '%' | '—' | '@' => 1.0,
        'I' | 'J' => 0.4,
        'A'..='Z' => 0.8,
        '0'..='9' => 0.66,
        'i' | 'j' | 'l' => 0.32,
        'f' | 'r' | 't' => 0.46,
        'a'..='z' => 0.65,
        ' ' => 0.33,
        '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.36,
        '-' | '(' | ')' | '[' | ']' | '/' | '\\' => 0.42,
        c if c.is_ascii() => 0.84,
        _ => 1.0,
    }
}

/// The width in pixels `text` takes at `px`, bold or not; at least what any
/// of the fonts named draws.
pub fn text_width(text: &str, px: f64, bold: bool) -> f64 {
    let factor = if bold { BOLD } else { 1.0 };
    text.chars().map(em).sum::<f64>() * px * factor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_add_up_per_glyph_class() {
        // "P-COM-001" at 10 px: P C O M as caps 0.8 + 0.8 + 0.8 + 1.0 (M),
        // two hyphens 0.42 each, three digits 0.66 each: 6.22 em = 62.2 px.
        assert!((text_width("P-COM-001", 10.0, false) - 62.2).abs() < 1e-9);
        assert!((text_width("P-COM-001", 10.0, true) - 62.2 * 1.12).abs() < 1e-9);
        assert_eq!(text_width("", 12.0, true), 0.0);
    }
}
