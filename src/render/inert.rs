//! Text a person reads is inert (STYLE habit 16): control characters never
//! reach a terminal, a page or a paper raw. An escape sequence in a project's
//! name (ESC `[2J` clears the screen, OSC 8 makes hyperlinks) shows as U+FFFD
//! instead; a tab shows as a space; line breaks stay.

use std::io::{self, Write};

/// The replacement shown for a control character.
pub const REPLACEMENT: char = '\u{FFFD}';

/// `c` as it may be shown: control characters (C0, DEL and C1) other than a
/// newline become U+FFFD, a tab a space.
pub fn visible(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() && c != '\n' => REPLACEMENT,
        c => c,
    }
}

/// Whether `text` holds a character that [`visible`] changes.
pub fn needs_care(text: &str) -> bool {
    text.chars().any(|c| c != '\n' && c.is_control())
}

/// `text` with every character made [`visible`].
pub fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_care(text) {
        text.chars().map(visible).collect::<String>().into()
    } else {
        text.into()
    }
}

/// A writer that makes UTF-8 text inert on its way through: C0 controls
/// (except a newline), DEL and the C1 controls U+0080–U+009F become U+FFFD,
/// a tab a space. Bytes that are not UTF-8 text pass unchanged, so this is
/// for text outputs only (never an image).
///
/// # Complexity
/// One pass over the bytes; text without controls is passed on in one write.
pub struct InertWriter<W: Write> {
    inner: W,
    /// The last byte of the previous write was 0xC2, the lead byte of a C1
    /// control when the next byte is 0x80–0x9F.
    pending_c2: bool,
}

impl<W: Write> InertWriter<W> {
    pub fn new(inner: W) -> InertWriter<W> {
        InertWriter {
            inner,
            pending_c2: false,
        }
    }

    fn flush_pending(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xC2])?;
        }
        Ok(())
    }
}

impl<W: Write> Drop for InertWriter<W> {
    fn drop(&mut self) {
        // A lone 0xC2 at the very end was not a control: give it back.
        let _ = self.flush_pending();
    }
}

const REPLACEMENT_UTF8: &[u8] = "\u{FFFD}".as_bytes();

fn is_c0_or_del(byte: u8) -> bool {
    (byte < 0x20 && byte != b'\n') || byte == 0x7F
}

/// Whether `bytes` hold no byte that needs care: a C0 control other than a
/// newline, DEL, or 0xC2 (which may start a C1 control). Checked 32 bytes at
/// a time without early exits, which the compiler vectorises: a byte-by-byte
/// loop took a sixth of an export's time when every byte went through it.
fn all_plain(bytes: &[u8]) -> bool {
    let special = |b: u8| is_c0_or_del(b) | (b == 0xC2);
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |any, &b| any | special(b)) {
            return false;
        }
    }
    !chunks.remainder().iter().any(|&b| special(b))
}

impl<W: Write> Write for InertWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut rest = bytes;
        if self.pending_c2 {
            self.pending_c2 = false;
            match rest.first() {
                Some(0x80..=0x9F) => {
                    self.inner.write_all(REPLACEMENT_UTF8)?;
                    rest = &rest[1..];
                }
                Some(_) => self.inner.write_all(&[0xC2])?,
                None => {
                    self.pending_c2 = true;
                    return Ok(0);
                }
            }
        }
        // Plain text, the common case, goes through in one piece.
        if all_plain(rest) {
            self.inner.write_all(rest)?;
            return Ok(bytes.len());
        }
        let mut start = 0;
        let mut i = 0;
        while i < rest.len() {
            let byte = rest[i];
            if is_c0_or_del(byte) {
                self.inner.write_all(&rest[start..i])?;
                self.inner.write_all(if byte == b'\t' {
                    b" "
                } else {
                    REPLACEMENT_UTF8
                })?;
                start = i + 1;
            } else if byte == 0xC2 {
                match rest.get(i + 1) {
                    Some(0x80..=0x9F) => {
                        self.inner.write_all(&rest[start..i])?;
                        self.inner.write_all(REPLACEMENT_UTF8)?;
                        i += 1;
                        start = i + 1;
                    }
                    Some(_) => {}
                    None => {
                        self.inner.write_all(&rest[start..i])?;
                        self.pending_c2 = true;
                        return Ok(bytes.len());
                    }
                }
            }
            i += 1;
        }
        self.inner.write_all(&rest[start..])?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flush_pending()?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut writer = InertWriter::new(&mut out);
            for piece in pieces {
                writer.write_all(piece).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escape_sequences_and_c1_controls_show_as_replacement() {
        // ESC [2J (clear screen), OSC 8 hyperlink ending in BEL, a C1 CSI (U+009B), NUL, BS, DEL, CR.
        let text = "a\u{1b}[2Jb\u{1b}]8;;http://x\u{7}c\u{9b}d\0e\u{8}f\u{7f}g\rh\n";
        assert_eq!(
            through(&[text.as_bytes()]),
            "a\u{FFFD}[2Jb\u{FFFD}]8;;http://x\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{FFFD}h\n"
        );
    }

    #[test]
    fn a_c1_control_split_across_writes_is_still_caught_and_latin_text_kept() {
        let c1 = "\u{85}".as_bytes(); // NEL: C2 85
        assert_eq!(through(&[b"x", &c1[..1], &c1[1..], b"y"]), "x\u{FFFD}y");
        // "°" is C2 B0, not a control: kept, also when split.
        let degree = "°".as_bytes();
        assert_eq!(through(&[&degree[..1], &degree[1..]]), "°");
        assert_eq!(
            through(&["Zürich — 東京\ttab".as_bytes()]),
            "Zürich — 東京 tab"
        );
    }

    #[test]
    fn long_writes_are_checked_in_every_position_like_inert_text() {
        // Controls at every offset of a text longer than the 32-byte blocks
        // of the fast check, in a block and in the remainder, against
        // `inert`, which works on characters (an independent method).
        let base = "Zürich-Genève ° 東京 ".repeat(6);
        for control in ["\u{1b}", "\u{85}", "\t", "\0", "\u{7f}"] {
            for at in base.char_indices().map(|(i, _)| i) {
                let text = format!("{}{control}{}", &base[..at], &base[at..]);
                assert_eq!(
                    through(&[text.as_bytes()]),
                    inert(&text),
                    "{control:?} at {at}"
                );
            }
        }
        assert_eq!(through(&[base.as_bytes()]), base);
    }

    #[test]
    fn inert_text_keeps_newlines_and_replaces_the_rest() {
        assert_eq!(inert("a\nb"), "a\nb");
        assert_eq!(inert("a\u{1b}b\u{9f}"), "a\u{FFFD}b\u{FFFD}");
    }
}
