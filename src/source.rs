//! Reading what a subcommand was given: the text itself, `@FILE`, or `-` for stdin, never
//! more than a limit so a wrong file cannot exhaust memory.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Why the input could not be read, as one line naming it (`cannot read key.pem: ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
}

impl ReadError {
    fn new(message: impl Into<String>) -> Self {
        ReadError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

/// The argument's bytes: literal text, the contents of `@FILE`, or stdin for `-`.
pub fn read_arg(arg: &str, limit: usize) -> Result<Vec<u8>, ReadError> {
    if arg == "-" {
        return read_limited(std::io::stdin().lock(), limit, "stdin");
    }
    if let Some(path) = arg.strip_prefix('@') {
        return read_file(Path::new(path), limit);
    }
    Ok(arg.as_bytes().to_vec())
}

pub fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    let name = path.display();
    let file = std::fs::File::open(path)
        .map_err(|e| ReadError::new(format!("cannot read {name}: {e}")))?;
    if let Ok(meta) = file.metadata()
        && meta.is_dir()
    {
        return Err(ReadError::new(format!(
            "cannot read {name}: it is a folder"
        )));
    }
    read_limited(file, limit, &name.to_string())
}

fn read_limited(reader: impl Read, limit: usize, name: &str) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::new(format!("cannot read {name}: {e}")))?;
    if bytes.len() > limit {
        return Err(ReadError::new(format!(
            "{name} is larger than the {} limit",
            human_size(limit)
        )));
    }
    Ok(bytes)
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes}-byte")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_file_and_limits() {
        assert_eq!(read_arg("abc", 10).unwrap(), b"abc");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        std::fs::write(&path, "0123456789").unwrap();
        let arg = format!("@{}", path.display());
        assert_eq!(read_arg(&arg, 10).unwrap(), b"0123456789");
        let e = read_arg(&arg, 9).unwrap_err();
        assert!(e.message.contains("larger than"));
        let missing = read_arg("@/definitely/not/here", 10).unwrap_err();
        assert!(
            missing
                .message
                .starts_with("cannot read /definitely/not/here")
        );
        let folder = format!("@{}", dir.path().display());
        assert!(
            read_arg(&folder, 10)
                .unwrap_err()
                .message
                .contains("folder")
        );
        assert_eq!(human_size(1024 * 1024), "1 MB");
        assert_eq!(human_size(64 * 1024), "64 KB");
    }
}
