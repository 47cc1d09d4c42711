//! The check kinds. A rule names its kind; the kind's code lives in one file per family and
//! reads its vocabulary from the rule's parameters.
//!
//! | kind | parameters | file |
//! |---|---|---|
//! | `pattern` | pattern, scope, ignore-case, exceptions | pattern.rs |
//! | `substitution` | replace, ignore-case, exceptions | substitution.rs |
//! | `line-phrases` | phrases, patterns, max | debris.rs |
//! | `line-run` | words, min | debris.rs |
//! | `credit-line` | words, phrases, max, openers | credits.rs |
//! | `leaked-particle` | words | particles.rs |
//! | `lone-nonword` | words, max | particles.rs |
//! | `glued-words` | words, prefixes, openers, phrases | glued.rs |
//! | `broken-split` | words, determiners, max | splits.rs |
//! | `run-on` | openers, words, determiners, phrases | runon.rs |
//! | `dangling-fragment` | words, phrases | fragments.rs |
//! | `truncation` | words, min | fragments.rs |
//! | `doubled-word` | words, phrases | repetition.rs |
//! | `repeated-sentence` | min | repetition.rs |
//! | `honorific-drift` | min | honorifics.rs |
//! | `title-drift` | | titles.rs |
//! | `name-variant` | min, max, ratio, words, phrases | names.rs |
//! | `pronoun-drift` | min, words | pronouns.rs |
//! | `term-drift` | words, phrases | terms.rs |
//! | `script-mix` | words | scripts.rs |
//! | `unicode` | words | unicode.rs |
//! | `untranslated` | min, ratio, words | untranslated.rs |
//! | `register-drift` | formal, informal, ignore-case | register.rs |
//! | `spelling-variety` | replace, min, exceptions | spelling.rs |
//! | `leaked-honorific` | (`[people]` data) | address.rs |
//! | `foreign-honorific` | (`[people]` data) | address.rs |
//! | `honorific-style` | min, max | honorifics.rs |
//! | `suffix-drift` | words, phrases | cjk.rs |
//! | `title-suffix-drift` | words, phrases | cjk.rs |
//! | `katakana-variant` | words | cjk.rs |
//! | `role-drift` | phrases, words | roles.rs |
//! | `name-form` | | name_forms.rs |
//! | `reported-first-person` | words, phrases | pronouns.rs |
//! | `untranslated-run` | min, words | untranslated.rs |
//! | `romanised-word` | pattern, words, phrases, min | untranslated.rs |
//! | `source-numbers` | values, source-values, min | bitext.rs |
//! | `source-untouchables` | | bitext.rs |
//! | `source-script` | min | bitext.rs |
//! | `source-acronym` | | bitext.rs |
//! | `source-length` | ratios, min | bitext.rs |
//! | `source-form` | | bitext.rs |
//! | `source-consistency` | min | bitext.rs |
//! | `source-unaligned` | min | bitext.rs |
//! | `source-glossary` | replace | bitext.rs |
//! | `source-names` | min | bitext.rs |
//!
//! The `source-*` kinds compare each segment of bilingual input with its source.
//!
//! The last five compare mentions across the document through [`crate::entities`].

mod address;
mod bitext;
mod cjk;
mod credits;
mod debris;
mod fragments;
mod glued;
mod honorifics;
mod lowered;
mod name_forms;
mod names;
mod particles;
mod pattern;
mod pronouns;
mod register;
mod repetition;
mod roles;
mod runon;
mod scripts;
mod spelling;
mod splits;
mod substitution;
mod terms;
mod titles;
mod unicode;
mod untranslated;

use rustc_hash::FxHashSet;
use std::sync::Arc;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use toml::Spanned;

pub use pattern::PatternScanner;

use crate::bitext::Bitext;
use crate::document::{Document, Segmentation, Token};
use crate::entities::{Entities, PeopleVocab};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;
use crate::rules::schema::RuleSpec;

/// What a check sees: the document, the language's data, and (computed on first use, once per
/// document, shared by the rules running on other threads) the people it mentions.
pub struct Context<'d, 'a> {
    pub doc: &'d Document<'a>,
    /// Target language code; empty when undecided.
    pub language: &'d str,
    pub seg: &'d Segmentation,
    pub people: &'d PeopleVocab,
    entities: OnceLock<Entities>,
    /// The segments and their sources, when the document is bilingual input.
    pub bitext: Option<&'d Bitext>,
}

