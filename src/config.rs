//! The configuration file, `mtlint.toml`: rule selection, severity overrides, weights, gates,
//! languages, per-path overrides and project word lists. Unknown keys, bad globs and selectors
//! that name no rule are errors with file, line and column.
//!
//! ```toml
//! lang = "en"
//! select = ["en/", "common/"]        # rule ids or id prefixes; default: every rule
//! ignore = ["en/doubled-word"]       # more specific wins; ignore beats select when equal
//! min-score = 90
//! fail-on = "major"                  # minor | major | critical | never
//! names = ["Zelenskyy"]              # correct as written: never reported
//! boilerplate = ["Subscribe to The Daily"]
//! [weights]
//! minor = 1
//! [severity]
//! "en/term-drift" = "major"
//! [terms]                            # required forms: "e-mail" must be written "email"
//! "e-mail" = "email"
//! [[overrides]]
//! paths = ["drafts/**"]
//! ignore = ["en/"]
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::error::Error;
use crate::rules::Severity;
use crate::ruleset::Catalog;
use crate::score::{Gate, Weights};
use crate::suppress::selector_matches;

/// The file name looked for from the working directory upward.
pub const FILE_NAME: &str = "mtlint.toml";

/// The settings a layer may set (the file's top level, or an override).
#[derive(Debug, Default)]
struct LayerSpec {
    lang: Option<Spanned<String>>,
    source_lang: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Severity>>,
    min_score: Option<Spanned<f64>>,
    fail_on: Option<Spanned<String>>,
}

