//! Errors a user can act on.

use thiserror::Error;

/// Everything that can go wrong when building an [`Extractor`](crate::Extractor)
/// or reading input. Extraction itself never fails.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A gazetteer or catalog file has a bad line; nothing from it was loaded.
    #[error("{source_name}:{line}: {reason}")]
    Data {
        /// The file (or the name given to the in-memory text).
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
    /// Input bytes are not UTF-8.
    #[error("{source_name}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// The file name or `<stdin>`.
        source_name: String,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A date given as an option is not a real `YYYY-MM-DD` date.
    #[error("invalid date {0:?}: expected YYYY-MM-DD, a real calendar day")]
    InvalidDate(String),
    /// An option that names no known label.
    #[error(transparent)]
    UnknownLabel(#[from] crate::label::UnknownLabel),
    /// Reading a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The path that could not be read.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn data(source_name: &str, line: usize, reason: impl Into<String>) -> Self {
        Error::Data {
            source_name: source_name.to_string(),
            line,
            reason: reason.into(),
        }
    }
}

/// `Result` with this crate's [`Error`](enum@Error).
pub type Result<T, E = Error> = std::result::Result<T, E>;
