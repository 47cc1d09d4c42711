//! Reading rule files: parse and validate, with every error naming the file, line and column.
//! The checks are compiled from the specs by [`crate::ruleset`].

use toml::Spanned;

use super::schema::{FileSpec, GrammarSpec, PeopleSpec, RuleSpec, SegmentationSpec};
use super::{Example, Origin, Rule};
use crate::document::{Segmentation, Span};
use crate::entities::PeopleVocab;
use crate::error::{Error, position};

/// One parsed rule file: its languages, its language data, and its rules with their specs.
#[derive(Debug)]
pub struct RuleFile {
    pub path: String,
    /// The file's text, for errors that point into it while its checks are compiled.
    pub text: String,
    pub builtin: bool,
    pub language: String,
    pub source: Option<String>,
    pub segmentation: SegmentationSpec,
    pub grammar: GrammarSpec,
    pub people: PeopleSpec,
    pub transliteration: Vec<(String, String)>,
    /// The rules in file order, each with the spec its check is compiled from.
    pub rules: Vec<(Rule, Spanned<RuleSpec>)>,
}

impl RuleFile {
    /// Whether the file's rules apply to a target language and optional source language.
    pub fn applies_to(&self, language: &str, source: Option<&str>) -> bool {
        (self.language == "*" || self.language == language)
            && self.source.as_deref().is_none_or(|s| Some(s) == source)
    }
}

/// Parses and validates one rule file: languages, rule ids, messages and examples.
pub fn parse_file(path: &str, text: &str, builtin: bool) -> Result<RuleFile, Error> {
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
    for r in spec.rules {
        let rule = describe_rule(path, text, &prefix, &origin, &r)?;
        if !seen.insert(rule.id.clone()) {
            return Err(Error::rule_file(
                path,
                text,
                r.get_ref().id.span().start,
                format!("duplicate rule id `{}`", rule.id),
            ));
        }
        rules.push((rule, r));
    }
    let mut transliteration = Vec::with_capacity(spec.transliteration.len());
    for (k, v) in &spec.transliteration {
        // An empty key would match everywhere and never consume anything.
        if k.get_ref().is_empty() {
            return Err(Error::rule_file(
                path,
                text,
                k.span().start,
                "a `[transliteration]` key cannot be empty",
            ));
        }
        transliteration.push((k.get_ref().to_lowercase(), v.to_lowercase()));
    }
    Ok(RuleFile {
        path: path.to_string(),
        text: text.to_string(),
        builtin,
        language,
        source,
        segmentation: spec.segmentation,
        grammar: spec.grammar,
        people: spec.people,
        transliteration,
        rules,
    })
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

pub(crate) fn merge_segmentation(seg: &mut Segmentation, spec: &SegmentationSpec) {
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

pub(crate) fn merge_people(people: &mut PeopleVocab, spec: &PeopleSpec) {
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
    people
        .honorific_suffixes
        .extend(spec.honorific_suffixes.iter().cloned());
    people
        .ambiguous_suffixes
        .extend(spec.ambiguous_suffixes.iter().cloned());
    people
        .address_suffixes
        .extend(spec.address_suffixes.iter().cloned());
    people
        .honorific_words
        .extend(spec.honorific_words.iter().cloned());
    people
        .patronymic_endings
        .extend(spec.patronymic_endings.iter().cloned());
    people
        .foreign_honorifics
        .extend(spec.foreign_honorifics.iter().cloned());
    for w in lower(&spec.role_nouns) {
        people
            .role_nouns
            .extend(w.split_whitespace().map(str::to_string));
    }
    people.rank_words.extend(lower(&spec.rank_words));
    for class in &spec.role_equivalents {
        let Some(canon) = class.first() else { continue };
        for phrase in class {
            people
                .role_equivalents
                .insert(phrase.to_lowercase(), canon.to_lowercase());
        }
    }
    people.exclusive_roles.extend(lower(&spec.exclusive_roles));
    people.male_roles.extend(lower(&spec.male_roles));
    people.female_roles.extend(lower(&spec.female_roles));
    for class in &spec.surname_equivalents {
        let Some(canon) = class.first() else { continue };
        for s in class {
            people
                .surname_equivalents
                .insert(crate::entities::fold(s), crate::entities::fold(canon));
        }
    }
    people.reset_classes();
}

/// The description of one rule, its id, message and examples validated.
fn describe_rule(
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
    // Rules of a user's own files may use their own prefix (`house/…`), kebab-case too.
    let kebab = |s: &str| {
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let custom_id = !origin.builtin
        && id
            .split_once('/')
            .is_some_and(|(p, name)| kebab(p) && kebab(name));
    if !valid_id && !custom_id {
        let own = if origin.builtin {
            ""
        } else {
            " (or, in your own rule files, a prefix of your own such as `house/`)"
        };
        return Err(at(
            spec.id.span(),
            format!("rule id `{id}` must be `{prefix}/` followed by a kebab-case name{own}"),
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
    let mut examples = Vec::with_capacity(spec.examples.len());
    for ex in &spec.examples {
        examples.push(parse_example(path, text, id, ex)?);
    }
    let line = position(text, spanned.span().start).0;
    Ok(Rule {
        id: std::sync::Arc::from(id.as_str()),
        kind: spec.kind.get_ref().clone(),
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
                source: e.source.clone(),
                source_lang: e.source_lang.clone(),
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
                source: e.source.clone(),
                source_lang: e.source_lang.clone(),
            })
        }
        _ => Err(err(format!(
            "an example of `{id}` needs exactly one of `bad` and `good`"
        ))),
    }
}