impl<'d, 'a> Context<'d, 'a> {
    pub fn new(
        doc: &'d Document<'a>,
        language: &'d str,
        seg: &'d Segmentation,
        people: &'d PeopleVocab,
    ) -> Self {
        Self {
            doc,
            language,
            seg,
            people,
            entities: OnceLock::new(),
            bitext: None,
        }
    }

    /// The same context with the segments of a bilingual document.
    pub fn with_bitext(mut self, bitext: &'d Bitext) -> Self {
        self.bitext = Some(bitext);
        self
    }

    /// Mentions and entities of the document.
    pub fn entities(&self) -> &Entities {
        self.entities
            .get_or_init(|| Entities::analyze(self.doc, self.people))
    }

    pub fn text(&self) -> &'a str {
        self.doc.text()
    }

    pub fn tok(&self, t: &Token) -> &'a str {
        t.span().of(self.doc.text())
    }
}

/// A rule bound to its compiled check.
#[derive(Debug)]
pub struct Compiled {
    pub rule: Arc<Rule>,
    pub check: Check,
}

impl Compiled {
    /// Runs the rule's check. Pattern rules are run together by [`PatternScanner`].
    pub fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        self.check.run(cx, &self.rule, out);
    }
}

impl std::ops::Deref for Compiled {
    type Target = Rule;
    fn deref(&self) -> &Rule {
        &self.rule
    }
}

/// A compiled check.
#[derive(Debug)]
pub enum Check {
    Pattern(pattern::Pattern),
    Substitution(substitution::Substitution),
    LinePhrases(debris::LinePhrases),
    LineRun(debris::LineRun),
    Credit(credits::Credit),
    Particle(particles::Particle),
    LoneNonword(particles::LoneNonword),
    Glued(glued::Glued),
    BrokenSplit(splits::BrokenSplit),
    RunOn(runon::RunOn),
    Dangling(fragments::Dangling),
    Truncation(fragments::Truncation),
    DoubledWord(repetition::DoubledWord),
    RepeatedSentence(repetition::RepeatedSentence),
    HonorificDrift(honorifics::HonorificDrift),
    TitleDrift(titles::TitleDrift),
    NameVariant(names::NameVariant),
    PronounDrift(pronouns::PronounDrift),
    TermDrift(terms::TermDrift),
    ScriptMix(scripts::ScriptMix),
    Unicode(unicode::UnicodeDamage),
    Untranslated(untranslated::Untranslated),
    RegisterDrift(register::RegisterDrift),
    SpellingVariety(spelling::SpellingVariety),
    LeakedHonorific(address::LeakedHonorific),
    ForeignHonorific(address::ForeignHonorific),
    HonorificStyle(honorifics::HonorificStyle),
    SuffixDrift(cjk::SuffixDrift),
    TitleSuffixDrift(cjk::TitleSuffixDrift),
    KatakanaVariant(cjk::KatakanaVariant),
    RoleDrift(roles::RoleDrift),
    NameForm(name_forms::NameForm),
    ReportedFirstPerson(pronouns::ReportedFirstPerson),
    UntranslatedRun(untranslated::UntranslatedRun),
    RomanisedWord(untranslated::RomanisedWord),
    SourceNumbers(bitext::SourceNumbers),
    SourceUntouchables(bitext::SourceUntouchables),
    SourceScript(bitext::SourceScript),
    SourceAcronym(bitext::SourceAcronym),
    SourceLength(bitext::SourceLength),
    SourceForm(bitext::SourceForm),
    SourceConsistency(bitext::SourceConsistency),
    SourceUnaligned(bitext::SourceUnaligned),
    SourceGlossary(bitext::SourceGlossary),
    SourceNames(bitext::SourceNames),
}