/// Moves the layer fields of a deserialised table into a [`LayerSpec`].
macro_rules! layer_of {
    ($s:expr) => {
        LayerSpec {
            lang: $s.lang,
            source_lang: $s.source_lang,
            select: $s.select,
            ignore: $s.ignore,
            severity: $s.severity,
            min_score: $s.min_score,
            fail_on: $s.fail_on,
        }
    };
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct WeightsSpec {
    minor: Option<f64>,
    major: Option<f64>,
    critical: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideSpec {
    paths: Vec<Spanned<String>>,
    lang: Option<Spanned<String>>,
    source_lang: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Severity>>,
    min_score: Option<Spanned<f64>>,
    fail_on: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigSpec {
    lang: Option<Spanned<String>>,
    source_lang: Option<Spanned<String>>,
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Severity>>,
    min_score: Option<Spanned<f64>>,
    fail_on: Option<Spanned<String>>,
    weights: Option<Spanned<WeightsSpec>>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    terms: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    boilerplate: Vec<Spanned<String>>,
    #[serde(default)]
    overrides: Vec<OverrideSpec>,
}

/// Settings of one layer (the file, or an override); unset values inherit.
#[derive(Clone, Debug, Default)]
pub struct Layer {
    pub lang: Option<String>,
    pub source_lang: Option<String>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    pub min_score: Option<f64>,
    /// `Some(None)`: never fail on severity.
    pub fail_on: Option<Option<Severity>>,
}

/// A loaded configuration.
#[derive(Debug, Default)]
pub struct Config {
    pub path: String,
    /// The directory of the configuration file, when it was read from one.
    pub dir: Option<std::path::PathBuf>,
    pub base: Layer,
    pub weights: Option<Weights>,
    pub names: Vec<String>,
    pub terms: BTreeMap<String, String>,
    pub boilerplate: Vec<String>,
    overrides: Vec<(GlobSet, Layer)>,
}

/// The effective rule selection for a file: the configuration's selectors, and the command
/// line's, which beat them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub cli_select: Vec<String>,
    pub cli_ignore: Vec<String>,
}

/// The decision of one pair of lists: the most specific matching selector decides, `ignore`
/// winning a tie; `None` when no selector matches.
fn decide(select: &[String], ignore: &[String], rule: &str) -> Option<bool> {
    let best = |list: &[String]| {
        list.iter()
            .filter(|s| selector_matches(s, rule))
            .map(|s| s.trim_end_matches('/').len())
            .max()
    };
    match (best(select), best(ignore)) {
        (s, Some(i)) if s.is_none_or(|s| i >= s) => Some(false),
        (Some(_), _) => Some(true),
        _ => None,
    }
}

impl Selection {
    /// Whether a rule runs. A command-line selector that matches decides; `--select` alone
    /// runs only what it names. Otherwise the configuration decides the same way, and with no
    /// `select` at all every rule is selected.
    pub fn allows(&self, rule: &str) -> bool {
        if let Some(d) = decide(&self.cli_select, &self.cli_ignore, rule) {
            return d;
        }
        if !self.cli_select.is_empty() {
            return false;
        }
        decide(&self.select, &self.ignore, rule).unwrap_or(self.select.is_empty())
    }

    pub fn is_all(&self) -> bool {
        self.select.is_empty()
            && self.ignore.is_empty()
            && self.cli_select.is_empty()
            && self.cli_ignore.is_empty()
    }
}

fn fail_on(value: &str) -> Option<Option<Severity>> {
    match value {
        "never" => Some(None),
        other => Severity::parse(other).map(Some),
    }
}

impl Config {
    /// Finds `mtlint.toml` in `dir` or a parent directory.
    pub fn discover(dir: &Path) -> Option<std::path::PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Reads and validates a configuration file against the rules of `catalog`.
    pub fn load(path: &Path, catalog: &Catalog) -> Result<Config, Error> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let mut config = Config::parse(&shown, &text, catalog)?;
        // Override globs are relative to the directory of the configuration file.
        config.dir = path
            .parent()
            .map(|d| {
                if d.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    d
                }
            })
            .and_then(|d| d.canonicalize().ok());
        Ok(config)
    }

    pub fn parse(path: &str, text: &str, catalog: &Catalog) -> Result<Config, Error> {
        let spec: ConfigSpec = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            Error::rule_file(path, text, at, e.message().trim().to_string())
        })?;
        let ids: Vec<String> = catalog.rules().iter().map(|r| r.id.to_string()).collect();
        let err = |at: usize, msg: String| Error::rule_file(path, text, at, msg);
        let layer = |l: &LayerSpec| -> Result<Layer, Error> {
            let selectors = |list: &Option<Vec<Spanned<String>>>| -> Result<Vec<String>, Error> {
                let mut out = Vec::new();
                for s in list.iter().flatten() {
                    let sel = s.get_ref();
                    if !ids.iter().any(|id| selector_matches(sel, id)) {
                        return Err(err(s.span().start, format!("`{sel}` names no rule")));
                    }
                    out.push(sel.clone());
                }
                Ok(out)
            };
            let mut severity = Vec::new();
            for (k, v) in l.severity.iter().flatten() {
                if !ids.iter().any(|id| selector_matches(k.get_ref(), id)) {
                    return Err(err(
                        k.span().start,
                        format!("`{}` names no rule", k.get_ref()),
                    ));
                }
                severity.push((k.get_ref().clone(), *v));
            }
            if let Some(lang) = &l.lang
                && !catalog.has_language(lang.get_ref())
            {
                return Err(err(
                    lang.span().start,
                    format!(
                        "no rules for target language `{}`; languages with rules: {}",
                        lang.get_ref(),
                        catalog.languages().join(", ")
                    ),
                ));
            }
            if let Some(src) = &l.source_lang {
                let s = src.get_ref();
                if !((2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase())) {
                    return Err(err(
                        src.span().start,
                        format!("`{s}` is not a language code (ISO 639-1, such as `ja`)"),
                    ));
                }
            }
            let fail = match &l.fail_on {
                Some(f) => Some(fail_on(f.get_ref()).ok_or_else(|| {
                    err(
                        f.span().start,
                        format!("`{}` is not minor, major, critical or never", f.get_ref()),
                    )
                })?),
                None => None,
            };
            if let Some(m) = &l.min_score
                && !(0.0..=100.0).contains(m.get_ref())
            {
                return Err(err(
                    m.span().start,
                    "min-score must be between 0 and 100".into(),
                ));
            }
            Ok(Layer {
                lang: l.lang.as_ref().map(|s| s.get_ref().clone()),
                source_lang: l.source_lang.as_ref().map(|s| s.get_ref().clone()),
                select: selectors(&l.select)?,
                ignore: selectors(&l.ignore)?,
                severity,
                min_score: l.min_score.as_ref().map(|m| *m.get_ref()),
                fail_on: fail,
            })
        };
        let weights_spec = spec.weights;
        let names = spec.names;
        let mut terms = BTreeMap::new();
        for (k, v) in spec.terms {
            let (key, value) = (k.get_ref(), v.get_ref());
            if key.trim().is_empty() {
                return Err(err(
                    k.span().start,
                    "a `[terms]` key cannot be empty".into(),
                ));
            }
            if key.contains(['\n', '\r']) || value.contains(['\n', '\r']) {
                return Err(err(
                    k.span().start,
                    format!(
                        "the term `{}` cannot contain a line break",
                        key.escape_debug()
                    ),
                ));
            }
            if key.trim() == value.trim() {
                return Err(err(
                    k.span().start,
                    format!("the term `{key}` maps to itself: it would flag the required form"),
                ));
            }
            terms.insert(k.into_inner(), v.into_inner());
        }
        let mut boilerplate = Vec::new();
        for b in spec.boilerplate {
            if b.get_ref().trim().is_empty() || b.get_ref().contains(['\n', '\r']) {
                return Err(err(
                    b.span().start,
                    "a `boilerplate` phrase must be one non-empty line".into(),
                ));
            }
            boilerplate.push(b.into_inner());
        }
        let override_specs = spec.overrides;
        let base = layer(&layer_of!(spec))?;
        let mut overrides = Vec::new();
        for o in override_specs {
            let mut b = GlobSetBuilder::new();
            for g in &o.paths {
                let glob = Glob::new(g.get_ref())
                    .map_err(|e| err(g.span().start, format!("bad glob `{}`: {e}", g.get_ref())))?;
                b.add(glob);
            }
            let set = b.build().map_err(|e| err(0, format!("bad globs: {e}")))?;
            overrides.push((set, layer(&layer_of!(o))?));
        }
        let weights = match &weights_spec {
            Some(w) => {
                let d = Weights::default();
                let ws = w.get_ref();
                let weights = Weights {
                    minor: ws.minor.unwrap_or(d.minor),
                    major: ws.major.unwrap_or(d.major),
                    critical: ws.critical.unwrap_or(d.critical),
                };
                for v in [weights.minor, weights.major, weights.critical] {
                    if !(0.0..=1000.0).contains(&v) {
                        return Err(err(
                            w.span().start,
                            "weights must be between 0 and 1000".into(),
                        ));
                    }
                }
                Some(weights)
            }
            None => None,
        };
        Ok(Config {
            path: path.to_string(),
            dir: None,
            base,
            weights,
            names,
            terms,
            boilerplate,
            overrides,
        })
    }

    /// The layers that apply to `path`: the file's, then each matching override in order.
    pub fn layers_for(&self, path: &str) -> Vec<&Layer> {
        let clean = path.trim_start_matches("./");
        // The path relative to the configuration's directory, when it lies below it.
        let relative = self.dir.as_ref().and_then(|dir| {
            let p = Path::new(path);
            let absolute = if p.is_absolute() {
                p.to_path_buf()
            } else {
                std::env::current_dir().ok()?.join(p)
            };
            let absolute = absolute
                .parent()
                .and_then(|parent| parent.canonicalize().ok())
                .map_or(absolute.clone(), |parent| {
                    parent.join(absolute.file_name().unwrap_or_default())
                });
            absolute.strip_prefix(dir).ok().map(Path::to_path_buf)
        });
        std::iter::once(&self.base)
            .chain(
                self.overrides
                    .iter()
                    .filter(|(g, _)| {
                        g.is_match(clean) || relative.as_ref().is_some_and(|r| g.is_match(r))
                    })
                    .map(|(_, l)| l),
            )
            .collect()
    }

    /// Rule files made from the word lists (`terms`, `boilerplate`), to add to the catalog.
    pub fn generated_rules(&self) -> Option<String> {
        let mut rules = Vec::new();
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        if !self.terms.is_empty() {
            let table: Vec<String> = self
                .terms
                .iter()
                .filter(|(k, _)| !k.trim().is_empty())
                .map(|(k, v)| format!("{} = {}", quote(k), quote(v)))
                .collect();
            if !table.is_empty() {
                rules.push(format!(
                    "[[rule]]\nid = \"common/project-terms\"\nkind = \"substitution\"\ncategory = \"terminology\"\nseverity = \"minor\"\nmessage = \"the project writes \\\"{{replacement}}\\\", not \\\"{{match}}\\\"\"\nsuggestion = \"{{replacement}}\"\nwhy = \"A required form from the project's mtlint.toml.\"\nreplace = {{ {} }}\n",
                    table.join(", ")
                ));
            }
        }
        if !self.boilerplate.is_empty() {
            let list: Vec<String> = self.boilerplate.iter().map(|s| quote(s)).collect();
            rules.push(format!(
                "[[rule]]\nid = \"common/project-boilerplate\"\nkind = \"line-phrases\"\ncategory = \"design\"\nseverity = \"major\"\nmessage = \"boilerplate listed in the project's mtlint.toml: \\\"{{match}}\\\"\"\nsuggestion = \"delete the line\"\nwhy = \"A boilerplate phrase from the project's mtlint.toml.\"\nphrases = [{}]\n",
                list.join(", ")
            ));
        }
        (!rules.is_empty()).then(|| format!("language = \"*\"\n\n{}", rules.join("\n")))
    }
}

