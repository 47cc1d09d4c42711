//! Where a report goes: standard output, or a file written atomically (a temporary file in the
//! same directory, renamed into place when complete), so a killed run never leaves half a
//! report.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

pub enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File {
        tmp: PathBuf,
        target: PathBuf,
        file: BufWriter<File>,
    },
}

impl Sink {
    pub fn open(target: Option<&Path>) -> io::Result<Sink> {
        let Some(target) = target else {
            return Ok(Sink::Stdout(BufWriter::new(io::stdout())));
        };
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = BufWriter::new(File::create(&tmp)?);
        Ok(Sink::File {
            tmp,
            target: target.to_path_buf(),
            file,
        })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { file, .. } => file,
        }
    }

    /// Flushes and, for a file, renames it into place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::File { tmp, target, file } => {
                let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.sync_all()?;
                drop(file);
                std::fs::rename(&tmp, &target).inspect_err(|_| {
                    let _ = std::fs::remove_file(&tmp);
                })
            }
        }
    }

    /// Removes an unfinished temporary file.
    pub fn abandon(self) {
        if let Sink::File { tmp, .. } = self {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut sink = Sink::open(Some(target))?;
    match sink.writer().write_all(bytes) {
        Ok(()) => sink.finish(),
        Err(e) => {
            sink.abandon();
            Err(e)
        }
    }
}