impl Check {
    /// Runs the check. Pattern, line (`line-phrases`, `line-run`) and `unicode` rules are run
    /// together by [`PatternScanner`] and do nothing here.
    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        match self {
            Check::Pattern(_) => {}
            Check::Substitution(c) => c.run(cx, rule, out),
            // Run together by [`PatternScanner`], as are the unicode rules.
            Check::LinePhrases(_) | Check::LineRun(_) => {}
            Check::Credit(c) => c.run(cx, rule, out),
            Check::Particle(c) => c.run(cx, rule, out),
            Check::LoneNonword(c) => c.run(cx, rule, out),
            Check::Glued(c) => c.run(cx, rule, out),
            Check::BrokenSplit(c) => c.run(cx, rule, out),
            Check::RunOn(c) => c.run(cx, rule, out),
            Check::Dangling(c) => c.run(cx, rule, out),
            Check::Truncation(c) => c.run(cx, rule, out),
            Check::DoubledWord(c) => c.run(cx, rule, out),
            Check::RepeatedSentence(c) => c.run(cx, rule, out),
            Check::HonorificDrift(c) => c.run(cx, rule, out),
            Check::TitleDrift(c) => c.run(cx, rule, out),
            Check::NameVariant(c) => c.run(cx, rule, out),
            Check::PronounDrift(c) => c.run(cx, rule, out),
            Check::TermDrift(c) => c.run(cx, rule, out),
            Check::ScriptMix(c) => c.run(cx, rule, out),
            Check::Unicode(_) => {}
            Check::Untranslated(c) => c.run(cx, rule, out),
            Check::RegisterDrift(c) => c.run(cx, rule, out),
            Check::SpellingVariety(c) => c.run(cx, rule, out),
            Check::LeakedHonorific(c) => c.run(cx, rule, out),
            Check::ForeignHonorific(c) => c.run(cx, rule, out),
            Check::HonorificStyle(c) => c.run(cx, rule, out),
            Check::SuffixDrift(c) => c.run(cx, rule, out),
            Check::TitleSuffixDrift(c) => c.run(cx, rule, out),
            Check::KatakanaVariant(c) => c.run(cx, rule, out),
            Check::RoleDrift(c) => c.run(cx, rule, out),
            Check::NameForm(c) => c.run(cx, rule, out),
            Check::ReportedFirstPerson(c) => c.run(cx, rule, out),
            Check::UntranslatedRun(c) => c.run(cx, rule, out),
            Check::RomanisedWord(c) => c.run(cx, rule, out),
            Check::SourceNumbers(c) => c.run(cx, rule, out),
            Check::SourceUntouchables(c) => c.run(cx, rule, out),
            Check::SourceScript(c) => c.run(cx, rule, out),
            Check::SourceAcronym(c) => c.run(cx, rule, out),
            Check::SourceLength(c) => c.run(cx, rule, out),
            Check::SourceForm(c) => c.run(cx, rule, out),
            Check::SourceConsistency(c) => c.run(cx, rule, out),
            Check::SourceUnaligned(c) => c.run(cx, rule, out),
            Check::SourceGlossary(c) => c.run(cx, rule, out),
            Check::SourceNames(c) => c.run(cx, rule, out),
        }
    }
}

type BuildFn = fn(&mut Builder) -> Result<Check, Error>;

