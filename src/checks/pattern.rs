//! `pattern`: a regular expression over sentences, paragraphs, lines or the whole document.
//!
//! A named group `m` narrows the reported span; an `exceptions` regex that matches overlapping
//! the match cancels it.
//!
//! The engine: when a rule is compiled, the literals that every match of its pattern must
//! contain are read off the pattern's syntax tree ([`required_literals`]: " ," for a space
//! before a comma, "said" or "told" for a list of verbs). One Aho-Corasick scan of the document
//! over the literals of all rules of a scope finds the units of text (sentences, paragraphs,
//! lines) where each rule can match, and only there does the rule's regex run. Rules with no
//! such literal go through one [`RegexSet`] scan per unit, and only those that matched run. The
//! findings are the same as running every rule on every unit.

use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexSet, RegexSetBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};
use rustc_hash::FxHashMap;

use super::{Builder, Check, Compiled, Context};
use crate::document::Span;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// What text a pattern runs over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Sentence,
    Paragraph,
    Line,
    Document,
}

#[derive(Debug)]
pub struct Pattern {
    source: String,
    regex: Regex,
    scope: Scope,
    ignore_case: bool,
    exceptions: Vec<Regex>,
    /// Strings one of which (up to ASCII case) every match contains; `None` when the pattern
    /// has none worth searching for.
    literals: Option<Vec<Vec<u8>>>,
}

impl Pattern {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let Some(p) = &b.spec.pattern else {
            return Err(b.error("kind `pattern` needs a `pattern`"));
        };
        let scope = match b
            .spec
            .scope
            .as_ref()
            .map(|s| (s.get_ref().as_str(), s.span()))
        {
            None | Some(("sentence", _)) => Scope::Sentence,
            Some(("paragraph", _)) => Scope::Paragraph,
            Some(("line", _)) => Scope::Line,
            Some(("document", _)) => Scope::Document,
            Some((other, span)) => {
                return Err(b.error_at(
                    span.start,
                    format!(
                        "unknown scope `{other}`; expected sentence, paragraph, line or document"
                    ),
                ));
            }
        };
        let ignore_case = b.ignore_case();
        let regex = b.regex(p, ignore_case)?;
        Ok(Pattern {
            source: p.get_ref().clone(),
            regex,
            scope,
            ignore_case,
            exceptions: b.regexes(&b.spec.exceptions, ignore_case)?,
            literals: required_literals(p.get_ref(), ignore_case),
        })
    }

    /// Findings of this pattern in one unit of text starting at byte `base`.
    fn find(&self, rule: &Rule, unit: &str, base: usize, out: &mut Vec<Finding>) {
        for caps in self.regex.captures_iter(unit) {
            let Some(m) = caps.name("m").or_else(|| caps.get(0)) else {
                continue;
            };
            if m.is_empty() {
                continue;
            }
            let hit = Span::new(m.start(), m.end());
            let excepted = self.exceptions.iter().any(|e| {
                e.find_iter(unit)
                    .any(|x| x.start() < hit.end && hit.start < x.end())
            });
            if !excepted {
                let span = Span::new(base + hit.start, base + hit.end);
                out.push(rule.finding(span, m.as_str()));
            }
        }
    }
}

/// Literals looked for in a text, in one automaton that finds every occurrence of each. When
/// no occurrence of one can overlap an occurrence of another or of itself (no literal holds
/// another, none ends with the start of another), the occurrences are disjoint and a plain
/// leftmost search, which skips ahead with vector code, finds them all; otherwise the search
/// reports overlapping occurrences too.
pub(super) struct Literals {
    matcher: AhoCorasick,
    disjoint: bool,
}

/// Whether occurrences of two of `lits` (or two of one) can overlap.
fn can_overlap(lits: &[Vec<u8>]) -> bool {
    lits.iter().enumerate().any(|(i, a)| {
        lits.iter().enumerate().any(|(j, b)| {
            (i != j && (a.starts_with(b) || b.starts_with(a)))
                || (1..a.len()).any(|k| a[k..].starts_with(b) || b.starts_with(&a[k..]))
        })
    })
}

impl Literals {
    /// The automaton of `lits` (lowercase when `fold`, found then without regard to ASCII
    /// case); `None` when it would be too large.
    pub(super) fn new(lits: &[Vec<u8>], fold: bool) -> Option<Self> {
        let folded: Vec<Vec<u8>> = lits.iter().map(|l| l.to_ascii_lowercase()).collect();
        let disjoint = !can_overlap(if fold { &folded } else { lits });
        let matcher = AhoCorasickBuilder::new()
            .match_kind(if disjoint {
                MatchKind::LeftmostFirst
            } else {
                MatchKind::Standard
            })
            .ascii_case_insensitive(fold)
            .build(lits)
            .ok()?;
        Some(Self { matcher, disjoint })
    }

