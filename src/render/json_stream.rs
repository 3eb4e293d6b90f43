//! Large JSON documents written field by field, their big arrays rendered
//! in parallel: the very bytes `serde_json::to_writer_pretty` gives for the
//! whole document, without holding the document or its text in memory.
//!
//! A 100 000-project schedule is about 120 MB of pretty JSON and an impact
//! report with its chains several hundred; serialising it on one thread into
//! one buffer dominated those commands.
//!
//! # Complexity
//! Linear in the output; at most two windows of [`WINDOW`] chunks of
//! [`CHUNK`] array elements are held at once (one being written while the
//! next is rendered).

use std::io::{self, Write};

use rayon::prelude::{IntoParallelIterator, ParallelIterator};
use serde::Serialize;
use serde_json::ser::Formatter;

/// Array elements rendered together by one task.
const CHUNK: usize = 256;
/// Chunks rendered in parallel while the previous window is written.
const WINDOW: usize = 32;

/// serde_json's `PrettyFormatter` (two-space indent, `": "` after keys),
/// starting at a given depth so that a value rendered alone has the bytes it
/// has inside the whole document.
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn at(depth: usize) -> Pretty {
        Pretty {
            depth,
            has_value: false,
        }
    }

    /// Opens an array or object with `bracket`.
    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    /// Closes an array or object with `bracket`, on a line of its own
    /// unless it is empty.
    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        out.write_all(bracket)
    }
}

/// A newline (after a comma unless `first`) and the indent of `depth`.
fn new_line<W: ?Sized + Write>(out: &mut W, first: bool, depth: usize) -> io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    indent(out, depth)
}

fn indent<W: ?Sized + Write>(out: &mut W, depth: usize) -> io::Result<()> {
    const SPACES: &[u8; 32] = b"                                ";
    let mut width = depth * 2;
    while width > 0 {
        let step = width.min(SPACES.len());
        out.write_all(&SPACES[..step])?;
        width -= step;
    }
    Ok(())
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        new_line(out, first, self.depth)
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
        new_line(out, first, self.depth)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` pretty-printed as it stands at `depth` of a document.
fn write_at<W: ?Sized + Write>(
    out: &mut W,
    depth: usize,
    value: &impl Serialize,
) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Pretty::at(depth));
    value.serialize(&mut serializer).map_err(io::Error::from)
}

/// A pretty-printed JSON object being written, one field at a time, in the
/// order of the fields of the struct it stands for.
pub struct Document<'w> {
    out: &'w mut dyn Write,
    first: bool,
}

impl<'w> Document<'w> {
    /// Opens the object.
    pub fn begin(out: &'w mut dyn Write) -> io::Result<Document<'w>> {
        out.write_all(b"{")?;
        Ok(Document { out, first: true })
    }

    fn key(&mut self, name: &str) -> io::Result<()> {
        new_line(self.out, self.first, 1)?;
        self.first = false;
        serde_json::to_writer(&mut *self.out, name)?;
        self.out.write_all(b": ")
    }

    /// Writes the field `name`.
    pub fn field(&mut self, name: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(name)?;
        write_at(self.out, 1, value)
    }

    /// Writes the field `name`: an array of `len` elements, element `i`
    /// being `element(i)`, rendered in parallel.
    pub fn array<T: Serialize>(
        &mut self,
        name: &str,
        len: usize,
        element: impl Fn(usize) -> T + Sync,
    ) -> io::Result<()> {
        self.key(name)?;
        if len == 0 {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        let render = |chunk: usize| -> Vec<u8> {
            let mut text = Vec::new();
            for i in chunk * CHUNK..((chunk + 1) * CHUNK).min(len) {
                new_line(&mut text, i == 0, 2)
                    .and_then(|()| write_at(&mut text, 2, &element(i)))
                    .expect("writing to memory cannot fail");
            }
            text
        };
        let chunks = len.div_ceil(CHUNK);
        let mut written: Vec<Vec<u8>> = Vec::new();
        let mut start = 0;
        while start < chunks || !written.is_empty() {
            let end = (start + WINDOW).min(chunks);
            let mut rendered = Vec::new();
            // This thread writes one window while the pool renders the next.
            let result = rayon::in_place_scope(|scope| {
                scope.spawn(|_| rendered = (start..end).into_par_iter().map(render).collect());
                written.iter().try_for_each(|text| self.out.write_all(text))
            });
            result?;
            written = rendered;
            start = end;
        }
        self.out.write_all(b"\n  ]")
    }

    /// Closes the object, with a final newline.
    pub fn end(self) -> io::Result<()> {
        self.out
            .write_all(if self.first { b"}\n" } else { b"\n}\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Inner<'a> {
        id: &'a str,
        tags: Vec<&'a str>,
        none: Vec<u8>,
        nested: Option<Vec<Vec<i64>>>,
    }

    #[derive(Serialize)]
    struct Outer<'a> {
        schema: &'a str,
        empty: Vec<Inner<'a>>,
        items: Vec<Inner<'a>>,
        tail: Option<&'a str>,
    }

    fn inner(i: usize) -> Inner<'static> {
        Inner {
            id: ["a\"b", "é", "\n"][i % 3],
            tags: vec!["x"; i % 4],
            none: Vec::new(),
            nested: (i % 2 == 0).then(|| vec![vec![i as i64, -1], Vec::new()]),
        }
    }

    #[test]
    fn writes_the_bytes_of_to_writer_pretty() {
        // More elements than one window of chunks, so that windows and
        // chunks join; escapes, empty and nested arrays, options.
        let len = CHUNK * WINDOW + CHUNK + 3;
        let whole = Outer {
            schema: "s/1",
            empty: Vec::new(),
            items: (0..len).map(inner).collect(),
            tail: None,
        };
        let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
        expected.push(b'\n');

        let mut text = Vec::new();
        let mut doc = Document::begin(&mut text).unwrap();
        doc.field("schema", &"s/1").unwrap();
        doc.array("empty", 0, inner).unwrap();
        doc.array("items", len, inner).unwrap();
        doc.field("tail", &None::<&str>).unwrap();
        doc.end().unwrap();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }
}
