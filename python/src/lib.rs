//! `mtlint._mtlint`: the native half of the Python package. It holds one [`mtlint::Linter`]
//! (rules compiled once), checks one text into the JSON of one `--format jsonl` line, and checks
//! a batch of texts in parallel into plain columns that the Python half turns into Arrow.
//!
//! The GIL is released while checking. A batch runs on a rayon pool of the caller's size, built
//! on first use (never at import or construction) and rebuilt in a forked child, whose copy of
//! the parent's pool has no threads.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use mtlint::bitext::SegmentInput;
use mtlint::config::Config;
use mtlint::report::FileReport;
use mtlint::ruleset::Catalog;
use mtlint::{Error, Linter, Options};

create_exception!(
    _mtlint,
    MtlintError,
    PyException,
    "Base class of mtlint's errors; the message is the one the CLI prints after `mtlint: error: `."
);
create_exception!(
    _mtlint,
    UsageError,
    MtlintError,
    "A value is not usable: an unknown language or selector, a failing rule example."
);
create_exception!(
    _mtlint,
    RuleFileError,
    MtlintError,
    "A rule file or configuration file is malformed (`path:line:column: message`)."
);
create_exception!(
    _mtlint,
    InputError,
    MtlintError,
    "An input is malformed (`path:line:column: message`)."
);
create_exception!(
    _mtlint,
    DecodeError,
    MtlintError,
    "An input is not valid UTF-8."
);
create_exception!(
    _mtlint,
    ReadError,
    MtlintError,
    "A file (rules, configuration) could not be read."
);

/// The Python exception of a library error, with the CLI's message; `path`, `line` and
/// `column` are set as attributes where the error has them.
fn to_py(e: Error) -> PyErr {
    let message = e.to_string();
    let (err, place) = match &e {
        Error::Io { path, .. } => (ReadError::new_err(message), Some((path.clone(), 0, 0))),
        Error::Decode {
            path, line, column, ..
        } => (
            DecodeError::new_err(message),
            Some((path.clone(), *line, *column)),
        ),
        Error::RuleFile {
            path, line, column, ..
        } => (
            RuleFileError::new_err(message),
            Some((path.clone(), *line, *column)),
        ),
        Error::Input {
            path, line, column, ..
        } => (
            InputError::new_err(message),
            Some((path.clone(), *line, *column)),
        ),
        Error::Usage(_) => (UsageError::new_err(message), None),
        _ => (MtlintError::new_err(message), None),
    };
    if let Some((path, line, column)) = place {
        Python::attach(|py| {
            let value = err.value(py);
            let _ = value.setattr("path", path);
            if line > 0 {
                let _ = value.setattr("line", line);
                let _ = value.setattr("column", column);
            }
        });
    }
    err
}

/// A rayon pool and the process that built it.
struct Pool {
    pid: u32,
    threads: usize,
    pool: Arc<rayon::ThreadPool>,
}

/// One record of a batch, owned so the GIL can be released while it is checked.
struct Item {
    text: Option<String>,
    lang: Option<String>,
    source: Option<String>,
    source_lang: Option<String>,
    id: String,
}

/// The rules, compiled once, and the settings of a checker.
#[pyclass(frozen, module = "mtlint._mtlint")]
struct NativeChecker {
    linter: Linter,
    pool: Mutex<Option<Pool>>,
}

/// The "file" a record is read from, as `mtlint check --input-format jsonl -` names it.
const FILE: &str = "-";

impl NativeChecker {
    /// A record's languages held to the CLI's rules: a target language with rules, a source
    /// language that is a language code. Messages as the CLI's for `--lang`/`--source-lang`.
    fn check_languages(&self, lang: Option<&str>, source_lang: Option<&str>) -> Result<(), Error> {
        let catalog = self.linter.catalog();
        if let Some(l) = lang
            && !catalog.has_language(l)
        {
            return Err(Error::Usage(format!(
                "no rules for target language `{l}`; languages with rules: {}",
                catalog.languages().join(", ")
            )));
        }
        if let Some(s) = source_lang
            && !((2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase()))
        {
            return Err(Error::Usage(format!(
                "`{s}` is not a language code (ISO 639-1, such as `ja`)"
            )));
        }
        Ok(())
    }

    /// The report of one record: with a source, one bilingual segment (as the CLI checks a JSON
    /// Lines record with `source`), else one monolingual record.
    fn report(
        &self,
        id: &str,
        text: &str,
        lang: Option<&str>,
        source: Option<&str>,
        source_lang: Option<&str>,
    ) -> FileReport {
        match source {
            Some(src) => {
                let segment = SegmentInput {
                    id: id.to_string(),
                    source: Some(src.to_string()),
                    text: text.to_string(),
                    lang: lang.map(str::to_string),
                    source_lang: source_lang.map(str::to_string),
                };
                self.linter
                    .check_segments(FILE, std::slice::from_ref(&segment))
                    .pop()
                    .unwrap_or_else(|| FileReport::failed(id, "no report".into()))
            }
            None => self.linter.check_record(FILE, id, text, lang, source_lang),
        }
    }

