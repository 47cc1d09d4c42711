//! The rule-file schema, as read from TOML. Unknown keys are errors.
//!
//! A rule has common keys (id, kind, category, severity, message, why, suggestion, examples) and
//! the parameters its kind uses; [`crate::checks`] says which kind reads which parameter, and the
//! loader rejects a parameter the kind does not read.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{Category, Severity};

/// One rule file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileSpec {
    /// Target language code (`en`), or `*` for rules that apply to every language.
    pub language: Spanned<String>,
    /// Source language code for pair-specific rules (`ja` in `ja-en.toml`).
    #[serde(default)]
    pub source: Option<Spanned<String>>,
    #[serde(default)]
    pub segmentation: SegmentationSpec,
    #[serde(default)]
    pub people: PeopleSpec,
    /// Spelling equivalences of transliterated names ("iy" = "y"), lowercase, used by the
    /// name-variant check to see variants of one name.
    #[serde(default)]
    pub transliteration: BTreeMap<String, String>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<RuleSpec>>,
}

/// Sentence-splitting data of a language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SegmentationSpec {
    #[serde(default)]
    pub never_final: Vec<String>,
    #[serde(default)]
    pub before_number: Vec<String>,
    #[serde(default)]
    pub ambiguous: Vec<String>,
    #[serde(default)]
    pub openers: Vec<String>,
    #[serde(default)]
    pub terminators: Option<String>,
    #[serde(default)]
    pub closers: Option<String>,
    #[serde(default)]
    pub ordinal_numbers: Option<bool>,
}

/// How people are named in a language: the vocabulary of the consistency checks.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PeopleSpec {
    #[serde(default)]
    pub honorifics: Vec<String>,
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub past_modifiers: Vec<String>,
    #[serde(default)]
    pub particles: Vec<String>,
    #[serde(default)]
    pub not_names: Vec<String>,
    #[serde(default)]
    pub male_pronouns: Vec<String>,
    #[serde(default)]
    pub female_pronouns: Vec<String>,
    #[serde(default)]
    pub male_honorifics: Vec<String>,
    #[serde(default)]
    pub female_honorifics: Vec<String>,
}

/// One rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
    pub why: String,
    #[serde(default)]
    pub examples: Vec<Spanned<ExampleSpec>>,
    // Parameters of the check kinds; each kind reads only some of them.
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    #[serde(default)]
    pub scope: Option<Spanned<String>>,
    #[serde(default)]
    pub ignore_case: Option<bool>,
    #[serde(default)]
    pub exceptions: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub patterns: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub phrases: Option<Vec<String>>,
    #[serde(default)]
    pub words: Option<Vec<String>>,
    #[serde(default)]
    pub openers: Option<Vec<String>>,
    #[serde(default)]
    pub prefixes: Option<Vec<String>>,
    #[serde(default)]
    pub determiners: Option<Vec<String>>,
    #[serde(default)]
    pub replace: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub min: Option<usize>,
    #[serde(default)]
    pub max: Option<usize>,
    #[serde(default)]
    pub ratio: Option<f64>,
    #[serde(default)]
    pub formal: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub informal: Option<Vec<Spanned<String>>>,
    /// Words that stand for numbers (`twelve = 12`, `march = 3`, `million = 1e6`).
    #[serde(default)]
    pub values: Option<BTreeMap<String, f64>>,
    /// Words of source languages that stand for numbers (`quince = 15`, `hundert = 100`).
    #[serde(default)]
    pub source_values: Option<BTreeMap<String, f64>>,
    /// Bounds per language pair (`zh-en = [1.4, 4.6]`).
    #[serde(default)]
    pub ratios: Option<BTreeMap<String, Vec<f64>>>,
}

impl RuleSpec {
    /// Names of the parameters that are set, for validation against a kind.
    pub fn present(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut add = |set: bool, name| {
            if set {
                out.push(name);
            }
        };
        add(self.pattern.is_some(), "pattern");
        add(self.scope.is_some(), "scope");
        add(self.ignore_case.is_some(), "ignore-case");
        add(self.exceptions.is_some(), "exceptions");
        add(self.patterns.is_some(), "patterns");
        add(self.phrases.is_some(), "phrases");
        add(self.words.is_some(), "words");
        add(self.openers.is_some(), "openers");
        add(self.prefixes.is_some(), "prefixes");
        add(self.determiners.is_some(), "determiners");
        add(self.replace.is_some(), "replace");
        add(self.min.is_some(), "min");
        add(self.max.is_some(), "max");
        add(self.ratio.is_some(), "ratio");
        add(self.formal.is_some(), "formal");
        add(self.informal.is_some(), "informal");
        add(self.values.is_some(), "values");
        add(self.ratios.is_some(), "ratios");
        add(self.source_values.is_some(), "source-values");
        out
    }
}

/// An example: `bad` text with the expected span marked `<m>…</m>`, or `good` text.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExampleSpec {
    pub bad: Option<String>,
    pub good: Option<String>,
    /// The suggestion the bad example must produce, when given.
    pub suggestion: Option<String>,
    /// The source text the example translates: the example is checked as one bilingual segment.
    pub source: Option<String>,
    /// The language of `source` (ISO 639-1).
    pub source_lang: Option<String>,
}
