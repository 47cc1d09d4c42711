//! People in Japanese and Chinese text, where a name is followed by its honorific or title with
//! no space ("コリンズ氏", "佐々木社長", "黑斯廷斯先生").
//!
//! A name is the run of katakana (its last part after `・`) or of Han characters before a
//! suffix from the rule's lists. A Han run has no word boundary, so the name is its longest
//! final part that occurs as often in the document as its last two characters do (one pass
//! counts every Han n-gram up to `MAX_NAME` characters, so the work is linear).
//!
//! - `suffix-drift` (`words`, optional `phrases`): one name followed by suffixes of two classes,
//!   `words` and `phrases` (ja: さん against 氏 and 様); the class used once, against at
//!   least two uses of the other, is flagged. Without `phrases`, the other "class" is the bare
//!   name (zh: 先生, 女士 against the name alone).
//! - `title-suffix-drift` (`words`): one name followed by two titles of the list (社長,
//!   会長); a title used once against at least two uses of another is flagged, unless its
//!   sentence states a change (`phrases`: 就任, 昇格).
//! - `katakana-variant` (`words`): one katakana name written two ways that differ only in
//!   voicing marks (コリンズ / コリンス); the form used once against at least two of the other.
//!   A run is a name when one of its spellings is followed by one of `words` (氏, さん).
//!
//! Quoted speech (「…」) is exempt.

use rustc_hash::FxHashMap;

use super::{Builder, Context};
use crate::document::Span;
use crate::entities::inside;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;
use unicode_normalization::UnicodeNormalization;

/// Longest Han name, in characters.
const MAX_NAME: usize = 6;

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3005)
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC | 0x30FD | 0x30FE)
}

/// A katakana name without voicing marks: コリンズ and コリンス fold alike.
fn kana_fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !matches!(*c, '\u{3099}' | '\u{309A}'))
        .collect()
}

/// Groups hits by person: katakana names by their folded form, a Han name with the shortest
/// other name that begins it ("佐々木隆" with "佐々木").
fn group(hits: &[Hit]) -> Vec<Vec<&Hit>> {
    let names: rustc_hash::FxHashSet<String> = hits.iter().map(|h| kana_fold(&h.name)).collect();
    let key = |h: &Hit| -> String {
        let n = kana_fold(&h.name);
        let cut: Vec<usize> = n.char_indices().map(|(i, _)| i).skip(2).collect();
        cut.into_iter()
            .find(|&i| names.contains(&n[..i]))
            .map_or(n.clone(), |i| n[..i].to_string())
    };
    let mut by: FxHashMap<String, Vec<&Hit>> = FxHashMap::default();
    for h in hits {
        by.entry(key(h)).or_default().push(h);
    }
    let mut out: Vec<Vec<&Hit>> = by.into_values().collect();
    out.sort_by_key(|g| g[0].name_span.start);
    out
}

/// Counts of every Han n-gram (2..=MAX_NAME characters) of the text.
fn han_ngrams(text: &str) -> FxHashMap<&str, usize> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    let mut run: Vec<usize> = Vec::new(); // byte offsets of the run's characters
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_han(chars[i].1) {
            i += 1;
            continue;
        }
        run.clear();
        while i < chars.len() && is_han(chars[i].1) {
            run.push(chars[i].0);
            i += 1;
        }
        let end = chars.get(i).map_or(text.len(), |c| c.0);
        for a in 0..run.len() {
            for n in 2..=MAX_NAME {
                if a + n > run.len() {
                    break;
                }
                let to = run.get(a + n).copied().unwrap_or(end);
                *counts.entry(&text[run[a]..to]).or_default() += 1;
            }
        }
    }
    counts
}

/// One name followed by a suffix.
struct Hit {
    name: String,
    name_span: Span,
    suffix: String,
    suffix_span: Span,
}

