//! The inputs of a run: files, directories walked with `.gitignore` rules and `--glob`,
//! standard input, and the records of JSON Lines files.

use std::io;
use std::path::{Path, PathBuf};

use mtlint::Error;
use mtlint::input::InputFormat;

use super::CheckArgs;
use super::args::InputKind;
use super::records::{Record, Records};

/// One unit to check.
pub(super) enum Input {
    File {
        shown: String,
        path: PathBuf,
    },
    Stdin,
    Record {
        file: String,
        /// The line of `file` it was read from.
        line: usize,
        record: Record,
    },
    /// The segments of one document (JSON Lines records sharing a `doc`, or with a `source`).
    Segments {
        file: String,
        doc: Option<serde_json::Value>,
        segments: Vec<mtlint::bitext::SegmentInput>,
        /// For JSON Lines, the line each segment was read from.
        lines: Vec<usize>,
    },
    /// A target file with its source file (`--source`).
    Pair {
        shown: String,
        path: PathBuf,
        source: PathBuf,
    },
    /// A path that could not be read or walked.
    Broken {
        shown: String,
        error: Error,
    },
}

/// Extensions checked when walking a directory.
pub(super) const PROSE_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "jsonl", "po", "xlf", "xliff", "tmx",
];

pub(super) fn io_error(path: &str, e: &io::Error) -> Error {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if Path::new(path).is_dir() => "is a directory".to_string(),
        _ => e.to_string(),
    };
    Error::Io {
        path: path.to_string(),
        message,
    }
}

/// A path as reported: its UTF-8 as is; bytes that are not UTF-8 as `\xFF` escapes, so two
/// names that differ only there stay distinct (a lossy `\u{fffd}` would merge them).
pub(super) fn shown_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// Whether standard input is closed. A process started with its standard input closed gets
/// `/dev/null` in its place (the Rust runtime reopens it), so that is what is looked for: reading
/// it would check an empty text and pass.
pub(super) fn stdin_closed() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let (Ok(stdin), Ok(null)) = (
            std::fs::metadata("/dev/stdin"),
            std::fs::metadata("/dev/null"),
        ) else {
            return false;
        };
        stdin.file_type().is_char_device() && stdin.rdev() == null.rdev()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

pub(super) fn stdin_error() -> Error {
    Error::Usage("standard input (`-`) is closed or /dev/null: nothing to check".into())
}

/// One argument's share of a run, opened lazily by [`open`] as the run reaches it, so that
/// a JSON Lines stream or a bilingual file is read only when its turn comes (and a JSON Lines
/// stream one record at a time).
pub(super) enum Source {
    One(Input),
    /// A JSON Lines file, or standard input (`None`).
    Jsonl {
        shown: String,
        path: Option<PathBuf>,
    },
    /// A PO, XLIFF or TMX file.
    Bilingual {
        shown: String,
        path: PathBuf,
    },
}

/// The inputs of a source, in order.
pub(super) fn open(source: Source) -> Box<dyn Iterator<Item = Input>> {
    match source {
        Source::One(i) => Box::new(std::iter::once(i)),
        Source::Jsonl { shown, path: None } => Box::new(Records::new(&shown, io::stdin().lock())),
        Source::Jsonl {
            shown,
            path: Some(path),
        } => match std::fs::File::open(&path) {
            Ok(f) => Box::new(Records::new(&shown, io::BufReader::new(f))),
            Err(e) => Box::new(std::iter::once(Input::Broken {
                error: io_error(&shown, &e),
                shown,
            })),
        },
        Source::Bilingual { shown, path } => Box::new(bilingual(&shown, &path).into_iter()),
    }
}

/// What a directory walk skipped, said on standard error in one line rather than silently
/// (F27c): hidden files and directories, and symbolic links, which walks do not follow.
#[derive(Default)]
struct Skipped {
    hidden: Vec<PathBuf>,
    links: Vec<PathBuf>,
}

