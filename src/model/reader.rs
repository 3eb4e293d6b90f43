//! Reads a portfolio or status file into records in one streaming pass,
//! collecting every problem.
//!
//! Each record has one table of its fields (`model/fields.rs`): the key, whether it
//! is required, and how its value is read into the record. The same table
//! drives reading, the problems (unknown, missing, repeated keys, wrong
//! types, day counts out of range, empty ids) and the defaults, so adding a
//! field is one line in a table (and the record's field itself).
//!
//! The reader is a serde `DeserializeSeed` over serde_json's parser: no
//! `serde_json::Value` tree is built, and a value of the wrong type is
//! reported and skipped rather than ending the read, so one run reports
//! every problem. A malformed file (syntax, too deep, not one object) gives
//! that one problem alone, with its line and column.
//!
//! Problems are reported in a fixed order, whatever the order of the keys in
//! the file: per object, its unknown keys (in byte order), its repeated keys,
//! its missing required fields, then the problems of each field in table
//! order. A problem inside an element (a project, an update, …) names the
//! element's id, known only once the element is read, so the problems of an
//! element are held until its end.
//!
//! A top-level list that its record cannot take yet (a portfolio's projects
//! before its header) is held as the places where its elements begin in the
//! text, and read again from there when the record takes it (`Wait`).
//!
//! Convention shared with validation (`model/validate.rs`): an element or link that could not
//! be read is kept as a placeholder with an empty id (so later array indices
//! stay right) and has already been reported; validation skips empty ids.

use std::borrow::Cow;
use std::fmt;
use std::io::Read as _;
use std::path::Path;

use serde::de::{DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::fields::{Field, Read, STATUS};
use super::problem::{did_you_mean, pointer_token, Problem, ProblemCode};
use super::records::{LinkRecord, ProfileRecord, StatusRecord};
use super::values::AttributeValue;

/// The largest day count (duration, lag, delay, remaining days) accepted,
/// either way: about 2 700 years. Larger counts are typos, and bounding them
/// keeps every schedule sum far from `i64` overflow.
pub const MAX_DAY_COUNT: i64 = 1_000_000;

/// The largest input file read, unless `CAPGRAPH_MAX_INPUT_BYTES` says
/// otherwise: 1 GiB, some 3 million projects. A larger input (or an endless
/// one such as `/dev/zero`) is refused before it fills the memory.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 1 << 30;

/// The environment variable that overrides [`DEFAULT_MAX_INPUT_BYTES`].
pub const MAX_INPUT_BYTES_VARIABLE: &str = "CAPGRAPH_MAX_INPUT_BYTES";

/// The input size limit in force.
fn max_input_bytes() -> u64 {
    std::env::var(MAX_INPUT_BYTES_VARIABLE)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_MAX_INPUT_BYTES)
}

/// Reads `path` as UTF-8 text; a problem when the file is missing, a
/// directory, larger than the input limit, or not UTF-8 (with the line and
/// column of the first bad byte).
pub fn read_text(path: &Path) -> Result<String, Box<Problem>> {
    read_text_limited(path, max_input_bytes())
}

fn read_text_limited(path: &Path, limit: u64) -> Result<String, Box<Problem>> {
    let file = path.display().to_string();
    let unreadable =
        |message: String| Box::new(Problem::new(ProblemCode::Unreadable, &file, "", message));
    let cannot_read = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => unreadable("no such file".to_string()),
        _ => unreadable(format!("cannot read: {e}")),
    };
    let metadata = std::fs::metadata(path).map_err(cannot_read)?;
    if metadata.is_dir() {
        return Err(unreadable(
            "is a directory; give the path of a JSON file".to_string(),
        ));
    }
    let too_large = || {
        unreadable(format!(
            "is larger than {limit} bytes, the input limit; set {MAX_INPUT_BYTES_VARIABLE} \
             to a larger number of bytes to read it"
        ))
    };
    if metadata.is_file() && metadata.len() > limit {
        return Err(too_large());
    }
    let mut input = std::fs::File::open(path)
        .map_err(cannot_read)?
        .take(limit.saturating_add(1));
    let bytes = if metadata.is_file() {
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        input.read_to_end(&mut bytes).map_err(cannot_read)?;
        bytes
    } else {
        // Devices and pipes have no length: read them in chunks (a growing
        // buffer would double past the limit) up to one byte past the limit.
        let mut chunks = Vec::new();
        loop {
            let mut chunk = Vec::with_capacity(1 << 24);
            let read = (&mut input)
                .take(1 << 24)
                .read_to_end(&mut chunk)
                .map_err(cannot_read)?;
            if read == 0 {
                break;
            }
            chunks.push(chunk);
        }
        if chunks.iter().map(Vec::len).sum::<usize>() as u64 > limit {
            return Err(too_large());
        }
        chunks.concat()
    };
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let column = valid.len() - valid.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1) + 1;
        let mut problem = unreadable(format!(
            "is not UTF-8 text (invalid byte at line {line}, column {column}); save it as UTF-8"
        ));
        problem.line = Some(line);
        problem.column = Some(column);
        problem
    })
}

/// Reads status JSON text into records, appending problems; a problem alone
/// when the text is not one JSON object.
pub fn read_status_text(
    text: &str,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Result<StatusRecord, Box<Problem>> {
    read_file_object(text, file, STATUS, StatusRecord::default(), problems)
}

/// Whether `path` can be read as one JSON object (a problem when not):
/// what can be said of a status file without a valid portfolio.
pub fn check_json_object(path: &Path) -> Result<(), Box<Problem>> {
    let text = read_text(path)?;
    let file = path.display().to_string();
    read_file_object(&text, &file, &[] as &[Field<()>], (), &mut Vec::new())
}

/// Reads the top-level object of a file into `record` with `table`,
/// appending the problems found while reading.
pub(super) fn read_file_object<R>(
    text: &str,
    file: &str,
    table: &[Field<R>],
    record: R,
    problems: &mut Vec<Problem>,
) -> Result<R, Box<Problem>> {
    if text.trim().is_empty() {
        return Err(Box::new(Problem::new(
            ProblemCode::Unreadable,
            file,
            "",
            "is empty; expected one JSON object",
        )));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let root = Pointer::root();
    let read = TopLevel {
        table,
        path: &root,
        record,
        text,
    }
    .deserialize(&mut deserializer)
    .and_then(|read| deserializer.end().map(|()| read))
    .map_err(|e| syntax_problem(&e, file))?;
    match read {
        Ok((record, found)) => {
            problems.extend(found.into_iter().map(|p| p.into_problem(file, None)));
            Ok(record)
        }
        Err(found) => Err(Box::new(Problem::new(
            ProblemCode::NotAnObject,
            file,
            "",
            format!("the top level is {found}; expected one JSON object {{ ... }}"),
        ))),
    }
}

/// The problem of a file serde_json cannot parse.
fn syntax_problem(e: &serde_json::Error, file: &str) -> Box<Problem> {
    let message = e.to_string();
    let problem = if message.contains("recursion limit") {
        Problem::new(
            ProblemCode::TooDeep,
            file,
            "",
            format!(
                "JSON is nested too deeply (line {}, column {}); capgraph files need only a few levels",
                e.line(),
                e.column()
            ),
        )
    } else {
        // serde_json appends " at line L column C"; we report those separately.
        let reason = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(reason, _)| reason);
        Problem::new(
            ProblemCode::Syntax,
            file,
            "",
            format!(
                "malformed JSON at line {}, column {}: {reason}",
                e.line(),
                e.column()
            ),
        )
    };
    Box::new(problem.at(e.line(), e.column()))
}

/// A JSON pointer being read, as a chain of steps up to the root: built
/// into text only for a problem.
#[derive(Clone, Copy)]
pub(super) struct Pointer<'a> {
    parent: Option<&'a Pointer<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Pointer<'a> {
    fn root() -> Pointer<'static> {
        Pointer {
            parent: None,
            step: Step::Root,
        }
    }

    fn key(&'a self, key: &'a str) -> Pointer<'a> {
        Pointer {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    fn index(&'a self, index: usize) -> Pointer<'a> {
        Pointer {
            parent: Some(self),
            step: Step::Index(index),
        }
    }
}

/// RFC 6901: `/projects/3/depends_on/0`, `""` for the root.
impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            parent.fmt(f)?;
        }
        match self.step {
            Step::Root => Ok(()),
            Step::Key(key) => write!(f, "/{}", pointer_token(key)),
            Step::Index(i) => write!(f, "/{i}"),
        }
    }
}

