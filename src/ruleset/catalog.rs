//! The catalog: every rule file loaded (the embedded defaults, then the user's), each rule's
//! check compiled at load time so that a bad rule is an error before anything is checked.

use std::path::Path;
use std::sync::Arc;

use super::{RuleSet, dedupe};
use crate::checks::{self, Builder, Compiled};
use crate::document::Segmentation;
use crate::entities::PeopleVocab;
use crate::error::Error;
use crate::rules::load::{merge_people, merge_segmentation};
use crate::rules::{EMBEDDED, Rule, RuleFile, parse_file};

/// One loaded file and its compiled rules.
#[derive(Debug)]
struct Loaded {
    file: RuleFile,
    rules: Vec<Arc<Compiled>>,
}

/// All rule files that have been loaded: the embedded defaults, then the user's.
#[derive(Debug, Default)]
pub struct Catalog {
    files: Vec<Loaded>,
}

impl Catalog {
    /// The rule files embedded in the binary.
    pub fn embedded() -> Result<Catalog, Error> {
        let mut catalog = Catalog::default();
        for (path, text) in EMBEDDED {
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

    /// Parses one rule file and compiles its checks.
    pub fn add_source(&mut self, path: &str, text: &str) -> Result<(), Error> {
        self.load(path, text, false)
    }

    fn load(&mut self, path: &str, text: &str, builtin: bool) -> Result<(), Error> {
        let mut file = parse_file(path, text, builtin)?;
        let mut rules = Vec::with_capacity(file.rules.len());
        for (rule, spec) in std::mem::take(&mut file.rules) {
            let mut builder = Builder::new(&file.path, &file.text, spec.get_ref());
            let (kind, check) = checks::build(&mut builder)?;
            let rule = Rule {
                kind: kind.to_string(),
                ..rule
            };
            rules.push(Arc::new(Compiled {
                rule: Arc::new(rule),
                check,
            }));
        }
        self.files.push(Loaded { file, rules });
        Ok(())
    }

    /// Every rule of every file, later definitions of an id replacing earlier ones.
    pub fn rules(&self) -> Vec<Arc<Rule>> {
        self.compiled()
            .into_iter()
            .map(|c| c.rule.clone())
            .collect()
    }

    /// Every compiled rule of every file, later definitions of an id replacing earlier ones.
    pub fn compiled(&self) -> Vec<Arc<Compiled>> {
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
        let mut files: Vec<&Loaded> = self
            .files
            .iter()
            .filter(|f| f.file.applies_to(language, source))
            .collect();
        files.sort_by_key(|f| (f.file.language != "*") as u8 + f.file.source.is_some() as u8);
        let mut seg = Segmentation::default();
        let mut people = PeopleVocab::default();
        for f in &files {
            merge_segmentation(&mut seg, &f.file.segmentation);
            seg.grammar.merge(&f.file.grammar);
            merge_people(&mut people, &f.file.people);
        }
        people.not_names.extend(seg.openers.iter().cloned());
        let mut translit: Vec<(String, String)> = files
            .iter()
            .flat_map(|f| f.file.transliteration.iter().cloned())
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
        self.files.iter().any(|f| f.file.language == language)
    }

    /// The target languages that have rule files, sorted.
    pub fn languages(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .filter(|f| f.file.language != "*")
            .map(|f| f.file.language.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}
