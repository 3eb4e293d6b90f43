//! MS Project's XML (MSPDI) read into a small tree of elements, each with
//! its line, so that the mapping can name the place of every problem.
//!
//! Only elements and their text are kept (MSPDI has no attributes that
//! matter and no mixed content). The root must be MSPDI's
//! `<Project xmlns="http://schemas.microsoft.com/project">`.
//!
//! # Complexity
//! One pass over the text (quick-xml); O(size) memory for the tree.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::model::{Problem, ProblemCode};

/// MSPDI's XML namespace.
pub const NAMESPACE: &str = "http://schemas.microsoft.com/project";

/// One XML element: its local name, text, child elements and 1-based line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
    pub line: usize,
}

impl Element {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn children_named<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child named `name`, when it has some.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }
}

/// Counts lines up to byte offsets that only grow.
struct Lines<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset > self.offset {
            self.line += self.text.as_bytes()[self.offset..offset]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            self.offset = offset;
        }
        self.line
    }
}

fn not_mspdi(file: &str, line: usize, what: String) -> Vec<Problem> {
    vec![Problem::new(
        ProblemCode::Unreadable,
        file,
        "",
        format!("not an MS Project XML (MSPDI) file: {what}"),
    )
    .with_hint(Some(
        "in MS Project: File → Save As → \"XML Format (*.xml)\"".to_string(),
    ))
    .at(line, 1)]
}

/// Reads MSPDI text into the tree of its root `<Project>`. Malformed or
/// truncated XML and a root that is not MSPDI's are problems naming the
/// line.
pub fn parse(text: &str, file: &str) -> Result<Element, Vec<Problem>> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut lines = Lines {
        text,
        offset: 0,
        line: 1,
    };
    let syntax = |line: usize, message: String| {
        vec![Problem::new(
            ProblemCode::Syntax,
            file,
            "",
            format!("malformed XML: {message}"),
        )
        .at(line, 1)]
    };
    // Open elements, innermost last.
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                let line = lines.at(reader.error_position() as usize);
                return Err(syntax(line, e.to_string()));
            }
        };
        // The line where this event's markup starts (after any whitespace).
        let skipped = text
            .get(before..)
            .map_or(0, |rest| rest.len() - rest.trim_start().len());
        let line = lines.at(before + skipped);
        let (start, empty) = match event {
            Event::Start(start) => (start, false),
            Event::Empty(start) => (start, true),
            Event::End(_) => {
                let closed = open.pop().expect("quick-xml checks end names");
                match open.last_mut() {
                    Some(parent) => parent.children.push(closed),
                    None => root = Some(closed),
                }
                continue;
            }
            Event::Text(t) => {
                if let Some(current) = open.last_mut() {
                    let decoded = t.decode().map_err(|e| syntax(line, e.to_string()))?;
                    current.text.push_str(&decoded);
                }
                continue;
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*reference {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                let Some(c) = resolved else {
                    return Err(syntax(
                        line,
                        format!(
                            "unknown entity &{};",
                            String::from_utf8_lossy(reference.as_ref())
                        ),
                    ));
                };
                if let Some(current) = open.last_mut() {
                    current.text.push(c);
                }
                continue;
            }
            Event::CData(t) => {
                if let Some(current) = open.last_mut() {
                    current.text.push_str(&String::from_utf8_lossy(&t));
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
        if open.is_empty() {
            if root.is_some() {
                return Err(syntax(line, "a second root element".to_string()));
            }
            let namespace = start
                .attributes()
                .flatten()
                .find(|a| a.key.as_ref() == b"xmlns")
                .map(|a| String::from_utf8_lossy(&a.value).into_owned());
            if name != "Project" || namespace.as_deref() != Some(NAMESPACE) {
                let namespace =
                    namespace.map_or_else(String::new, |n| format!(" (namespace \"{n}\")"));
                return Err(not_mspdi(
                    file,
                    line,
                    format!(
                        "the root element is <{name}>{namespace}; MSPDI's is <Project xmlns=\"{NAMESPACE}\">"
                    ),
                ));
            }
        }
        let element = Element {
            name,
            line,
            ..Element::default()
        };
        if empty {
            match open.last_mut() {
                Some(parent) => parent.children.push(element),
                None => root = Some(element),
            }
        } else {
            open.push(element);
        }
    }
    if let Some(innermost) = open.last() {
        let line = lines.at(text.len());
        return Err(syntax(
            line,
            format!(
                "the file ends inside <{}> (opened at line {}): it is truncated",
                innermost.name, innermost.line
            ),
        ));
    }
    root.ok_or_else(|| not_mspdi(file, 1, "it has no XML element".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\n";

    #[test]
    fn elements_keep_their_text_children_and_lines() {
        let text = format!(
            "{HEAD}<Name>A &amp; B</Name>\n<Tasks>\n <Task><UID>1</UID><Summary/></Task>\n</Tasks>\n</Project>\n"
        );
        let root = parse(&text, "f.xml").unwrap();
        assert_eq!(root.name, "Project");
        assert_eq!(root.line, 2);
        assert_eq!(root.text_of("Name"), Some("A & B"));
        let task = root.child("Tasks").unwrap().child("Task").unwrap();
        assert_eq!(task.line, 5);
        assert_eq!(task.text_of("UID"), Some("1"));
        assert!(task.child("Summary").is_some());
        assert_eq!(task.text_of("Summary"), None);
    }

    #[test]
    fn a_truncated_file_names_the_open_element() {
        let text = format!("{HEAD}<Tasks>\n<Task><UID>1</UID>\n");
        let problems = parse(&text, "f.xml").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .message
                .contains("ends inside <Task> (opened at line 4)"),
            "{problems:?}"
        );
    }

    #[test]
    fn other_xml_is_not_mspdi() {
        let problems = parse(
            "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "f.xml",
        )
        .unwrap_err();
        assert!(problems[0]
            .message
            .contains("not an MS Project XML (MSPDI) file: the root element is <svg>"));
        assert_eq!(problems[0].line, Some(2));
        let problems = parse("{\"json\": true}", "f.json").unwrap_err();
        assert!(
            problems[0].message.contains("not an MS Project XML"),
            "{problems:?}"
        );
    }

    #[test]
    fn mismatched_tags_are_malformed_xml_with_a_line() {
        let text = format!("{HEAD}<Tasks>\n</Task>\n</Project>");
        let problems = parse(&text, "f.xml").unwrap_err();
        assert!(
            problems[0].message.starts_with("malformed XML"),
            "{problems:?}"
        );
        assert_eq!(problems[0].line, Some(4));
    }
}
