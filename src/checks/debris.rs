//! Pasted web-page debris: user-interface and navigation lines (`line-phrases`) and runs of
//! share-button labels (`line-run`).

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use regex::Regex;

use super::pattern::Literals;
use super::{Builder, Check, Compiled, Context};
use crate::document::Span;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// A line reduced to its words: lowercase, outer punctuation and symbols removed, white space
/// collapsed. "Read more »" → "read more".
fn normalize(line: &str) -> String {
    let mut out = String::new();
    normalize_into(line, &mut out);
    out
}

/// White space as `char::is_whitespace` has it, for an ASCII byte.
fn is_ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') <= b'\r' - b'\t')
}

/// [`normalize`] into `out`, which is cleared first.
fn normalize_into(line: &str, out: &mut String) {
    out.clear();
    let trimmed = line.trim_matches(|c: char| !c.is_alphanumeric() && c != '©');
    if trimmed.is_ascii() {
        // The same, a byte at a time.
        let mut space = false;
        for &b in trimmed.as_bytes() {
            if is_ascii_space(b) {
                space = true;
            } else {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
        return;
    }
    for word in trimmed.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// The number of words of `line` (as `split_whitespace` finds them), counted up to `limit`.
/// Stretches of ASCII are counted without a branch per byte (vector code); other characters
/// one at a time.
fn count_words(line: &str, limit: usize) -> usize {
    let bytes = line.as_bytes();
    let (mut n, mut after_space, mut i) = (0, true, 0);
    while i < bytes.len() && n < limit {
        let ascii = bytes[i..]
            .iter()
            .position(|&b| b >= 0x80)
            .unwrap_or(bytes.len() - i);
        if ascii > 0 {
            let run = &bytes[i..i + ascii];
            // A word starts at each byte that is not white space and follows white space.
            n += usize::from(after_space & !is_ascii_space(run[0]))
                + run
                    .windows(2)
                    .map(|w| usize::from(is_ascii_space(w[0]) & !is_ascii_space(w[1])))
                    .sum::<usize>();
            after_space = is_ascii_space(run[ascii - 1]);
            i += ascii;
            continue;
        }
        let c = line[i..].chars().next().unwrap_or(' ');
        let space = c.is_whitespace();
        n += usize::from(after_space & !space);
        after_space = space;
        i += c.len_utf8();
    }
    n.min(limit)
}

/// A whole line that is a known UI or navigation phrase, or matches one of `patterns` (tested
/// against the normalised line, case-insensitively, for lines of at most `max` words). Run by
/// [`LineScanner`] with the other line rules.
#[derive(Debug)]
pub struct LinePhrases {
    phrases: FxHashSet<String>,
    patterns: Vec<Regex>,
    max_words: usize,
    /// For each pattern: the literals one of which each of its matches holds (see
    /// [`super::pattern::required_literals`]), `None` when it has none. A pattern runs only on
    /// the lines holding one of its literals.
    literals: Vec<Option<Vec<Vec<u8>>>>,
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
        let literals = b
            .spec
            .patterns
            .iter()
            .flatten()
            .map(|p| super::pattern::required_literals(p.get_ref(), true))
            .collect();
        Ok(Self {
            phrases,
            patterns,
            max_words: b.spec.max.unwrap_or(12),
            literals,
        })
    }
}

/// The most share-button labels one line can hold.
const MAX_LABELS: usize = 16;

/// At least `min` consecutive lines (blank lines between allowed) that are each a share-button
/// label, or a single line made only of `min` or more such labels. Run by [`LineScanner`] with
/// the other line rules.
#[derive(Debug)]
pub struct LineRun {
    words: FxHashSet<String>,
    min: usize,
}

/// The separators of labels on one line, with their full-width forms.
const SEPARATORS: [char; 12] = [
    '|', '·', '•', '/', ',', ':', '、', '：', '・', '｜', '／', '，',
];

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
        let separated = || {
            norm.split(SEPARATORS)
                .map(str::trim)
                .filter(|p| !p.is_empty())
        };
        // A leading "share:" is a label too.
        let labels = |parts: &mut dyn Iterator<Item = &str>| {
            let mut n = 0;
            for p in parts {
                if !self.words.contains(p) {
                    return 0;
                }
                n += 1;
            }
            n
        };
        if separated().nth(1).is_some() {
            labels(&mut separated())
        } else {
            labels(&mut norm.split_whitespace())
        }
    }

    /// Reads one line (its normalised form, `None` when it is too long to be labels) into the
    /// current run, reporting a run it ends and a line of labels.
    fn line(
        &self,
        cx: &Context,
        rule: &Rule,
        run: &mut Option<(Span, usize)>,
        line: Span,
        norm: Option<&str>,
        out: &mut Vec<Finding>,
    ) {
        if let Some(norm) = norm
            && self.words.contains(norm)
        {
            *run = Some(match *run {
                Some((span, n)) => (span.cover(line), n + 1),
                None => (line, 1),
            });
            return;
        }
        self.flush(cx, rule, run, out);
        if let Some(norm) = norm
            && self.labels_in_line(norm) >= self.min
        {
            out.push(rule.finding(line, cx.doc.slice(line)));
        }
    }

    fn flush(
        &self,
        cx: &Context,
        rule: &Rule,
        run: &mut Option<(Span, usize)>,
        out: &mut Vec<Finding>,
    ) {
        if let Some((span, n)) = run.take()
            && n >= self.min
        {
            out.push(rule.finding(span, cx.doc.slice(span)));
        }
    }
}