/// Each kind: its name, the parameters it reads, and its constructor.
const KINDS: &[(&str, &[&str], BuildFn)] = &[
    (
        "pattern",
        &["pattern", "scope", "ignore-case", "exceptions"],
        |b| pattern::Pattern::build(b).map(Check::Pattern),
    ),
    (
        "substitution",
        &["replace", "ignore-case", "exceptions"],
        |b| substitution::Substitution::build(b).map(Check::Substitution),
    ),
    ("line-phrases", &["phrases", "patterns", "max"], |b| {
        debris::LinePhrases::build(b).map(Check::LinePhrases)
    }),
    ("line-run", &["words", "min"], |b| {
        debris::LineRun::build(b).map(Check::LineRun)
    }),
    (
        "credit-line",
        &["words", "phrases", "max", "openers"],
        |b| credits::Credit::build(b).map(Check::Credit),
    ),
    ("leaked-particle", &["words"], |b| {
        particles::Particle::build(b).map(Check::Particle)
    }),
    ("lone-nonword", &["words", "max"], |b| {
        particles::LoneNonword::build(b).map(Check::LoneNonword)
    }),
    (
        "glued-words",
        &["words", "prefixes", "openers", "phrases"],
        |b| glued::Glued::build(b).map(Check::Glued),
    ),
    ("broken-split", &["words", "determiners", "max"], |b| {
        splits::BrokenSplit::build(b).map(Check::BrokenSplit)
    }),
    (
        "run-on",
        &["openers", "words", "determiners", "phrases"],
        |b| runon::RunOn::build(b).map(Check::RunOn),
    ),
    ("dangling-fragment", &["words", "phrases"], |b| {
        fragments::Dangling::build(b).map(Check::Dangling)
    }),
    ("truncation", &["words", "min"], |b| {
        fragments::Truncation::build(b).map(Check::Truncation)
    }),
    ("doubled-word", &["words", "phrases"], |b| {
        repetition::DoubledWord::build(b).map(Check::DoubledWord)
    }),
    ("repeated-sentence", &["min"], |b| {
        repetition::RepeatedSentence::build(b).map(Check::RepeatedSentence)
    }),
    ("honorific-drift", &["min"], |b| {
        honorifics::HonorificDrift::build(b).map(Check::HonorificDrift)
    }),
    ("title-drift", &[], |b| {
        titles::TitleDrift::build(b).map(Check::TitleDrift)
    }),
    (
        "name-variant",
        &["min", "max", "ratio", "words", "phrases"],
        |b| names::NameVariant::build(b).map(Check::NameVariant),
    ),
    ("pronoun-drift", &["min", "words"], |b| {
        pronouns::PronounDrift::build(b).map(Check::PronounDrift)
    }),
    ("term-drift", &["words", "phrases"], |b| {
        terms::TermDrift::build(b).map(Check::TermDrift)
    }),
    ("script-mix", &["words"], |b| {
        scripts::ScriptMix::build(b).map(Check::ScriptMix)
    }),
    ("unicode", &["words"], |b| {
        unicode::UnicodeDamage::build(b).map(Check::Unicode)
    }),
    ("untranslated", &["min", "ratio", "words"], |b| {
        untranslated::Untranslated::build(b).map(Check::Untranslated)
    }),
    (
        "register-drift",
        &["formal", "informal", "ignore-case"],
        |b| register::RegisterDrift::build(b).map(Check::RegisterDrift),
    ),
    ("spelling-variety", &["replace", "min", "exceptions"], |b| {
        spelling::SpellingVariety::build(b).map(Check::SpellingVariety)
    }),
    ("leaked-honorific", &[], |b| {
        address::LeakedHonorific::build(b).map(Check::LeakedHonorific)
    }),
    ("foreign-honorific", &[], |b| {
        address::ForeignHonorific::build(b).map(Check::ForeignHonorific)
    }),
    ("honorific-style", &["min", "max"], |b| {
        honorifics::HonorificStyle::build(b).map(Check::HonorificStyle)
    }),
    ("suffix-drift", &["words", "phrases"], |b| {
        cjk::SuffixDrift::build(b).map(Check::SuffixDrift)
    }),
    ("title-suffix-drift", &["words", "phrases"], |b| {
        cjk::TitleSuffixDrift::build(b).map(Check::TitleSuffixDrift)
    }),
    ("katakana-variant", &["words"], |b| {
        cjk::KatakanaVariant::build(b).map(Check::KatakanaVariant)
    }),
    ("role-drift", &["phrases", "words"], |b| {
        roles::RoleDrift::build(b).map(Check::RoleDrift)
    }),
    ("name-form", &[], |b| {
        name_forms::NameForm::build(b).map(Check::NameForm)
    }),
    ("reported-first-person", &["words", "phrases"], |b| {
        pronouns::ReportedFirstPerson::build(b).map(Check::ReportedFirstPerson)
    }),
    ("untranslated-run", &["min", "words"], |b| {
        untranslated::UntranslatedRun::build(b).map(Check::UntranslatedRun)
    }),
    (
        "romanised-word",
        &["pattern", "words", "phrases", "min"],
        |b| untranslated::RomanisedWord::build(b).map(Check::RomanisedWord),
    ),
    ("source-numbers", &["values", "source-values", "min"], |b| {
        bitext::SourceNumbers::build(b).map(Check::SourceNumbers)
    }),
    ("source-untouchables", &[], |b| {
        bitext::SourceUntouchables::build(b).map(Check::SourceUntouchables)
    }),
    ("source-script", &["min"], |b| {
        bitext::SourceScript::build(b).map(Check::SourceScript)
    }),
    ("source-acronym", &[], |b| {
        bitext::SourceAcronym::build(b).map(Check::SourceAcronym)
    }),
    ("source-length", &["ratios", "min"], |b| {
        bitext::SourceLength::build(b).map(Check::SourceLength)
    }),
    ("source-form", &[], |b| {
        bitext::SourceForm::build(b).map(Check::SourceForm)
    }),
    ("source-consistency", &["min"], |b| {
        bitext::SourceConsistency::build(b).map(Check::SourceConsistency)
    }),
    ("source-unaligned", &["min"], |b| {
        bitext::SourceUnaligned::build(b).map(Check::SourceUnaligned)
    }),
    ("source-glossary", &["replace"], |b| {
        bitext::SourceGlossary::build(b).map(Check::SourceGlossary)
    }),
    ("source-names", &["min"], |b| {
        bitext::SourceNames::build(b).map(Check::SourceNames)
    }),
];

