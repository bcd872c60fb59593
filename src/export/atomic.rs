//! Outputs that appear whole or not at all, alone or as a set.
//!
//! An [`AtomicFile`] is written beside its destination under a hidden temporary name and
//! renamed into place once complete. An [`OutputSet`] does the same for the files of one
//! run: every file is written and synced first, the old `manifest.json` is removed, the
//! files are renamed in order, the files of the earlier set that this one does not hold are
//! removed, and a new manifest, naming each file with its size and BLAKE3 hash and the run
//! that wrote them, is written last. A reader can therefore tell a complete
//! set (a manifest whose files all match) from one a killed run left half-swapped (no
//! manifest, or files that do not match it): see [`Manifest::verify`].
//!
//! Temporary files are named `.gazegraph-<pid>-…`. Those of a run that was killed (SIGKILL
//! leaves no chance to clean up) are removed by the next run that writes into the same
//! directory, once their process is gone; [`remove_unfinished`] removes this process's own,
//! for a signal handler to call before exiting.

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The name of an output set's manifest.
pub const MANIFEST: &str = "manifest.json";

/// Temporary files of this process not yet renamed into place or removed.
static UNFINISHED: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// The prefix of this process's temporary files; stale ones are found by it.
fn temp_prefix() -> String {
    format!(".gazegraph-{}-", std::process::id())
}

/// Removes every temporary file this process has open, so that a run interrupted by SIGINT
/// or SIGTERM leaves nothing behind: for the binary's signal handler, just before it exits.
pub fn remove_unfinished() {
    remove_registered(|_| true);
}

/// Removes this process's temporary files that `chosen` picks.
fn remove_registered(chosen: impl Fn(&Path) -> bool) {
    let unfinished = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
    for path in unfinished.iter().filter(|path| chosen(path)) {
        let _ = std::fs::remove_file(path);
    }
}

/// Keeps a temporary file's path in [`UNFINISHED`] while it exists.
#[derive(Debug)]
struct Registered(PathBuf);

impl Registered {
    fn new(path: &Path) -> Registered {
        let mut unfinished = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
        unfinished.insert(path.to_owned());
        Registered(path.to_owned())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut unfinished = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner());
        unfinished.remove(&self.0);
    }
}

/// Where writing to `path` must go: through a symbolic link to its target, so that the link
/// is kept rather than replaced by a file.
fn destination(path: PathBuf) -> PathBuf {
    match std::fs::read_link(&path) {
        Ok(target) => match path.parent() {
            Some(parent) => destination(parent.join(target)),
            None => target,
        },
        Err(_) => path,
    }
}

/// A file written beside its destination and renamed into place on [`AtomicFile::commit`];
/// dropped without committing, it vanishes and the destination is untouched.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    temp: BufWriter<Hashed>,
    registered: Registered,
}

/// The temporary file under an [`AtomicFile`]'s buffer, hashing what reaches it: the hasher
/// then sees the buffer's 64 KiB at a time, not each few bytes a serialiser writes (a call
/// per token cost a third of the time of writing RON).
#[derive(Debug)]
struct Hashed {
    file: tempfile::NamedTempFile,
    hasher: blake3::Hasher,
    bytes: u64,
}

impl Write for Hashed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.file.write(buf)?;
        self.hasher.update(&buf[..written]);
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl AtomicFile {
    /// Starts writing what will become `path` (or, if `path` is a symbolic link, its target).
    pub fn create(path: impl Into<PathBuf>) -> Result<AtomicFile> {
        let path = destination(path.into());
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        let prefix = temp_prefix();
        builder.prefix(&prefix).suffix(".tmp");
        // Temporary files are private (0600) and a rename keeps that; outputs are for sharing.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let temp = builder.tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
        let registered = Registered::new(temp.path());
        Ok(AtomicFile {
            path,
            // Exports are tens of megabytes written in small pieces: a buffer larger than the
            // default 8 KiB makes eight times fewer system calls (writing 80 MB, 30% faster).
            temp: BufWriter::with_capacity(
                64 << 10,
                Hashed {
                    file: temp,
                    hasher: blake3::Hasher::new(),
                    bytes: 0,
                },
            ),
            registered,
        })
    }

    /// Flushes and renames the file into place.
    pub fn commit(self) -> Result<()> {
        self.finish()?.commit()
    }

    /// Flushes the file and syncs it to disk, leaving only the rename to
    /// [`Finished::commit`]: the slow part can then run on any thread while the renames
    /// happen in a chosen order, once everything else has succeeded.
    pub fn finish(self) -> Result<Finished> {
        let Hashed {
            file: temp,
            hasher,
            bytes,
        } = self
            .temp
            .into_inner()
            .map_err(|e| Error::io(&self.path, e.into_error()))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(&self.path, e))?;
        Ok(Finished {
            entry: FileEntry {
                name: file_name(&self.path),
                bytes,
                blake3: hasher.finalize().to_hex().to_string(),
            },
            path: self.path,
            temp,
            _registered: self.registered,
        })
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }

    // Serialisers write a few bytes at a time: `BufWriter`'s own `write_all` copies them
    // straight into its buffer, where the default would loop over `write`.
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.temp.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
}