    /// One record of a batch checked, with its text; `None` for a null text.
    fn check_item<'a>(&self, it: &'a Item) -> Option<(&'a str, FileReport)> {
        let text = it.text.as_deref()?;
        let report = self.report(
            &it.id,
            text,
            it.lang.as_deref(),
            it.source.as_deref(),
            it.source_lang.as_deref(),
        );
        Some((text, report))
    }

    /// The pool for `threads` workers in this process, built on first use.
    fn pool(&self, threads: usize) -> Result<Arc<rayon::ThreadPool>, Error> {
        let pid = std::process::id();
        let mut slot = self.pool.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = slot.as_ref()
            && p.pid == pid
            && p.threads == threads
        {
            return Ok(p.pool.clone());
        }
        if let Some(old) = slot.take()
            && old.pid != pid
        {
            // Inherited through fork(): its threads do not exist in this process, so dropping
            // it could wait on them. It is left alone.
            std::mem::forget(old);
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("mtlint-{i}"))
            .build()
            .map_err(|e| Error::Usage(format!("cannot start {threads} threads: {e}")))?;
        let pool = Arc::new(pool);
        *slot = Some(Pool {
            pid,
            threads,
            pool: pool.clone(),
        });
        Ok(pool)
    }
}

/// Byte offsets of `text` mapped to Python string indices (code points), in one sweep.
fn char_indices(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let (mut byte, mut chars) = (0, 0);
    for i in order {
        let o = offsets[i].min(text.len());
        if o > byte {
            chars += text.get(byte..o).map_or(0, |s| s.chars().count());
            byte = o;
        }
        out[i] = chars;
    }
    out
}

/// The columns of a checked batch; a null text gives nulls.
#[derive(Default)]
struct Columns {
    language: Vec<Option<String>>,
    score: Vec<Option<f64>>,
    passed: Vec<Option<bool>>,
    penalty: Vec<Option<f64>>,
    n_findings: Vec<Option<u32>>,
    /// Offsets of each row's findings in the flat finding columns (rows + 1 entries).
    offsets: Vec<i64>,
    valid: Vec<bool>,
    rule: Vec<String>,
    category: Vec<String>,
    severity: Vec<String>,
    start: Vec<u64>,
    end: Vec<u64>,
    start_byte: Vec<u64>,
    end_byte: Vec<u64>,
    message: Vec<String>,
    suggestion: Vec<Option<String>>,
}

impl Columns {
    fn push(&mut self, report: Option<(&str, FileReport)>) {
        let Some((text, r)) = report else {
            self.language.push(None);
            self.score.push(None);
            self.passed.push(None);
            self.penalty.push(None);
            self.n_findings.push(None);
            self.valid.push(false);
            self.offsets.push(self.rule.len() as i64);
            return;
        };
        self.language.push(r.language);
        self.score.push(Some(r.score));
        self.passed.push(Some(r.passed));
        self.penalty.push(Some(r.penalty));
        self.n_findings.push(Some(r.findings.len() as u32));
        self.valid.push(true);
        let bytes: Vec<usize> = r
            .findings
            .iter()
            .flat_map(|f| [f.span.start, f.span.end])
            .collect();
        let chars = char_indices(text, &bytes);
        for (k, f) in r.findings.into_iter().enumerate() {
            self.rule.push(f.rule.to_string());
            self.category.push(f.category.to_string());
            self.severity.push(f.severity.to_string());
            self.start.push(chars[2 * k] as u64);
            self.end.push(chars[2 * k + 1] as u64);
            self.start_byte.push(f.span.start as u64);
            self.end_byte.push(f.span.end as u64);
            self.message.push(f.message);
            self.suggestion.push(f.suggestion);
        }
        self.offsets.push(self.rule.len() as i64);
    }

    fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("language", self.language)?;
        d.set_item("score", self.score)?;
        d.set_item("passed", self.passed)?;
        d.set_item("penalty", self.penalty)?;
        d.set_item("n_findings", self.n_findings)?;
        d.set_item("offsets", self.offsets)?;
        d.set_item("valid", self.valid)?;
        d.set_item("rule", self.rule)?;
        d.set_item("category", self.category)?;
        d.set_item("severity", self.severity)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("start_byte", self.start_byte)?;
        d.set_item("end_byte", self.end_byte)?;
        d.set_item("message", self.message)?;
        d.set_item("suggestion", self.suggestion)?;
        Ok(d)
    }
}

#[pymethods]
impl NativeChecker {
    /// Loads the embedded rules, the rule directories `rules` (their examples must pass, as in
    /// the CLI), the configuration file `config`, and the selectors, and checks them.
    #[new]
    #[pyo3(signature = (config=None, rules=Vec::new(), select=Vec::new(), ignore=Vec::new()))]
    fn new(
        py: Python<'_>,
        config: Option<PathBuf>,
        rules: Vec<PathBuf>,
        select: Vec<String>,
        ignore: Vec<String>,
    ) -> PyResult<Self> {
        py.detach(|| Self::build(config, rules, select, ignore))
            .map_err(to_py)
    }