/// A problem found while reading, before the id it names is known.
pub(super) struct Found {
    code: ProblemCode,
    path: String,
    message: Message,
    hint: Option<String>,
    /// The id the problem names; `None`: the enclosing element's.
    owner: Option<String>,
}

/// A message, some of which name the id of their object.
enum Message {
    Text(String),
    UnknownField(String),
    DuplicateKey(String),
    MissingField(&'static str),
}

impl Found {
    /// The JSON pointer of the value the problem is about.
    pub(super) fn path(&self) -> &str {
        &self.path
    }

    fn new(code: ProblemCode, path: &Pointer, message: String) -> Found {
        Found {
            code,
            path: path.to_string(),
            message: Message::Text(message),
            hint: None,
            owner: None,
        }
    }

    /// The problem, naming `element` unless it names an id of its own.
    fn into_problem(self, file: &str, element: Option<&str>) -> Problem {
        let id = self.owner.as_deref().or(element);
        let named = || id.map(|id| format!(" in \"{id}\"")).unwrap_or_default();
        let message = match self.message {
            Message::Text(text) => text,
            Message::UnknownField(key) => format!("unknown field \"{key}\"{}", named()),
            Message::DuplicateKey(key) => format!(
                "key \"{key}\" appears twice in one object{}; the first is read",
                named()
            ),
            Message::MissingField(field) => {
                format!("missing required field \"{field}\"{}", named())
            }
        };
        let mut problem = Problem::new(self.code, file, &self.path, message).with_hint(self.hint);
        problem.id = id.map(str::to_string);
        problem
    }

    /// Settles the owner of the problems of an element whose id is `id`.
    fn settle(found: &mut [Found], id: &str) {
        if id.is_empty() {
            return;
        }
        for f in found.iter_mut().filter(|f| f.owner.is_none()) {
            f.owner = Some(id.to_string());
        }
    }
}

/// A value read and dropped. Unlike serde's `IgnoredAny` (which serde_json
/// skips without counting depth) it goes through `deserialize_any`, so that
/// serde_json's nesting limit applies to skipped values too: a file nested
/// too deeply is "too deep" wherever the nesting is.
struct Skip;

impl<'de> serde::Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Skip, D::Error> {
        deserializer.deserialize_any(AnyVisitor).map(|_| Skip)
    }
}

/// What a JSON value turned out to be, for reading and for messages.
enum Any<'de> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(Cow<'de, str>),
    Array,
    Object,
}

/// "a JSON array", "the number 3", … for messages.
impl fmt::Display for Any<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Any::Null => f.write_str("null"),
            Any::Bool(b) => write!(f, "the boolean {b}"),
            Any::Int(n) => write!(f, "the number {n}"),
            Any::UInt(n) => write!(f, "the number {n}"),
            Any::Float(x) => match serde_json::Number::from_f64(*x) {
                Some(n) => write!(f, "the number {n}"),
                None => write!(f, "the number {x}"),
            },
            Any::Str(_) => f.write_str("a string"),
            Any::Array => f.write_str("a JSON array"),
            Any::Object => f.write_str("an object"),
        }
    }
}

impl Any<'_> {
    fn unsigned(n: u64) -> Any<'static> {
        match i64::try_from(n) {
            Ok(n) => Any::Int(n),
            Err(_) => Any::UInt(n),
        }
    }

    fn number(&self) -> Option<f64> {
        match *self {
            Any::Int(n) => Some(n as f64),
            Any::UInt(n) => Some(n as f64),
            Any::Float(x) => Some(x),
            _ => None,
        }
    }
}

/// A visitor's methods for the scalars: each value as an [`Any`] handed to
/// `|self, any| body`. `scalars` takes null, booleans and numbers (a
/// visitor that reads strings itself); without it, strings too, skipped:
/// what the visitors of arrays and objects return for a value of another
/// type.
macro_rules! other_values {
    (scalars $output:ty, |$visitor:ident, $any:ident| $body:expr) => {
        other_values!(@each $output, $visitor, $any, $body;
            visit_unit() Any::Null;
            visit_bool(b: bool) Any::Bool(b);
            visit_i64(n: i64) Any::Int(n);
            visit_u64(n: u64) Any::unsigned(n);
            visit_f64(x: f64) Any::Float(x)
        );
    };
    (@each $output:ty, $visitor:ident, $any:ident, $body:expr;
     $($method:ident($($arg:ident: $type:ty)?) $value:expr);*) => {
        $(
            fn $method<E>($visitor $(, $arg: $type)?) -> Result<$output, E> {
                let $any = $value;
                Ok($body)
            }
        )*
    };
    ($output:ty, $wrap:expr) => {
        other_values!(scalars $output, |self, any| $wrap(any));
        fn visit_str<E>(self, _: &str) -> Result<$output, E> {
            Ok($wrap(Any::Str(Cow::Borrowed(""))))
        }
    };
}

/// Reads any value, skipping arrays and objects: for scalars, and for
/// values of the wrong type.
struct AnyVisitor;

impl<'de> Visitor<'de> for AnyVisitor {
    type Value = Any<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    other_values!(scalars Any<'de>, |self, any| any);
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Any<'de>, E> {
        Ok(Any::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Any<'de>, E> {
        Ok(Any::Str(Cow::Owned(s.to_string())))
    }
    fn visit_string<E>(self, s: String) -> Result<Any<'de>, E> {
        Ok(Any::Str(Cow::Owned(s)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Any<'de>, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Any::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Any<'de>, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Any::Object)
    }
}

/// The top level: one object read into `record` with its table, or what else it is.
struct TopLevel<'t, 'p, 'de, R> {
    table: &'t [Field<R>],
    path: &'p Pointer<'p>,
    record: R,
    /// The text read, where the lists held for later are read again.
    text: &'de str,
}

type TopLevelRead<R> = Result<(R, Vec<Found>), String>;

impl<'de, R> DeserializeSeed<'de> for TopLevel<'_, '_, 'de, R> {
    type Value = TopLevelRead<R>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, R> Visitor<'de> for TopLevel<'_, '_, 'de, R> {
    type Value = TopLevelRead<R>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let mut record = self.record;
        let object = Object {
            table: self.table,
            path: self.path,
            text: Some(self.text),
        };
        let found = object.read(map, &mut record)?;
        Ok(Ok((record, found)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_seq(seq).map(|any| Err(any.to_string()))
    }
    other_values!(Self::Value, |any: Any| Err(any.to_string()));
}

/// An object to read: its table and its path; for the top level, the text,
/// so that lists held for later (see [`Wait`]) can be read from it again.
struct Object<'t, 'p, 'de, R> {
    table: &'t [Field<R>],
    path: &'p Pointer<'p>,
    text: Option<&'de str>,
}

