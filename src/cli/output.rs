//! Where a report goes: standard output, or a file. A regular file (or a new one) is written
//! atomically: a temporary file in the same directory, with the target's mode, renamed into
//! place when complete, so a killed run never leaves half a report. A symbolic link is followed
//! and its target written so; a FIFO, a device or another non-regular file is written directly.
//! The temporary file is removed when the run fails, panics or is interrupted (SIGINT, SIGTERM).

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// Temporary files not yet renamed into place, removed by the signal handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn remove_pending() {
    if let Ok(mut p) = PENDING.lock() {
        for tmp in p.drain(..) {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Installs, once, a SIGINT/SIGTERM handler that removes the pending temporary files and exits
/// as the signal would have (130 or 143; both are reported as 130 by the handler crate).
fn install_handler() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            remove_pending();
            std::process::exit(130);
        });
    });
}

/// A temporary file that is removed when dropped, unless renamed into place.
pub struct Temp {
    path: PathBuf,
    armed: bool,
}

impl Temp {
    fn new(path: PathBuf) -> Self {
        install_handler();
        if let Ok(mut p) = PENDING.lock() {
            p.push(path.clone());
        }
        Self { path, armed: true }
    }

    fn disarm(&mut self) {
        self.armed = false;
        if let Ok(mut p) = PENDING.lock() {
            p.retain(|x| x != &self.path);
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if self.armed {
            let _ = std::fs::remove_file(&self.path);
            self.disarm();
        }
    }
}

pub enum Sink {
    Stdout(BufWriter<io::Stdout>),
    /// Written in place: a FIFO, a device or another file that is not regular.
    Direct(BufWriter<File>),
    File {
        tmp: Temp,
        target: PathBuf,
        file: BufWriter<File>,
    },
}

/// The file a path names, following symbolic links (also dangling ones, whose target is then
/// created).
fn resolve(target: &Path) -> PathBuf {
    let mut path = target.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&path) {
                Ok(next) => {
                    path = match path.parent() {
                        Some(dir) if next.is_relative() => dir.join(next),
                        _ => next,
                    };
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    path
}

impl Sink {
    pub fn open(target: Option<&Path>) -> io::Result<Sink> {
        let Some(target) = target else {
            return Ok(Sink::Stdout(BufWriter::new(io::stdout())));
        };
        let existing = std::fs::metadata(target).ok();
        if let Some(m) = &existing
            && !m.is_file()
            && !m.is_dir()
        {
            // Opened through the kernel, so `/dev/stdout` and other magic links work too.
            let file = OpenOptions::new().write(true).open(target)?;
            return Ok(Sink::Direct(BufWriter::new(file)));
        }
        let target = match &existing {
            Some(_) => std::fs::canonicalize(target).unwrap_or_else(|_| resolve(target)),
            None => resolve(target),
        };
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
        let tmp = Temp::new(dir.join(format!(".{name}.{}.tmp", std::process::id())));
        let file = File::create(&tmp.path)?;
        if let Some(m) = &existing {
            // The report replaces the file's contents, not its mode.
            file.set_permissions(m.permissions())?;
        }
        Ok(Sink::File {
            tmp,
            target,
            file: BufWriter::new(file),
        })
    }

    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::Direct(w) => w,
            Sink::File { file, .. } => file,
        }
    }

    /// Flushes and, for a file, renames it into place.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::Direct(mut w) => w.flush(),
            Sink::File {
                mut tmp,
                target,
                file,
            } => {
                let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.sync_all()?;
                drop(file);
                std::fs::rename(&tmp.path, &target)?;
                tmp.disarm();
                Ok(())
            }
        }
    }

    /// Removes an unfinished temporary file.
    pub fn abandon(self) {
        drop(self); // dropping the temporary file removes it
    }
}

/// Writes `bytes` to `target` atomically.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut sink = Sink::open(Some(target))?;
    sink.writer().write_all(bytes)?;
    sink.finish()
}

/// Rules listed by `--timings`; the rest are summed on one line.
const TIMED_RULES: usize = 20;

/// Prints `--timings` on standard error: the stages in pipeline order, then the slowest rules,
/// each with milliseconds and its share of the checks.
pub fn print_timings(t: &mtlint::engine::Timings) {
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let mut out = String::new();
    let total: f64 = t.stages.iter().map(|s| ms(s.1)).sum();
    out.push_str(&format!(
        "{:<32} | {:>10} | {:>8}\n",
        format!("Stage ({} documents)", t.documents),
        "Time (ms)",
        "Relative"
    ));
    out.push_str(&format!("{:-<33}|{:-<12}|{:-<9}\n", "", "", ""));
    for (name, d) in &t.stages {
        let share = if total > 0.0 {
            100.0 * ms(*d) / total
        } else {
            0.0
        };
        out.push_str(&format!("{name:<32} | {:>10.1} | {share:>7.1}%\n", ms(*d)));
    }
    let mut rules: Vec<&(String, std::time::Duration)> = t.rules.iter().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let sum: f64 = rules.iter().map(|r| ms(r.1)).sum();
    out.push_str(&format!(
        "\n{:<32} | {:>10} | {:>8}\n",
        "Rule", "Time (ms)", "Relative"
    ));
    out.push_str(&format!("{:-<33}|{:-<12}|{:-<9}\n", "", "", ""));
    let share = |x: f64| if sum > 0.0 { 100.0 * x / sum } else { 0.0 };
    for (id, d) in rules.iter().take(TIMED_RULES) {
        out.push_str(&format!(
            "{id:<32} | {:>10.1} | {:>7.1}%\n",
            ms(*d),
            share(ms(*d))
        ));
    }
    if rules.len() > TIMED_RULES {
        let rest: f64 = rules[TIMED_RULES..].iter().map(|r| ms(r.1)).sum();
        out.push_str(&format!(
            "{:<32} | {rest:>10.1} | {:>7.1}%\n",
            format!("({} other rules)", rules.len() - TIMED_RULES),
            share(rest)
        ));
    }
    let _ = io::stderr().write_all(out.as_bytes());
}
