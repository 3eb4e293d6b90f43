//! The library's error type for everything that is not a problem in the
//! user's data (those are [`crate::model::Problem`]s).

use std::path::PathBuf;

use crate::model::Problem;

/// What can go wrong when running a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file is unreadable or invalid; every problem is listed.
    #[error("{} is invalid ({} problem{})", file, problems.len(), if problems.len() == 1 { "" } else { "s" })]
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
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