/// Settings resolved for one file from the command line and the configuration.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    pub lang: Option<String>,
    pub source_lang: Option<String>,
    pub selection: Selection,
    pub severity: Vec<(String, Severity)>,
    pub gate: Gate,
}

impl Resolved {
    /// The severity of `rule` after overrides (the most specific selector wins).
    pub fn severity_of(&self, rule: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .filter(|(s, _)| selector_matches(s, rule))
            .max_by_key(|(s, _)| s.trim_end_matches('/').len())
            .map_or(default, |(_, v)| *v)
    }

    /// Applies layers in order: later values replace, selections accumulate.
    pub fn apply(&mut self, layer: &Layer) {
        if layer.lang.is_some() {
            self.lang.clone_from(&layer.lang);
        }
        if layer.source_lang.is_some() {
            self.source_lang.clone_from(&layer.source_lang);
        }
        self.selection.select.extend(layer.select.iter().cloned());
        self.selection.ignore.extend(layer.ignore.iter().cloned());
        self.severity.extend(layer.severity.iter().cloned());
        if let Some(m) = layer.min_score {
            self.gate.min_score = Some(m);
        }
        if let Some(f) = layer.fail_on {
            self.gate.fail_on = f;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(select: &[&str], ignore: &[&str]) -> Selection {
        Selection {
            select: select.iter().map(|s| s.to_string()).collect(),
            ignore: ignore.iter().map(|s| s.to_string()).collect(),
            ..Selection::default()
        }
    }

    #[test]
    fn more_specific_wins_and_ignore_wins_ties() {
        let s = sel(&["en/"], &["en/run-on"]);
        assert!(s.allows("en/glued-words"));
        assert!(!s.allows("en/run-on"));
        assert!(!s.allows("common/mojibake"));
        let s = sel(&["en/run-on"], &["en/"]);
        assert!(s.allows("en/run-on"));
        assert!(!s.allows("en/glued-words"));
        let s = sel(&["en/"], &["en/"]);
        assert!(!s.allows("en/run-on"));
        assert!(sel(&[], &[]).allows("anything/x"));
        assert!(!sel(&[], &["common"]).allows("common/mojibake"));
        // The command line beats the file.
        let mut s = sel(&[], &["en/doubled-word"]);
        s.cli_select = vec!["en/doubled-word".into()];
        assert!(s.allows("en/doubled-word"));
        assert!(!s.allows("en/run-on"));
        let mut s = sel(&["en/doubled-word"], &[]);
        s.cli_ignore = vec!["en/".into()];
        assert!(!s.allows("en/doubled-word"));
    }

    #[test]
    fn errors_point_into_the_file() {
        let catalog = Catalog::embedded().unwrap();
        let e = Config::parse(
            "m.toml",
            "select = [\"en/\"]\nignore = [\"en/nope\"]\n",
            &catalog,
        )
        .unwrap_err()
        .to_string();
        assert_eq!(e, "m.toml:2:11: `en/nope` names no rule");
        let e = Config::parse("m.toml", "colour = 1\n", &catalog)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.toml:1:1: unknown field `colour`"), "{e}");
        let e = Config::parse("m.toml", "[[overrides]]\npaths = [\"a/[\"]\n", &catalog)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.toml:2:10: bad glob"), "{e}");
    }
}