/// The names before each suffix of `suffixes` in the text, outside quotes, in order.
fn hits(cx: &Context, suffixes: &[String], grams: &FxHashMap<&str, usize>) -> Vec<Hit> {
    let text = cx.text();
    let quotes = &cx.entities().quotes;
    let mut out = Vec::new();
    let mut sorted: Vec<&String> = suffixes.iter().filter(|s| !s.is_empty()).collect();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let at = chars[i].0;
        let Some(suffix) = sorted.iter().find(|s| text[at..].starts_with(s.as_str())) else {
            i += 1;
            continue;
        };
        let suffix_span = Span::new(at, at + suffix.len());
        let advance = suffix.chars().count();
        if inside(quotes, at) || i == 0 {
            i += advance;
            continue;
        }
        // The run before the suffix.
        let mut j = i;
        let kata = is_katakana(chars[i - 1].1);
        while j > 0
            && (if kata {
                is_katakana(chars[j - 1].1)
            } else {
                is_han(chars[j - 1].1)
            })
        {
            j -= 1;
        }
        let name_span = if kata {
            Some(Span::new(chars[j].0, at)).filter(|_| i - j >= 2)
        } else if i - j >= 2 {
            // The longest final part as frequent as its last two characters.
            let base = grams.get(&text[chars[i - 2].0..at]).copied().unwrap_or(0);
            let mut start = i - 2;
            while start > j && i - (start - 1) <= MAX_NAME {
                let c = grams
                    .get(&text[chars[start - 1].0..at])
                    .copied()
                    .unwrap_or(0);
                if c < base || c < 2 {
                    break;
                }
                start -= 1;
            }
            Some(Span::new(chars[start].0, at))
        } else {
            None
        };
        if let Some(ns) = name_span {
            out.push(Hit {
                name: ns.of(text).to_string(),
                name_span: ns,
                suffix: suffix.to_string(),
                suffix_span,
            });
        }
        i += advance;
    }
    out
}

fn stated_change(cx: &Context, at: usize, phrases: &[String]) -> bool {
    let Some(s) = cx
        .doc
        .sentences()
        .iter()
        .find(|s| s.span.start <= at && at < s.span.end)
    else {
        return false;
    };
    let sentence = s.span.of(cx.text());
    phrases.iter().any(|p| sentence.contains(p.as_str()))
}

#[derive(Debug)]
pub struct SuffixDrift {
    words: Vec<String>,
    phrases: Vec<String>,
}

impl SuffixDrift {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            words: b.required(&b.spec.words, "words")?.to_vec(),
            phrases: b.spec.phrases.clone().unwrap_or_default(),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let grams = han_ngrams(text);
        let all: Vec<String> = self.words.iter().chain(&self.phrases).cloned().collect();
        let hits = hits(cx, &all, &grams);
        for hs in group(&hits) {
            let name = hs[0].name.as_str();
            let (a, b): (Vec<&Hit>, Vec<&Hit>) =
                hs.iter().partition(|h| self.words.contains(&h.suffix));
            if self.phrases.is_empty() {
                // Against the bare name: its other occurrences, outside quotes.
                if name.chars().count() < 2 {
                    continue;
                }
                // Every occurrence of the name is counted once; those before a suffix are not bare.
                let Some(&total) = grams.get(name) else {
                    continue;
                };
                let bare = total.saturating_sub(hs.len());
                if a.len() == 1 && bare >= 2 {
                    let h = a[0];
                    let f = rule.finding(h.suffix_span, &h.suffix);
                    let message = f
                        .message
                        .replace("{canonical}", name)
                        .replace("{count}", &bare.to_string());
                    out.push(f.with_message(message).with_suggestion(Some(String::new())));
                }
                continue;
            }
            let (minority, majority) = match (a.len(), b.len()) {
                (1, n) if n >= 2 => (&a, &b),
                (n, 1) if n >= 2 => (&b, &a),
                _ => continue,
            };
            let canon = majority[0];
            let h = minority[0];
            let canonical = format!("{}{}", canon.name, canon.suffix);
            let f = rule.finding(h.suffix_span, &h.suffix);
            let message = f
                .message
                .replace("{canonical}", &canonical)
                .replace("{count}", &majority.len().to_string());
            out.push(
                f.with_message(message)
                    .with_suggestion(Some(canon.suffix.clone()))
                    .with_canonical(canonical, canon.name_span.cover(canon.suffix_span)),
            );
        }
    }
}

