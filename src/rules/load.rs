//! Loading rule files: parse, validate, compile. Every error names the file, line and column.

use std::path::Path;
use std::sync::Arc;

use toml::Spanned;

use super::schema::{FileSpec, GrammarSpec, PeopleSpec, RuleSpec, SegmentationSpec};
use super::{Example, Origin, Rule, RuleSet, dedupe, embedded};
use crate::checks::{self, Builder};
use crate::document::{Segmentation, Span};
use crate::entities::PeopleVocab;
use crate::error::{Error, position};

/// One loaded rule file.
#[derive(Debug)]
struct LoadedFile {
    language: String,
    source: Option<String>,
    segmentation: SegmentationSpec,
    grammar: GrammarSpec,
    people: PeopleSpec,
    transliteration: Vec<(String, String)>,
    rules: Vec<Arc<Rule>>,
}

impl LoadedFile {
    fn applies_to(&self, language: &str, source: Option<&str>) -> bool {
        (self.language == "*" || self.language == language)
            && self.source.as_deref().is_none_or(|s| Some(s) == source)
    }
}

/// All rule files that have been loaded: the embedded defaults, then the user's.
#[derive(Debug, Default)]
pub struct Catalog {
    files: Vec<LoadedFile>,
}

impl Catalog {
    /// The rule files embedded in the binary.
    pub fn embedded() -> Result<Catalog, Error> {
        let mut catalog = Catalog::default();
        for (path, text) in embedded::EMBEDDED {
            catalog.load(path, text, true)?;
        }
        Ok(catalog)
    }