/// The line rules of a rule set (`line-phrases`, `line-run`) in one pass over the lines: each
/// line is measured and normalised once, the literals of all their patterns are looked for in
/// one automaton, and then each rule reads the line. Built from the rules' parameters when the
/// rule set is compiled; the findings are those of each rule reading every line alone.
pub struct LineScanner {
    phrases: Vec<Arc<Compiled>>,
    runs: Vec<Arc<Compiled>>,
    /// The pattern literals of all `phrases` rules, ASCII case folded.
    literals: Option<Literals>,
    /// For literal `i`: the (rule, pattern) pairs that require it.
    owners: Vec<Vec<(u32, u32)>>,
    /// The (rule, pattern) pairs without literals: they run on every line the rule reads.
    always: Vec<(u32, u32)>,
    /// The most words a line read by any rule has.
    cap: usize,
}

impl std::fmt::Debug for LineScanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineScanner")
            .field("phrases", &self.phrases.len())
            .field("runs", &self.runs.len())
            .finish()
    }
}

fn phrases_of(c: &Compiled) -> Option<&LinePhrases> {
    match &c.check {
        Check::LinePhrases(p) => Some(p),
        _ => None,
    }
}

fn run_of(c: &Compiled) -> Option<&LineRun> {
    match &c.check {
        Check::LineRun(r) => Some(r),
        _ => None,
    }
}

impl LineScanner {
    /// The scanner of the line rules among `rules`; `None` when there are none.
    pub fn new(rules: &[Arc<Compiled>]) -> Option<Self> {
        let phrases: Vec<Arc<Compiled>> = rules
            .iter()
            .filter(|r| phrases_of(r).is_some())
            .cloned()
            .collect();
        let runs: Vec<Arc<Compiled>> = rules
            .iter()
            .filter(|r| run_of(r).is_some())
            .cloned()
            .collect();
        if phrases.is_empty() && runs.is_empty() {
            return None;
        }
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut index: FxHashMap<Vec<u8>, usize> = FxHashMap::default();
        let mut always = Vec::new();
        let mut cap = if runs.is_empty() { 0 } else { MAX_LABELS };
        for (k, c) in phrases.iter().enumerate() {
            let Some(p) = phrases_of(c) else { continue };
            cap = cap.max(p.max_words);
            for (i, set) in p.literals.iter().enumerate() {
                let owner = (k as u32, i as u32);
                // A pattern with a one-byte literal ("a") would be a candidate on nearly every
                // line, each occurrence reported: it runs on every line instead.
                let Some(set) = set.as_ref().filter(|set| set.iter().all(|l| l.len() > 1)) else {
                    always.push(owner);
                    continue;
                };
                for lit in set {
                    let j = *index.entry(lit.clone()).or_insert_with(|| {
                        lits.push(lit.clone());
                        owners.push(Vec::new());
                        lits.len() - 1
                    });
                    owners[j].push(owner);
                }
            }
        }
        let literals = if lits.is_empty() {
            None
        } else {
            match Literals::new(&lits, true) {
                Some(ac) => Some(ac),
                None => {
                    // Too large: every pattern runs on every line.
                    always.extend(owners.drain(..).flatten());
                    always.sort_unstable();
                    always.dedup();
                    None
                }
            }
        };
        Some(Self {
            phrases,
            runs,
            literals,
            owners,
            always,
            cap,
        })
    }