impl Skipped {
    fn say(mut self, dir: &str) {
        use std::io::Write;
        const SHOWN: usize = 5;
        let mut parts = Vec::new();
        for (what, list) in [
            ("hidden file or directory", &mut self.hidden),
            ("symbolic link", &mut self.links),
        ] {
            if list.is_empty() {
                continue;
            }
            list.sort();
            let names: Vec<String> = list
                .iter()
                .take(SHOWN)
                .map(|p| format!("`{}`", shown_path(p)))
                .collect();
            let more = if list.len() > SHOWN {
                format!(" and {} more", list.len() - SHOWN)
            } else {
                String::new()
            };
            let s = if list.len() == 1 { "" } else { "s" };
            parts.push(format!(
                "{} {what}{s} ({}{more})",
                list.len(),
                names.join(", ")
            ));
        }
        if !parts.is_empty() {
            let _ = writeln!(
                io::stderr(),
                "mtlint: warning: {dir}: skipped {} (walks skip hidden entries and do not follow symbolic links; name them to check them)",
                parts.join(" and ")
            );
        }
    }
}

pub(super) fn collect_inputs(args: &CheckArgs) -> Result<Vec<Source>, Error> {
    if let Some(source) = &args.source {
        return match args.paths.as_slice() {
            [p] if p.as_os_str() != "-" && !p.is_dir() => Ok(vec![Source::One(Input::Pair {
                shown: shown_path(p),
                path: p.clone(),
                source: source.clone(),
            })]),
            _ => Err(Error::Usage(
                "--source needs exactly one target file (not a directory or `-`)".into(),
            )),
        };
    }
    let mut inputs = Vec::new();
    let jsonl = |p: &str| {
        args.input_format == Some(InputKind::Jsonl)
            || (args.input_format.is_none() && p.to_ascii_lowercase().ends_with(".jsonl"))
    };
    let mut stdin_used = false;
    for arg in &args.paths {
        let p = &shown_path(arg);
        if arg.as_os_str() == "-" {
            if stdin_used {
                return Err(Error::Usage(
                    "`-` (standard input) can be given only once".into(),
                ));
            }
            stdin_used = true;
            if stdin_closed() {
                return Err(stdin_error());
            }
            if jsonl(p) {
                inputs.push(Source::Jsonl {
                    shown: "-".into(),
                    path: None,
                });
            } else {
                inputs.push(Source::One(Input::Stdin));
            }
            continue;
        }
        let path = arg.as_path();
        if path.is_dir() {
            let mut overrides = ignore::overrides::OverrideBuilder::new(path);
            for g in &args.glob {
                overrides
                    .add(g)
                    .map_err(|e| Error::Usage(format!("bad --glob `{g}`: {e}")))?;
            }
            let overrides = overrides
                .build()
                .map_err(|e| Error::Usage(format!("bad --glob: {e}")))?;
            // Globs that pick files replace the extension filter; exclusions do not.
            let picking = args.glob.iter().any(|g| !g.starts_with('!'));
            let wanted = |f: &Path| {
                picking
                    || f.extension()
                        .and_then(|x| x.to_str())
                        .map(str::to_ascii_lowercase)
                        .is_some_and(|x| PROSE_EXTENSIONS.contains(&x.as_str()))
            };
            let mut found: Vec<PathBuf> = Vec::new();
            // Hidden entries are walked past by hand, so that each one is named (F27c).
            let walk = ignore::WalkBuilder::new(path)
                .overrides(overrides)
                .hidden(false)
                .filter_entry(move |e| {
                    e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
                })
                .build();
            // The filter drops hidden entries silently, so they are listed from each walked
            // directory below.
            let mut dirs: Vec<PathBuf> = Vec::new();
            let mut skipped = Skipped::default();
            for entry in walk {
                match entry {
                    Ok(e) => {
                        let ft = e.file_type();
                        if ft.is_some_and(|t| t.is_dir()) {
                            dirs.push(e.path().to_path_buf());
                        } else if ft.is_some_and(|t| t.is_file()) {
                            if wanted(e.path()) {
                                found.push(e.into_path());
                            }
                        } else if ft.is_some_and(|t| t.is_symlink()) {
                            // Symbolic links are not followed in walks (a loop, or a file
                            // outside the tree); a link to a file to be checked is said.
                            match std::fs::metadata(e.path()) {
                                Ok(m) if m.is_file() && !wanted(e.path()) => {}
                                _ => skipped.links.push(e.into_path()),
                            }
                        }
                    }
                    Err(e) => inputs.push(Source::One(Input::Broken {
                        shown: p.clone(),
                        error: Error::Io {
                            path: p.clone(),
                            message: e.to_string(),
                        },
                    })),
                }
            }
            dirs.sort();
            for d in &dirs {
                let Ok(entries) = std::fs::read_dir(d) else {
                    continue;
                };
                let mut hidden: Vec<PathBuf> = entries
                    .flatten()
                    .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with('.')))
                    .filter(|e| {
                        e.file_type().is_ok_and(|t| t.is_dir())
                            || (e.file_type().is_ok_and(|t| !t.is_dir()) && wanted(&e.path()))
                    })
                    .map(|e| e.path())
                    .filter(|h| h.file_name().is_some_and(|n| n != ".git"))
                    .collect();
                skipped.hidden.append(&mut hidden);
            }
            skipped.say(p);
            found.sort();
            for f in found {
                let shown = shown_path(&f);
                inputs.push(Source::One(Input::File { shown, path: f }));
            }
        } else {
            inputs.push(Source::One(Input::File {
                shown: p.clone(),
                path: path.to_path_buf(),
            }));
        }
    }
    // JSON Lines and bilingual files are opened when the run reaches them.
    Ok(inputs
        .into_iter()
        .map(|i| match i {
            Source::One(Input::File { shown, path }) if jsonl(&shown) => Source::Jsonl {
                shown,
                path: Some(path),
            },
            Source::One(Input::File { shown, path })
                if args.input_format.is_none()
                    && mtlint::bitext::BilingualFormat::from_path(&shown).is_some() =>
            {
                Source::Bilingual { shown, path }
            }
            other => other,
        })
        .collect())
}

