//! Bilingual checks: each compares a segment's target with its source, and does nothing on
//! target-only input ([`Context::bitext`] is `None`) or on segments without a source.
//!
//! - `source-numbers`: every number of the source is in the target and the target has no
//!   number the source lacks. Numbers are compared by value: locale formats (1,234.5 /
//!   1.234,5 / 1 234,5), full-width digits, CJK and Korean units (万, 億, 亿, 조...), CJK numerals
//!   (三十, 两千), and the target's number words, ordinals, month names and scale words
//!   (`values`).
//! - `source-untouchables`: URLs, e-mail addresses, @handles, #hashtags, placeholders and inline
//!   tags of the source are copied exactly.
//! - `source-script`: the target still carries a run of the source's script (Han, kana,
//!   Hangul, Cyrillic...), or equals a source that is not in the target language.
//! - `source-acronym`: an acronym that spells the source-language words it abbreviates but not
//!   their translation, kept in the target (Spanish "(IMC)" after "body mass index").
//! - `source-length`: the target is far shorter or longer than its source predicts, from bounds
//!   per language pair (`ratios`, target/source characters without spaces).
//! - `source-form`: a question that is no longer one (or became one), and brackets paired in the
//!   source but not in the target.
//! - `source-consistency`: within a document, one source translated two ways.
//!
//! Findings about something missing from the target have an empty span at the end of the
//! segment's target, and point into the source with `source_span`.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::UnicodeNormalization;
use unicode_script::{Script, UnicodeScript};

use super::{Builder, Context};
use crate::bitext::Segment;
use crate::document::Span;
use crate::error::Error;
use crate::finding::Finding;
use crate::lang;
use crate::rules::Rule;

/// The segments of the document that have a source, with their target text.
fn segments<'c>(cx: &'c Context) -> impl Iterator<Item = (&'c Segment, &'c str, &'c str)> + 'c {
    cx.bitext.into_iter().flat_map(move |b| {
        b.segments.iter().filter_map(move |s| {
            let source = s.source.as_deref()?;
            Some((s, source, s.target.of(cx.text())))
        })
    })
}

fn source_lang<'c>(cx: &'c Context) -> &'c str {
    cx.bitext
        .and_then(|b| b.source_lang.as_deref())
        .unwrap_or("")
}

/// The empty span at the end of a segment's target (trailing spaces left out): where a finding
/// about something missing from the target points.
fn end_of(seg: &Segment, target: &str) -> Span {
    let end = seg.target.start + target.trim_end().len();
    Span::new(end, end)
}

/// A span of a segment's source, in the source file.
fn src_at(seg: &Segment, local: Span) -> Span {
    Span::new(seg.source_start + local.start, seg.source_start + local.end)
}

fn at(seg: &Segment, local: Span) -> Span {
    Span::new(seg.target.start + local.start, seg.target.start + local.end)
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// A number in a text: its span, the digits as written, and the values it may stand for.
#[derive(Debug, Clone)]
struct Num {
    span: Span,
    raw: String,
    values: Vec<f64>,
    /// Spelled out (a number word or month name) rather than written with digits.
    word: bool,
}

/// Languages that write the decimal separator as a comma.
const DECIMAL_COMMA: &[&str] = &[
    "de", "fr", "es", "it", "pt", "ru", "nl", "pl", "cs", "sv", "da", "nb", "no", "fi", "tr", "uk",
    "ro", "hu", "el", "bg", "hr", "sk", "sl", "id", "vi",
];

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn cjk_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' | '兩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cjk_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1e3,
        _ => return None,
    })
}

/// Large units written after a number: 万 (10⁴), 亿/億 (10⁸), 兆/조 (10¹²), and Korean 만, 억,
/// 천.
fn big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' | '만' => 1e4,
        '亿' | '億' | '억' => 1e8,
        '兆' | '조' => 1e12,
        '千' | '천' => 1e3,
        '百' | '백' => 1e2,
        _ => return None,
    })
}

/// Parses digits with separators in the convention of the language (`comma`: decimal comma).
/// Returns the values the token may stand for; a token that is no single number (a date such
/// as 2023.3.5) gives each group's value.
fn parse_digits(raw: &str, comma: bool, lenient: bool) -> Vec<f64> {
    let groups: Vec<(&str, Option<char>)> = {
        let mut out = Vec::new();
        let mut start = 0;
        let mut sep = None;
        for (i, c) in raw.char_indices() {
            if !c.is_ascii_digit() {
                out.push((&raw[start..i], sep));
                sep = Some(c);
                start = i + c.len_utf8();
            }
        }
        out.push((&raw[start..], sep));
        out
    };
    let int = |s: &str| s.parse::<f64>().unwrap_or(0.0);
    if groups.len() == 1 {
        return vec![int(raw)];
    }
    let (decimal, thousands): (char, &[char]) = if comma {
        (',', &['.', ' ', '\u{a0}', '\u{202f}', '\''])
    } else {
        ('.', &[',', ' ', '\u{a0}', '\u{202f}', '\''])
    };
    // Thousands groups of three digits, then at most one decimal part at the end.
    let mut value = int(groups[0].0);
    let mut ok = groups[0].0.len() <= 3 || groups.len() == 2;
    for (k, (g, sep)) in groups.iter().enumerate().skip(1) {
        let sep = sep.unwrap_or(' ');
        if thousands.contains(&sep) && g.len() == 3 && groups[0].0.len() <= 3 {
            value = value * 1000.0 + int(g);
        } else if sep == decimal && k == groups.len() - 1 {
            value += int(g) / 10f64.powi(g.len() as i32);
        } else {
            ok = false;
        }
    }
    let mut out = Vec::new();
    if ok {
        out.push(value);
    }
    // The other convention too, when `lenient`: sources are not always consistent.
    if groups.len() == 2 && (lenient || !ok) {
        let (a, b) = (groups[0].0, groups[1].0);
        out.push(int(a) + int(b) / 10f64.powi(b.len() as i32));
        if b.len() == 3 {
            out.push(int(a) * 1000.0 + int(b));
        }
    }
    if !ok {
        out.extend(groups.iter().map(|(g, _)| int(g)));
    }
    out
}