#[derive(Debug)]
pub struct TitleSuffixDrift {
    words: Vec<String>,
    phrases: Vec<String>,
}

impl TitleSuffixDrift {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            words: b.required(&b.spec.words, "words")?.to_vec(),
            phrases: b.spec.phrases.clone().unwrap_or_default(),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let grams = han_ngrams(text);
        let hits = hits(cx, &self.words, &grams);
        for hs in group(&hits) {
            let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
            for h in &hs {
                *counts.entry(h.suffix.as_str()).or_default() += 1;
            }
            if counts.len() != 2 {
                continue;
            }
            let mut cs: Vec<(&str, usize)> = counts.into_iter().collect();
            cs.sort_by_key(|c| c.1);
            let ((rare, 1), (common, n)) = (cs[0], cs[1]) else {
                continue;
            };
            if n < 2 {
                continue;
            }
            let Some(h) = hs.iter().find(|h| h.suffix == rare) else {
                continue;
            };
            let Some(canon) = hs.iter().find(|h| h.suffix == common) else {
                continue;
            };
            if stated_change(cx, h.suffix_span.start, &self.phrases) {
                continue;
            }
            let canonical = format!("{}{}", canon.name, canon.suffix);
            let f = rule.finding(h.suffix_span, &h.suffix);
            let message = f.message.replace("{canonical}", &canonical);
            out.push(
                f.with_message(message)
                    .with_suggestion(Some(common.to_string()))
                    .with_canonical(canonical, canon.name_span.cover(canon.suffix_span)),
            );
        }
    }
}

#[derive(Debug)]
pub struct KatakanaVariant {
    /// Suffixes that mark a katakana run as a name: 氏, さん, titles.
    words: Vec<String>,
}

impl KatakanaVariant {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            words: b.required(&b.spec.words, "words")?.to_vec(),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let quotes = &cx.entities().quotes;
        // Katakana runs of three or more characters, split at ・, by folded form.
        let mut forms: FxHashMap<String, Vec<(String, Span)>> = FxHashMap::default();
        let mut start: Option<usize> = None;
        let mut push = |s: usize, e: usize| {
            let w = &text[s..e];
            if w.chars().count() >= 3 && !inside(quotes, s) {
                forms
                    .entry(kana_fold(w))
                    .or_default()
                    .push((w.to_string(), Span::new(s, e)));
            }
        };
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if is_katakana(c) && c != 'ー' || (c == 'ー' && start.is_some()) {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                push(s, i);
            }
        }
        let mut groups: Vec<Vec<(String, Span)>> = forms.into_values().collect();
        groups.sort_by_key(|g| g[0].1.start);
        let named = |s: &Span| {
            let rest = &text[s.end..];
            self.words.iter().any(|w| rest.starts_with(w.as_str()))
        };
        for g in groups
            .into_iter()
            .filter(|g| g.iter().any(|(_, s)| named(s)))
        {
            let mut counts: FxHashMap<&str, (usize, Span)> = FxHashMap::default();
            for (w, s) in &g {
                counts.entry(w.as_str()).or_insert((0, *s)).0 += 1;
            }
            if counts.len() != 2 {
                continue;
            }
            let mut cs: Vec<(&str, (usize, Span))> = counts.into_iter().collect();
            cs.sort_by_key(|c| c.1.0);
            let ((rare, (1, span)), (common, (n, cspan))) = (cs[0], cs[1]) else {
                continue;
            };
            if n < 2 {
                continue;
            }
            let f = rule.finding(span, rare);
            let message = f
                .message
                .replace("{canonical}", common)
                .replace("{count}", &n.to_string());
            out.push(
                f.with_message(message)
                    .with_suggestion(Some(common.to_string()))
                    .with_canonical(common.to_string(), cspan),
            );
        }
    }
}