/// An [`AtomicFile`] written in full and synced, not yet in place; dropped without
/// committing, it vanishes.
#[derive(Debug)]
pub struct Finished {
    path: PathBuf,
    temp: tempfile::NamedTempFile,
    entry: FileEntry,
    _registered: Registered,
}

impl Finished {
    /// Renames the file into place.
    pub fn commit(self) -> Result<()> {
        self.temp
            .persist(&self.path)
            .map_err(|e| Error::io(&self.path, e.error))?;
        Ok(())
    }
}

/// One file of an output set, as its manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// File name, in the set's directory.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// BLAKE3 hash of the contents, hexadecimal.
    pub blake3: String,
}

/// What an output set holds, written last as `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `gazegraph-output-set`.
    pub format: String,
    /// Schema version of this manifest.
    pub version: u32,
    /// The gazegraph that wrote the set.
    pub tool: String,
    /// The run that wrote the set: a hash of every file's name and hash, so the same inputs
    /// give the same run id, and any other set another.
    pub run: String,
    /// The files, in the order they were renamed into place.
    pub files: Vec<FileEntry>,
}

impl Manifest {
    fn new(files: Vec<FileEntry>) -> Manifest {
        let mut run = blake3::Hasher::new();
        for file in &files {
            run.update(file.name.as_bytes());
            run.update(b"\0");
            run.update(file.blake3.as_bytes());
            run.update(b"\n");
        }
        Manifest {
            format: "gazegraph-output-set".into(),
            version: 1,
            tool: concat!("gazegraph ", env!("CARGO_PKG_VERSION")).into(),
            run: run.finalize().to_hex()[..16].to_owned(),
            files,
        }
    }

    /// Reads `dir`'s manifest and checks that every file it names is there with its size
    /// and hash: `Ok` only for a complete set written by one run.
    pub fn verify(dir: &Path) -> Result<Manifest> {
        let manifest = Manifest::read(dir)?;
        if let Some(file) = manifest.files.iter().find(|f| !f.is_in(dir)) {
            return Err(Error::IncompleteOutput {
                path: dir.join(&file.name),
                run: manifest.run.clone(),
            });
        }
        Ok(manifest)
    }

    /// Reads `dir`'s manifest, without checking its files.
    fn read(dir: &Path) -> Result<Manifest> {
        let path = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        serde_json::from_str(&text).map_err(|e| Error::Syntax {
            path: path.clone(),
            position: crate::error::Position {
                line: e.line(),
                column: e.column(),
            },
            message: e.to_string(),
        })
    }
}

impl FileEntry {
    /// Whether the file is in `dir` with this size and hash.
    fn is_in(&self, dir: &Path) -> bool {
        std::fs::read(dir.join(&self.name)).is_ok_and(|bytes| {
            bytes.len() as u64 == self.bytes
                && blake3::hash(&bytes).to_hex().as_str() == self.blake3
        })
    }

    /// Removes the file from `dir` if it is still as written (a file changed since is not
    /// ours to remove), then the subdirectories that leaves empty. A name that would lead
    /// out of `dir` is left alone.
    fn remove_from(&self, dir: &Path) {
        let name = Path::new(&self.name);
        let inside = name.components().all(|c| matches!(c, Component::Normal(_)));
        if !inside || !self.is_in(dir) || std::fs::remove_file(dir.join(name)).is_err() {
            return;
        }
        for parent in name.ancestors().skip(1) {
            if parent.as_os_str().is_empty() || std::fs::remove_dir(dir.join(parent)).is_err() {
                break;
            }
        }
    }
}