    /// One record checked; the JSON of its `--format jsonl` line.
    #[pyo3(signature = (text, lang=None, source=None, source_lang=None, id="-"))]
    fn check_json(
        &self,
        py: Python<'_>,
        text: &str,
        lang: Option<&str>,
        source: Option<&str>,
        source_lang: Option<&str>,
        id: &str,
    ) -> PyResult<String> {
        self.check_languages(lang, source_lang).map_err(to_py)?;
        let report = py.detach(|| self.report(id, text, lang, source, source_lang));
        serde_json::to_string(&report).map_err(|e| MtlintError::new_err(e.to_string()))
    }

    /// Many records checked on `threads` threads (in this thread when 1); a dict of columns.
    /// The lists (but `texts`, `ids`) may be `None`: no such column.
    #[pyo3(signature = (texts, ids, langs=None, sources=None, source_langs=None, threads=1))]
    #[allow(clippy::too_many_arguments)]
    fn check_columns<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Option<String>>,
        ids: Vec<String>,
        langs: Option<Vec<Option<String>>>,
        sources: Option<Vec<Option<String>>>,
        source_langs: Option<Vec<Option<String>>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        let n = texts.len();
        let column = |c: Option<Vec<Option<String>>>, name: &str| -> PyResult<_> {
            match c {
                Some(v) if v.len() != n => Err(UsageError::new_err(format!(
                    "column `{name}` has {} rows, the texts {n}",
                    v.len()
                ))),
                Some(v) => Ok(v),
                None => Ok(vec![None; n]),
            }
        };
        if ids.len() != n {
            return Err(UsageError::new_err(format!(
                "column `id` has {} rows, the texts {n}",
                ids.len()
            )));
        }
        let langs = column(langs, "lang")?;
        let sources = column(sources, "source")?;
        let source_langs = column(source_langs, "source_lang")?;
        let items: Vec<Item> = texts
            .into_iter()
            .zip(ids)
            .zip(langs)
            .zip(sources)
            .zip(source_langs)
            .map(|((((text, id), lang), source), source_lang)| Item {
                text,
                lang,
                source,
                source_lang,
                id,
            })
            .collect();
        for it in &items {
            if it.text.is_some() {
                self.check_languages(it.lang.as_deref(), it.source_lang.as_deref())
                    .map_err(|e| to_py(Error::Usage(format!("record `{}`: {e}", it.id))))?;
            }
        }
        let columns = py.detach(|| -> Result<Columns, Error> {
            let one = |it| self.check_item(it);
            let reports: Vec<Option<(&str, FileReport)>> = if threads <= 1 || items.len() <= 1 {
                items.iter().map(one).collect()
            } else {
                let pool = self.pool(threads)?;
                pool.install(|| items.par_iter().map(one).collect())
            };
            let mut columns = Columns {
                offsets: vec![0],
                ..Columns::default()
            };
            for r in reports {
                columns.push(r);
            }
            Ok(columns)
        });
        columns.map_err(to_py)?.into_dict(py)
    }

    /// The target languages that have rules.
    fn languages(&self) -> Vec<String> {
        self.linter.catalog().languages()
    }
}

impl NativeChecker {
    fn build(
        config: Option<PathBuf>,
        rules: Vec<PathBuf>,
        select: Vec<String>,
        ignore: Vec<String>,
    ) -> Result<Self, Error> {
        let mut catalog = Catalog::embedded()?;
        for dir in &rules {
            catalog.add_dir(dir)?;
        }
        // User rules are untrusted: their examples must pass, as in the CLI.
        if !rules.is_empty() {
            let failures =
                mtlint::ruleset::examples::check_examples(&catalog, |r| !r.origin.builtin);
            if !failures.is_empty() {
                let lines: Vec<String> = failures
                    .iter()
                    .map(|f| format!("rule example: {f}"))
                    .collect();
                return Err(Error::Usage(lines.join("\n")));
            }
        }
        let config = match &config {
            Some(p) => Some(Config::load(p, &catalog)?),
            None => None,
        };
        let ids: Vec<String> = catalog.rules().iter().map(|r| r.id.to_string()).collect();
        for s in select.iter().chain(&ignore) {
            if !ids
                .iter()
                .any(|id| mtlint::suppress::selector_matches(s, id))
            {
                return Err(Error::Usage(format!("`{s}` names no rule")));
            }
        }
        let options = Options {
            select,
            ignore,
            ..Options::default()
        };
        let mut linter = Linter::new(catalog, options);
        if let Some(c) = config {
            linter = linter.with_config(c)?;
        }
        Ok(Self {
            linter,
            pool: Mutex::new(None),
        })
    }
}

#[pymodule]
fn _mtlint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<NativeChecker>()?;
    m.add("MtlintError", py.get_type::<MtlintError>())?;
    m.add("UsageError", py.get_type::<UsageError>())?;
    m.add("RuleFileError", py.get_type::<RuleFileError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("ReadError", py.get_type::<ReadError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