/// Names of all check kinds.
pub fn kind_names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.0)
}

/// Compiles the check of a rule spec, validating its kind and parameters.
pub fn build(b: &mut Builder) -> Result<(&'static str, Check), Error> {
    let kind = b.spec.kind.get_ref().as_str();
    let Some(&(name, allowed, build)) = KINDS.iter().find(|k| k.0 == kind) else {
        let names: Vec<_> = kind_names().collect();
        return Err(b.error_at(
            b.spec.kind.span().start,
            format!(
                "unknown kind `{kind}`; expected one of: {}",
                names.join(", ")
            ),
        ));
    };
    for p in b.spec.present() {
        if !allowed.contains(&p) {
            return Err(b.error_at(
                b.spec.kind.span().start,
                format!("kind `{name}` does not read the parameter `{p}`"),
            ));
        }
    }
    Ok((name, build(b)?))
}

/// Helps the check kinds compile a rule spec, with errors that point into the rule file.
pub struct Builder<'a> {
    path: &'a str,
    text: &'a str,
    pub spec: &'a RuleSpec,
}

impl<'a> Builder<'a> {
    pub fn new(path: &'a str, text: &'a str, spec: &'a RuleSpec) -> Self {
        Self { path, text, spec }
    }

    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Error {
        Error::rule_file(self.path, self.text, offset, message)
    }

    /// An error at the rule's id.
    pub fn error(&self, message: impl Into<String>) -> Error {
        self.error_at(self.spec.id.span().start, message)
    }

    /// Compiles a regex, with an error at its position in the rule file.
    pub fn regex(&self, pattern: &Spanned<String>, ignore_case: bool) -> Result<Regex, Error> {
        if pattern.get_ref().is_empty() {
            return Err(self.error_at(
                pattern.span().start,
                format!("empty regex in `{}`", self.spec.id.get_ref()),
            ));
        }
        RegexBuilder::new(pattern.get_ref())
            .case_insensitive(ignore_case)
            .size_limit(1 << 22)
            .dfa_size_limit(1 << 23)
            .build()
            .map_err(|e| {
                self.error_at(
                    pattern.span().start,
                    format!("invalid regex in `{}`: {e}", self.spec.id.get_ref()),
                )
            })
    }

    pub fn regexes(
        &self,
        list: &Option<Vec<Spanned<String>>>,
        ignore_case: bool,
    ) -> Result<Vec<Regex>, Error> {
        list.iter()
            .flatten()
            .map(|p| self.regex(p, ignore_case))
            .collect()
    }

    pub fn ignore_case(&self) -> bool {
        self.spec.ignore_case.unwrap_or(false)
    }

    /// A word list as a set, lowercased when `fold` is set.
    pub fn set(list: &Option<Vec<String>>, fold: bool) -> FxHashSet<String> {
        list.iter()
            .flatten()
            .map(|w| if fold { w.to_lowercase() } else { w.clone() })
            .collect()
    }

    /// A list in lowercase, in its order (empty when absent).
    pub fn lowered(list: &Option<Vec<String>>) -> Vec<String> {
        list.iter().flatten().map(|w| w.to_lowercase()).collect()
    }

    /// A required, non-empty list.
    pub fn required<'l>(
        &self,
        list: &'l Option<Vec<String>>,
        name: &str,
    ) -> Result<&'l [String], Error> {
        match list {
            Some(v) if !v.is_empty() => Ok(v),
            _ => Err(self.error(format!(
                "kind `{}` needs a non-empty `{name}` list",
                self.spec.kind.get_ref()
            ))),
        }
    }
}

/// Whether the first character of `s` is uppercase.
pub fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the first character of `s` is lowercase.
pub fn is_lower_initial(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}
