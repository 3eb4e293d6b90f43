//! Text made safe for Graphviz: quoted DOT strings, escString labels and
//! HTML-like labels.
//!
//! graphviz-rust prints `Id`s verbatim (it escapes nothing, upstream issue
//! besok/graphviz-rust#37), so every id and label is quoted here. The rules,
//! from Graphviz's scanner (`lib/cgraph/scan.l`) and the escString docs:
//! - inside a quoted string `\"` is a quote and `\\` stays two backslashes
//!   (so a trailing backslash cannot swallow the closing quote);
//! - in an escString label `\\` shows one backslash, `\n` breaks the line, and
//!   `\N`, `\G`, `\L`… would expand: doubling every backslash keeps a name's
//!   own `\N` literal;
//! - HTML-like labels are XML: `&`, `<`, `>`, `"` become entities; and since
//!   Graphviz (2.43 at least) still expands `\N` & co. in them, after
//!   decoding entities, a backslash is doubled there too (`\\` shows `\`).
//!
//! Control characters other than newline are invalid in the SVG (XML) that
//! Graphviz writes, so they show as U+FFFD.

/// `text` as a quoted DOT id whose name is `text` (backslashes and quotes escaped).
pub fn quote_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(visible(c)),
        }
    }
    out.push('"');
    out
}

/// `text` as a quoted escString label that shows exactly `text`
/// (newlines break the line; nothing expands).
pub fn quote_label(text: &str) -> String {
    // Same escapes as an id: `\\` shows `\`, `\n` breaks the line.
    quote_id(text)
}

/// `text` escaped for the inside of an HTML-like label, newlines as `<BR/>`.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_html(&mut out, text);
    out
}

/// Appends `text` escaped for an HTML-like label, newlines as `<BR/>`.
pub fn push_html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Graphviz expands `\N`, `\G`… even in HTML-like labels (after
            // decoding entities), and there `\\` shows one backslash.
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("<BR/>"),
            c => out.push(visible(c)),
        }
    }
}

use crate::render::inert::visible;

/// Splits `text` into lines of at most about `width` characters, at spaces
/// where possible; explicit newlines are kept. Long words are cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_chars = 0;
        for word in paragraph.split(' ') {
            let word_chars = word.chars().count();
            if line_chars > 0 && line_chars + 1 + word_chars > width {
                lines.push(std::mem::take(&mut line));
                line_chars = 0;
            }
            if line_chars > 0 {
                line.push(' ');
                line_chars += 1;
            }
            // A word longer than a line is cut into pieces (its characters
            // counted once: a name of a million characters stays linear).
            let mut rest = word;
            let mut rest_chars = word_chars;
            while line_chars + rest_chars > width && rest_chars > width {
                let taken = width - line_chars;
                let cut = rest
                    .char_indices()
                    .nth(taken)
                    .map_or(rest.len(), |(i, _)| i);
                line.push_str(&rest[..cut]);
                lines.push(std::mem::take(&mut line));
                line_chars = 0;
                rest = &rest[cut..];
                rest_chars -= taken;
            }
            line.push_str(rest);
            line_chars += rest_chars;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_ids_escape_backslash_before_quote() {
        assert_eq!(quote_id(r#"a"b"#), r#""a\"b""#);
        // A trailing backslash is doubled, so it cannot escape the closing quote.
        assert_eq!(quote_id(r"ends\"), r#""ends\\""#);
        // `\N` in a name stays literal in an escString label.
        assert_eq!(quote_label(r"see \N"), r#""see \\N""#);
        assert_eq!(quote_label("two\nlines"), r#""two\nlines""#);
        assert_eq!(quote_id("Ωμέγα 東京"), "\"Ωμέγα 東京\"");
        assert_eq!(quote_id("bell\u{7}"), "\"bell\u{FFFD}\"");
    }

    #[test]
    fn html_escapes_markup_and_breaks_lines() {
        assert_eq!(
            html(r#"<b>R&D "x"</b>"#),
            "&lt;b&gt;R&amp;D &quot;x&quot;&lt;/b&gt;"
        );
        assert_eq!(html("a\nb"), "a<BR/>b");
        assert_eq!(html("{x|y}"), "{x|y}");
        assert_eq!(html(r"pki\N"), r"pki\\N");
        // An entity in a name is shown as written, not interpreted.
        assert_eq!(html("&lt;"), "&amp;lt;");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("Identity and access management", 16),
            ["Identity and", "access", "management"]
        );
        assert_eq!(wrap("short", 16), ["short"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("one\ntwo", 16), ["one", "two"]);
        // Character count, not bytes.
        assert_eq!(wrap("Ωμέγα Ωμέγα", 5), ["Ωμέγα", "Ωμέγα"]);
    }
}