    /// Calls `f` with each occurrence in `hay`: the literal's index, its start and end.
    pub(super) fn each(&self, hay: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        if self.disjoint {
            for m in self.matcher.find_iter(hay) {
                f(m.pattern().as_usize(), m.start(), m.end());
            }
        } else {
            for m in self.matcher.find_overlapping_iter(hay) {
                f(m.pattern().as_usize(), m.start(), m.end());
            }
        }
    }
}

/// For each literal: the members (indices into a group's rules) that require it.
type Owners = Vec<Vec<u32>>;

/// The literals of a group's rules in one automaton.
struct Prefilter {
    matcher: Literals,
    owners: Owners,
}

struct Group {
    scope: Scope,
    /// The members with literals, found through them (case-sensitive and folding ones apart).
    prefilters: Vec<Prefilter>,
    /// The members without literals (indices into `rules`), ascending.
    rest: Vec<usize>,
    /// The set of the `rest` patterns; `None` runs every one of them (a set too large to
    /// build).
    set: Option<RegexSet>,
    rules: Vec<Arc<Compiled>>,
}

/// All pattern rules of a rule set, grouped by scope for single-scan matching; with them, the
/// other rules that share one scan of the text: the line rules ([`super::debris::LineScanner`])
/// and the `unicode` rules ([`super::unicode::UnicodeScanner`]).
#[derive(Default)]
pub struct PatternScanner {
    groups: Vec<Group>,
    lines: Option<super::debris::LineScanner>,
    unicode: Option<super::unicode::UnicodeScanner>,
}

impl std::fmt::Debug for PatternScanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatternScanner")
            .field("groups", &self.groups.len())
            .field("lines", &self.lines)
            .field("unicode", &self.unicode)
            .finish()
    }
}

fn pattern_of(rule: &Compiled) -> Option<&Pattern> {
    match &rule.check {
        Check::Pattern(p) => Some(p),
        _ => None,
    }
}