/// The value of a run of CJK numerals such as 三十五 or 两千, when it is one.
fn cjk_numeral(run: &[char]) -> Option<f64> {
    let mut total = 0.0;
    let mut section = 0.0;
    let mut digit: Option<u64> = None;
    for &c in run {
        if let Some(d) = cjk_digit(c) {
            if digit.is_some() {
                return None; // 一二, 三五: "one or two", not a number
            }
            digit = Some(d);
        } else if let Some(u) = cjk_unit(c) {
            section += digit.take().unwrap_or(1) as f64 * u;
        } else if c == '万' || c == '萬' || c == '亿' || c == '億' {
            let u = big_unit(c)?;
            total += (section + digit.take().unwrap_or(0) as f64) * u;
            section = 0.0;
        } else {
            return None;
        }
    }
    Some(total + section + digit.unwrap_or(0) as f64)
}

/// The values of every run of CJK numerals, however short (十万, 三): what the source may say.
fn cjk_runs(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if cjk_digit(c).is_some() || cjk_unit(c).is_some() || matches!(c, '万' | '萬' | '亿' | '億')
        {
            run.push(c);
        } else if !run.is_empty() {
            out.extend(cjk_numeral(&run));
            run.clear();
        }
    }
    out
}

/// The numbers of a text. `comma`: the language writes decimal commas; `words`: number words.
fn numbers(text: &str, comma: bool, words: &FxHashMap<String, f64>, lenient: bool) -> Vec<Num> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut out: Vec<Num> = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if digit_value(c).is_some() {
            // Glued to letters (H1N1, COVID-19's "19" stays a number; "A4" is a code).
            let prev_letter = k > 0 && chars[k - 1].1.is_alphabetic() && !is_cjk(chars[k - 1].1);
            let mut raw = String::new();
            let mut j = k;
            while j < chars.len() {
                let c = chars[j].1;
                if let Some(d) = digit_value(c) {
                    raw.push(char::from_digit(d, 10).unwrap_or('0'));
                    j += 1;
                } else if matches!(
                    c,
                    '.' | ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '．' | '，'
                ) && j + 1 < chars.len()
                    && digit_value(chars[j + 1].1).is_some()
                    && !(c == ' ' && raw.len() > 3)
                {
                    raw.push(match c {
                        '．' => '.',
                        '，' => ',',
                        other => other,
                    });
                    j += 1;
                } else {
                    break;
                }
            }
            // A space separates thousands only before exactly three digits.
            let raw = trim_space_groups(&raw);
            let used = raw.chars().count();
            let j = k + used;
            let mut values = parse_digits(&raw, comma, lenient);
            // A unit after the number: 3.5万, 2억, and the target's "million".
            let mut m = j;
            while m < chars.len() && chars[m].1 == ' ' {
                m += 1;
            }
            if let Some(&(_, u)) = chars.get(j)
                && big_unit(u).is_some()
            {
                // 26万亿: units multiply.
                let mut scale = 1.0;
                let mut m = j;
                while let Some(u) = chars.get(m).and_then(|&(_, c)| big_unit(c)) {
                    scale *= u;
                    m += 1;
                }
                values = values.iter().map(|v| v * scale).collect();
            } else if let Some(scale) = word_at(&chars, text, m).and_then(|w| {
                words
                    .get(&w.to_lowercase())
                    .filter(|&&v| v >= 100.0 && is_scale(&w))
            }) {
                values.extend(values.clone().iter().map(|v| v * scale));
            }
            // The minutes of a time (9:00, 18:30) belong to its hour.
            let minutes = k >= 2
                && chars[k - 1].1 == ':'
                && digit_value(chars[k - 2].1).is_some()
                && raw.len() == 2;
            if !prev_letter && !minutes {
                out.push(Num {
                    span: Span::new(i, end_of(j)),
                    raw: raw.clone(),
                    values,
                    word: false,
                });
            }
            k = j.max(k + 1);
        } else if cjk_digit(c).is_some() || cjk_unit(c).is_some() {
            let mut j = k;
            while j < chars.len()
                && (cjk_digit(chars[j].1).is_some()
                    || cjk_unit(chars[j].1).is_some()
                    || matches!(chars[j].1, '万' | '萬' | '亿' | '億'))
            {
                j += 1;
            }
            let run: Vec<char> = chars[k..j].iter().map(|&(_, c)| c).collect();
            // Two characters at least, a digit among them, and no unit first: 三十, 两千, 十五.
            let has_digit = run.iter().any(|&c| cjk_digit(c).is_some());
            let has_unit = run
                .iter()
                .any(|&c| cjk_unit(c).is_some() || big_unit(c).is_some());
            if run.len() >= 2
                && has_digit
                && has_unit
                && big_unit(run[0]).is_none_or(|_| run[0] == '十')
                && let Some(v) = cjk_numeral(&run)
            {
                out.push(Num {
                    span: Span::new(i, end_of(j)),
                    raw: run.iter().collect(),
                    values: vec![v],
                    word: true,
                });
            }
            k = j.max(k + 1);
        } else if c.is_alphabetic() && !is_cjk(c) && (k == 0 || !chars[k - 1].1.is_alphanumeric()) {
            let mut j = k;
            while j < chars.len() && chars[j].1.is_alphabetic() && !is_cjk(chars[j].1) {
                j += 1;
            }
            let w = &text[i..end_of(j)];
            if let Some(&v) = words.get(&w.to_lowercase())
                && !is_scale(w)
            {
                let mut values = vec![v];
                // "fourteen billion"
                let mut m = j;
                while m < chars.len() && chars[m].1 == ' ' {
                    m += 1;
                }
                if let Some(scale) = word_at(&chars, text, m)
                    .filter(|w| is_scale(w))
                    .and_then(|w| words.get(&w.to_lowercase()))
                {
                    values.push(v * scale);
                }
                // twenty-five
                if let Some(prev) = out.last_mut()
                    && prev.word
                    && prev.span.end + 1 == i
                    && text[prev.span.end..i] == *"-"
                {
                    values.push(prev.values[0] + v);
                }
                out.push(Num {
                    span: Span::new(i, end_of(j)),
                    raw: w.to_string(),
                    values,
                    word: true,
                });
            } else if is_scale(w)
                && let Some(&v) = words.get(&w.to_lowercase())
                && !out
                    .last()
                    .is_some_and(|n| text[n.span.end..i].chars().all(char::is_whitespace))
            {
                // "a million", "per thousand"
                out.push(Num {
                    span: Span::new(i, end_of(j)),
                    raw: w.to_string(),
                    values: vec![v],
                    word: true,
                });
            }
            k = j;
        } else {
            k += 1;
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(
        c.script(),
        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul
    )
}