/// The files of one run in one directory, put in place together with a manifest.
#[derive(Debug)]
pub struct OutputSet {
    dir: PathBuf,
    created: bool,
    /// Subdirectories this set created, removed again (when empty) if it is not committed.
    subdirs: Vec<PathBuf>,
    files: Vec<Finished>,
    committed: bool,
}

impl OutputSet {
    /// Prepares `dir` (created if missing, and removed again if the run fails before the
    /// set is committed) and removes the temporary files that killed runs left in it.
    pub fn create(dir: &Path) -> Result<OutputSet> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::NotADirectory(dir.to_owned()));
        }
        let created = !dir.exists();
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        remove_stale(dir);
        Ok(OutputSet {
            dir: dir.to_owned(),
            created,
            subdirs: Vec::new(),
            files: Vec::new(),
            committed: false,
        })
    }

    /// The directory the set is written into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Prepares the subdirectory `name` of the set's directory for files of the set (a
    /// slice's graph, say), as [`OutputSet::create`] does the directory, and returns its path.
    pub fn subdir(&mut self, name: &str) -> Result<PathBuf> {
        let dir = self.dir.join(name);
        if dir.exists() && !dir.is_dir() {
            return Err(Error::NotADirectory(dir));
        }
        if !dir.exists() {
            std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
            self.subdirs.push(dir.clone());
        }
        remove_stale(&dir);
        Ok(dir)
    }

    /// Adds a file written in full; it is put in place by [`OutputSet::commit`], in the order
    /// added. A file in a subdirectory is named in the manifest by its path from the set's
    /// directory (`2019-Q3/graph.ron`).
    pub fn add(&mut self, mut file: Finished) {
        if let Ok(relative) = file.path.strip_prefix(&self.dir) {
            file.entry.name = relative.to_string_lossy().into_owned();
        }
        self.files.push(file);
    }

    /// Removes the old manifest, renames every file into place, removes the files the old
    /// manifest named that this set does not hold (those still as that run wrote them, and
    /// the subdirectories left empty), then writes the new manifest, which it returns.
    pub fn commit(mut self) -> Result<Manifest> {
        let manifest = self.dir.join(MANIFEST);
        let earlier = Manifest::read(&self.dir).map_or_else(|_| Vec::new(), |m| m.files);
        match std::fs::remove_file(&manifest) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io(&manifest, e));
            }
            _ => {}
        }
        let mut entries = Vec::with_capacity(self.files.len());
        for file in std::mem::take(&mut self.files) {
            entries.push(file.entry.clone());
            file.commit()?;
        }
        // What an earlier set held and this one does not (a slice of another period, a
        // picture not drawn this time) goes, so that the directory holds this set alone.
        let names: BTreeSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        for stale in earlier.iter().filter(|f| !names.contains(f.name.as_str())) {
            stale.remove_from(&self.dir);
        }
        let document = Manifest::new(entries);
        let mut file = AtomicFile::create(&manifest)?;
        let write = |file: &mut AtomicFile| -> std::io::Result<()> {
            serde_json::to_writer_pretty(&mut *file, &document)?;
            file.write_all(b"\n")
        };
        write(&mut file).map_err(|e| Error::io(&manifest, e))?;
        file.commit()?;
        self.committed = true;
        Ok(document)
    }
}

impl Drop for OutputSet {
    /// A set that was never committed leaves no directory it created, if nothing else was put
    /// there meanwhile.
    fn drop(&mut self) {
        if !self.committed {
            self.files.clear();
            for dir in self.subdirs.iter().rev() {
                let _ = std::fs::remove_dir(dir);
            }
            if self.created {
                let _ = std::fs::remove_dir(&self.dir);
            }
        }
    }
}

/// Removes `.gazegraph-<pid>-*` temporary files in `dir` whose process has ended. Where the
/// system cannot tell (no `/proc`), only those more than a day old.
fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let own = temp_prefix();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = name
            .strip_prefix(".gazegraph-")
            .and_then(|rest| rest.split('-').next())
        else {
            continue;
        };
        if name.starts_with(&own) || pid.parse::<u32>().is_err() {
            continue;
        }
        let gone = if Path::new("/proc/self").exists() {
            !Path::new("/proc").join(pid).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600)
        };
        if gone {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
