//! `name-variant`: one person's name spelled two ways (Zelenskiy / Zelensky, Tchaikovsky /
//! Chaikovsky). The majority spelling is the canonical one; minority spellings are flagged.
//!
//! Surnames are folded (lowercase, diacritics removed through NFD), rewritten with the
//! `[transliteration]` equivalences of the language pair ("iy" = "y" from Russian, "eo" = "u"
//! from Korean), and paired through the
//! strings their deletions reach (up to two letters), so only forms that can be close are
//! compared: linear in the number of distinct surnames, never all pairs. A pair counts as one name when its edit distance is at
//! most `max` (default 2) and at most `ratio` of the shorter length (default 0.25), both forms
//! have at least `min` letters (default 5) — shorter names only when the transliteration table
//! makes them identical (Choe = Choi) — and at least one of them names a person. Pairs that
//! differ by an ending of `words` ("Russia"/"Russian", "Obama"/"Obamas") and pairs used with
//! different given names (two different people) are kept apart.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Builder, Context};
use crate::document::Span;
use crate::entities::fold;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// Longest folded name (in characters) that takes part in the comparison: real names are
/// shorter, and the deletion strings of a name grow with the square of its length.
const MAX_NAME_CHARS: usize = 32;
/// Stored forms compared per deletion string.
const MAX_BUCKET_PAIRS: usize = 8;
/// Spelling comparisons made for one form: real articles need a handful; a text of thousands
/// of near-identical names is not an article, and gets a bounded cost.
const MAX_COMPARISONS: usize = 32;

#[derive(Debug)]
pub struct NameVariant {
    min_len: usize,
    max_distance: usize,
    ratio: f64,
    suffixes: Vec<String>,
    /// Kin nouns ("brother", "wife", "twin"): two close given names of one surname in a
    /// sentence with one of these are relatives, not one person spelled two ways.
    relatives: FxHashSet<String>,
}

#[derive(Default)]
struct Form {
    written: String,
    spans: Vec<Span>,
    person: bool,
    givens: FxHashSet<String>,
}

impl Form {
    /// Records one mention of the surname: its spelling (the first one seen is kept), span,
    /// whether it is a person's, and its given name.
    fn add(&mut self, written: &str, span: Span, person: bool, given: Option<&str>) {
        if self.written.is_empty() {
            self.written = written.to_string();
        }
        self.spans.push(span);
        self.person |= person;
        if let Some(g) = given {
            self.givens.insert(fold(g));
        }
    }
}

/// Optimal-string-alignment distance (edits and adjacent transpositions), on the stack: both
/// names are at most `MAX_NAME_CHARS` long. Row `i` lives in `rows[i % 3]`: rows are rotated,
/// never copied.
fn distance(a: &[char], b: &[char]) -> usize {
    if a.len() > MAX_NAME_CHARS || b.len() > MAX_NAME_CHARS {
        return usize::MAX;
    }
    let mut rows = [[0usize; MAX_NAME_CHARS + 1]; 3];
    for (j, p) in rows[0].iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for i in 1..=a.len() {
        let [r0, r1, r2] = &mut rows;
        let (cur, prev, prev2) = match i % 3 {
            0 => (r0, &*r2, &*r1),
            1 => (r1, &*r0, &*r2),
            _ => (r2, &*r1, &*r0),
        };
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
        }
    }
    rows[a.len() % 3][b.len()]
}

