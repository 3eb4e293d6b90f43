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

/// A pretty-printed JSON object being written at some depth of a document,
/// one field at a time, in the order of the fields of the struct it stands
/// for.
pub struct Object<'o> {
    out: &'o mut dyn Write,
    depth: usize,
    first: bool,
}

impl<'o> Object<'o> {
    /// Opens an object that stands at `depth` (0 for a whole document).
    pub fn begin(out: &'o mut dyn Write, depth: usize) -> io::Result<Object<'o>> {
        out.write_all(b"{")?;
        Ok(Object {
            out,
            depth,
            first: true,
        })
    }

    fn key(&mut self, name: &str) -> io::Result<()> {
        new_line(self.out, self.first, self.depth + 1)?;
        self.first = false;
        serde_json::to_writer(&mut *self.out, name)?;
        self.out.write_all(b": ")
    }

    /// Writes the field `name`.
    pub fn field(&mut self, name: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(name)?;
        write_at(self.out, self.depth + 1, value)
    }

    /// Writes the field `name`, an array of strings each already written
    /// as a JSON string literal (quoted and escaped, e.g. by
    /// `serde_json::to_string`): long lists of ids repeat the same few
    /// thousand strings, escaped once instead of at every use.
    pub fn quoted_strings<'s>(
        &mut self,
        name: &str,
        items: impl IntoIterator<Item = &'s str>,
    ) -> io::Result<()> {
        self.key(name)?;
        self.out.write_all(b"[")?;
        let mut first = true;
        for item in items {
            new_line(self.out, first, self.depth + 2)?;
            self.out.write_all(item.as_bytes())?;
            first = false;
        }
        if !first {
            self.out.write_all(b"\n")?;
            indent(self.out, self.depth + 1)?;
        }
        self.out.write_all(b"]")
    }

    /// Closes the object.
    pub fn end(mut self) -> io::Result<()> {
        self.close()
    }

    fn close(&mut self) -> io::Result<()> {
        if !self.first {
            self.out.write_all(b"\n")?;
            indent(self.out, self.depth)?;
        }
        self.out.write_all(b"}")
    }
}

/// A whole pretty-printed JSON document (an object), written field by
/// field; its large arrays rendered in parallel.
pub struct Document<'w> {
    object: Object<'w>,
}

impl<'w> Document<'w> {
    /// Opens the document.
    pub fn begin(out: &'w mut dyn Write) -> io::Result<Document<'w>> {
        Ok(Document {
            object: Object::begin(out, 0)?,
        })
    }

    /// Writes the field `name`.
    pub fn field(&mut self, name: &str, value: &impl Serialize) -> io::Result<()> {
        self.object.field(name, value)
    }

    /// Writes the field `name`: an array of `len` elements, element `i`
    /// being `element(i)`, rendered in parallel.
    pub fn array<T: Serialize>(
        &mut self,
        name: &str,
        len: usize,
        element: impl Fn(usize) -> T + Sync,
    ) -> io::Result<()> {
        self.array_with(name, len, |i, out| write_at(out, 2, &element(i)))
    }

    /// Like [`Document::array`], each element written by `render(i, out)`
    /// itself, as it stands at depth 2 (an [`Object`] begun at depth 2).
    pub fn array_with(
        &mut self,
        name: &str,
        len: usize,
        render: impl Fn(usize, &mut dyn Write) -> io::Result<()> + Sync,
    ) -> io::Result<()> {
        self.object.key(name)?;
        let out = &mut *self.object.out;
        if len == 0 {
            return out.write_all(b"[]");
        }
        out.write_all(b"[")?;
        let render_chunk = |chunk: usize| -> Vec<u8> {
            let mut text = Vec::new();
            for i in chunk * CHUNK..((chunk + 1) * CHUNK).min(len) {
                new_line(&mut text, i == 0, 2)
                    .and_then(|()| render(i, &mut text))
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
                scope
                    .spawn(|_| rendered = (start..end).into_par_iter().map(render_chunk).collect());
                written.iter().try_for_each(|text| out.write_all(text))
            });
            result?;
            written = rendered;
            start = end;
        }
        out.write_all(b"\n  ]")
    }

    /// Closes the document, with a final newline.
    pub fn end(mut self) -> io::Result<()> {
        self.object.close()?;
        self.object.out.write_all(b"\n")
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

    #[test]
    fn hand_written_elements_have_the_bytes_of_their_serde_form() {
        // Inner written field by field, its tags as quoted strings (none,
        // one, several), inside a document of two such arrays.
        #[derive(Serialize)]
        struct Two<'a> {
            items: Vec<Inner<'a>>,
            more: Vec<Inner<'a>>,
        }
        let whole = Two {
            items: (0..9).map(inner).collect(),
            more: vec![inner(3)],
        };
        let mut expected = serde_json::to_vec_pretty(&whole).unwrap();
        expected.push(b'\n');

        let by_hand = |i: usize, out: &mut dyn Write| {
            let element = inner(i);
            let quoted: Vec<String> = element
                .tags
                .iter()
                .map(|t| serde_json::to_string(t).unwrap())
                .collect();
            let mut object = Object::begin(out, 2)?;
            object.field("id", &element.id)?;
            object.quoted_strings("tags", quoted.iter().map(String::as_str))?;
            object.field("none", &element.none)?;
            object.field("nested", &element.nested)?;
            object.end()
        };
        let mut text = Vec::new();
        let mut doc = Document::begin(&mut text).unwrap();
        doc.array_with("items", 9, by_hand).unwrap();
        doc.array_with("more", 1, |_, out| by_hand(3, out)).unwrap();
        doc.end().unwrap();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }
}