impl Group {
    fn new(scope: Scope, rules: Vec<Arc<Compiled>>) -> Self {
        let mut rest = Vec::new();
        // Literals of case-sensitive rules, then of case-folding ones, with their owners.
        let mut tables: [(Vec<Vec<u8>>, Owners); 2] = Default::default();
        let mut index: [FxHashMap<Vec<u8>, usize>; 2] = Default::default();
        for (i, r) in rules.iter().enumerate() {
            let Some(p) = pattern_of(r) else { continue };
            let Some(lits) = &p.literals else {
                rest.push(i);
                continue;
            };
            let t = usize::from(p.ignore_case);
            let (literals, owners) = &mut tables[t];
            for lit in lits {
                let k = *index[t].entry(lit.clone()).or_insert_with(|| {
                    literals.push(lit.clone());
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                if owners[k].last() != Some(&(i as u32)) {
                    owners[k].push(i as u32);
                }
            }
        }
        let mut prefilters = Vec::new();
        for (t, (literals, owners)) in tables.into_iter().enumerate() {
            if literals.is_empty() {
                continue;
            }
            match Literals::new(&literals, t == 1) {
                Some(matcher) => prefilters.push(Prefilter { matcher, owners }),
                // Too large an automaton: those rules run through the set like the others.
                None => {
                    rest.extend(owners.into_iter().flatten().map(|i| i as usize));
                    rest.sort_unstable();
                    rest.dedup();
                }
            }
        }
        let sources = rest.iter().filter_map(|&i| pattern_of(&rules[i])).map(|p| {
            if p.ignore_case {
                format!("(?i:{})", p.source)
            } else {
                format!("(?:{})", p.source)
            }
        });
        // Every member compiled alone when its rule was loaded. Should the set as a whole
        // exceed its size limit, every member of `rest` runs on every unit.
        let set = if rest.is_empty() {
            None
        } else {
            RegexSetBuilder::new(sources)
                .size_limit(1 << 26)
                .build()
                .ok()
        };
        Group {
            scope,
            prefilters,
            rest,
            set,
            rules,
        }
    }

    /// The (unit, member) pairs where a member's literal lies wholly inside the unit, sorted.
    /// `units` are sorted by start and do not overlap.
    fn candidates(&self, text: &str, units: &[Span]) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        for pf in &self.prefilters {
            pf.matcher.each(text.as_bytes(), |lit, start, end| {
                // The last unit starting at or before the literal.
                let k = units.partition_point(|u| u.start <= start);
                if k == 0 || units[k - 1].end < end {
                    return;
                }
                let unit = (k - 1) as u32;
                for &member in &pf.owners[lit] {
                    out.push((unit, member));
                }
            });
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let units: Vec<Span> = match self.scope {
            Scope::Sentence => doc.sentences().iter().map(|s| s.span).collect(),
            Scope::Paragraph => doc.paragraphs().iter().map(|p| p.span).collect(),
            Scope::Line => doc.line_spans().collect(),
            Scope::Document => vec![Span::new(0, doc.text().len())],
        };
        let ordered = units
            .windows(2)
            .all(|w| w[0].start <= w[1].start && w[0].end <= w[1].start);
        // Units out of order or overlapping (never seen): every member runs on every unit.
        let (candidates, all) = if ordered {
            (self.candidates(doc.text(), &units), Vec::new())
        } else {
            let filtered: Vec<usize> = (0..self.rules.len())
                .filter(|i| !self.rest.contains(i))
                .collect();
            (Vec::new(), filtered)
        };
        let mut next = 0;
        let mut hits: Vec<usize> = Vec::new();
        for (u, &unit) in units.iter().enumerate() {
            let text = doc.slice(unit);
            hits.clear();
            hits.extend_from_slice(&all);
            while next < candidates.len() && candidates[next].0 as usize == u {
                hits.push(candidates[next].1 as usize);
                next += 1;
            }
            if !self.rest.is_empty() {
                match &self.set {
                    Some(set) => hits.extend(set.matches(text).iter().map(|i| self.rest[i])),
                    None => hits.extend_from_slice(&self.rest),
                }
            }
            if hits.is_empty() {
                continue;
            }
            hits.sort_unstable();
            for &i in &hits {
                let rule = &self.rules[i];
                if let Some(p) = pattern_of(rule) {
                    p.find(&rule.rule, text, unit.start, out);
                }
            }
        }
    }
}

impl PatternScanner {
    pub fn new(rules: &[Arc<Compiled>]) -> Self {
        let mut groups = Vec::new();
        for scope in [
            Scope::Sentence,
            Scope::Paragraph,
            Scope::Line,
            Scope::Document,
        ] {
            let members: Vec<Arc<Compiled>> = rules
                .iter()
                .filter(|r| pattern_of(r).is_some_and(|p| p.scope == scope))
                .cloned()
                .collect();
            if !members.is_empty() {
                groups.push(Group::new(scope, members));
            }
        }
        Self {
            groups,
            lines: super::debris::LineScanner::new(rules),
            unicode: super::unicode::UnicodeScanner::new(rules),
        }
    }

    pub fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        for g in &self.groups {
            g.run(cx, out);
        }
        if let Some(l) = &self.lines {
            l.run(cx, out);
        }
        if let Some(u) = &self.unicode {
            u.run(cx, out);
        }
    }
}

/// The most strings a literal set may hold.
const MAX_SET: usize = 64;
/// The most characters a class may hold to be read as literals.
const MAX_CLASS: u32 = 16;

/// What a piece of a pattern says about the text it matches. Under case folding, strings are
/// lowercased in ASCII and searched for without regard to ASCII case.
#[derive(Default)]
struct Lits {
    /// Every match is one of these.
    exact: Option<Vec<Vec<u8>>>,
    /// Every match contains one of these (never the empty string).
    required: Option<Vec<Vec<u8>>>,
    /// Every match starts, and ends, with one of these (a repetition such as ` +`).
    ends: Option<Vec<Vec<u8>>>,
}

impl Lits {
    fn exact(set: Vec<Vec<u8>>) -> Self {
        let mut set = set;
        set.sort_unstable();
        set.dedup();
        let required = (!set.iter().any(Vec::is_empty)).then(|| set.clone());
        Lits {
            exact: Some(set),
            required,
            ends: None,
        }
    }
}

/// How good a required set is to search for: the longer its shortest string, the better; then
/// the fewer strings.
fn quality(set: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(set.len()))
}