/// Hashes of the strings reached from `chars` by deleting up to `depth` (at most two)
/// characters, without building the strings: a deletion is hashed by skipping positions. They
/// are written, sorted and without repeats, into `out` (reused from name to name).
fn deletion_hashes(chars: &[char], depth: usize, out: &mut Vec<u64>) {
    use std::hash::Hasher;
    let hash = |skip: &[usize]| {
        let mut h = rustc_hash::FxHasher::default();
        for (i, c) in chars.iter().enumerate() {
            if !skip.contains(&i) {
                h.write_u32(*c as u32);
            }
        }
        // The length tells apart strings whose characters hash alike by chance.
        h.write_usize(chars.len() - skip.len());
        h.finish()
    };
    out.clear();
    out.push(hash(&[]));
    if depth >= 1 {
        for d in 0..chars.len() {
            out.push(hash(&[d]));
            if depth >= 2 {
                for e in d + 1..chars.len() {
                    out.push(hash(&[d, e]));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// The forms stored under one deletion string: at most `MAX_BUCKET_PAIRS`, inline, so that
/// the index of a document with many names allocates nothing per string.
#[derive(Clone, Copy, Default)]
struct Bucket {
    len: u32,
    members: [u32; MAX_BUCKET_PAIRS],
}

impl Bucket {
    fn members(&self) -> impl Iterator<Item = usize> + '_ {
        self.members[..self.len as usize]
            .iter()
            .map(|&m| m as usize)
    }
}

/// Two forms of one word that differ only in a final "s" or "n" ("Koreas" / "Korean").
fn ending_swap(a: &str, b: &str) -> bool {
    let (mut ca, mut cb) = (a.chars(), b.chars());
    match (ca.next_back(), cb.next_back()) {
        (Some(x), Some(y)) => {
            x != y && "sn".contains(x) && "sn".contains(y) && ca.as_str() == cb.as_str()
        }
        _ => false,
    }
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    parent[x] = r;
    r
}

impl NameVariant {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let ratio = b.spec.ratio.unwrap_or(0.25);
        if !(0.0..=1.0).contains(&ratio) {
            return Err(b.error("`ratio` must be between 0 and 1"));
        }
        Ok(Self {
            min_len: b.spec.min.unwrap_or(5),
            max_distance: b.spec.max.unwrap_or(2),
            ratio,
            suffixes: b.spec.words.clone().unwrap_or_default(),
            relatives: Builder::set(&b.spec.phrases, true),
        })
    }

    /// Deletions indexed for a form of `len` letters: the largest distance a pair whose shorter
    /// form has that length may have (none below `min` letters, where only identical
    /// spellings match; one below 8 letters at the default ratio). Both forms of a matching
    /// pair have at least the depth of the shorter, so no pair is lost, and a short name costs
    /// its length in deletions, not its square.
    fn depth(&self, len: usize) -> usize {
        if len < self.min_len {
            return 0;
        }
        let by_ratio = (self.ratio * len as f64).floor() as usize;
        self.max_distance.min(2).min(by_ratio)
    }

    fn same_name(&self, a: &Form, ka: &str, ca: &[char], b: &Form, kb: &str, cb: &[char]) -> bool {
        let shorter = ca.len().min(cb.len());
        // The distance is at least the difference in length: no need to compute it then.
        if ca.len().abs_diff(cb.len()) > self.max_distance {
            return false;
        }
        let d = distance(ca, cb);
        // A short name matches only a spelling the transliteration table makes identical.
        let close = if shorter < self.min_len {
            d == 0
        } else {
            d <= self.max_distance && (d as f64) <= self.ratio * shorter as f64
        };
        let (long, short) = if ka.len() >= kb.len() {
            (ka, kb)
        } else {
            (kb, ka)
        };
        let inflected = long
            .strip_prefix(short)
            .is_some_and(|rest| self.suffixes.iter().any(|s| s == rest))
            || ending_swap(ka, kb);
        let different_people =
            !a.givens.is_empty() && !b.givens.is_empty() && a.givens.is_disjoint(&b.givens);
        close && !inflected && !different_people && (a.person || b.person)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let ents = cx.entities();
        let text = cx.text();
        let mut forms: FxHashMap<&str, Form> = FxHashMap::default();
        // Surnames of three and four letters, for the doubled-letter comparison.
        let mut short: FxHashMap<&str, Form> = FxHashMap::default();
        for (i, m) in ents.mentions.iter().enumerate() {
            let key = ents.folded(m);
            let person = ents.entity(i).is_some_and(|e| e.is_person);
            let letters = key.chars().count();
            if (3..self.min_len.min(5)).contains(&letters) && key.chars().all(char::is_alphabetic) {
                short.entry(key).or_default().add(
                    m.surname(text),
                    m.surname_span,
                    person,
                    m.given(text),
                );
            }
            // Short names take part only through the transliteration table (Choe = Choi).
            if key.chars().count() < self.min_len && cx.people.transliteration.is_empty() {
                continue;
            }
            forms.entry(key).or_default().add(
                m.surname(text),
                m.surname_span,
                person,
                m.given(text),
            );
        }
        let mut keys: Vec<(usize, &str)> =
            forms.iter().map(|(k, f)| (f.spans[0].start, *k)).collect();
        // Each form starts at its own first mention, so the order is total.
        keys.sort_unstable_by_key(|k| k.0);
        let keys: Vec<&str> = keys.into_iter().map(|k| k.1).collect();
        // The spellings compared: folded, with the language pair's transliteration applied.
        let norms: Vec<String> = keys.iter().map(|k| cx.people.transliterate(k)).collect();
        // Forms within edit distance d share a string reached by at most d deletions from each
        // (the symmetric-deletion scheme). Only forms that name a person are stored under those
        // strings, since a pair needs one; every form looks its strings up. Names longer than
        // `MAX_NAME_CHARS` take no part, and each lookup compares at most `MAX_BUCKET_PAIRS`
        // stored forms, so the work is linear in the number of forms by construction.
        let chars: Vec<Vec<char>> = norms.iter().map(|k| k.chars().collect()).collect();
        let indexed: Vec<bool> = chars.iter().map(|c| c.len() <= MAX_NAME_CHARS).collect();
        let mut buckets: FxHashMap<u64, Bucket> = FxHashMap::default();
        let mut dels = Vec::new();
        for n in 0..norms.len() {
            if indexed[n] && forms[keys[n]].person {
                deletion_hashes(&chars[n], self.depth(chars[n].len()), &mut dels);
                for &del in &dels {
                    let b = buckets.entry(del).or_default();
                    // Form numbers fit in u32: a document has fewer mentions than bytes / 4.
                    if (b.len as usize) < MAX_BUCKET_PAIRS
                        && let Ok(n) = u32::try_from(n)
                    {
                        b.members[b.len as usize] = n;
                        b.len += 1;
                    }
                }
            }
        }
        let mut parent: Vec<usize> = (0..keys.len()).collect();
        for (n, k) in norms.iter().enumerate() {
            if !indexed[n] {
                continue;
            }
            let mut compared = 0;
            deletion_hashes(&chars[n], self.depth(chars[n].len()), &mut dels);
            for del in &dels {
                if compared >= MAX_COMPARISONS {
                    break;
                }
                let Some(bucket) = buckets.get(del) else {
                    continue;
                };
                for o in bucket.members() {
                    if o == n || find(&mut parent, n) == find(&mut parent, o) {
                        continue;
                    }
                    compared += 1;
                    if self.same_name(
                        &forms[keys[o]],
                        &norms[o],
                        &chars[o],
                        &forms[keys[n]],
                        k,
                        &chars[n],
                    ) {
                        let (ra, rb) = (find(&mut parent, o), find(&mut parent, n));
                        parent[ra.max(rb)] = ra.min(rb);
                    }
                }
            }
        }
        let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for n in 0..keys.len() {
            let r = find(&mut parent, n);
            groups.entry(r).or_default().push(n);
        }
        self.doubled_letters(&short, rule, text, out);
        self.given_slips(cx, rule, out);
        let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
        groups.sort();
        for g in groups {
            let count = |n: usize| forms[keys[n]].spans.len();
            let best = *g
                .iter()
                .max_by_key(|&&n| (count(n), std::cmp::Reverse(n)))
                .unwrap_or(&g[0]);
            if g.iter().any(|&n| n != best && count(n) == count(best)) {
                continue; // no majority
            }
            let canon = &forms[keys[best]];
            for &n in g.iter().filter(|&&n| n != best) {
                for &span in &forms[keys[n]].spans {
                    let f = rule.finding(span, span.of(text));
                    let message = f
                        .message
                        .replace("{canonical}", &canon.written)
                        .replace("{count}", &canon.spans.len().to_string());
                    out.push(
                        f.with_message(message)
                            .with_suggestion(Some(canon.written.clone()))
                            .with_canonical(canon.written.clone(), canon.spans[0]),
                    );
                }
            }
        }
    }
}

/// Findings for the mentions of `flagged`, spelled `canonical` (written `written`, `count`
/// times, first at `first`).
fn flag(
    rule: &Rule,
    text: &str,
    spans: &[Span],
    written: &str,
    count: usize,
    first: Span,
    out: &mut Vec<Finding>,
) {
    for &span in spans {
        let f = rule.finding(span, span.of(text));
        let message = f
            .message
            .replace("{canonical}", written)
            .replace("{count}", &count.to_string());
        out.push(
            f.with_message(message)
                .with_suggestion(Some(written.to_string()))
                .with_canonical(written.to_string(), first),
        );
    }
}

/// Whether two folded given names differ only at the end by letters that include a vowel:
/// "Jan"/"Jana", "Maria"/"Mario", "Christian"/"Christina" are usually two people (a gendered
/// or diminutive ending), not one name misspelled.
fn ending_differs_by_vowel(a: &[char], b: &[char]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
        .min(a.len().min(b.len()) - prefix);
    if suffix > 0 {
        return false;
    }
    let vowel = |c: &char| "aeiouy".contains(*c);
    a[prefix..].iter().any(vowel) || b[prefix..].iter().any(vowel)
}

/// The given names written with one surname, each with its mentions.
struct Given {
    key: String,
    written: String,
    spans: Vec<Span>,
    sentences: Vec<usize>,
    person: bool,
}

/// Most distinct given names of one surname compared pairwise: an article names a handful of
/// relatives at most; a list of many is a register, and is skipped.
const MAX_GIVENS: usize = 8;

impl NameVariant {
    /// A short surname with a doubled letter written once with it single, or the reverse
    /// ("Voss" / "Vos"): below `min` letters only this slip is compared, and only when the
    /// majority form names a person with a given name and the minority form is never used with
    /// another given name.
    fn doubled_letters(
        &self,
        short: &FxHashMap<&str, Form>,
        rule: &Rule,
        text: &str,
        out: &mut Vec<Finding>,
    ) {
        let mut keys: Vec<&&str> = short.keys().collect();
        keys.sort_unstable_by_key(|k| short[**k].spans[0].start);
        for long_key in keys {
            let chars: Vec<char> = long_key.chars().collect();
            if chars.len() < 4 {
                continue;
            }
            for i in 1..chars.len() - 1 {
                if chars[i] != chars[i + 1] || "aeiouy".contains(chars[i]) {
                    continue;
                }
                let single: String = chars
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, c)| c)
                    .collect();
                let (Some(l), Some(s)) = (short.get(*long_key), short.get(single.as_str())) else {
                    continue;
                };
                let (canon, odd) = if l.spans.len() > s.spans.len() {
                    (l, s)
                } else if s.spans.len() > l.spans.len() {
                    (s, l)
                } else {
                    continue;
                };
                if !canon.person || canon.givens.is_empty() || !odd.givens.is_subset(&canon.givens)
                {
                    continue;
                }
                flag(
                    rule,
                    text,
                    &odd.spans,
                    &canon.written,
                    canon.spans.len(),
                    canon.spans[0],
                    out,
                );
            }
        }
    }

    /// One person's given name spelled two ways with the same surname ("Tomas Lindqvist",
    /// later "Tomes Lindqvist"): same first letter, one edit apart (two from eight letters),
    /// at least four letters. Kept apart: endings that differ by a vowel (Jan/Jana), two
    /// forms both used more than once, both names in one sentence ("Jan and Jana Berg"), and a
    /// kin noun (`phrases`) in a sentence with either.
    fn given_slips(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let ents = cx.entities();
        let text = cx.text();
        let doc = cx.doc;
        let mut by_surname: FxHashMap<u32, Vec<Given>> = FxHashMap::default();
        let mut order: Vec<u32> = Vec::new();
        // Surnames shown to be a person's: a person entity, or used both alone and after a
        // given name (two spellings of the given name split the entity, not the person).
        let mut bare: FxHashSet<u32> = FxHashSet::default();
        let mut people: FxHashSet<u32> = FxHashSet::default();
        for (i, m) in ents.mentions.iter().enumerate() {
            if m.is_bare() {
                bare.insert(m.key);
            }
            if ents.entity(i).is_some_and(|e| e.is_person) {
                people.insert(m.key);
            }
        }
        for (i, m) in ents.mentions.iter().enumerate() {
            let (Some(g), Some(gs)) = (m.given(text), m.given_span) else {
                continue;
            };
            if m.middle_len > 0
                || g.chars().count() < 4
                || !g.chars().next().is_some_and(char::is_uppercase)
                || !g.chars().skip(1).all(char::is_lowercase)
            {
                continue;
            }
            let key = cx.people.transliterate(&fold(g));
            let list = by_surname.entry(m.key).or_insert_with(|| {
                order.push(m.key);
                Vec::new()
            });
            // A surname with more given names than MAX_GIVENS is skipped below; stop growing
            // its list, so that the search for a given name stays bounded.
            if list.len() > MAX_GIVENS {
                continue;
            }
            let person = ents.entity(i).is_some_and(|e| e.is_person)
                || people.contains(&m.key)
                || bare.contains(&m.key);
            match list.iter_mut().find(|x| x.key == key) {
                Some(x) => {
                    x.spans.push(gs);
                    x.sentences.push(m.sentence);
                    x.person |= person;
                }
                None => list.push(Given {
                    key,
                    written: g.to_string(),
                    spans: vec![gs],
                    sentences: vec![m.sentence],
                    person,
                }),
            }
        }
        let sentence_has = |sentences: &[usize], pred: &dyn Fn(&str) -> bool| {
            sentences.iter().any(|&s| {
                doc.sentences().get(s).is_some_and(|s| {
                    doc.sentence_tokens(s)
                        .iter()
                        .any(|t| pred(t.span().of(text)))
                })
            })
        };
        for surname in order {
            let list = &by_surname[&surname];
            if list.len() < 2 || list.len() > MAX_GIVENS {
                continue;
            }
            let chars: Vec<Vec<char>> = list.iter().map(|g| g.key.chars().collect()).collect();
            let mut flagged = vec![false; list.len()];
            for a in 0..list.len() {
                for b in a + 1..list.len() {
                    let (ca, cb) = (&chars[a], &chars[b]);
                    let shorter = ca.len().min(cb.len());
                    if ca[0] != cb[0] || ca.len().abs_diff(cb.len()) > 2 {
                        continue;
                    }
                    let d = distance(ca, cb);
                    let allowed = if shorter >= 8 { 2 } else { 1 };
                    if d == 0 || d > allowed || ending_differs_by_vowel(ca, cb) {
                        continue;
                    }
                    let (ga, gb) = (&list[a], &list[b]);
                    if !(ga.person || gb.person) {
                        continue;
                    }
                    // The majority spelling; on a tie of single uses, the first.
                    let (canon, odd, o) = if gb.spans.len() > ga.spans.len() {
                        (gb, ga, a)
                    } else {
                        (ga, gb, b)
                    };
                    if flagged[o] || (odd.spans.len() > 1 && odd.spans.len() >= canon.spans.len()) {
                        continue;
                    }
                    let names = |w: &str, key: &str| fold(w) == key;
                    let together = sentence_has(&odd.sentences, &|w| names(w, &canon.key))
                        || sentence_has(&canon.sentences, &|w| names(w, &odd.key));
                    let kin =
                        |w: &str| crate::entities::with_lower(w, |l| self.relatives.contains(l));
                    if together
                        || sentence_has(&odd.sentences, &kin)
                        || sentence_has(&canon.sentences, &kin)
                    {
                        continue;
                    }
                    flagged[o] = true;
                    flag(
                        rule,
                        text,
                        &odd.spans,
                        &canon.written,
                        canon.spans.len(),
                        canon.spans[0],
                        out,
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::distance;

    fn d(a: &str, b: &str) -> usize {
        distance(
            &a.chars().collect::<Vec<_>>(),
            &b.chars().collect::<Vec<_>>(),
        )
    }

    #[test]
    fn edit_distance() {
        assert_eq!(d("zelenskiy", "zelensky"), 1);
        assert_eq!(d("tchaikovsky", "chaikovsky"), 1);
        assert_eq!(d("harris", "harrison"), 2);
        assert_eq!(d("abcd", "abdc"), 1);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("abcdef", "badcfe"), 3);
    }
}