/// Scale words multiply the number before them instead of standing for a number.
fn is_scale(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "hundred" | "thousand" | "million" | "billion" | "trillion" | "lakh" | "crore"
    )
}

fn word_at(chars: &[(usize, char)], text: &str, k: usize) -> Option<String> {
    let &(start, c) = chars.get(k)?;
    if !c.is_alphabetic() {
        return None;
    }
    let mut j = k;
    while j < chars.len() && chars[j].1.is_alphabetic() {
        j += 1;
    }
    let end = chars.get(j).map_or(text.len(), |&(i, _)| i);
    Some(text[start..end].to_string())
}

/// Drops a trailing " ddd..." group that is not exactly three digits ("in 2023 45 people" is
/// two numbers).
fn trim_space_groups(raw: &str) -> String {
    let mut out = String::new();
    for (n, part) in raw.split(' ').enumerate() {
        if n > 0 {
            let digits = part
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("");
            if digits.len() != 3 {
                break;
            }
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[derive(Debug)]
pub struct SourceNumbers {
    words: FxHashMap<String, f64>,
    /// Number words of source languages: a target number they explain is not an addition.
    source_words: FxHashMap<String, f64>,
    /// Source numbers this small may be rendered by an article or a pronoun ("a", "one").
    min: f64,
}

impl SourceNumbers {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            words: b
                .spec
                .values
                .iter()
                .flatten()
                .map(|(k, v)| (k.to_lowercase(), *v))
                .collect(),
            source_words: b
                .spec
                .source_values
                .iter()
                .flatten()
                .map(|(k, v)| (k.to_lowercase(), *v))
                .collect(),
            min: b.spec.min.unwrap_or(2) as f64,
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let comma_src = DECIMAL_COMMA.contains(&source_lang(cx));
        let comma_tgt = DECIMAL_COMMA.contains(&cx.language);
        let none = FxHashMap::default();
        for (seg, source, target) in segments(cx) {
            let src = numbers(source, comma_src, &none, true);
            let tgt = numbers(target, comma_tgt, &self.words, false);
            let tgt_values: Vec<f64> = tgt.iter().flat_map(|n| n.values.clone()).collect();
            let mut src_values: Vec<f64> = src.iter().flat_map(|n| n.values.clone()).collect();
            // Numbers the source spells out (quince, 三) explain a target number too.
            src_values.extend(
                numbers(source, comma_src, &self.source_words, true)
                    .iter()
                    .filter(|n| n.word)
                    .flat_map(|n| n.values.clone()),
            );
            src_values.extend(cjk_runs(source));
            src_values.extend(source.chars().filter_map(|c| {
                cjk_digit(c)
                    .map(|d| d as f64)
                    .or_else(|| cjk_unit(c))
                    .or_else(|| big_unit(c))
            }));
            let missing: Vec<&Num> = src
                .iter()
                .filter(|n| n.values.iter().all(|&v| v >= self.min || v != v.trunc()))
                .filter(|n| {
                    !n.values
                        .iter()
                        .any(|&v| tgt_values.iter().any(|&t| same(v, t)))
                })
                .collect();
            let extra: Vec<&Num> = tgt
                .iter()
                .filter(|n| !n.word)
                .filter(|n| {
                    !n.values
                        .iter()
                        .any(|&v| src_values.iter().any(|&s| same(v, s)))
                })
                .collect();
            let mut missing = missing.into_iter();
            for e in &extra {
                let mut f = rule.finding(at(seg, e.span), &e.raw);
                f = match missing.next() {
                    Some(m) => f
                        .with_message(format!(
                            "the number {} is not in the source, which has {} here",
                            e.raw, m.raw
                        ))
                        .with_source_span(src_at(seg, m.span)),
                    None => f.with_message(format!("the number {} is not in the source", e.raw)),
                };
                out.push(f);
            }
            for m in missing {
                out.push(
                    rule.finding(end_of(seg, target), &m.raw)
                        .with_message(format!(
                            "the source's number {} is missing from the target",
                            m.raw
                        ))
                        .with_source_span(src_at(seg, m.span)),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Untouchables

#[derive(Debug)]
pub struct SourceUntouchables {
    pattern: regex::Regex,
}

/// URLs, e-mail addresses, @handles, #hashtags, printf/Python/ICU/shell placeholders and inline
/// tags.
const UNTOUCHABLE: &str = r#"(?x)
    https?://[^\s<>"'）」』】]+[^\s<>"'）」』】.,;:!?。，]
  | www\.[^\s<>"']+[^\s<>"'.,;:!?。，]
  | [A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}
  | (?:^|[^\w@/])(@[A-Za-z0-9_]{2,})
  | (?:^|[^\w&/])(\#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)
  | %(?:\d+\$)?[-+ 0\#]*\d*(?:\.\d+)?[sdifuxXeEgGcp@]
  | %\([A-Za-z_]\w*\)[sdifr]
  | \{\{\s*[A-Za-z_][\w.]*\s*\}\}
  | \{[A-Za-z_][\w.]*\}
  | \{\d+\}
  | \$\d+
  | </?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:="[^"]*")?)*\s*/?>
"#;

impl SourceUntouchables {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let pattern = regex::Regex::new(UNTOUCHABLE).map_err(|e| b.error(e.to_string()))?;
        Ok(Self { pattern })
    }

    fn items<'t>(&self, text: &'t str) -> Vec<(Span, &'t str)> {
        self.pattern
            .captures_iter(text)
            .filter_map(|c| {
                let m = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(0))?;
                Some((Span::new(m.start(), m.end()), m.as_str()))
            })
            .collect()
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        for (seg, source, target) in segments(cx) {
            let src = self.items(source);
            if src.is_empty() {
                continue;
            }
            let mut left: Vec<&str> = self.items(target).into_iter().map(|(_, s)| s).collect();
            for (span, item) in src {
                if let Some(i) = left.iter().position(|t| *t == item) {
                    left.swap_remove(i);
                } else {
                    out.push(
                        rule.finding(end_of(seg, target), item)
                            .with_message(format!(
                                "`{item}` of the source is not in the target as written"
                            ))
                            .with_source_span(src_at(seg, span)),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Source script left in the target

fn foreign_script(s: Script) -> bool {
    matches!(
        s,
        Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Hangul
            | Script::Cyrillic
            | Script::Arabic
            | Script::Hebrew
            | Script::Thai
            | Script::Devanagari
    )
}

#[derive(Debug)]
pub struct SourceScript {
    /// Letters a run of an alphabetic script (Cyrillic, Arabic...) needs; a CJK run needs one.
    min: usize,
}

impl SourceScript {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min: b.spec.min.unwrap_or(3).max(1),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let target_scripts: FxHashSet<Script> = lang_scripts(cx.language);
        for (seg, source, target) in segments(cx) {
            let source_scripts: FxHashSet<Script> = source
                .chars()
                .map(|c| c.script())
                .filter(|&s| foreign_script(s) && !target_scripts.contains(&s))
                .collect();
            let trimmed = target.trim();
            if !trimmed.is_empty()
                && trimmed == source.trim()
                && trimmed.split_whitespace().count() >= 3
                && cx.language != source_lang(cx)
            {
                let d = lang::detect(trimmed);
                if d.guess.is_some_and(|g| g != cx.language) || !source_scripts.is_empty() {
                    let start = target.len() - target.trim_start().len();
                    out.push(
                        rule.finding(at(seg, Span::new(start, start + trimmed.len())), trimmed)
                            .with_message("the target is the source, untranslated".into())
                            .with_source_span(src_at(seg, Span::new(0, source.len()))),
                    );
                    continue;
                }
            }
            if source_scripts.is_empty() {
                continue;
            }
            // Runs of the source's script, spaces and marks inside them included.
            let mut run: Option<(usize, usize, usize, Script)> = None;
            let mut flush = |run: &mut Option<(usize, usize, usize, Script)>| {
                if let Some((s, e, n, script)) = run.take() {
                    let cjk = matches!(
                        script,
                        Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul
                    );
                    if n >= if cjk { 1 } else { self.min } {
                        let text = &target[s..e];
                        let mut f = rule.finding(at(seg, Span::new(s, e)), text);
                        if let Some(p) = source.find(text) {
                            f = f.with_source_span(src_at(seg, Span::new(p, p + text.len())));
                        }
                        out.push(f);
                    }
                }
            };
            for (i, c) in target.char_indices() {
                let s = c.script();
                if source_scripts.contains(&s)
                    || (matches!(s, Script::Hiragana | Script::Katakana | Script::Han)
                        && run.is_some_and(|r| {
                            matches!(r.3, Script::Han | Script::Hiragana | Script::Katakana)
                        }))
                {
                    match &mut run {
                        Some(r) if target[r.1..i].chars().all(|c| c == ' ' || c == '・') => {
                            r.1 = i + c.len_utf8();
                            r.2 += 1;
                        }
                        _ => {
                            flush(&mut run);
                            run = Some((i, i + c.len_utf8(), 1, s));
                        }
                    }
                } else if !(c == ' ' || c == '・' || c.script() == Script::Inherited) {
                    flush(&mut run);
                }
            }
            flush(&mut run);
        }
    }
}

/// The scripts a target language is written in.
fn lang_scripts(language: &str) -> FxHashSet<Script> {
    let list: &[Script] = match language {
        "zh" => &[Script::Han],
        "ja" => &[Script::Han, Script::Hiragana, Script::Katakana],
        "ko" => &[Script::Hangul, Script::Han],
        "ru" | "uk" | "bg" | "sr" | "be" | "kk" | "mk" => &[Script::Cyrillic],
        "ar" | "fa" | "ur" => &[Script::Arabic],
        "he" => &[Script::Hebrew],
        "th" => &[Script::Thai],
        "hi" | "mr" | "ne" => &[Script::Devanagari],
        _ => &[],
    };
    list.iter().copied().collect()
}

// ---------------------------------------------------------------------------------------------
// Acronyms of the source language kept in the target

/// Words an acronym usually skips.
const SKIPPED: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "to", "a", "an", "de", "del", "la", "las", "los", "el",
    "y", "e", "da", "do", "das", "dos", "des", "du", "le", "les", "et", "der", "die", "das", "und",
    "für", "von", "di", "della", "dei", "degli", "delle", "il", "lo", "gli", "en", "em", "com",
    "con", "à", "au", "aux", "per", "para", "por", "zur", "zum", "im", "am",
];

/// The acronyms written in parentheses after the words they abbreviate, in the order written:
/// `(acronym span, acronym, whether the words before it spell it)`.
fn defined_acronyms(text: &str) -> Vec<(Span, String, bool)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(p) = text[from..].find('(') {
        let open = from + p;
        from = open + 1;
        let Some(close) = text[open + 1..].find(')').map(|c| open + 1 + c) else {
            break;
        };
        let inner = &text[open + 1..close];
        // The acronym: the first item inside, before a comma or semicolon.
        let acro = inner.split([',', ';']).next().unwrap_or("").trim();
        let letters: Vec<char> = acro.chars().filter(|c| c.is_alphabetic()).collect();
        let capitals = acro.chars().filter(|c| c.is_uppercase()).count();
        if !(2..=8).contains(&letters.len())
            || capitals < 2
            || capitals * 2 < letters.len()
            || acro.contains(' ')
            || !acro
                .chars()
                .all(|c| c.is_alphanumeric() || "-/&".contains(c))
        {
            continue;
        }
        let start = open + 1 + (inner.len() - inner.trim_start().len());
        let before = &text[..open];
        let _ = bytes;
        out.push((
            Span::new(start, start + acro.len()),
            acro.to_string(),
            spells(before, &letters),
        ));
    }
    out
}

/// Whether the last words of `before` spell `letters`, each letter starting a word (or a part
/// of a hyphenated or compound word), skipping function words.
fn spells(before: &str, letters: &[char]) -> bool {
    let words: Vec<&str> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let mut li = letters.len();
    let mut wi = words.len();
    let mut skipped = 0;
    // Lowercase without accents: "í" spells "I".
    let lower = |c: char| {
        let base = std::iter::once(c).nfd().next().unwrap_or(c);
        base.to_lowercase().next().unwrap_or(base)
    };
    while li > 0 && wi > 0 {
        let w = words[wi - 1];
        let first = w.chars().next().map(lower);
        if first == Some(lower(letters[li - 1])) {
            li -= 1;
            wi -= 1;
            continue;
        }
        // Letters taken from inside one word (a compound: "Herzinfarkt" gives HI, or "PCR"
        // in "polymerase chain reaction").
        let inner: Vec<char> = w.chars().filter(|c| c.is_uppercase()).map(lower).collect();
        if inner.len() > 1 && inner.last() == Some(&lower(letters[li - 1])) {
            li -= 1;
            continue;
        }
        if SKIPPED.contains(&w.to_lowercase().as_str()) {
            wi -= 1;
            continue;
        }
        skipped += 1;
        wi -= 1;
        if skipped > 1 {
            return false;
        }
    }
    li == 0
}

#[derive(Debug)]
pub struct SourceAcronym;

impl SourceAcronym {
    pub fn build(_: &mut Builder) -> Result<Self, Error> {
        Ok(Self)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        if cx.language == source_lang(cx) {
            return;
        }
        // Acronyms the source defines with its own words (spelled by them) that the target uses
        // without spelling them with its own words.
        let list: Vec<_> = segments(cx).collect();
        let mut defined: BTreeMap<String, (usize, Span)> = BTreeMap::new();
        let mut spelled_in_target: FxHashSet<String> = FxHashSet::default();
        for (n, (_, source, target)) in list.iter().enumerate() {
            for (span, acro, spelled) in defined_acronyms(source) {
                if spelled {
                    defined.entry(acro).or_insert((n, span));
                }
            }
            for (_, acro, spelled) in defined_acronyms(target) {
                if spelled {
                    spelled_in_target.insert(acro);
                }
            }
        }
        let mut kept = defined;
        kept.retain(|a, _| !spelled_in_target.contains(a));
        if kept.is_empty() {
            return;
        }
        // Every use of a kept acronym in the document's targets.
        for (n, (seg, _, target)) in list.iter().enumerate() {
            for (acro, &(first, src_span)) in &kept {
                let mut from = 0;
                while let Some(p) = target[from..].find(acro.as_str()) {
                    let s = from + p;
                    let e = s + acro.len();
                    from = e;
                    let before = target[..s].chars().next_back();
                    let after = target[e..].chars().next();
                    if before.is_some_and(char::is_alphanumeric)
                        || after.is_some_and(char::is_alphanumeric)
                    {
                        continue;
                    }
                    let mut f = rule.finding(at(seg, Span::new(s, e)), acro);
                    if n == first {
                        f = f.with_source_span(src_at(seg, src_span));
                    }
                    out.push(f);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Length

#[derive(Debug)]
pub struct SourceLength {
    /// Lower and upper bounds of target/source characters (spaces left out), per `src-tgt`.
    ratios: FxHashMap<String, (f64, f64)>,
    /// Source characters (without spaces) below which the ratio is not judged.
    min: usize,
}

impl SourceLength {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let mut ratios = FxHashMap::default();
        for (pair, bounds) in b.spec.ratios.iter().flatten() {
            match bounds.as_slice() {
                &[lo, hi] if lo > 0.0 && lo < hi => {
                    ratios.insert(pair.clone(), (lo, hi));
                }
                _ => {
                    return Err(b.error(format!(
                        "`ratios.{pair}` must be [lower, upper] with 0 < lower < upper"
                    )));
                }
            }
        }
        Ok(Self {
            ratios,
            min: b.spec.min.unwrap_or(10),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let key = format!("{}-{}", source_lang(cx), cx.language);
        let Some(&(lo, hi)) = self.ratios.get(&key) else {
            return;
        };
        let count = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        for (seg, source, target) in segments(cx) {
            let (s, t) = (count(source), count(target));
            if s < self.min {
                continue;
            }
            let ratio = t as f64 / s as f64;
            if ratio < lo {
                out.push(
                    rule.finding(end_of(seg, target), "")
                        .with_message(format!(
                            "the target is {:.0}% of the length its source predicts: part of the source may be left out",
                            100.0 * ratio / ((lo * hi).sqrt())
                        ))
                        .with_source_span(src_at(seg, Span::new(0, source.len()))),
                );
            } else if ratio > hi {
                let start = target.len() - target.trim_start().len();
                out.push(
                    rule.finding(
                        at(seg, Span::new(start, target.trim_end().len())),
                        "",
                    )
                    .with_message(format!(
                        "the target is {:.0}% of the length its source predicts: it may add to the source",
                        100.0 * ratio / ((lo * hi).sqrt())
                    )),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Form: questions, brackets

fn last_mark(s: &str) -> Option<char> {
    s.trim_end().chars().rev().find(|c| {
        !matches!(
            c,
            '"' | '\'' | '”' | '’' | '」' | '』' | ')' | '）' | '»' | '*'
        )
    })
}

fn balanced(s: &str, open: char, close: char) -> bool {
    let mut depth: i64 = 0;
    for c in s.chars() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth < 0 {
                return false;
            }
        }
    }
    depth == 0
}

#[derive(Debug)]
pub struct SourceForm;

impl SourceForm {
    pub fn build(_: &mut Builder) -> Result<Self, Error> {
        Ok(Self)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        for (seg, source, target) in segments(cx) {
            if target.trim().is_empty() {
                continue;
            }
            let sq = matches!(last_mark(source), Some('?' | '？'))
                || (source_lang(cx) == "el" && last_mark(source) == Some(';'));
            let tq = last_mark(target) == Some('?');
            let end = end_of(seg, target);
            let mark = Span::new(end.start - last_char_len(target.trim_end()), end.start);
            if sq && !tq {
                out.push(
                    rule.finding(mark, "")
                        .with_message("the source asks a question; the target does not".into())
                        .with_source_span(src_at(seg, last_span(source))),
                );
            } else if tq && !sq && !source.contains(['?', '？']) {
                out.push(
                    rule.finding(mark, "")
                        .with_message("the target asks a question the source does not".into()),
                );
            }
            for (open, close, fopen, fclose) in [('(', ')', '（', '）'), ('[', ']', '［', '］')]
            {
                let src = source
                    .replace(fopen, &open.to_string())
                    .replace(fclose, &close.to_string());
                if balanced(&src, open, close)
                    && src.contains(open)
                    && !balanced(target, open, close)
                {
                    let p = target
                        .rfind([open, close])
                        .unwrap_or(target.trim_end().len().saturating_sub(1));
                    out.push(
                        rule.finding(at(seg, Span::new(p, p + 1)), "")
                            .with_message(format!(
                                "the source's brackets are paired; the target's `{open}{close}` are not"
                            )),
                    );
                    break;
                }
            }
        }
    }
}

fn last_char_len(s: &str) -> usize {
    s.chars().next_back().map_or(0, char::len_utf8)
}

fn last_span(s: &str) -> Span {
    let t = s.trim_end();
    Span::new(t.len() - last_char_len(t), t.len())
}

// ---------------------------------------------------------------------------------------------
// Glossary

#[derive(Debug)]
pub struct SourceGlossary {
    /// The rule's own terms: source term → target term (alternatives separated by `|`).
    terms: Vec<crate::bitext::glossary::Term>,
}

/// Where `needle` occurs in `hay` without case, as a whole word (an English plural or
/// possessive ending allowed), as byte spans of `hay`.
fn find_term(hay: &str, needle: &str) -> Vec<Span> {
    // An acronym keeps its case: "WHO" is not "who".
    let acronym = needle.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !needle.chars().any(char::is_lowercase);
    let lower = if acronym {
        hay.to_string()
    } else {
        hay.to_lowercase()
    };
    let n = if acronym {
        needle.to_string()
    } else {
        needle.to_lowercase()
    };
    if lower.len() != hay.len() || n.is_empty() {
        // Lowercasing changed the length: fall back to exact matching.
        return hay
            .match_indices(needle)
            .map(|(i, m)| Span::new(i, i + m.len()))
            .collect();
    }
    let cjk = n.chars().any(is_cjk);
    let mut out = Vec::new();
    for (i, m) in lower.match_indices(&n) {
        let end = i + m.len();
        let before_ok = cjk
            || !lower[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let rest = &lower[end..];
        let suffix = ["'s", "’s", "es", "s", ""].into_iter().find(|s| {
            rest.starts_with(s)
                && (cjk
                    || !rest[s.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric))
        });
        if before_ok && let Some(s) = suffix {
            out.push(Span::new(i, end + s.len()));
        }
    }
    out
}

impl SourceGlossary {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            terms: b
                .spec
                .replace
                .iter()
                .flatten()
                .map(|(s, t)| crate::bitext::glossary::Term {
                    source: s.clone(),
                    targets: t.split('|').map(|x| x.trim().to_string()).collect(),
                    forbidden: Vec::new(),
                })
                .collect(),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let extra = cx
            .bitext
            .and_then(|b| b.glossary.as_ref())
            .map(|g| g.terms.as_slice())
            .unwrap_or_default();
        for (seg, source, target) in segments(cx) {
            for term in self.terms.iter().chain(extra) {
                let Some(&src) = find_term(source, &term.source).first() else {
                    continue;
                };
                let rendered = term
                    .targets
                    .iter()
                    .any(|t| !find_term(target, t).is_empty());
                for f in &term.forbidden {
                    for span in find_term(target, f) {
                        out.push(
                            rule.finding(at(seg, span), &target[span.start..span.end])
                                .with_message(format!(
                                    "the glossary renders \"{}\" as \"{}\", not \"{f}\"",
                                    term.source,
                                    term.targets.join("\" or \"")
                                ))
                                .with_suggestion(term.targets.first().cloned())
                                .with_source_span(src_at(seg, src)),
                        );
                    }
                }
                if !rendered
                    && term
                        .forbidden
                        .iter()
                        .all(|f| find_term(target, f).is_empty())
                {
                    out.push(
                        rule.finding(end_of(seg, target), "")
                            .with_message(format!(
                                "the glossary renders \"{}\" as \"{}\", which the target lacks",
                                term.source,
                                term.targets.join("\" or \"")
                            ))
                            .with_source_span(src_at(seg, src)),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Latin-script names and acronyms of a non-Latin source

#[derive(Debug)]
pub struct SourceNames {
    /// Letters a name needs.
    min: usize,
}

/// Whether most letters of `text` are outside the Latin script.
fn non_latin(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let latin = text
        .chars()
        .filter(|c| c.is_alphabetic() && c.script() == Script::Latin)
        .count();
    letters > 0 && latin * 2 < letters
}

impl SourceNames {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min: b.spec.min.unwrap_or(2),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        for (seg, source, target) in segments(cx) {
            if !non_latin(source) || target.trim().is_empty() {
                continue;
            }
            // Latin-script words of the source with a capital or a digit: names, acronyms,
            // product names ("WHO", "iPhone 15", "McKinsey").
            let bytes = source.char_indices().collect::<Vec<_>>();
            let mut k = 0;
            while k < bytes.len() {
                let (i, c) = bytes[k];
                if c.is_ascii_alphabetic() {
                    let mut j = k;
                    while j < bytes.len()
                        && (bytes[j].1.is_ascii_alphanumeric() || bytes[j].1 == '-')
                    {
                        j += 1;
                    }
                    let end = bytes.get(j).map_or(source.len(), |&(e, _)| e);
                    let word = source[i..end].trim_end_matches('-');
                    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
                    let capital = word.chars().any(|c| c.is_ascii_uppercase());
                    if letters >= self.min && capital && !found_word(target, word) {
                        let spaced = spaced_out(target, word);
                        if let Some(Spaced::Spelled(_)) = spaced {
                            k = j;
                            continue;
                        }
                        if let Some(Spaced::Broken(broken)) = spaced {
                            out.push(
                                rule.finding(at(seg, broken), word)
                                    .with_message(format!(
                                        "\"{word}\" of the source is broken apart as \"{}\" in \
                                         the target",
                                        broken.of(target)
                                    ))
                                    .with_suggestion(Some(word.to_string()))
                                    .with_source_span(src_at(seg, Span::new(i, i + word.len()))),
                            );
                            k = j;
                            continue;
                        }
                        out.push(
                            rule.finding(end_of(seg, target), word)
                                .with_message(format!(
                                    "\"{word}\" of the source is not in the target"
                                ))
                                .with_source_span(src_at(seg, Span::new(i, i + word.len()))),
                        );
                    }
                    k = j;
                } else {
                    k += 1;
                }
            }
        }
    }
}

/// How `text` writes `word` with spaces inside, as a whole word, case kept.
#[derive(Debug, PartialEq)]
enum Spaced {
    /// Spaces only where English may put them between parts of a name: after a small letter,
    /// before a digit or a capital ("iPhone 15" for "iPhone15", "Galaxy Book" for "GalaxyBook").
    Spelled(Span),
    /// A space anywhere else ("DL BCL", "STAT 3", "Ga sd ermin - D" for "DLBCL", "STAT3",
    /// "Gasdermin-D"): the name or code is broken apart.
    Broken(Span),
}

/// Whether `text` has `word` with spaces inside. Words shorter than four characters are not
/// sought: spaced letters of a short acronym also occur by chance.
fn spaced_out(text: &str, word: &str) -> Option<Spaced> {
    let want: Vec<char> = word.chars().collect();
    if want.len() < 4 {
        return None;
    }
    let word_char = |c: char| c.is_alphanumeric();
    // A space between `a` and `b` that English spelling of a name allows.
    let allowed = |a: char, b: char| a.is_lowercase() && (b.is_uppercase() || b.is_ascii_digit());
    for (i, c) in text.char_indices() {
        if c != want[0] || text[..i].chars().next_back().is_some_and(word_char) {
            continue;
        }
        let (mut k, mut end) = (1, i + c.len_utf8());
        let (mut spaced, mut broken) = (false, false);
        let mut after_space = false;
        for (j, d) in text[end..].char_indices() {
            if k == want.len() {
                break;
            }
            if d == ' ' {
                after_space = true;
            } else if d == want[k] {
                if after_space {
                    spaced = true;
                    broken |= !allowed(want[k - 1], d);
                    after_space = false;
                }
                k += 1;
                end = i + c.len_utf8() + j + d.len_utf8();
            } else {
                break;
            }
        }
        if k == want.len() && spaced && !text[end..].chars().next().is_some_and(word_char) {
            let span = Span::new(i, end);
            return Some(if broken {
                Spaced::Broken(span)
            } else {
                Spaced::Spelled(span)
            });
        }
    }
    None
}

/// Whether `word` occurs in `text` as a whole word (case kept; a hyphen or plural may follow).
fn found_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && (!after.is_some_and(|c| c.is_ascii_alphanumeric()) || after == Some('s'))
    }) || text.to_lowercase().contains(&word.to_lowercase())
}

// ---------------------------------------------------------------------------------------------
// Unaligned: a source without a translation, a translation without a source

#[derive(Debug)]
pub struct SourceUnaligned {
    /// Characters (without spaces) a source or target needs before its lack counts.
    min: usize,
}

impl SourceUnaligned {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min: b.spec.min.unwrap_or(2),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let count = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        for (seg, source, target) in segments(cx) {
            if target.trim().is_empty() && count(source) >= self.min {
                out.push(
                    rule.finding(end_of(seg, target), "")
                        .with_message("this source has no translation: it may be left out".into())
                        .with_source_span(src_at(seg, Span::new(0, source.len()))),
                );
            } else if source.trim().is_empty() && count(target) >= self.min {
                let start = target.len() - target.trim_start().len();
                out.push(
                    rule.finding(at(seg, Span::new(start, target.trim_end().len())), "")
                        .with_message(
                            "this translation has no source: it may be an addition".into(),
                        ),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Consistency

#[derive(Debug)]
pub struct SourceConsistency {
    /// Words a segment needs before its translations are compared.
    min: usize,
}

impl SourceConsistency {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min: b.spec.min.unwrap_or(3),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let mut first: FxHashMap<String, (String, Span)> = FxHashMap::default();
        for (seg, source, target) in segments(cx) {
            let t = target.trim();
            if t.split_whitespace().count() < self.min {
                continue;
            }
            let s = norm(source);
            let span = {
                let start = target.len() - target.trim_start().len();
                at(seg, Span::new(start, start + t.len()))
            };
            match first.get(&s) {
                Some((earlier, at_span)) if *earlier != norm(t) => {
                    out.push(
                        rule.finding(span, t)
                            .with_message(
                                "this source was translated differently earlier in the document"
                                    .into(),
                            )
                            .with_canonical(earlier.clone(), *at_span)
                            .with_source_span(src_at(seg, Span::new(0, source.len()))),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert(s, (norm(t), span));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(text: &str, comma: bool) -> Vec<Vec<f64>> {
        numbers(text, comma, &FxHashMap::default(), true)
            .into_iter()
            .map(|n| n.values)
            .collect()
    }

    #[test]
    fn locale_formats() {
        assert!(vals("1.234,5 Euro", true)[0].contains(&1234.5));
        assert!(vals("1 234,5", true)[0].contains(&1234.5));
        assert!(vals("1,234.5 dollars", false)[0].contains(&1234.5));
        assert!(vals("3,5 %", true)[0].contains(&3.5));
        assert!(vals("１２万人", false)[0].contains(&120000.0));
        assert!(vals("3.5亿元", false)[0].contains(&350000000.0));
        assert_eq!(vals("在2023 45人", false).len(), 2);
        assert_eq!(
            vals("from 9:00 to 18:30", false),
            vec![vec![9.0], vec![18.0]]
        );
    }

    #[test]
    fn cjk_numerals() {
        assert_eq!(vals("三十五人", false), vec![vec![35.0]]);
        assert_eq!(vals("两千", false), vec![vec![2000.0]]);
        assert!(vals("一二", false).is_empty());
        assert!(vals("十分", false).is_empty());
        assert!(vals("千万", false).is_empty());
    }

    #[test]
    fn names_broken_apart() {
        let at = |t: &str, w: &str| match spaced_out(t, w) {
            Some(Spaced::Broken(s)) => Some(format!("broken {}", s.of(t))),
            Some(Spaced::Spelled(s)) => Some(format!("spelled {}", s.of(t))),
            None => None,
        };
        assert_eq!(
            at("the DL BCL rate", "DLBCL").as_deref(),
            Some("broken DL BCL")
        );
        assert_eq!(
            at("by cutting Ga sd ermin - D pores", "Gasdermin-D").as_deref(),
            Some("broken Ga sd ermin - D")
        );
        assert_eq!(
            at("a new iPhone 15 case", "iPhone15").as_deref(),
            Some("spelled iPhone 15")
        );
        assert_eq!(
            at("the Galaxy Book line", "GalaxyBook").as_deref(),
            Some("spelled Galaxy Book")
        );
        assert_eq!(
            at("cells with STAT 3 and K 562", "STAT3").as_deref(),
            Some("broken STAT 3")
        );
        assert_eq!(at("the DLBCL rate", "DLBCL"), None); // not broken
        assert_eq!(at("a DL BCLX rate", "DLBCL"), None); // not a whole word
        assert_eq!(at("the W H O", "WHO"), None); // too short to seek
        assert_eq!(at("the dl bcl rate", "DLBCL"), None); // case kept
    }

    #[test]
    fn acronyms() {
        assert!(spells("índice de masa corporal ", &['I', 'M', 'C']));
        assert!(!spells("body mass index ", &['I', 'M', 'C']));
        assert!(spells("body mass index ", &['B', 'M', 'I']));
        let d = defined_acronyms("el grupo de mayor ganancia (MG) y");
        assert_eq!(d.len(), 1);
        assert!(d[0].2);
    }
}