fn better(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if quality(&b) > quality(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Each string of `a` followed by each of `b`.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn lits(h: &Hir, fold: bool) -> Lits {
    let lower = |b: &[u8]| -> Vec<u8> {
        if fold {
            b.to_ascii_lowercase()
        } else {
            b.to_vec()
        }
    };
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Lits::exact(vec![Vec::new()]),
        HirKind::Literal(l) => Lits::exact(vec![lower(&l.0)]),
        HirKind::Class(Class::Unicode(c)) => {
            let n: u32 = c
                .ranges()
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if n == 0 || n > MAX_CLASS {
                return Lits::default();
            }
            let mut set = Vec::new();
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    let mut buf = [0; 4];
                    set.push(lower(ch.encode_utf8(&mut buf).as_bytes()));
                }
            }
            Lits::exact(set)
        }
        HirKind::Class(Class::Bytes(c)) => {
            let n: u32 = c
                .ranges()
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if n == 0 || n > MAX_CLASS {
                return Lits::default();
            }
            let mut set = Vec::new();
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    set.push(lower(&[b]));
                }
            }
            Lits::exact(set)
        }
        HirKind::Capture(c) => lits(&c.sub, fold),
        HirKind::Repetition(r) => {
            let sub = lits(&r.sub, fold);
            match (r.min, r.max) {
                (_, Some(0)) => Lits::exact(vec![Vec::new()]),
                (0, Some(1)) => match sub.exact {
                    Some(mut e) if e.len() < MAX_SET => {
                        e.push(Vec::new());
                        Lits::exact(e)
                    }
                    _ => Lits::default(),
                },
                (0, _) => Lits::default(),
                (1, Some(1)) => sub,
                _ => Lits {
                    exact: None,
                    required: sub.required,
                    ends: sub.exact,
                },
            }
        }
        HirKind::Concat(subs) => {
            let mut best: Option<Vec<Vec<u8>>> = None;
            // The product of the run of exact pieces so far.
            let mut run: Vec<Vec<u8>> = vec![Vec::new()];
            let mut whole = true;
            for sub in subs {
                let l = lits(sub, fold);
                match l.exact {
                    Some(e) if run.len() * e.len() <= MAX_SET => run = product(&run, &e),
                    Some(e) => {
                        whole = false;
                        best = better(best, Lits::exact(std::mem::take(&mut run)).required);
                        best = better(best, l.required);
                        run = e;
                    }
                    None => {
                        whole = false;
                        best = better(best, l.required);
                        match l.ends {
                            // The run goes on into the first repeat, and the last starts a new
                            // one: " +," holds " ,".
                            Some(e) if run.len() * e.len() <= MAX_SET => {
                                best = better(best, Lits::exact(product(&run, &e)).required);
                                run = e;
                            }
                            _ => {
                                best = better(best, Lits::exact(std::mem::take(&mut run)).required);
                                run = l.ends.unwrap_or_else(|| vec![Vec::new()]);
                            }
                        }
                    }
                }
            }
            if whole {
                return Lits::exact(run);
            }
            best = better(best, Lits::exact(run).required);
            Lits {
                exact: None,
                required: best,
                ends: None,
            }
        }
        HirKind::Alternation(subs) => {
            let all: Vec<Lits> = subs.iter().map(|h| lits(h, fold)).collect();
            let exact: Option<Vec<Vec<u8>>> = all
                .iter()
                .map(|l| l.exact.clone())
                .collect::<Option<Vec<_>>>()
                .map(|v| v.concat())
                .filter(|v| v.len() <= MAX_SET);
            if let Some(e) = exact {
                return Lits::exact(e);
            }
            let required = all
                .into_iter()
                .map(|l| l.required)
                .collect::<Option<Vec<_>>>()
                .map(|v| v.concat())
                .filter(|v| v.len() <= 4 * MAX_SET)
                .map(|mut v| {
                    v.sort_unstable();
                    v.dedup();
                    v
                });
            Lits {
                exact: None,
                required,
                ends: None,
            }
        }
    }
}

/// Strings one of which every match of `pattern` contains (up to ASCII case, lowercased, when
/// `ignore_case`); `None` when there are none (or the pattern does not parse, which the regex
/// compiler reports).
pub fn required_literals(pattern: &str, ignore_case: bool) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(ignore_case)
        .build()
        .parse(pattern)
        .ok()?;
    let set = lits(&hir, ignore_case).required?;
    // A string that holds another of the set adds nothing: "afp)" beside "afp".
    let minimal: Vec<Vec<u8>> = set
        .iter()
        .filter(|s| {
            !set.iter()
                .any(|t| t.len() < s.len() && s.windows(t.len()).any(|w| w == &t[..]))
        })
        .cloned()
        .collect();
    (!minimal.is_empty()).then_some(minimal)
}

#[cfg(test)]
mod tests {
    use super::{Literals, can_overlap, required_literals};
    use regex::RegexBuilder;

