//! The pretty layout of every JSON document: serde_json's own
//! (`PrettyFormatter`, two spaces a level), with each line break and its
//! indent written in one piece instead of one write per level.

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// A comma, a line break and enough spaces for 32 levels: every break of a
/// document is a slice of it.
const BREAKS: &[u8] = b",\n                                                                ";

/// serde_json's `PrettyFormatter::new()` layout, byte for byte: `[]` and `{}`
/// when empty, else one element a line, indented two spaces a level.
#[derive(Debug, Default)]
pub struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`) and the current indent.
    fn line<W: ?Sized + Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        let to = 2 + 2 * self.level;
        match BREAKS.get(from..to) {
            Some(piece) => out.write_all(piece),
            None => {
                out.write_all(&BREAKS[from..2])?;
                (0..self.level).try_for_each(|_| out.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(out, true)?;
        }
        out.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.line(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;

    fn both(value: &impl Serialize) -> (String, String) {
        let mut ours = Vec::new();
        value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut ours,
                Pretty::default(),
            ))
            .unwrap();
        let theirs = serde_json::to_string_pretty(value).unwrap();
        (String::from_utf8(ours).unwrap(), theirs)
    }

    #[test]
    fn lays_out_like_serde_json_pretty_printer_at_every_depth() {
        // serde_json's PrettyFormatter is the independent method; the
        // nesting goes past the 32 levels held in BREAKS.
        let mut deep = json!({"leaf": [1, {}, [], "x"]});
        for level in 0..40 {
            deep = if level % 2 == 0 {
                json!([deep, level, {"k": []}])
            } else {
                json!({"a": deep, "b": {"c": null}, "d": []})
            };
        }
        for value in [
            json!({}),
            json!([]),
            json!([[]]),
            json!({"a": {}}),
            json!(1),
            deep,
        ] {
            let (ours, theirs) = both(&value);
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn an_indent_is_two_spaces_a_level() {
        let (ours, _) = both(&json!({"a": [1]}));
        assert_eq!(ours, "{\n  \"a\": [\n    1\n  ]\n}");
    }
}