/// Reads the members of one object into `record` with `table`; the
/// problems, in the order of the module's documentation.
fn read_object<'de, A: MapAccess<'de>, R>(
    map: A,
    table: &[Field<R>],
    record: &mut R,
    path: &Pointer,
) -> Result<Vec<Found>, A::Error> {
    let object = Object {
        table,
        path,
        text: None,
    };
    object.read(map, record)
}

impl<'de, R> Object<'_, '_, 'de, R> {
    /// Reads the members of the object into `record`.
    fn read<A: MapAccess<'de>>(&self, mut map: A, record: &mut R) -> Result<Vec<Found>, A::Error> {
        let (table, path) = (self.table, self.path);
        debug_assert!(table.len() <= 64, "one bit per field");
        let mut seen = 0u64;
        let mut unknown: Vec<String> = Vec::new();
        let mut repeated: Vec<String> = Vec::new();
        // (field position, problem), in the order found.
        let mut fields: Vec<(usize, Found)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed(table))? {
            match key {
                Key::Known(i) if seen & (1 << i) != 0 => {
                    repeated.push(table[i].name.to_string());
                    map.next_value::<Skip>()?;
                }
                Key::Known(i) => {
                    seen |= 1 << i;
                    let field = &table[i];
                    let field_path = path.key(field.name);
                    let mut found = Vec::new();
                    map.next_value_seed(ValueSeed {
                        read: &field.read,
                        record: &mut *record,
                        path: &field_path,
                        found: &mut found,
                        text: self.text,
                    })?;
                    fields.extend(found.into_iter().map(|f| (i, f)));
                    // Only the top level has lists to resume: checked here,
                    // not in a call per member of every element.
                    if let Some(text) = self.text {
                        self.resume(text, record, Moment::Later, &mut fields)?;
                    }
                }
                Key::Unknown(key) => {
                    if unknown.contains(&key) {
                        repeated.push(key);
                    } else {
                        unknown.push(key);
                    }
                    map.next_value::<Skip>()?;
                }
            }
        }
        if let Some(text) = self.text {
            self.resume(text, record, Moment::End, &mut fields)?;
        }
        let mut found = Vec::new();
        unknown.sort_unstable();
        let names = || table.iter().map(|f| f.name);
        for key in unknown {
            let hint = did_you_mean(&key, names()).or_else(|| {
                Some(format!(
                    "known fields: {}",
                    names().collect::<Vec<_>>().join(", ")
                ))
            });
            found.push(Found {
                code: ProblemCode::UnknownField,
                path: path.key(&key).to_string(),
                message: Message::UnknownField(key),
                hint,
                owner: None,
            });
        }
        for key in repeated {
            found.push(Found {
                code: ProblemCode::DuplicateKey,
                path: path.key(&key).to_string(),
                message: Message::DuplicateKey(key),
                hint: Some(
                    "remove one of the two; a repeated key is most often a typo".to_string(),
                ),
                owner: None,
            });
        }
        for (i, field) in table.iter().enumerate() {
            if field.required && seen & (1 << i) == 0 {
                found.push(Found {
                    code: ProblemCode::MissingField,
                    path: path.to_string(),
                    message: Message::MissingField(field.name),
                    hint: None,
                    owner: None,
                });
            }
        }
        // Stable: a field's problems stay in the order found.
        fields.sort_by_key(|(i, _)| *i);
        found.extend(fields.into_iter().map(|(_, f)| f));
        Ok(found)
    }

    /// Reads the lists held for later that `record` can take at `moment`,
    /// in table order; their problems go with their field's.
    fn resume<E: serde::de::Error>(
        &self,
        text: &str,
        record: &mut R,
        moment: Moment,
        fields: &mut Vec<(usize, Found)>,
    ) -> Result<(), E> {
        for (i, field) in self.table.iter().enumerate() {
            let path = self.path.key(field.name);
            let mut found = Vec::new();
            match &field.read {
                Read::Components(list) => list.resume(record, text, moment, &path, &mut found)?,
                Read::Capabilities(list) => list.resume(record, text, moment, &path, &mut found)?,
                Read::Projects(list) => list.resume(record, text, moment, &path, &mut found)?,
                Read::Updates(list) => list.resume(record, text, moment, &path, &mut found)?,
                _ => {}
            }
            fields.extend(found.into_iter().map(|f| (i, f)));
        }
        Ok(())
    }
}

/// A key of an object: the position of its field in the table, or the key.
enum Key {
    Known(usize),
    Unknown(String),
}

struct KeySeed<'t, R>(&'t [Field<R>]);

impl<'de, R> DeserializeSeed<'de> for KeySeed<'_, R> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, R> Visitor<'de> for KeySeed<'_, R> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(match self.0.iter().position(|f| f.name == key) {
            Some(i) => Key::Known(i),
            None => Key::Unknown(key.to_string()),
        })
    }
}

/// Reads the value of one field into the record, as its table entry says.
struct ValueSeed<'r, 'p, 'de, R> {
    read: &'r Read<R>,
    record: &'r mut R,
    path: &'p Pointer<'p>,
    found: &'r mut Vec<Found>,
    /// The text of the top level, for its lists (see [`Wait`]).
    text: Option<&'de str>,
}