    pub fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let nphrases = self.phrases.len();
        let mut found: Vec<Vec<Finding>> = vec![Vec::new(); nphrases + self.runs.len()];
        let mut runs: Vec<Option<(Span, usize)>> = vec![None; self.runs.len()];
        let mut norm = String::new();
        // The (rule, pattern) pairs whose literals the line holds, sorted; `None` until needed.
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        for line in cx.doc.line_spans() {
            let text = cx.doc.slice(line);
            let words = count_words(text, self.cap + 1);
            if words > self.cap {
                // Longer than any rule reads: it only ends runs.
                for (j, c) in self.runs.iter().enumerate() {
                    if let Some(r) = run_of(c) {
                        r.flush(cx, &c.rule, &mut runs[j], &mut found[nphrases + j]);
                    }
                }
                continue;
            }
            normalize_into(text, &mut norm);
            let mut scanned = false;
            for (k, c) in self.phrases.iter().enumerate() {
                let Some(p) = phrases_of(c) else { continue };
                if words > p.max_words || norm.is_empty() {
                    continue; // longer than any interface line
                }
                // A line closed like a sentence is prose, not an interface phrase ("Read
                // more…" is not); the patterns are specific enough to read such lines too.
                let sentence_like = text.ends_with(['.', '!', '?']) && !text.ends_with("...");
                let hit = (!sentence_like && p.phrases.contains(norm.as_str()))
                    || (!p.patterns.is_empty() && norm.split(' ').count() <= p.max_words && {
                        if !scanned {
                            self.candidates(&norm, &mut candidates);
                            scanned = true;
                        }
                        self.pattern_hit(k as u32, p, &norm, &candidates)
                    });
                if hit {
                    found[k].push(c.rule.finding(line, text));
                }
            }
            for (j, c) in self.runs.iter().enumerate() {
                if let Some(r) = run_of(c) {
                    let norm = (words <= MAX_LABELS).then_some(norm.as_str());
                    r.line(
                        cx,
                        &c.rule,
                        &mut runs[j],
                        line,
                        norm,
                        &mut found[nphrases + j],
                    );
                }
            }
        }
        for (j, c) in self.runs.iter().enumerate() {
            if let Some(r) = run_of(c) {
                r.flush(cx, &c.rule, &mut runs[j], &mut found[nphrases + j]);
            }
        }
        for f in found {
            out.extend(f);
        }
    }

    /// The (rule, pattern) pairs one of whose literals `norm` holds, sorted, into `out`.
    fn candidates(&self, norm: &str, out: &mut Vec<(u32, u32)>) {
        out.clear();
        if let Some(ac) = &self.literals {
            ac.each(norm.as_bytes(), |lit, _, _| {
                out.extend_from_slice(&self.owners[lit]);
            });
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Whether one of the patterns of rule `k` matches the normalised line: those without
    /// literals, and those whose literals the line holds.
    fn pattern_hit(&self, k: u32, p: &LinePhrases, norm: &str, candidates: &[(u32, u32)]) -> bool {
        let from = candidates.partition_point(|c| c.0 < k);
        self.always
            .iter()
            .chain(candidates[from..].iter().take_while(|c| c.0 == k))
            .filter(|c| c.0 == k)
            .any(|&(_, i)| p.patterns[i as usize].is_match(norm))
    }
}

#[cfg(test)]
mod tests {
    use super::{count_words, normalize};

    #[test]
    fn counts_words() {
        for line in [
            "",
            "  a  b\tc\u{b}d ",
            "x\u{a0}y\u{3000}z",
            "one",
            "é è\u{2003}ê",
        ] {
            let n = line.split_whitespace().count();
            assert_eq!(count_words(line, 99), n, "{line:?}");
            assert_eq!(count_words(line, 2), n.min(2), "{line:?}");
        }
    }

    /// The ASCII path of `normalize` gives what the general one does.
    #[test]
    fn normalizes_ascii_as_unicode() {
        let general = |line: &str| -> String {
            let trimmed = line.trim_matches(|c: char| !c.is_alphanumeric() && c != '©');
            let words: Vec<String> = trimmed.split_whitespace().map(str::to_lowercase).collect();
            words.join(" ")
        };
        for line in [
            "",
            "--",
            " Share \u{b}on  FACEBOOK\u{c} ",
            "(c) 2024 News  Corp.",
            "a\x1fb",
            "Read more >>",
        ] {
            assert_eq!(normalize(line), general(line), "{line:?}");
        }
    }

    #[test]
    fn normalizes_lines() {
        assert_eq!(
            normalize("\u{b}Log\u{c}IN \t|  Register\r"),
            "log in | register"
        );
        assert_eq!(normalize("  Read   More »"), "read more");
        assert_eq!(normalize("SELECT LANGUAGE BELOW:"), "select language below");
        assert_eq!(normalize("—"), "");
        assert_eq!(normalize("© 2024 Example News"), "© 2024 example news");
    }
}
