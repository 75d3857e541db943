use std::fmt;

/// A command that could not do its job: a one-line message and the exit code to leave with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fail {
    pub code: u8,
    pub message: String,
}

impl Fail {
    /// Exit 1: a check or validation found problems.
    pub fn problems(message: impl Into<String>) -> Self {
        Fail {
            code: 1,
            message: message.into(),
        }
    }

    /// Exit 2: bad usage or unreadable input.
    pub fn usage(message: impl Into<String>) -> Self {
        Fail {
            code: 2,
            message: message.into(),
        }
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Fail {}

/// What a subcommand returns: the exit code on success paths (0, or 1 when it found problems).
pub type CliResult = Result<u8, Fail>;

/// Unreadable input is bad usage (exit 2).
impl From<crate::source::ReadError> for Fail {
    fn from(e: crate::source::ReadError) -> Self {
        Fail::usage(e.message)
    }
}