impl<'de, R> DeserializeSeed<'de> for ValueSeed<'_, '_, 'de, R> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let ValueSeed {
            read,
            record,
            path,
            found,
            text,
        } = self;
        let wrong = |found: &mut Vec<Found>, expected: &str, any: &Any| {
            found.push(Found::new(
                ProblemCode::WrongType,
                path,
                format!("expected {expected}, found {any}"),
            ));
        };
        match read {
            Read::Text(set) => match deserializer.deserialize_any(AnyVisitor)? {
                Any::Str(s) => set(record, s.into_owned()),
                other => wrong(found, "a string", &other),
            },
            Read::RequiredText(set) => match deserializer.deserialize_any(AnyVisitor)? {
                Any::Str(s) => {
                    if s.is_empty() {
                        found.push(empty_required(path));
                    }
                    set(record, s.into_owned());
                }
                other => wrong(found, "a string", &other),
            },
            Read::Reference(set) => match deserializer.deserialize_any(AnyVisitor)? {
                Any::Str(s) => set(record, reference(s, path, found)),
                other => wrong(found, "a string", &other),
            },
            Read::Days(set) => {
                let any = deserializer.deserialize_any(AnyVisitor)?;
                if let Some(n) = days(&any, path, found) {
                    set(record, n);
                }
            }
            Read::Number(set) => {
                let any = deserializer.deserialize_any(AnyVisitor)?;
                match any.number() {
                    Some(n) => set(record, n),
                    None => wrong(found, "a number", &any),
                }
            }
            Read::Bool(set) => match deserializer.deserialize_any(AnyVisitor)? {
                Any::Bool(b) => set(record, b),
                other => wrong(found, "true or false", &other),
            },
            Read::Ids(set) => {
                let ids = deserializer.deserialize_any(ArrayVisitor {
                    path,
                    found: &mut *found,
                    item: |any: Any, path: &Pointer, found: &mut Vec<Found>| match any {
                        Any::Str(s) => reference(s, path, found),
                        other => {
                            found.push(Found::new(
                                ProblemCode::WrongType,
                                path,
                                format!("expected an id string, found {other}"),
                            ));
                            String::new()
                        }
                    },
                })?;
                // A list of the wrong type reads as empty (reported).
                let ids = ids.unwrap_or_else(|any| {
                    wrong(found, "an array", &any);
                    Vec::new()
                });
                set(record, ids);
            }
            Read::Links(set) => {
                let links = deserializer.deserialize_any(LinksVisitor {
                    path,
                    found: &mut *found,
                })?;
                let links = links.unwrap_or_else(|any| {
                    wrong(found, "an array", &any);
                    Vec::new()
                });
                set(record, links);
            }
            Read::Header(object) => object.read(deserializer, record, path, found)?,
            Read::Cost(object) => object.read(deserializer, record, path, found)?,
            Read::Range(object) => object.read(deserializer, record, path, found)?,
            Read::Ceilings(object) => object.read(deserializer, record, path, found)?,
            Read::Risk(object) => object.read(deserializer, record, path, found)?,
            Read::Components(list) => list.read(deserializer, record, path, found, text)?,
            Read::Capabilities(list) => list.read(deserializer, record, path, found, text)?,
            Read::Projects(list) => list.read(deserializer, record, path, found, text)?,
            Read::Updates(list) => list.read(deserializer, record, path, found, text)?,
            Read::Profile(set) => {
                let profile = deserializer.deserialize_any(ProfileVisitor {
                    path,
                    found: &mut *found,
                })?;
                match profile {
                    Ok(Some(profile)) => set(record, profile),
                    Ok(None) => {}
                    Err(any) => wrong(
                        found,
                        "\"linear\", \"front\", \"back\", \"bell\" or an array of 20 weights",
                        &any,
                    ),
                }
            }
            Read::NumberPair(set) => {
                let pair = deserializer.deserialize_any(ArrayVisitor {
                    path,
                    found: &mut Vec::new(),
                    item: |any: Any, _: &Pointer, _: &mut Vec<Found>| any.number(),
                })?;
                match pair.ok().as_deref() {
                    Some(&[Some(lo), Some(hi)]) => set(record, vec![lo, hi]),
                    _ => found.push(Found::new(
                        ProblemCode::WrongType,
                        path,
                        "expected [lo, hi], two numbers".to_string(),
                    )),
                }
            }
            Read::YearAmounts(set) => {
                let amounts = deserializer.deserialize_any(PairsVisitor {
                    path,
                    found: &mut *found,
                    value: |any: Any, path: &Pointer, found: &mut Vec<Found>| {
                        let amount = any.number();
                        if amount.is_none() {
                            found.push(Found::new(
                                ProblemCode::WrongType,
                                path,
                                format!("expected a number, found {any}"),
                            ));
                        }
                        amount
                    },
                })?;
                match amounts {
                    Ok(amounts) => set(record, amounts),
                    Err(any) => wrong(found, "an object", &any),
                }
            }
            Read::Attributes(set) => {
                let attributes = deserializer.deserialize_any(PairsVisitor {
                    path,
                    found: &mut *found,
                    value: |any: Any, path: &Pointer, found: &mut Vec<Found>| match any {
                        Any::Str(s) => Some(AttributeValue::Text(s.into_owned())),
                        other => match other.number() {
                            Some(n) => Some(AttributeValue::Number(n)),
                            None => {
                                found.push(Found::new(
                                    ProblemCode::WrongType,
                                    path,
                                    format!("expected a string or a number, found {other}"),
                                ));
                                None
                            }
                        },
                    },
                })?;
                match attributes {
                    Ok(attributes) => set(record, attributes),
                    Err(any) => wrong(found, "an object", &any),
                }
            }
        }
        Ok(())
    }
}

/// The problem of a required string that is empty.
fn empty_required(path: &Pointer) -> Found {
    let key = match path.step {
        Step::Key(key) => key,
        _ => "",
    };
    let code = if key == "id" {
        ProblemCode::EmptyId
    } else {
        ProblemCode::MissingField
    };
    Found::new(code, path, format!("\"{key}\" must not be empty"))
}

/// An id naming another node; an empty one is reported (and stays empty,
/// the placeholder validation skips).
fn reference(id: Cow<str>, path: &Pointer, found: &mut Vec<Found>) -> String {
    if id.is_empty() {
        found.push(Found::new(
            ProblemCode::EmptyId,
            path,
            "an empty id names no node".to_string(),
        ));
    }
    id.into_owned()
}

/// A whole number of days: a JSON integer (`10.0` is a wrong type, SPEC §7)
/// within ± [`MAX_DAY_COUNT`]; an integer beyond 64 bits is too large, not
/// of the wrong type.
fn days(any: &Any, path: &Pointer, found: &mut Vec<Found>) -> Option<i64> {
    let key = match path.step {
        Step::Key(key) => key,
        _ => "the day count",
    };
    // serde_json reads an integer beyond 64 bits as a float: one whose
    // magnitude no i64 holds can only be a huge count.
    let huge = match *any {
        Any::UInt(n) => Some(n.to_string()),
        Any::Float(x) if x.abs() >= 9.2e18 => Some(format!("{x}")),
        _ => None,
    };
    match *any {
        Any::Int(n) if (-MAX_DAY_COUNT..=MAX_DAY_COUNT).contains(&n) => Some(n),
        Any::Int(n) => {
            found.push(Found::new(
                ProblemCode::DaysOutOfRange,
                path,
                format!("{key} is {n}; day counts must lie within ±{MAX_DAY_COUNT}"),
            ));
            None
        }
        _ if huge.is_some() => {
            found.push(Found::new(
                ProblemCode::DaysOutOfRange,
                path,
                format!(
                    "{key} is {}, too large; day counts must lie within ±{MAX_DAY_COUNT}",
                    huge.unwrap_or_default()
                ),
            ));
            None
        }
        _ => {
            found.push(Found::new(
                ProblemCode::WrongType,
                path,
                format!("expected a whole number of days (JSON integer), found {any}"),
            ));
            None
        }
    }
}

/// An array whose items are read by `item`; `Err` with what the value was
/// when it is no array.
struct ArrayVisitor<'f, 'p, F> {
    path: &'p Pointer<'p>,
    found: &'f mut Vec<Found>,
    item: F,
}

