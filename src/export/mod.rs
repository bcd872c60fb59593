//! Writing results: atomic files, so a failed run never leaves a half-written output.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file written beside its destination and renamed into place on [`AtomicFile::commit`];
/// dropped without committing, it vanishes and the destination is untouched.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    temp: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing what will become `path`.
    pub fn create(path: impl Into<PathBuf>) -> Result<AtomicFile> {
        let path = path.into();
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".gazegraph-")
            .tempfile_in(&dir)
            .map_err(|e| Error::io(&dir, e))?;
        Ok(AtomicFile {
            path,
            temp: BufWriter::new(temp),
        })
    }

    /// Flushes and renames the file into place.
    pub fn commit(self) -> Result<()> {
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| Error::io(&self.path, e.into_error()))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(&self.path, e))?;
        temp.persist(&self.path)
            .map_err(|e| Error::io(&self.path, e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

/// Writes `contents` to `path` atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents).map_err(|e| Error::io(path, e))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_files_leave_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        {
            let mut file = AtomicFile::create(&path).unwrap();
            file.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn missing_directory_is_an_error_naming_it() {
        let err = write_atomic(Path::new("/nonexistent/dir/out.txt"), b"x").unwrap_err();
        assert!(err.to_string().starts_with("/nonexistent/dir"), "{err}");
    }
}
