//! Pasted web-page debris: user-interface and navigation lines (`line-phrases`) and runs of
//! share-button labels (`line-run`).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashSet;

use regex::Regex;

use super::{Builder, Context};
use crate::document::Span;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// A line reduced to its words: lowercase, outer punctuation and symbols removed, white space
/// collapsed. "Read more »" → "read more".
fn normalize(line: &str) -> String {
    let trimmed = line.trim_matches(|c: char| !c.is_alphanumeric() && c != '©');
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// A whole line that is a known UI or navigation phrase, or matches one of `patterns` (tested
/// against the normalised line, case-insensitively, for lines of at most `max` words).
#[derive(Debug)]
pub struct LinePhrases {
    phrases: FxHashSet<String>,
    patterns: Vec<Regex>,
    max_words: usize,
    /// The literals one of which each pattern's matches hold (see
    /// [`super::pattern::required_literals`]), in one automaton; a pattern runs only on the
    /// lines holding one of its literals.
    literals: Option<AhoCorasick>,
    /// For literal `i`: the pattern that requires it.
    owner: Vec<usize>,
    /// The patterns without literals: they run on every line.
    always: Vec<usize>,
}

impl LinePhrases {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let phrases: FxHashSet<String> = b
            .spec
            .phrases
            .iter()
            .flatten()
            .map(|p| normalize(p))
            .collect();
        let patterns = b.regexes(&b.spec.patterns, true)?;
        if phrases.is_empty() && patterns.is_empty() {
            return Err(b.error("kind `line-phrases` needs `phrases` or `patterns`"));
        }
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut owner = Vec::new();
        let mut always = Vec::new();
        for (i, p) in b.spec.patterns.iter().flatten().enumerate() {
            match super::pattern::required_literals(p.get_ref(), true) {
                Some(set) => {
                    owner.extend(std::iter::repeat_n(i, set.len()));
                    lits.extend(set);
                }
                None => always.push(i),
            }
        }
        let literals = if lits.is_empty() {
            None
        } else {
            match AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&lits)
            {
                Ok(ac) => Some(ac),
                Err(_) => {
                    // Too large: every pattern runs on every line.
                    always = (0..patterns.len()).collect();
                    owner.clear();
                    None
                }
            }
        };
        Ok(Self {
            phrases,
            patterns,
            max_words: b.spec.max.unwrap_or(12),
            literals,
            owner,
            always,
        })
    }

    /// Whether one of the patterns matches the normalised line: those without literals, and
    /// those whose literals the line holds, each once, in order.
    fn pattern_hit(&self, norm: &str) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        let mut run: Vec<usize> = self.always.clone();
        if let Some(ac) = &self.literals {
            run.extend(
                ac.find_overlapping_iter(norm.as_bytes())
                    .map(|m| self.owner[m.pattern().as_usize()]),
            );
        }
        if run.is_empty() {
            return false;
        }
        run.sort_unstable();
        run.dedup();
        run.into_iter().any(|i| self.patterns[i].is_match(norm))
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        for line in cx.doc.line_spans() {
            let text = cx.doc.slice(line);
            if text.split_whitespace().nth(self.max_words).is_some() {
                continue; // longer than any interface line
            }
            // A line closed like a sentence is prose, not an interface phrase ("Read more…"
            // is not); the patterns are specific enough to read such lines too.
            let sentence_like = text.ends_with(['.', '!', '?']) && !text.ends_with("...");
            let norm = normalize(text);
            if norm.is_empty() {
                continue;
            }
            let hit = (!sentence_like && self.phrases.contains(&norm))
                || (norm.split(' ').count() <= self.max_words && self.pattern_hit(&norm));
            if hit {
                out.push(rule.finding(line, text));
            }
        }
    }
}

/// The most share-button labels one line can hold.
const MAX_LABELS: usize = 16;

/// At least `min` consecutive lines (blank lines between allowed) that are each a share-button
/// label, or a single line made only of `min` or more such labels.
#[derive(Debug)]
pub struct LineRun {
    words: FxHashSet<String>,
    min: usize,
}

impl LineRun {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let words = b.required(&b.spec.words, "words")?;
        Ok(Self {
            words: words.iter().map(|w| normalize(w)).collect(),
            min: b.spec.min.unwrap_or(3).max(2),
        })
    }

    /// How many labels a line is made of: split at separators (`|`, `·`, `•`, `/`, `,`, `:` and
    /// their full-width forms)
    /// when it has them ("Facebook | Copy link"), else at spaces; 0 unless every part is a label.
    fn labels_in_line(&self, norm: &str) -> usize {
        let separated: Vec<&str> = norm
            .split([
                '|', '·', '•', '/', ',', ':', '、', '：', '・', '｜', '／', '，',
            ])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let parts: Vec<&str> = if separated.len() > 1 {
            // A leading "share:" is a label too.
            separated
        } else {
            norm.split_whitespace().collect()
        };
        if parts.iter().all(|p| self.words.contains(*p)) {
            parts.len()
        } else {
            0
        }
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let mut run: Option<(Span, usize)> = None;
        let flush = |run: &mut Option<(Span, usize)>, out: &mut Vec<Finding>| {
            if let Some((span, n)) = run.take()
                && n >= self.min
            {
                out.push(rule.finding(span, cx.doc.slice(span)));
            }
        };
        for line in cx.doc.line_spans() {
            let text = cx.doc.slice(line);
            if text.split_whitespace().nth(MAX_LABELS).is_some() {
                flush(&mut run, out);
                continue;
            }
            let norm = normalize(text);
            if self.words.contains(&norm) {
                run = Some(match run {
                    Some((span, n)) => (span.cover(line), n + 1),
                    None => (line, 1),
                });
                continue;
            }
            flush(&mut run, out);
            if self.labels_in_line(&norm) >= self.min {
                out.push(rule.finding(line, cx.doc.slice(line)));
            }
        }
        flush(&mut run, out);
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn normalizes_lines() {
        assert_eq!(normalize("  Read   More »"), "read more");
        assert_eq!(normalize("SELECT LANGUAGE BELOW:"), "select language below");
        assert_eq!(normalize("—"), "");
        assert_eq!(normalize("© 2024 Example News"), "© 2024 example news");
    }
}
