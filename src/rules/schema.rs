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
    #[serde(default)]
    pub grammar: GrammarSpec,
    /// Spelling equivalences of transliterated names ("iy" = "y"), lowercase, used by the
    /// name-variant check to see variants of one name.
    #[serde(default)]
    pub transliteration: BTreeMap<Spanned<String>, String>,
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
    /// Abbreviation classes (written without the final period). A title (Dr, Prof, M) must be
    /// followed by a name; a numbering abbreviation (No, Nr, Vol, Sept) by a number; a
    /// postpositive one (Inc, Co, U.S) may end a sentence. Titles never end a sentence, numbering
    /// abbreviations do not before a number, postpositive ones only before a common opener.
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub numbering: Vec<String>,
    #[serde(default)]
    pub postpositive: Vec<String>,
}

/// Closed-class words of a language, read by the sentence-integrity checks. Words are matched
/// lowercased unless said otherwise.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GrammarSpec {
    /// Articles and determiners ("the", "les", "der").
    #[serde(default)]
    pub articles: Vec<String>,
    /// Personal and demonstrative pronouns that can open a clause.
    #[serde(default)]
    pub pronouns: Vec<String>,
    /// Prepositions.
    #[serde(default)]
    pub prepositions: Vec<String>,
    /// Coordinating conjunctions.
    #[serde(default)]
    pub conjunctions: Vec<String>,
    /// Auxiliaries, modals and copulas in finite forms ("is", "was", "will", "est", "ist").
    #[serde(default)]
    pub auxiliaries: Vec<String>,
    /// Subordinating conjunctions that open a subordinate clause ("although", "bien que").
    #[serde(default)]
    pub subordinators: Vec<String>,
    /// Relative pronouns ("which", "qui", "welche").
    #[serde(default)]
    pub relatives: Vec<String>,
    /// Discourse connectives that need a clause after them ("moreover", "cependant").
    #[serde(default)]
    pub connectives: Vec<String>,
    /// Phrases that open an attribution frame ("according to", "selon", "laut").
    #[serde(default)]
    pub attribution: Vec<String>,
    /// Reporting verbs in finite or participle forms ("said", "a indiqué", "mitteilte").
    #[serde(default)]
    pub reporting_verbs: Vec<String>,
    /// Nouns that may introduce a capitalised title ("film", "livre", "Buch").
    #[serde(default)]
    pub title_nouns: Vec<String>,
    /// Words that may legitimately be doubled ("that", "die", "nous").
    #[serde(default)]
    pub doubles: Vec<String>,
    /// ja/zh: particles and endings that cannot open a sentence ("と", "が").
    #[serde(default)]
    pub leading_particles: Vec<String>,
    /// ja/zh: particles and connectives that cannot end a sentence ("を", "によると").
    #[serde(default)]
    pub trailing_particles: Vec<String>,
    /// Nouns are capitalised (German): a capitalised word after an article says nothing.
    #[serde(default)]
    pub capitalised_nouns: Option<bool>,
    /// Common finite verb forms not caught by `verb-endings` (irregular pasts: "rose", "said").
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Endings of finite verb forms of a lowercase word ("-ed", "-ait", "-ó", "-te").
    #[serde(default)]
    pub verb_endings: Vec<String>,
    /// Time adverbs that may stand between a verb and its object ("jeudi", "ayer", "gestern").
    #[serde(default)]
    pub time_words: Vec<String>,
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
    /// Source-language honorific suffixes after a hyphen ("san" in "Tanaka-san").
    #[serde(default)]
    pub honorific_suffixes: Vec<String>,
    /// Suffixes that are honorifics after a person and address parts after a place ("shi").
    #[serde(default)]
    pub ambiguous_suffixes: Vec<String>,
    /// Address parts after a hyphen ("ku" in "Naka-ku"): an ambiguous suffix near one is an address.
    #[serde(default)]
    pub address_suffixes: Vec<String>,
    /// Source-language honorifics written as a word after the name ("Nushi").
    #[serde(default)]
    pub honorific_words: Vec<String>,
    /// Endings of a patronymic ("ovich").
    #[serde(default)]
    pub patronymic_endings: Vec<String>,
    /// Honorifics of other languages, wrong before a name in this one ("Mr" in French).
    #[serde(default)]
    pub foreign_honorifics: Vec<String>,
    /// Role nouns, lowercase ("mayor", "coach", "chief executive").
    #[serde(default)]
    pub role_nouns: Vec<String>,
    /// Rank words before a role noun ("deputy", "acting", "senior").
    #[serde(default)]
    pub rank_words: Vec<String>,
    /// Role phrases that name one role, the first of each list canonical.
    #[serde(default)]
    pub role_equivalents: Vec<Vec<String>>,
    /// Roles one person does not hold together unless the text says so ("chair", "ceo").
    #[serde(default)]
    pub exclusive_roles: Vec<String>,
    /// Spellings of one short surname, the first canonical (["Lee", "Yi", "Rhee"]).
    #[serde(default)]
    pub surname_equivalents: Vec<Vec<String>>,
    /// Role and kin nouns that tell a man ("chairman", "actor" is not one), lowercase.
    #[serde(default)]
    pub male_roles: Vec<String>,
    /// Role and kin nouns that tell a woman ("chairwoman", "actress"), lowercase.
    #[serde(default)]
    pub female_roles: Vec<String>,
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
    /// Off by default: the rule runs only when a selector names it (`select = ["fr/…"]`).
    #[serde(default)]
    pub optional: Option<bool>,
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