/// Reads and decodes a file.
pub(super) fn read_text(shown: &str, path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| io_error(shown, &e))?;
    let text = mtlint::engine::decode(shown, &bytes)?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// A bilingual file (PO, XLIFF, TMX) as the segments of its documents, or the error that
/// stops it.
fn bilingual(shown: &str, path: &Path) -> Vec<Input> {
    let broken = |error| {
        vec![Input::Broken {
            shown: shown.to_string(),
            error,
        }]
    };
    let Some(format) = mtlint::bitext::BilingualFormat::from_path(shown) else {
        return broken(Error::Usage(format!("{shown}: not a bilingual file")));
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return broken(io_error(shown, &e)),
    };
    let text = match mtlint::engine::decode(shown, &bytes) {
        Ok(t) => t,
        Err(e) => return broken(e),
    };
    match format.read(shown, text) {
        Ok(file) => file
            .documents
            .into_iter()
            .map(|segments| Input::Segments {
                file: shown.to_string(),
                doc: None,
                lines: Vec::new(),
                segments: segments
                    .into_iter()
                    .map(|mut s| {
                        s.lang = s.lang.or_else(|| file.target_lang.clone());
                        s.source_lang = s.source_lang.or_else(|| file.source_lang.clone());
                        s
                    })
                    .collect(),
            })
            .collect(),
        Err(e) => broken(e),
    }
}

pub(super) fn format_of(args: &CheckArgs, shown: &str) -> InputFormat {
    match args.input_format {
        Some(InputKind::Markdown) => InputFormat::Markdown,
        Some(InputKind::Html) => InputFormat::Html,
        Some(InputKind::Text | InputKind::Jsonl) => InputFormat::Text,
        None => InputFormat::from_path(shown),
    }
}