    /// Adds every `*.toml` file of `dir`, in name order. Rules with an id already loaded replace
    /// the earlier definition.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), Error> {
        let io = |e: std::io::Error| Error::Io {
            path: dir.display().to_string(),
            message: e.to_string(),
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).map_err(|e| Error::Io {
                path: p.display().to_string(),
                message: e.to_string(),
            })?;
            self.add_source(&p.display().to_string(), &text)?;
        }
        Ok(())
    }

    /// Parses and compiles one rule file.
    pub fn add_source(&mut self, path: &str, text: &str) -> Result<(), Error> {
        self.load(path, text, false)
    }

    fn load(&mut self, path: &str, text: &str, builtin: bool) -> Result<(), Error> {
        let spec: FileSpec = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            Error::rule_file(path, text, at, e.message().trim().to_string())
        })?;
        let language = spec.language.get_ref().clone();
        let source = spec.source.as_ref().map(|s| s.get_ref().clone());
        check_code(path, text, &spec.language)?;
        if let Some(s) = &spec.source {
            check_code(path, text, s)?;
        }
        let prefix = match (&source, language.as_str()) {
            (_, "*") => "common".to_string(),
            (Some(s), l) => format!("{s}-{l}"),
            (None, l) => l.to_string(),
        };
        let origin = Origin {
            path: path.to_string(),
            line: 0,
            language: language.clone(),
            source: source.clone(),
            builtin,
        };
        let mut rules = Vec::with_capacity(spec.rules.len());
        let mut seen = rustc_hash::FxHashSet::default();
        for r in &spec.rules {
            let rule = compile_rule(path, text, &prefix, &origin, r)?;
            if !seen.insert(rule.id.clone()) {
                return Err(Error::rule_file(
                    path,
                    text,
                    r.get_ref().id.span().start,
                    format!("duplicate rule id `{}`", rule.id),
                ));
            }
            rules.push(Arc::new(rule));
        }
        self.files.push(LoadedFile {
            language,
            source,
            segmentation: spec.segmentation,
            grammar: spec.grammar,
            people: spec.people,
            transliteration: spec
                .transliteration
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
            rules,
        });
        Ok(())
    }

    /// Every rule of every file, later definitions of an id replacing earlier ones.
    pub fn rules(&self) -> Vec<Arc<Rule>> {
        dedupe(
            self.files
                .iter()
                .flat_map(|f| f.rules.iter().cloned())
                .collect(),
        )
    }

    /// The compiled rules for a target language and optional source language.
    pub fn rule_set(&self, language: &str, source: Option<&str>) -> RuleSet {
        // Language-wide files first, then pair files, each in load order.
        let mut files: Vec<&LoadedFile> = self
            .files
            .iter()
            .filter(|f| f.applies_to(language, source))
            .collect();
        files.sort_by_key(|f| (f.language != "*") as u8 + f.source.is_some() as u8);
        let mut seg = Segmentation::default();
        let mut people = PeopleVocab::default();
        for f in &files {
            merge_segmentation(&mut seg, &f.segmentation);
            seg.grammar.merge(&f.grammar);
            merge_people(&mut people, &f.people);
        }
        people.not_names.extend(seg.openers.iter().cloned());
        let mut translit: Vec<(String, String)> = files
            .iter()
            .flat_map(|f| f.transliteration.iter().cloned())
            .collect();
        translit.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        translit.dedup_by(|a, b| a.0 == b.0);
        people.transliteration = translit;
        let rules = dedupe(files.iter().flat_map(|f| f.rules.iter().cloned()).collect());
        RuleSet::new(
            language.to_string(),
            source.map(str::to_string),
            seg,
            people,
            rules,
        )
    }

    /// Whether any file targets this language specifically.
    pub fn has_language(&self, language: &str) -> bool {
        self.files.iter().any(|f| f.language == language)
    }

    /// The target languages that have rule files, sorted.
    pub fn languages(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .filter(|f| f.language != "*")
            .map(|f| f.language.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

fn check_code(path: &str, text: &str, code: &Spanned<String>) -> Result<(), Error> {
    let c = code.get_ref();
    let ok = c == "*" || (2..=3).contains(&c.len()) && c.chars().all(|ch| ch.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(Error::rule_file(
            path,
            text,
            code.span().start,
            format!("`{c}` is not a language code (two or three lowercase letters, or `*`)"),
        ))
    }
}

fn merge_segmentation(seg: &mut Segmentation, spec: &SegmentationSpec) {
    seg.never_final.extend(spec.never_final.iter().cloned());
    seg.before_number.extend(spec.before_number.iter().cloned());
    seg.ambiguous.extend(spec.ambiguous.iter().cloned());
    seg.openers.extend(spec.openers.iter().cloned());
    if let Some(t) = &spec.terminators {
        seg.terminators.clone_from(t);
    }
    if let Some(c) = &spec.closers {
        seg.closers.clone_from(c);
    }
    if let Some(o) = spec.ordinal_numbers {
        seg.ordinal_numbers = o;
    }
    // Abbreviation classes also drive splitting: a title never ends a sentence, a numbering
    // abbreviation does not before a number, a postpositive one only before an opener.
    seg.titles.extend(spec.titles.iter().cloned());
    seg.never_final.extend(spec.titles.iter().cloned());
    seg.numbering.extend(spec.numbering.iter().cloned());
    seg.before_number.extend(spec.numbering.iter().cloned());
    seg.postpositive.extend(spec.postpositive.iter().cloned());
    seg.ambiguous.extend(spec.postpositive.iter().cloned());
}

fn merge_people(people: &mut PeopleVocab, spec: &PeopleSpec) {
    let lower = |v: &Vec<String>| v.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
    people.honorifics.extend(spec.honorifics.iter().cloned());
    for t in &spec.titles {
        people.add_title(t);
    }
    people.past_modifiers.extend(lower(&spec.past_modifiers));
    people.particles.extend(spec.particles.iter().cloned());
    people.not_names.extend(spec.not_names.iter().cloned());
    people.male_pronouns.extend(lower(&spec.male_pronouns));
    people.female_pronouns.extend(lower(&spec.female_pronouns));
    people
        .male_honorifics
        .extend(spec.male_honorifics.iter().cloned());
    people
        .female_honorifics
        .extend(spec.female_honorifics.iter().cloned());
}

fn compile_rule(
    path: &str,
    text: &str,
    prefix: &str,
    origin: &Origin,
    spanned: &Spanned<RuleSpec>,
) -> Result<Rule, Error> {
    let spec = spanned.get_ref();
    let at =
        |span: std::ops::Range<usize>, msg: String| Error::rule_file(path, text, span.start, msg);
    let id = spec.id.get_ref();
    let valid_id = id
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|name| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
    if !valid_id {
        return Err(at(
            spec.id.span(),
            format!("rule id `{id}` must be `{prefix}/` followed by a kebab-case name"),
        ));
    }
    for (field, value) in [("message", &spec.message), ("why", &spec.why)] {
        if value.trim().is_empty() {
            return Err(at(
                spec.id.span(),
                format!("rule `{id}` has an empty `{field}`"),
            ));
        }
    }
    let mut builder = Builder::new(path, text, spec);
    let (kind, check) = checks::build(&mut builder)?;
    let mut examples = Vec::with_capacity(spec.examples.len());
    for ex in &spec.examples {
        examples.push(parse_example(path, text, id, ex)?);
    }
    let line = position(text, spanned.span().start).0;
    Ok(Rule {
        id: Arc::from(id.as_str()),
        kind,
        category: spec.category,
        severity: spec.severity,
        message: spec.message.clone(),
        suggestion: spec.suggestion.clone(),
        why: spec.why.clone(),
        examples,
        origin: Origin {
            line,
            ..origin.clone()
        },
        check,
        optional: spec.optional.unwrap_or(false),
    })
}

fn parse_example(
    path: &str,
    text: &str,
    id: &str,
    ex: &Spanned<super::schema::ExampleSpec>,
) -> Result<Example, Error> {
    let err = |msg: String| Error::rule_file(path, text, ex.span().start, msg);
    let line = position(text, ex.span().start).0;
    let e = ex.get_ref();
    match (&e.bad, &e.good) {
        (Some(bad), None) => {
            let (Some(open), Some(close)) = (bad.find("<m>"), bad.find("</m>")) else {
                return Err(err(format!(
                    "bad example of `{id}` must mark the expected span with <m>…</m>"
                )));
            };
            if close < open || bad.matches("<m>").count() != 1 || bad.matches("</m>").count() != 1 {
                return Err(err(format!(
                    "bad example of `{id}` must mark exactly one span with <m>…</m>"
                )));
            }
            let clean = format!(
                "{}{}{}",
                &bad[..open],
                &bad[open + 3..close],
                &bad[close + 4..]
            );
            Ok(Example {
                text: clean,
                expected: Some(Span::new(open, close - 3)),
                suggestion: e.suggestion.clone(),
                line,
            })
        }
        (None, Some(good)) => {
            if e.suggestion.is_some() || good.contains("<m>") {
                return Err(err(format!(
                    "good example of `{id}` cannot have a marked span or a suggestion"
                )));
            }
            Ok(Example {
                text: good.clone(),
                expected: None,
                suggestion: None,
                line,
            })
        }
        _ => Err(err(format!(
            "an example of `{id}` needs exactly one of `bad` and `good`"
        ))),
    }
}
