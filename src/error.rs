//! Typed errors of the library. The binary turns them into messages and exit codes.

use std::fmt;

/// Everything that can go wrong in mtlint's library.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    Io { path: String, message: String },
    /// An input file is not valid UTF-8.
    Decode {
        path: String,
        offset: usize,
        line: usize,
        column: usize,
    },
    /// A rule file is malformed: bad TOML, an unknown key, an invalid regex, a bad value.
    RuleFile {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A command-line or configuration value is not usable.
    Usage(String),
    /// A bilingual input file (XLIFF, TMX, PO, a source/target pair) is malformed.
    Input {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, message } => write!(f, "{path}: {message}"),
            Error::Decode {
                path,
                offset,
                line,
                column,
            } => write!(
                f,
                "{path}:{line}:{column}: invalid UTF-8 at byte offset {offset}"
            ),
            Error::RuleFile {
                path,
                line,
                column,
                message,
            } => write!(f, "{path}:{line}:{column}: {message}"),
            Error::Usage(message) => f.write_str(message),
            Error::Input {
                path,
                line,
                column,
                message,
            } => write!(f, "{path}:{line}:{column}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// A rule-file error at byte `offset` of `source`.
    pub fn rule_file(path: &str, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = position(source, offset);
        Error::RuleFile {
            path: path.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