    fn bytes(list: &[&str]) -> Vec<Vec<u8>> {
        list.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    #[test]
    fn overlapping_literals() {
        assert!(!can_overlap(&bytes(&[
            " ,", " .", "by.", "Said", "million"
        ])));
        assert!(can_overlap(&bytes(&["said", "aid"]))); // one holds the other
        assert!(can_overlap(&bytes(&["per", "person"]))); // a prefix
        assert!(can_overlap(&bytes(&["abc", "cde"]))); // an end is a start
        assert!(can_overlap(&bytes(&["aa"]))); // with itself: "aaa"
    }

    /// Both searches find every occurrence: the disjoint one and the overlapping one.
    #[test]
    fn literals_find_every_occurrence() {
        let hay = b"Said , it.Said the AID said aid; abcde aaa per person";
        for (list, fold) in [
            (&[" ,", "Said", "it."][..], false),
            (&["said", "aid", "abc", "cde"][..], true),
            (&["aa", "per", "person"][..], false),
        ] {
            let lits = bytes(list);
            let mut found = Vec::new();
            Literals::new(&lits, fold)
                .unwrap()
                .each(hay, |i, s, e| found.push((i, s, e)));
            found.sort_unstable();
            let mut expected = Vec::new();
            for (i, l) in lits.iter().enumerate() {
                for s in 0..=hay.len() - l.len() {
                    let w = &hay[s..s + l.len()];
                    if w == &l[..] || (fold && w.eq_ignore_ascii_case(l)) {
                        expected.push((i, s, s + l.len()));
                    }
                }
            }
            expected.sort_unstable();
            assert_eq!(found, expected, "{list:?}");
        }
    }

    fn strings(pattern: &str, ic: bool) -> Option<Vec<String>> {
        required_literals(pattern, ic).map(|set| {
            set.into_iter()
                .map(|s| String::from_utf8(s).unwrap())
                .collect()
        })
    }

    #[test]
    fn literals_of_patterns() {
        assert_eq!(
            strings(r"[\p{L})](?P<m> +[,;:!?]| +\.$)(?:\s|$)", false),
            Some(
                vec![" !", " ,", " .", " :", " ;", " ?"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            )
        );
        assert_eq!(
            strings(r"\b(?:is|was)\s+\p{Ll}+ed\s+by\.$", false),
            Some(vec!["by.".to_string()])
        );
        assert_eq!(
            strings(r"(?:Said|Told)\b", true),
            Some(vec![
                "said".to_string(),
                "told".to_string(),
                "ſaid".to_string()
            ])
        );
        assert_eq!(
            strings(r"colou?r", false),
            Some(vec!["color".into(), "colour".into()])
        );
        assert_eq!(strings(r"\p{L}+ing$", false), Some(vec!["ing".into()]));
        assert_eq!(strings(r"(?:a|\w+)x?", false), None);
        assert_eq!(strings(r"x*", false), None);
    }

    /// The prefilter never loses a match: on texts built from the literals' neighbourhoods,
    /// every pattern that matches contains one of its literals.
    #[test]
    fn every_match_holds_a_literal() {
        let patterns = [
            (r"[\p{L})](?P<m> +[,;:!?]| +\.$)(?:\s|$)", false),
            (
                r"\b(?:(?:\p{Lu}\.){2,}|(?:Co|Inc)\.)\s+(?:Said|Will)\b",
                false,
            ),
            (r"(?i)\bkiev\b", false),
            (r"stra(?:ss|ß)e", true),
            (r"\b(?:a|an)\s+(?:\p{Ll}+\s+){0,2}\p{Ll}+\s+for\.$", false),
            (r"[，。：]", false),
        ];
        let texts = [
            "The talks ended , and both sides left .",
            "Shares of Acme Co. Said it would. U.S. Will act.",
            "KIEV and Kiev and kIeV; Kievan",
            "Die STRASSE und die Straße, strasse.",
            "He asked for a loan from the bank for.",
            "Hello，world。Then：more",
        ];
        for (p, ic) in patterns {
            let re = RegexBuilder::new(p).case_insensitive(ic).build().unwrap();
            let lits = required_literals(p, ic).expect(p);
            for t in texts {
                for m in re.find_iter(t) {
                    let hay = if ic {
                        m.as_str().as_bytes().to_ascii_lowercase()
                    } else {
                        m.as_str().as_bytes().to_vec()
                    };
                    assert!(
                        lits.iter()
                            .any(|l| hay.windows(l.len()).any(|w| w == &l[..])),
                        "{p} matched {:?} with none of its literals",
                        m.as_str()
                    );
                }
            }
        }
    }
}