impl<'de, T, F> Visitor<'de> for ArrayVisitor<'_, '_, F>
where
    F: FnMut(Any<'de>, &Pointer, &mut Vec<Found>) -> T,
{
    type Value = Result<Vec<T>, Any<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(any) = seq.next_element_seed(AnySeed)? {
            let path = self.path.index(items.len());
            items.push((self.item)(any, &path, self.found));
        }
        Ok(Ok(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_map(map).map(Err)
    }
    other_values!(Self::Value, Err);
}

/// [`AnyVisitor`] as a seed, for items.
struct AnySeed;

impl<'de> DeserializeSeed<'de> for AnySeed {
    type Value = Any<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Any<'de>, D::Error> {
        deserializer.deserialize_any(AnyVisitor)
    }
}

/// `depends_on` and `uses`: id strings and `{id, type, lag_days}` objects.
struct LinksVisitor<'f, 'p> {
    path: &'p Pointer<'p>,
    found: &'f mut Vec<Found>,
}

impl<'de> Visitor<'de> for LinksVisitor<'_, '_> {
    type Value = Result<Vec<LinkRecord>, Any<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of links")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut links = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        loop {
            let path = self.path.index(links.len());
            let seed = LinkSeed {
                path: &path,
                found: &mut *self.found,
            };
            match seq.next_element_seed(seed)? {
                Some(link) => links.push(link),
                None => return Ok(Ok(links)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_map(map).map(Err)
    }
    other_values!(Self::Value, Err);
}

/// One link.
struct LinkSeed<'f, 'p> {
    path: &'p Pointer<'p>,
    found: &'f mut Vec<Found>,
}

impl<'de> DeserializeSeed<'de> for LinkSeed<'_, '_> {
    type Value = LinkRecord;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<LinkRecord, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LinkSeed<'_, '_> {
    type Value = LinkRecord;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a link")
    }
    fn visit_borrowed_str<E>(self, id: &'de str) -> Result<LinkRecord, E> {
        Ok(LinkRecord::Id(reference(
            Cow::Borrowed(id),
            self.path,
            self.found,
        )))
    }
    fn visit_str<E>(self, id: &str) -> Result<LinkRecord, E> {
        Ok(LinkRecord::Id(reference(
            Cow::Borrowed(id),
            self.path,
            self.found,
        )))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<LinkRecord, A::Error> {
        let mut link = super::fields::LinkFields::default();
        let mut found = read_object(map, super::fields::LINK, &mut link, self.path)?;
        // A link's own problems name the id it links to.
        let own = found
            .iter_mut()
            .filter(|f| !matches!(f.message, Message::Text(_)));
        for f in own.filter(|_| !link.id.is_empty()) {
            f.owner = Some(link.id.clone());
        }
        self.found.extend(found);
        Ok(LinkRecord::Full {
            id: link.id,
            link_type: link.link_type,
            lag_days: link.lag_days,
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<LinkRecord, A::Error> {
        let any = AnyVisitor.visit_seq(seq)?;
        Ok(self.not_a_link(&any))
    }
    other_values!(scalars LinkRecord, |self, any| self.not_a_link(&any));
}

impl LinkSeed<'_, '_> {
    fn not_a_link(self, any: &Any) -> LinkRecord {
        self.found.push(Found::new(
            ProblemCode::WrongType,
            self.path,
            format!("expected an id string or a {{id, type, lag_days}} object, found {any}"),
        ));
        LinkRecord::Id(String::new())
    }
}

/// `cost.profile`: `Ok(None)` for an array with an item that is no number
/// (reported at the item), `Err` for a value of another type.
struct ProfileVisitor<'f, 'p> {
    path: &'p Pointer<'p>,
    found: &'f mut Vec<Found>,
}

impl<'de> Visitor<'de> for ProfileVisitor<'_, '_> {
    type Value = Result<Option<ProfileRecord>, Any<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a profile")
    }
    fn visit_borrowed_str<E>(self, name: &'de str) -> Result<Self::Value, E> {
        Ok(Ok(Some(ProfileRecord::Name(name.to_string()))))
    }
    fn visit_str<E>(self, name: &str) -> Result<Self::Value, E> {
        Ok(Ok(Some(ProfileRecord::Name(name.to_string()))))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let weights = ArrayVisitor {
            path: self.path,
            found: self.found,
            item: |any: Any, path: &Pointer, found: &mut Vec<Found>| {
                let weight = any.number();
                if weight.is_none() {
                    found.push(Found::new(
                        ProblemCode::WrongType,
                        path,
                        format!("expected a number, found {any}"),
                    ));
                }
                weight
            },
        }
        .visit_seq(seq)?;
        Ok(Ok(weights.ok().and_then(|weights| {
            weights
                .into_iter()
                .collect::<Option<Vec<f64>>>()
                .map(ProfileRecord::Weights)
        })))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_map(map).map(Err)
    }
    other_values!(scalars Self::Value, |self, any| Err(any));
}

/// An object of free keys (attributes, fiscal years), each value read by
/// `value` (`None`: reported, left out); a repeated key is reported.
struct PairsVisitor<'f, 'p, F> {
    path: &'p Pointer<'p>,
    found: &'f mut Vec<Found>,
    value: F,
}

impl<'de, T, F> Visitor<'de> for PairsVisitor<'_, '_, F>
where
    F: FnMut(Any<'de>, &Pointer, &mut Vec<Found>) -> Option<T>,
{
    type Value = Result<Vec<(String, T)>, Any<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut pairs = Vec::new();
        let mut keys = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let any = map.next_value_seed(AnySeed)?;
            let path = self.path.key(&key);
            if !keys.insert(key.clone()) {
                self.found.push(Found {
                    code: ProblemCode::DuplicateKey,
                    path: path.to_string(),
                    message: Message::DuplicateKey(key),
                    hint: Some("remove one of the two".to_string()),
                    owner: None,
                });
                continue;
            }
            if let Some(value) = (self.value)(any, &path, self.found) {
                pairs.push((key, value));
            }
        }
        Ok(Ok(pairs))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_seq(seq).map(Err)
    }
    other_values!(Self::Value, Err);
}

/// A nested object read with its own table (`cost`, `range`, the header, …).
pub(super) struct ObjectField<R, S: 'static> {
    pub(super) table: &'static [Field<S>],
    pub(super) set: fn(&mut R, S),
}

impl<R, S: Default + 'static> ObjectField<R, S> {
    fn read<'de, D: Deserializer<'de>>(
        &self,
        deserializer: D,
        record: &mut R,
        path: &Pointer,
        found: &mut Vec<Found>,
    ) -> Result<(), D::Error> {
        let read = deserializer.deserialize_any(ObjectVisitor {
            table: self.table,
            path,
        })?;
        match read {
            Ok((object, problems)) => {
                found.extend(problems);
                (self.set)(record, object);
            }
            Err(any) => found.push(Found::new(
                ProblemCode::WrongType,
                path,
                format!("expected an object, found {any}"),
            )),
        }
        Ok(())
    }
}

/// One object read with `table`, or what else the value was.
struct ObjectVisitor<'t, 'p, S: 'static> {
    table: &'t [Field<S>],
    path: &'p Pointer<'p>,
}

impl<'de, S: Default> Visitor<'de> for ObjectVisitor<'_, '_, S> {
    type Value = Result<(S, Vec<Found>), Any<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let mut object = S::default();
        let found = read_object(map, self.table, &mut object, self.path)?;
        Ok(Ok((object, found)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_seq(seq).map(Err)
    }
    other_values!(Self::Value, Err);
}

/// A list of elements (components, projects, updates, …), each an object
/// read with `table`, whose problems name the element's id. Each element is
/// handed to `accept` as soon as it is read (with its problems), so that a
/// reader may validate it and let it go instead of holding the list; or,
/// when the record cannot take the list yet (see [`Wait`]), once it can.
pub(super) struct ElementsField<R, S: 'static> {
    pub(super) table: &'static [Field<S>],
    /// Takes the element at the next position (a default one with an empty
    /// id where the array holds no object: reported already).
    pub(super) accept: fn(&mut R, S, &[Found]),
    /// The element's id, once read.
    pub(super) id: fn(&S) -> &str,
    /// Whether the list may have to wait (top-level lists only).
    pub(super) wait: Option<Wait<R>>,
}

/// A top-level list that the record may not be able to take when it is
/// read (a portfolio's projects before its header, say). Such a list is
/// held, each element as the place where it begins in the text (its record
/// only where that place is not known: see [`HeldList`]), and read again
/// from the text when the record can take it: after a later top-level key,
/// or at the end of the file. So a list read early costs some bytes per
/// element, not its records.
pub(super) struct Wait<R> {
    /// Whether the record takes the list now, at `moment`.
    pub(super) ready: fn(&mut R, Moment) -> bool,
    /// Where the record keeps the list while it waits (`Some`, even empty).
    pub(super) held: fn(&mut R) -> &mut Option<HeldList>,
}

/// When a record is asked whether it takes a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Moment {
    /// As the list is read.
    Arrival,
    /// After another top-level key, for a list held.
    Later,
    /// At the end of the file, for a list held: the record must take it.
    End,
}

