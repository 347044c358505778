//! Reading text files that people hand us, defensively: before the YAML parser sees them, they must
//! be regular files of a sane size and valid UTF-8 ([`crate::core::yaml::decode`]).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Why a file could not be read as text; `shell::error` words each for people.
#[derive(Debug)]
#[allow(missing_docs)] // variant fields are named for what they hold
pub enum ReadProblem {
    /// No file at that path.
    Missing,
    /// A folder where a file was expected.
    Directory,
    /// A device, pipe or socket: never read, as it may never end.
    NotRegular,
    /// The file may not be read.
    PermissionDenied,
    /// Larger than the limit for its kind of file.
    TooLarge { size: u64, limit: u64 },
    /// Not UTF-8 text.
    NotUtf8 { line: usize, column: usize },
    /// Any other read failure.
    Io(io::Error),
}

/// Reads `path` as UTF-8 text (a byte-order mark dropped): only a regular file of `limit` bytes at
/// most.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadProblem> {
    decode(read_bytes(path, limit)?)
}

/// Bytes read by [`read_bytes`] as text, as [`read_text`] takes them.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadProblem> {
    crate::core::yaml::decode(bytes).map_err(|e| ReadProblem::NotUtf8 {
        line: e.line,
        column: e.column,
    })
}

/// Reads `path` as bytes: only a regular file of `limit` bytes at most (so the bytes a merge read
/// can be compared with the file before it is removed).
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadProblem> {
    let meta = std::fs::metadata(path).map_err(classify)?;
    if meta.is_dir() {
        return Err(ReadProblem::Directory);
    }
    if !meta.is_file() {
        return Err(ReadProblem::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadProblem::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = File::open(path).map_err(classify)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(classify)?;
    if bytes.len() as u64 > limit {
        return Err(ReadProblem::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

fn classify(e: io::Error) -> ReadProblem {
    match e.kind() {
        io::ErrorKind::NotFound => ReadProblem::Missing,
        io::ErrorKind::PermissionDenied => ReadProblem::PermissionDenied,
        io::ErrorKind::IsADirectory => ReadProblem::Directory,
        _ => ReadProblem::Io(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_and_missing_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_text(dir.path(), 10),
            Err(ReadProblem::Directory)
        ));
        assert!(matches!(
            read_text(&dir.path().join("nope"), 10),
            Err(ReadProblem::Missing)
        ));
    }

    #[test]
    fn files_over_the_limit_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big");
        std::fs::write(&p, "x".repeat(20)).unwrap();
        assert!(matches!(
            read_text(&p, 10),
            Err(ReadProblem::TooLarge { .. })
        ));
    }
}
