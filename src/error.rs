//! The library's error type for everything that is not a problem in the
//! user's data (those are [`crate::model::Problem`]s).

use std::path::PathBuf;

use crate::model::Problem;

/// An input file found unreadable or invalid, with every problem found in it.
#[derive(Debug, thiserror::Error)]
#[error("{} is invalid ({} problem{})", file, problems.len(), if problems.len() == 1 { "" } else { "s" })]
pub struct InvalidFile {
    pub file: String,
    pub problems: Vec<Problem>,
}

/// What can go wrong when running a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input files are unreadable or invalid: every problem of each file
    /// read, so that one run shows all that needs fixing (one file, or
    /// several read together, such as last week's and this week's status).
    #[error("{}", files.iter().map(ToString::to_string).collect::<Vec<_>>().join(" and "))]
    Invalid { files: Vec<InvalidFile> },
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
    /// An input refers to something the portfolio lacks (e.g. `--delay` of an unknown id).
    #[error("{message}")]
    Input {
        message: String,
        hint: Option<String>,
    },
    /// Writing an output failed.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An external renderer (Graphviz) failed or is missing.
    #[error("{0}")]
    Renderer(String),
}

impl Error {
    /// The error of one invalid file (`file` names it) with its problems.
    pub fn invalid(file: impl Into<String>, problems: Vec<Problem>) -> Error {
        Error::Invalid {
            files: vec![InvalidFile {
                file: file.into(),
                problems,
            }],
        }
    }

    /// The process exit code of SPEC §6: 1 invalid input, 2 wrong usage, 3 renderer.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid { .. } | Error::Input { .. } | Error::Write { .. } => 1,
            Error::Usage(_) => 2,
            Error::Renderer(_) => 3,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