/// A list held for later: per element, the byte of the text where it
/// begins (8 bytes an element), or [`READ`] for one held as read.
#[derive(Default)]
pub(super) struct HeldList {
    starts: Vec<usize>,
    /// The elements held as read, in list order: each a `(S, Vec<Found>)`.
    read: Vec<Box<dyn std::any::Any>>,
}

/// Marks an element of a [`HeldList`] held as read: no place in the text.
const READ: usize = usize::MAX;

/// An element of a list held for later.
enum Held {
    /// An object that begins at this byte of the text.
    At(usize),
    /// The element read, with its problems (a `Box<(S, Vec<Found>)>`): an
    /// element that is no object, an empty one, or one whose first key is
    /// written with escapes, whose place in the text is not known.
    Read(Box<dyn std::any::Any>),
}

impl<R, S: Default + 'static> ElementsField<R, S> {
    fn read<'de, D: Deserializer<'de>>(
        &self,
        deserializer: D,
        record: &mut R,
        path: &Pointer,
        found: &mut Vec<Found>,
        text: Option<&'de str>,
    ) -> Result<(), D::Error> {
        let wait = self.wait.as_ref().filter(|_| text.is_some());
        let read = match wait {
            Some(wait) if !(wait.ready)(record, Moment::Arrival) => {
                let held = deserializer.deserialize_any(HoldVisitor {
                    table: self.table,
                    path,
                    text: text.unwrap_or_default(),
                })?;
                held.map(|held| *(wait.held)(record) = Some(held))
            }
            _ => deserializer.deserialize_any(ElementsVisitor {
                field: self,
                record,
                path,
                found: &mut *found,
            })?,
        };
        if let Err(any) = read {
            if let Some(wait) = wait {
                // Nothing to wait for: no element.
                (wait.held)(record).take();
            }
            found.push(Found::new(
                ProblemCode::WrongType,
                path,
                format!("expected an array, found {any}"),
            ));
        }
        Ok(())
    }

    /// Hands the elements of the list held to the record if it takes them
    /// at `moment`, reading them again from `text`; their problems to `found`.
    fn resume<E: serde::de::Error>(
        &self,
        record: &mut R,
        text: &str,
        moment: Moment,
        path: &Pointer,
        found: &mut Vec<Found>,
    ) -> Result<(), E> {
        let Some(wait) = &self.wait else {
            return Ok(());
        };
        if (wait.held)(record).is_none() || !(wait.ready)(record, moment) {
            return Ok(());
        }
        let held = (wait.held)(record).take().unwrap_or_default();
        let mut read_before = held.read.into_iter();
        for (position, start) in held.starts.into_iter().enumerate() {
            let path = path.index(position);
            let read = match start {
                READ => Ok(*read_before
                    .next()
                    .and_then(|read| read.downcast::<(S, Vec<Found>)>().ok())
                    .ok_or_else(|| E::custom("an element held as another record"))?),
                // Read before without error, and one or two levels less
                // deep now: it reads again without error.
                start => ElementSeed {
                    table: self.table,
                    path: &path,
                }
                .deserialize(&mut serde_json::Deserializer::from_str(&text[start..]))
                .map_err(E::custom)?,
            };
            self.take(record, read, &path, found);
        }
        Ok(())
    }

    /// Hands one element read to the record (a default one for a value
    /// that is no object), its problems to `found`. Matched in place: a
    /// record is some hundred bytes, moved once more per element otherwise.
    #[inline(always)]
    fn take(
        &self,
        record: &mut R,
        read: Result<(S, Vec<Found>), Any>,
        path: &Pointer,
        found: &mut Vec<Found>,
    ) {
        match read {
            Ok((element, mut problems)) => {
                Found::settle(&mut problems, (self.id)(&element));
                (self.accept)(record, element, &problems);
                found.extend(problems);
            }
            Err(any) => {
                found.push(not_an_object(any, path));
                (self.accept)(record, S::default(), &[]);
            }
        }
    }
}

/// The problem of an element that is no object.
fn not_an_object(any: Any, path: &Pointer) -> Found {
    Found::new(
        ProblemCode::WrongType,
        path,
        format!("expected an object, found {any}"),
    )
}

struct ElementsVisitor<'a, 'p, R, S: 'static> {
    field: &'a ElementsField<R, S>,
    record: &'a mut R,
    path: &'p Pointer<'p>,
    found: &'a mut Vec<Found>,
}

impl<'de, R, S: Default + 'static> Visitor<'de> for ElementsVisitor<'_, '_, R, S> {
    type Value = Result<(), Any<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        for position in 0.. {
            let path = self.path.index(position);
            let seed = ElementSeed {
                table: self.field.table,
                path: &path,
            };
            let Some(read) = seq.next_element_seed(seed)? else {
                break;
            };
            self.field.take(self.record, read, &path, self.found);
        }
        Ok(Ok(()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_map(map).map(Err)
    }
    other_values!(Self::Value, Err);
}

struct ElementSeed<'t, 'p, S: 'static> {
    table: &'t [Field<S>],
    path: &'p Pointer<'p>,
}

impl<'de, S: Default> DeserializeSeed<'de> for ElementSeed<'_, '_, S> {
    type Value = Result<(S, Vec<Found>), Any<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(ObjectVisitor {
            table: self.table,
            path: self.path,
        })
    }
}

/// A list held for later: each element skipped, where it begins noted. The
/// skip parses as the reading does (`Skip` counts depth), so the file's
/// syntax errors are found where reading would find them.
struct HoldVisitor<'t, 'p, 'de, S: 'static> {
    table: &'t [Field<S>],
    path: &'p Pointer<'p>,
    text: &'de str,
}

impl<'de, S: Default + 'static> Visitor<'de> for HoldVisitor<'_, '_, 'de, S> {
    type Value = Result<HeldList, Any<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut held = HeldList::default();
        loop {
            let path = self.path.index(held.starts.len());
            let seed = HoldSeed {
                table: self.table,
                path: &path,
                text: self.text,
            };
            match seq.next_element_seed(seed)? {
                Some(Held::At(start)) => held.starts.push(start),
                Some(Held::Read(read)) => {
                    held.starts.push(READ);
                    held.read.push(read);
                }
                None => return Ok(Ok(held)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        AnyVisitor.visit_map(map).map(Err)
    }
    other_values!(Self::Value, Err);
}

/// One element of a list held for later.
struct HoldSeed<'t, 'p, 'de, S: 'static> {
    table: &'t [Field<S>],
    path: &'p Pointer<'p>,
    text: &'de str,
}

impl<'de, S: Default + 'static> DeserializeSeed<'de> for HoldSeed<'_, '_, 'de, S> {
    type Value = Held;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Held, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<S: Default + 'static> HoldSeed<'_, '_, '_, S> {
    /// A value that is no object, held as read.
    fn not_an_object(&self, any: Any) -> Held {
        let problems = vec![not_an_object(any, self.path)];
        Held::Read(Box::new((S::default(), problems)))
    }

    /// Where the object whose first key is `key` begins: the `{` before
    /// the key's opening quote, when `key` lies in the text.
    fn start(&self, key: &str) -> Option<usize> {
        let quote = (key.as_ptr() as usize)
            .checked_sub(self.text.as_ptr() as usize)?
            .checked_sub(1)?;
        let before = self.text.get(..quote)?;
        let brace = before.trim_end_matches([' ', '\t', '\n', '\r']);
        brace.ends_with('{').then(|| brace.len() - 1)
    }
}

impl<'de, S: Default + 'static> Visitor<'de> for HoldSeed<'_, '_, 'de, S> {
    type Value = Held;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an element")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Held, A::Error> {
        let first = map.next_key_seed(FirstKey)?;
        if let Some(Cow::Borrowed(key)) = first {
            if let Some(start) = self.start(key) {
                map.next_value::<Skip>()?;
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                return Ok(Held::At(start));
            }
        }
        let object = Object {
            table: self.table,
            path: self.path,
            text: None,
        };
        let mut element = S::default();
        let map = FirstKeyAgain {
            first: first.map(Cow::into_owned),
            map,
        };
        let found = object.read(map, &mut element)?;
        Ok(Held::Read(Box::new((element, found))))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Held, A::Error> {
        let any = AnyVisitor.visit_seq(seq)?;
        Ok(self.not_an_object(any))
    }
    other_values!(scalars Held, |self, any| self.not_an_object(any));
    fn visit_str<E>(self, _: &str) -> Result<Held, E> {
        Ok(self.not_an_object(Any::Str(Cow::Borrowed(""))))
    }
}

/// An object's members, its first key read already.
struct FirstKeyAgain<A> {
    first: Option<String>,
    map: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FirstKeyAgain<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// The first key of an object: borrowed from the text when written
/// without escapes.
struct FirstKey;

impl<'de> DeserializeSeed<'de> for FirstKey {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FirstKey {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }
    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{expect_findings, portfolio_problems};

    fn parse_problem(text: &str) -> Problem {
        match crate::model::validate::read_portfolio(text, "t.json") {
            Err(problem) => *problem,
            Ok(_) => panic!("not a valid object: {text}"),
        }
    }

    #[test]
    fn an_empty_or_blank_file_is_unreadable() {
        for text in ["", "  \n\t"] {
            let p = parse_problem(text);
            assert_eq!((p.code, p.path.as_str()), (ProblemCode::Unreadable, ""));
            assert!(p.message.contains("empty"), "{}", p.message);
        }
    }

    #[test]
    fn a_missing_file_and_a_directory_are_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let missing = check_json_object(&dir.path().join("nope.json")).unwrap_err();
        assert_eq!(missing.code, ProblemCode::Unreadable);
        assert!(missing.message.contains("no such file"));
        let directory = check_json_object(dir.path()).unwrap_err();
        assert_eq!(directory.code, ProblemCode::Unreadable);
        assert!(directory.message.contains("directory"));
    }

    #[test]
    fn invalid_utf8_is_unreadable_with_its_position() {
        // Line 2 is `  "a": "s` (9 characters) then byte 0xE9: column 10.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.json");
        std::fs::write(&path, b"{\n  \"a\": \"s\xE9curit\xE9\"\n}").unwrap();
        let p = check_json_object(&path).unwrap_err();
        assert_eq!(p.code, ProblemCode::Unreadable);
        assert_eq!((p.line, p.column), (Some(2), Some(10)));
    }

    #[test]
    fn a_syntax_error_gives_line_and_column() {
        // The missing comma is noticed at `"b"`: line 3, column 3.
        let p = parse_problem("{\n  \"a\": 1\n  \"b\": 2\n}");
        assert_eq!(p.code, ProblemCode::Syntax);
        assert_eq!((p.line, p.column), (Some(3), Some(3)));
        assert!(p.message.contains("line 3, column 3"), "{}", p.message);
    }

    #[test]
    fn deep_nesting_is_too_deep_not_a_stack_overflow() {
        let text = format!(r#"{{"a": {}{}}}"#, "[".repeat(300), "]".repeat(300));
        assert_eq!(parse_problem(&text).code, ProblemCode::TooDeep);
    }

    #[test]
    fn the_top_level_must_be_an_object() {
        for (text, named) in [("[1, 2]", "array"), ("3", "number 3"), ("null", "null")] {
            let p = parse_problem(text);
            assert_eq!(p.code, ProblemCode::NotAnObject);
            assert!(p.message.contains(named), "{}", p.message);
        }
    }

    #[test]
    fn an_unknown_field_is_reported_with_a_did_you_mean() {
        let problems = portfolio_problems(
            r#""projects": [{"id": "A", "name": "a", "duration_days": 1, "dependson": []}]"#,
        );
        expect_findings(
            &problems,
            &[("unknown-field", "/projects/0/dependson", "A")],
        );
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean \"depends_on\"?")
        );
    }

    #[test]
    fn missing_required_fields_are_reported_at_their_object() {
        let problems = portfolio_problems(
            r#""components": [{"id": "c"}],
               "projects": [{"name": "no id", "duration_days": 1}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("missing-field", "/components/0", "c"),
                ("missing-field", "/projects/0", ""),
                // Not an error: nothing uses the component.
                ("unused-component", "/components/0", "c"),
            ],
        );
        // And the portfolio header itself.
        let problems = crate::model::portfolio_from_str(r#"{"projects": []}"#, "t.json").problems;
        expect_findings(&problems, &[("missing-field", "", "")]);
    }

    #[test]
    fn day_counts_must_be_json_integers() {
        // "120" is a string, 10.0 a float (SPEC §7), 1.5 a fractional lag.
        let problems = portfolio_problems(
            r#""projects": [
                {"id": "A", "name": "a", "duration_days": "120"},
                {"id": "B", "name": "b", "duration_days": 10.0},
                {"id": "C", "name": "c", "duration_days": 1,
                 "depends_on": [{"id": "A", "lag_days": 1.5}]}]"#,
        );
        // A and B, whose durations could not be read, get no no-duration warning.
        expect_findings(
            &problems,
            &[
                ("wrong-type", "/projects/0/duration_days", "A"),
                ("wrong-type", "/projects/1/duration_days", "B"),
                ("wrong-type", "/projects/2/depends_on/0/lag_days", "C"),
            ],
        );
    }

    #[test]
    fn wrong_shapes_are_wrong_types_at_their_path() {
        let problems = portfolio_problems(
            r#""domains": "core",
               "projects": [7, {"id": "B", "name": "b", "duration_days": 1,
                                "depends_on": "A", "uses": [3], "cost": 5}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("wrong-type", "/domains", ""),
                ("wrong-type", "/projects/0", ""),
                ("wrong-type", "/projects/1/cost", "B"),
                ("wrong-type", "/projects/1/depends_on", "B"),
                ("wrong-type", "/projects/1/uses/0", "B"),
            ],
        );
    }

    #[test]
    fn empty_ids_are_reported_wherever_they_appear() {
        let problems = portfolio_problems(
            r#""components": [{"id": "c", "name": "c", "provided_by": ""}],
               "projects": [{"id": "", "name": "nameless", "duration_days": 1},
                            {"id": "A", "name": "a", "duration_days": 1,
                             "depends_on": ["", {"id": ""}], "uses": ["c"], "delivers": [""]}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("empty-id", "/components/0/provided_by", "c"),
                ("empty-id", "/projects/0/id", ""),
                ("empty-id", "/projects/1/depends_on/0", "A"),
                ("empty-id", "/projects/1/depends_on/1/id", "A"),
                ("empty-id", "/projects/1/delivers/0", "A"),
            ],
        );
    }

    #[test]
    fn absurd_day_counts_are_out_of_range() {
        // ±1 000 000 is accepted, one more is not; i64::MAX would overflow the schedule.
        let problems = portfolio_problems(&format!(
            r#""projects": [{{"id": "A", "name": "a", "duration_days": {MAX_DAY_COUNT}}},
                            {{"id": "B", "name": "b", "duration_days": {},
                             "depends_on": [{{"id": "A", "lag_days": {}}}]}},
                            {{"id": "C", "name": "c", "duration_days": 1,
                             "depends_on": [{{"id": "A", "lag_days": -{MAX_DAY_COUNT}}}]}}]"#,
            MAX_DAY_COUNT + 1,
            i64::MAX
        ));
        expect_findings(
            &problems,
            &[
                ("days-out-of-range", "/projects/1/duration_days", "B"),
                (
                    "days-out-of-range",
                    "/projects/1/depends_on/0/lag_days",
                    "B",
                ),
            ],
        );
    }

    #[test]
    fn every_problem_of_one_object_is_reported() {
        let problems = portfolio_problems(
            r#""projects": [{"id": "A", "duration_days": "x", "colour": "red", "delivers": 1}]"#,
        );
        let mut codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        codes.sort_unstable();
        assert_eq!(
            codes,
            ["missing-field", "unknown-field", "wrong-type", "wrong-type"]
        );
    }

    #[test]
    fn a_key_given_twice_is_an_error_and_the_first_is_read() {
        // SPEC §7: a repeated key in one object is an error (it is most
        // often a typo); the first value stands, so "A" is read, not "B".
        let (validator, problems) = crate::model::validate::read_portfolio(
            &crate::model::testing::portfolio_text(
                r#""projects": [{"id": "A", "name": "a", "duration_days": 1, "id": "B",
                                 "attributes": {"x": 1, "x": 2}, "typo": 1, "typo": 2}]"#,
            ),
            "t.json",
        )
        .unwrap();
        let (portfolio, _) = validator.finish();
        assert!(portfolio.lookup("A").is_some() && portfolio.lookup("B").is_none());
        expect_findings(
            &problems,
            &[
                ("unknown-field", "/projects/0/typo", "A"),
                ("duplicate-key", "/projects/0/id", "A"),
                ("duplicate-key", "/projects/0/typo", "A"),
                ("duplicate-key", "/projects/0/attributes/x", "A"),
            ],
        );
        assert_eq!(
            problems[1].message,
            "key \"id\" appears twice in one object in \"A\"; the first is read"
        );
        // At the top level and in the header too.
        let problems = crate::model::portfolio_from_str(
            r#"{"portfolio": {"name": "N", "start": "2025-01-01", "name": "M"}, "projects": [], "projects": []}"#,
            "t.json",
        )
        .problems;
        expect_findings(
            &problems,
            &[
                ("duplicate-key", "/projects", ""),
                ("duplicate-key", "/portfolio/name", ""),
            ],
        );
    }

    #[test]
    fn integers_beyond_64_bits_are_too_large_not_of_the_wrong_type() {
        // 2^64 = 18446744073709551616 does not fit u64; 2^63 fits u64 but not i64.
        let problems = portfolio_problems(
            r#""projects": [{"id": "A", "name": "a", "duration_days": 18446744073709551616},
                            {"id": "B", "name": "b", "duration_days": 9223372036854775808},
                            {"id": "C", "name": "c", "duration_days": 1e300}]"#,
        );
        expect_findings(
            &problems,
            &[
                ("days-out-of-range", "/projects/0/duration_days", "A"),
                ("days-out-of-range", "/projects/1/duration_days", "B"),
                ("days-out-of-range", "/projects/2/duration_days", "C"),
            ],
        );
        assert!(problems.iter().all(|p| p.message.contains("too large")));
        assert!(problems[1].message.contains("9223372036854775808"));
    }

    #[test]
    fn problems_come_in_table_order_whatever_the_order_of_the_keys() {
        // The same object with its keys in two orders gives the same list.
        let forward = portfolio_problems(
            r#""projects": [{"id": "A", "name": 1, "duration_days": "x", "zz": 1, "aa": 1}]"#,
        );
        let backward = portfolio_problems(
            r#""projects": [{"aa": 1, "zz": 1, "duration_days": "x", "name": 1, "id": "A"}]"#,
        );
        assert_eq!(forward, backward);
        expect_findings(
            &forward,
            &[
                ("unknown-field", "/projects/0/aa", "A"),
                ("unknown-field", "/projects/0/zz", "A"),
                ("wrong-type", "/projects/0/name", "A"),
                ("wrong-type", "/projects/0/duration_days", "A"),
            ],
        );
    }

    #[test]
    fn a_status_file_is_read_with_the_same_reader() {
        let mut problems = Vec::new();
        let record = read_status_text(
            r#"{"as_of": "2025-06-16", "updates": [{"id": "A", "delay_days": 3, "note": "n",
                 "percent_complete": 50, "delay_days": 4}, 7], "extra": 1}"#,
            "s.json",
            &mut problems,
        )
        .unwrap();
        assert_eq!(record.updates[0].delay_days, Some(3));
        assert_eq!(record.updates[0].percent_complete, Some(50.0));
        assert_eq!(record.updates.len(), 2);
        expect_findings(
            &problems,
            &[
                ("unknown-field", "/extra", ""),
                ("duplicate-key", "/updates/0/delay_days", "A"),
                ("wrong-type", "/updates/1", ""),
            ],
        );
    }

    #[test]
    fn syntax_errors_keep_line_and_column_after_problems_were_found() {
        // An unknown field on line 1, then a missing comma on line 3: the
        // file is malformed, and that alone is reported.
        let p = parse_problem("{\"x\": 1,\n \"portfolio\": {}\n \"projects\": []}");
        assert_eq!(p.code, ProblemCode::Syntax);
        assert_eq!((p.line, p.column), (Some(3), Some(2)));
    }

    #[test]
    fn input_beyond_the_limit_is_refused_with_the_way_to_raise_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        std::fs::write(&path, "{}      ").unwrap();
        let p = read_text_limited(&path, 4).unwrap_err();
        assert_eq!(p.code, ProblemCode::Unreadable);
        assert!(
            p.message.contains(MAX_INPUT_BYTES_VARIABLE),
            "{}",
            p.message
        );
        assert!(read_text_limited(&path, 8).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_device_is_read_only_up_to_the_limit() {
        // /dev/zero has no length; reading stops one byte past the limit.
        let p = read_text_limited(Path::new("/dev/zero"), 1 << 16).unwrap_err();
        assert!(
            p.message.contains("larger than 65536 bytes"),
            "{}",
            p.message
        );
    }
}
