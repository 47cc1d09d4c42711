//! The defect injector: recall and false alarms measured on defects planted in clean prose.
//!
//! The clean articles of `tests/fixtures/inject/` (original, invented news prose; each
//! `NAME.txt` has a `NAME.people` listing its people: surname, gender, whether the article
//! writes an honorific before the surname, the given name and the title) are checked as they
//! are (every finding is a false alarm), then again with one defect planted at a time. Each
//! family of defects is planted in several forms, at places a small deterministic PRNG picks, so
//! a run always plants the same documents. A planted defect is found when a finding of one of
//! the family's rules (or a finding that merged one of them) overlaps the planted span.
//! Near misses (text that looks like a defect but is correct) are planted too: any finding of
//! the family's rules on them is a false alarm.
//!
//! The test prints a table (`cargo test --test injector -- --nocapture`) and asserts floors
//! that hold now, so a change that loses recall or adds false alarms fails it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

/// SplitMix64: small, deterministic and good enough to pick places and words.
struct Rng(u64);

impl Rng {
    /// A generator of its own for each form (FNV-1a of the names), so that adding a form does
    /// not move the places the others plant at.
    fn seeded(family: &str, form: &str) -> Self {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in family.bytes().chain([0]).chain(form.bytes()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        Self(h)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// A random element of a candidate list, `None` when it is empty.
    fn choose<T: Clone>(&mut self, xs: &[T]) -> Option<T> {
        (!xs.is_empty()).then(|| xs[self.below(xs.len())].clone())
    }
}

#[derive(Clone, Debug)]
struct Person {
    surname: String,
    male: bool,
    honorific: bool,
    given: String,
    title: Option<String>,
    former: Option<String>,
}

struct Article {
    name: String,
    text: String,
    people: Vec<Person>,
}

fn load() -> Vec<Article> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/inject");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let people = std::fs::read_to_string(p.with_extension("people"))
                .unwrap_or_default()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let f: Vec<&str> = l.split_whitespace().collect();
                    let rest = f[4..].join(" ");
                    let value = |key: &str| {
                        rest.strip_prefix(key)
                            .map(|v| v.trim().to_string())
                            .filter(|v| !v.is_empty())
                    };
                    Person {
                        surname: f[0].to_string(),
                        male: f[1] == "m",
                        honorific: f[2] == "hon",
                        given: f[3].to_string(),
                        title: value("title="),
                        former: value("former="),
                    }
                })
                .collect();
            Article {
                name: p.file_stem().unwrap().to_string_lossy().into_owned(),
                text,
                people,
            }
        })
        .collect()
}

/// A planted document: the text, the byte range of the defect, and the language pair.
struct Plant {
    text: String,
    span: (usize, usize),
    source: Option<&'static str>,
}

/// Body paragraphs (the headline, the first paragraph, is left out): byte ranges.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        let end = start + part.len();
        if start > 0 && !part.trim().is_empty() {
            out.push((start, end.min(text.trim_end().len().max(start))));
        }
        start = end + 2;
    }
    out
}

/// Sentences of a body paragraph: byte ranges, the terminator (and a closing quote) included.
/// A period after Mr, Ms, Dr or a month abbreviation ends nothing.
fn sentences(text: &str, (ps, pe): (usize, usize)) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = ps;
    let mut i = ps;
    while i < pe {
        if matches!(b[i], b'.' | b'?' | b'!') {
            let mut end = i + 1;
            if end < pe && b[end] == b'"' {
                end += 1;
            }
            let word_start = text[start..i]
                .rfind(|c: char| !c.is_alphanumeric())
                .map_or(start, |k| start + k + 1);
            let word = &text[word_start..i];
            let abbreviation = matches!(word, "Mr" | "Ms" | "Dr" | "Feb" | "Sept");
            let next_opens = end == pe
                || end + 1 < pe
                    && b[end] == b' '
                    && (b[end + 1].is_ascii_uppercase() || b[end + 1] == b'"');
            if next_opens && !abbreviation {
                out.push((start, end));
                start = (end + 1).min(pe);
                i = end;
            }
        }
        i += 1;
    }
    out
}

/// Every sentence of the body with its paragraph: (paragraph index, sentence index in it,
/// range).
fn all_sentences(text: &str) -> Vec<Vec<(usize, usize)>> {
    paragraphs(text)
        .into_iter()
        .map(|p| sentences(text, p))
        .collect()
}

fn replace(text: &str, range: (usize, usize), with: &str) -> String {
    format!("{}{}{}", &text[..range.0], with, &text[range.1..])
}

/// Start offsets of whole-word occurrences of `w` in `text`.
fn word_positions(text: &str, w: &str) -> Vec<usize> {
    text.match_indices(w)
        .map(|(k, _)| k)
        .filter(|&k| {
            let before = text[..k].chars().next_back();
            let after = text[k + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .collect()
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("")
}

/// Sentences that open with one of `openers` and follow a sentence of the same paragraph:
/// (previous sentence, this sentence).
fn pairs_opening_with(text: &str, openers: &[&str]) -> Vec<((usize, usize), (usize, usize))> {
    let mut out = Vec::new();
    for para in all_sentences(text) {
        for w in para.windows(2) {
            let s = &text[w[1].0..w[1].1];
            if openers.contains(&first_word(s)) && !text[w[0].0..w[0].1].contains('"') {
                out.push((w[0], w[1]));
            }
        }
    }
    out
}

const OPENERS: &[&str] = &["The", "It", "He", "She", "They", "This", "Its", "A", "Some"];
const COMPANY_LISTED: &[&str] = &["Ltd", "Inc", "Corp", "Co"];
const COMPANY_UNLISTED: &[&str] = &["Pty", "Bhd", "Intl", "Mfg", "Hldgs", "Assn", "Cie"];
const FIRM_NAMES: &[&str] = &[
    "Harwick Marine",
    "Osterlund Steel",
    "Corvane Data",
    "Belmar Freight",
    "Tavistrom Energy",
    "Quillon Rail",
    "Mereth Logistics",
];
const ORGS: &[&str] = &[
    "ministry",
    "operator",
    "city council",
    "regional government",
    "company",
    "association",
    "board",
    "police",
];

/// A first half that cannot stand, ending in a company name and an abbreviation; the sentence
/// planted after it is the rest of the sentence, capitalised as if a new one began.
fn unfinished_half(rng: &mut Rng, firm: &str) -> String {
    let shapes = [
        "Under the agreement signed with {F}",
        "As part of a deal struck with {F}",
        "Following months of talks with {F}",
        "Despite a loan arranged by {F}",
        "According to a study paid for by {F}",
        "The new terminal, which was designed by {F}",
        "The cranes, whose engines were supplied by {F}",
        "In a contract awarded last year to {F}",
    ];
    rng.pick(&shapes).replace("{F}", firm)
}

/// A complete sentence ending in a company abbreviation: a real end, which must stay silent.
fn complete_half(rng: &mut Rng, firm: &str) -> String {
    let shapes = [
        "The contract was signed with {F}",
        "The cranes were supplied by {F}",
        "Last year the city sold the site to {F}",
        "The new terminal was designed by {F}",
        "Its largest customer is {F}",
    ];
    rng.pick(&shapes).replace("{F}", firm)
}

/// Inserts `half` + "." before the sentence `s` (which keeps its capital): the cut sits inside
/// what was meant as one sentence. The span runs from the abbreviation to the next word.
fn cut_before(text: &str, s: (usize, usize), half: &str) -> Plant {
    let inserted = format!("{half}. ");
    let new = replace(text, (s.0, s.0), &inserted);
    let abbr_start = s.0 + half.rfind(' ').map_or(0, |k| k + 1);
    let next_end = s.0 + inserted.len() + first_word(&text[s.0..s.1]).len();
    Plant {
        text: new,
        span: (abbr_start, next_end),
        source: None,
    }
}

type Form = fn(&Article, &mut Rng) -> Option<Plant>;

fn split_unlisted_company(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, OPENERS);
    let (_, s) = rng.choose(&pairs)?;
    let firm = format!("{} {}", rng.pick(FIRM_NAMES), rng.pick(COMPANY_UNLISTED));
    let half = unfinished_half(rng, &firm);
    Some(cut_before(&a.text, s, &half))
}

fn split_listed_company(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, OPENERS);
    let (_, s) = rng.choose(&pairs)?;
    let firm = format!("{} {}", rng.pick(FIRM_NAMES), rng.pick(COMPANY_LISTED));
    let half = unfinished_half(rng, &firm);
    Some(cut_before(&a.text, s, &half))
}

fn split_initial(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, OPENERS);
    let (_, s) = rng.choose(&pairs)?;
    let initials = ["J", "K", "R", "T", "M"];
    let given = ["Lena", "Marek", "Ines", "Paul", "Sana"];
    let name = format!("{} {}", rng.pick(&given), rng.pick(&initials));
    let shapes = [
        "Under the plan drawn up by {F}",
        "In a report written by {F}",
        "The inquiry, which was led by {F}",
    ];
    let half = rng.pick(&shapes).replace("{F}", &name);
    Some(cut_before(&a.text, s, &half))
}

fn split_title(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // A title whose name was lost: "…, said Dr. The board …".
    let pairs = pairs_opening_with(&a.text, &["The", "It", "This", "They", "He", "She"]);
    let (p, s) = rng.choose(&pairs)?;
    let title = rng.pick(&["Dr", "Prof", "Gov", "Sen", "Insp"]);
    let frame = rng.pick(&["said", "according to", "the report by"]);
    let end = p.1 - 1;
    if a.text.as_bytes()[end] != b'.' {
        return None;
    }
    let inserted = format!(", {frame} {title}");
    let new = replace(&a.text, (end, end), &inserted);
    let start = end + inserted.len() - title.len();
    let next_end = s.0 + inserted.len() + first_word(&a.text[s.0..s.1]).len();
    Some(Plant {
        text: new,
        span: (start, next_end),
        source: None,
    })
}

fn split_numbering(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, &["The", "It", "This", "They"]);
    let (p, s) = rng.choose(&pairs)?;
    let abbr = rng.pick(&["No", "Vol", "Fig"]);
    let frame = rng.pick(&["as set out in ruling", "as shown in", "in the report's"]);
    let end = p.1 - 1;
    if a.text.as_bytes()[end] != b'.' {
        return None;
    }
    let inserted = format!(", {frame} {abbr}");
    let new = replace(&a.text, (end, end), &inserted);
    let start = end + inserted.len() - abbr.len();
    let next_end = s.0 + inserted.len() + first_word(&a.text[s.0..s.1]).len();
    Some(Plant {
        text: new,
        span: (start, next_end),
        source: None,
    })
}

fn split_lowercase(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // "… a day. it has asked …": the next sentence continues in lowercase.
    let pairs = pairs_opening_with(&a.text, &["It", "They", "He", "She", "The", "This"]);
    let (p, s) = rng.choose(&pairs)?;
    let w = first_word(&a.text[s.0..s.1]);
    let new = replace(&a.text, (s.0, s.0 + w.len()), &w.to_lowercase());
    let last_start = a.text[p.0..p.1 - 1].rfind(' ').map_or(p.0, |k| p.0 + k + 1);
    Some(Plant {
        text: new,
        span: (last_start, s.0 + w.len()),
        source: None,
    })
}

fn split_paragraph(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // A paragraph break before a relative clause: "… the harbour\n\nwhich …".
    let mut cands = Vec::new();
    for para in all_sentences(&a.text) {
        for s in para {
            let t = &a.text[s.0..s.1];
            for rel in [", which ", ", who ", " which ", " where "] {
                if let Some(k) = t.find(rel)
                    && !t.contains('"')
                    && t[..k].split(' ').count() >= 6
                {
                    cands.push((s.0 + k, rel));
                }
            }
        }
    }
    if cands.is_empty() {
        return None;
    }
    let (k, rel) = rng.choose(&cands)?;
    let word = rel.trim_start_matches(',').trim();
    let new = replace(&a.text, (k, k + rel.len()), &format!("\n\n{word} "));
    let last_start = a.text[..k].rfind(' ').map_or(0, |j| j + 1);
    Some(Plant {
        text: new,
        span: (last_start, k + 2 + word.len()),
        source: None,
    })
}

/// A complete first half, then a "sentence" that is only the appositive of the company: the
/// period after the abbreviation ended nothing.
fn verbless_second(a: &Article, rng: &mut Rng, forms: &[&str]) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, OPENERS);
    let (_, s) = rng.choose(&pairs)?;
    let firm = format!("{} {}", rng.pick(FIRM_NAMES), rng.pick(forms));
    let appositive = rng.pick(&[
        "The Oslo-based firm that builds most of the region's ferries.",
        "A family business founded in 1952.",
        "The largest shipyard on the northern coast.",
        "The company that runs the city's two container terminals.",
    ]);
    let half = complete_half(rng, &firm);
    let mut p = cut_before(&a.text, s, &format!("{half}. {appositive}"));
    // The span: the abbreviation through the appositive's first word.
    let abbr = p.text[..p.span.0 + 200.min(p.text.len() - p.span.0)]
        .rfind(&format!("{firm}. "))
        .map(|k| k + firm.len() - firm.rsplit(' ').next().unwrap().len())?;
    p.span = (
        abbr,
        abbr + firm.rsplit(' ').next().unwrap().len() + 2 + first_word(appositive).len(),
    );
    Some(p)
}

fn split_verbless_unlisted(a: &Article, rng: &mut Rng) -> Option<Plant> {
    verbless_second(a, rng, COMPANY_UNLISTED)
}

fn split_verbless_listed(a: &Article, rng: &mut Rng) -> Option<Plant> {
    verbless_second(a, rng, COMPANY_LISTED)
}

/// A near miss: a real sentence end after a company abbreviation (listed or not).
fn split_near_miss(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, OPENERS);
    let (_, s) = rng.choose(&pairs)?;
    let forms: Vec<&str> = COMPANY_LISTED
        .iter()
        .chain(COMPANY_UNLISTED)
        .copied()
        .collect();
    let firm = format!("{} {}", rng.pick(FIRM_NAMES), rng.pick(&forms));
    let half = complete_half(rng, &firm);
    Some(cut_before(&a.text, s, &half))
}

/// A near miss: an adverbial opening, then a subject and its predicate, ending after a
/// company abbreviation ("Under the new rules the city signed a lease with … Pty.").
fn split_near_miss_adverbial(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, OPENERS);
    let (_, s) = rng.choose(&pairs)?;
    let forms: Vec<&str> = COMPANY_LISTED
        .iter()
        .chain(COMPANY_UNLISTED)
        .copied()
        .collect();
    let firm = format!("{} {}", rng.pick(FIRM_NAMES), rng.pick(&forms));
    let half = rng
        .pick(&[
            "Under the new rules the city signed a lease with {F}",
            "In 2019 the port handed the site to {F}",
            "After long talks the board picked {F}",
            "Despite the protests the council awarded the contract to {F}",
            "According to the minutes, the board met the owners of {F}",
        ])
        .replace("{F}", &firm);
    Some(cut_before(&a.text, s, &half))
}

/// Inserts `sentence` after a random sentence of the body (not a quote), in its paragraph.
fn insert_after(a: &Article, rng: &mut Rng, sentence: &str) -> Option<Plant> {
    let mut cands = Vec::new();
    for para in all_sentences(&a.text) {
        for s in para {
            if !a.text[s.0..s.1].contains('"') {
                cands.push(s.1);
            }
        }
    }
    let at = rng.choose(&cands)?;
    let new = replace(&a.text, (at, at), &format!(" {sentence}"));
    Some(Plant {
        text: new,
        span: (at + 1, at + 1 + sentence.len()),
        source: None,
    })
}

fn dangling_attribution(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let marker = rng.pick(&["According to", "As reported by", "Citing figures from"]);
    let s = format!("{marker} the {}.", rng.pick(ORGS));
    insert_after(a, rng, &s)
}

fn dangling_reporting(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let verb = rng.pick(&["said", "announced", "added", "explained", "noted"]);
    let s = format!("The {} {verb}.", rng.pick(ORGS));
    insert_after(a, rng, &s)
}

fn dangling_connective(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let s = format!(
        "{}.",
        rng.pick(&[
            "Moreover",
            "However",
            "Furthermore",
            "Meanwhile",
            "Nevertheless"
        ])
    );
    insert_after(a, rng, &s)
}

fn dangling_complement(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let s = rng.pick(&[
        "He claimed that there was.",
        "The union said it was because of.",
        "Officials said that it was.",
        "She added that the reason was.",
    ]);
    insert_after(a, rng, s)
}

fn dangling_subordinate(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let s = format!(
        "{} the {} had agreed to the plan.",
        rng.pick(&["Although", "Unless", "Whereas", "Even though"]),
        rng.pick(ORGS)
    );
    insert_after(a, rng, &s)
}

/// Two sentences of a paragraph joined: the period between them dropped.
fn join(a: &Article, rng: &mut Rng, openers: &[&str], lower: bool) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, openers);
    let (p, s) = rng.choose(&pairs)?;
    if a.text.as_bytes()[p.1 - 1] != b'.' {
        return None;
    }
    let w = first_word(&a.text[s.0..s.1]);
    let w2 = if lower {
        w.to_lowercase()
    } else {
        w.to_string()
    };
    let new = format!("{} {}{}", &a.text[..p.1 - 1], w2, &a.text[s.0 + w.len()..]);
    let last_start = a.text[p.0..p.1 - 1].rfind(' ').map_or(p.0, |k| p.0 + k + 1);
    Some(Plant {
        text: new,
        span: (last_start, p.1 + w.len()),
        source: None,
    })
}

fn runon_capital(a: &Article, rng: &mut Rng) -> Option<Plant> {
    join(a, rng, &["The", "It", "He", "She", "They", "This"], false)
}

fn runon_pronoun_lower(a: &Article, rng: &mut Rng) -> Option<Plant> {
    join(a, rng, &["It", "He", "She", "They"], true)
}

fn runon_article_lower(a: &Article, rng: &mut Rng) -> Option<Plant> {
    join(a, rng, &["The", "This", "Its"], true)
}

/// Adjacent words of the body whose space is dropped; `upper` asks for a capitalised second
/// word ("officeMayor"), otherwise both are lowercase words of three letters or more.
fn glue(a: &Article, rng: &mut Rng, upper: bool) -> Option<Plant> {
    let mut cands = Vec::new();
    for para in all_sentences(&a.text) {
        for s in para {
            let t = &a.text[s.0..s.1];
            let mut pos = 0;
            let words: Vec<(usize, &str)> = t
                .split(' ')
                .map(|w| {
                    let k = pos;
                    pos += w.len() + 1;
                    (k, w)
                })
                .collect();
            for w in words.windows(2).skip(1) {
                let (l, r) = (w[0].1, w[1].1);
                let alpha = |x: &str| x.chars().all(char::is_alphabetic);
                let ok = alpha(l)
                    && alpha(r)
                    && l.len() >= 3
                    && l.chars().all(char::is_lowercase)
                    && if upper {
                        r.chars().next().is_some_and(char::is_uppercase)
                            && r.chars().skip(1).all(char::is_lowercase)
                            && r.len() >= 4
                    } else {
                        r.len() >= 3 && r.chars().all(char::is_lowercase)
                    };
                if ok {
                    cands.push((s.0 + w[0].0, l.len(), r.len()));
                }
            }
        }
    }
    let (start, ll, rl) = rng.choose(&cands)?;
    let new = replace(&a.text, (start + ll, start + ll + 1), "");
    Some(Plant {
        text: new,
        span: (start, start + ll + rl),
        source: None,
    })
}

fn glued_lower(a: &Article, rng: &mut Rng) -> Option<Plant> {
    glue(a, rng, false)
}

fn glued_capital(a: &Article, rng: &mut Rng) -> Option<Plant> {
    glue(a, rng, true)
}

const HONORIFICS: &[&str] = &["Mr. ", "Ms. ", "Dr. "];

/// Mentions of a person's surname after the first two: where drift is planted.
fn later_mentions(text: &str, p: &Person) -> Vec<usize> {
    let all = word_positions(text, &p.surname);
    all.into_iter()
        .skip(2)
        .filter(|&k| {
            // Outside quotes: count the quote marks of the line before it.
            let line_start = text[..k].rfind('\n').map_or(0, |j| j + 1);
            text[line_start..k].matches('"').count().is_multiple_of(2)
        })
        .collect()
}

fn preceded_by_honorific(text: &str, k: usize) -> Option<usize> {
    HONORIFICS
        .iter()
        .find(|h| text[..k].ends_with(*h))
        .map(|h| h.len())
}

/// The later mentions of people matching `keep`, bare (no honorific nor title before them).
fn bare_mentions(a: &Article, keep: impl Fn(&Person) -> bool) -> Vec<(usize, Person)> {
    let mut out = Vec::new();
    for p in a.people.iter().filter(|p| keep(p)) {
        for k in later_mentions(&a.text, p) {
            let before = &a.text[..k];
            let capital_before = before.trim_end().rsplit(' ').next().is_some_and(|w| {
                w.chars().next().is_some_and(char::is_uppercase) && !w.ends_with('.')
            });
            if preceded_by_honorific(&a.text, k).is_none() && !capital_before {
                out.push((k, p.clone()));
            }
        }
    }
    out
}

fn honorific_dropped(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let mut cands = Vec::new();
    for p in a.people.iter().filter(|p| p.honorific) {
        for k in later_mentions(&a.text, p) {
            if let Some(h) = preceded_by_honorific(&a.text, k) {
                cands.push((k - h, k, p.surname.len()));
            }
        }
    }
    if cands.is_empty() {
        return None;
    }
    let (hs, k, n) = rng.choose(&cands)?;
    let new = replace(&a.text, (hs, k), "");
    Some(Plant {
        text: new,
        span: (hs, hs + n),
        source: None,
    })
}

fn honorific_added(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let cands = bare_mentions(a, |p| !p.honorific);
    if cands.is_empty() {
        return None;
    }
    let (k, p) = rng.choose(&cands)?;
    let h = if p.male { "Mr. " } else { "Ms. " };
    let new = replace(&a.text, (k, k), h);
    Some(Plant {
        text: new,
        span: (k, k + h.len() + p.surname.len()),
        source: None,
    })
}

fn honorific_leaked(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let cands = bare_mentions(a, |_| true);
    if cands.is_empty() {
        return None;
    }
    let (k, p) = rng.choose(&cands)?;
    let suffix = rng.pick(&["-san", "-shi", "-ssi", "-sensei"]);
    let at = k + p.surname.len();
    let new = replace(&a.text, (at, at), suffix);
    Some(Plant {
        text: new,
        span: (k, at + suffix.len()),
        source: Some(if *suffix == "-ssi" { "ko" } else { "ja" }),
    })
}

fn title_former_dropped(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let cands = bare_mentions(a, |p| p.former.is_some());
    if cands.is_empty() {
        return None;
    }
    let (k, p) = rng.choose(&cands)?;
    let t = format!("{} ", p.former.as_deref().unwrap());
    let new = replace(&a.text, (k, k), &t);
    Some(Plant {
        text: new,
        span: (k, k + t.len() + p.surname.len()),
        source: None,
    })
}

fn title_rank_dropped(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // "Deputy Minister Voss" introduced, "Minister Voss" later.
    let cands = bare_mentions(a, |p| {
        p.title
            .as_deref()
            .is_some_and(|t| t.starts_with("Deputy ") || t.starts_with("Chief "))
    });
    if cands.is_empty() {
        return None;
    }
    let (k, p) = rng.choose(&cands)?;
    let title = p.title.as_deref().unwrap();
    let t = format!("{} ", title.split_once(' ').unwrap().1);
    let t = if t == "Executive " {
        "Executive ".to_string()
    } else {
        t
    };
    let new = replace(&a.text, (k, k), &t);
    Some(Plant {
        text: new,
        span: (k, k + t.len() + p.surname.len()),
        source: None,
    })
}

fn title_other(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // A later title that is not the one the person was introduced with.
    let cands = bare_mentions(a, |p| p.title.is_some() || p.former.is_some());
    if cands.is_empty() {
        return None;
    }
    let (k, p) = rng.choose(&cands)?;
    let own = p.title.clone().or(p.former.clone()).unwrap();
    let others: Vec<&str> = ["Governor", "Commissioner", "Minister", "Mayor", "Director"]
        .into_iter()
        .filter(|t| !own.contains(t))
        .collect();
    let t = format!("{} ", rng.pick(&others));
    let new = replace(&a.text, (k, k), &t);
    Some(Plant {
        text: new,
        span: (k, k + t.len() + p.surname.len()),
        source: None,
    })
}

/// A spelling variant of a surname made by one transliteration-like change.
fn variant(surname: &str, rng: &mut Rng) -> Option<String> {
    let subs: &[(&str, &str)] = &[
        ("qv", "qu"),
        ("k", "c"),
        ("cz", "tch"),
        ("w", "v"),
        ("v", "w"),
        ("ff", "f"),
        ("ll", "l"),
        ("ss", "s"),
        ("i", "y"),
        ("y", "i"),
        ("ei", "ey"),
        ("ou", "u"),
        ("ph", "f"),
        ("e", "a"),
        ("a", "e"),
    ];
    let applicable: Vec<&(&str, &str)> = subs
        .iter()
        .filter(|(f, _)| surname[1..].contains(f))
        .collect();
    if applicable.is_empty() {
        return None;
    }
    let (f, t) = rng.pick(&applicable);
    let k = 1 + surname[1..].find(f).unwrap();
    Some(format!("{}{}{}", &surname[..k], t, &surname[k + f.len()..]))
}

fn name_spelling(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let mut cands = Vec::new();
    for p in &a.people {
        for k in later_mentions(&a.text, p) {
            cands.push((k, p.clone()));
        }
    }
    let (k, p) = rng.choose(&cands)?;
    let v = variant(&p.surname, rng)?;
    let new = replace(&a.text, (k, k + p.surname.len()), &v);
    Some(Plant {
        text: new,
        span: (k, k + v.len()),
        source: None,
    })
}

fn name_swapped(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // "Renata Okafor" introduced, "Okafor Renata" later.
    let cands = bare_mentions(a, |_| true);
    let (k, p) = rng.choose(&cands)?;
    let swapped = format!("{} {}", p.surname, p.given);
    let new = replace(&a.text, (k, k + p.surname.len()), &swapped);
    Some(Plant {
        text: new,
        span: (k, k + swapped.len()),
        source: None,
    })
}

fn name_given_variant(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // The full name written again later with a variant of the given name.
    let cands = bare_mentions(a, |_| true);
    let (k, p) = rng.choose(&cands)?;
    let g = variant(&p.given, rng)?;
    if g == p.given {
        return None;
    }
    let full = format!("{g} {}", p.surname);
    let new = replace(&a.text, (k, k + p.surname.len()), &full);
    Some(Plant {
        text: new,
        span: (k, k + g.len()),
        source: None,
    })
}

/// A gendered pronoun of a person, after a mention in the same sentence or as the first word
/// of the next one, flipped to the other gender.
fn pronoun_flip(a: &Article, rng: &mut Rng, opening: bool) -> Option<Plant> {
    let mut cands = Vec::new();
    for para in all_sentences(&a.text) {
        for (i, &s) in para.iter().enumerate() {
            let t = &a.text[s.0..s.1];
            if t.contains('"') {
                continue;
            }
            let named: Vec<&Person> = a
                .people
                .iter()
                .filter(|p| !word_positions(t, &p.surname).is_empty())
                .collect();
            if opening {
                let Some(&prev) = i.checked_sub(1).map(|j| &para[j]) else {
                    continue;
                };
                let pt = &a.text[prev.0..prev.1];
                let before: Vec<&Person> = a
                    .people
                    .iter()
                    .filter(|p| !word_positions(pt, &p.surname).is_empty())
                    .collect();
                if before.len() != 1 || !named.is_empty() {
                    continue;
                }
                let p = before[0];
                let w = first_word(t);
                let to = match (p.male, w) {
                    (true, "He") => "She",
                    (false, "She") => "He",
                    _ => continue,
                };
                cands.push((s.0, w.len(), to));
            } else {
                if named.len() != 1 {
                    continue;
                }
                let p = named[0];
                let first = word_positions(t, &p.surname)[0];
                let pairs: &[(&str, &str)] = if p.male {
                    &[("he", "she"), ("his", "her"), ("him", "her")]
                } else {
                    &[("she", "he"), ("her", "his")]
                };
                for (from, to) in pairs {
                    for k in word_positions(t, from) {
                        if k > first {
                            cands.push((s.0 + k, from.len(), *to));
                        }
                    }
                }
            }
        }
    }
    if cands.is_empty() {
        return None;
    }
    let (k, n, to) = rng.choose(&cands)?;
    let new = replace(&a.text, (k, k + n), to);
    Some(Plant {
        text: new,
        span: (k, k + to.len()),
        source: None,
    })
}

fn pronoun_in_sentence(a: &Article, rng: &mut Rng) -> Option<Plant> {
    pronoun_flip(a, rng, false)
}

fn pronoun_opening(a: &Article, rng: &mut Rng) -> Option<Plant> {
    pronoun_flip(a, rng, true)
}

fn particle_alone(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let w = rng.pick(&["Ta.", "Desu.", "Ne.", "Da.", "Masu.", "Deshita."]);
    let mut p = insert_after(a, rng, w)?;
    p.source = Some("ja");
    Some(p)
}

fn particle_inline(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // Before a sentence's final period: "… near the river desu."
    let mut cands = Vec::new();
    for para in all_sentences(&a.text) {
        for s in para {
            if a.text[s.0..s.1].ends_with('.') && !a.text[s.0..s.1].contains('"') {
                cands.push(s.1 - 1);
            }
        }
    }
    let at = rng.choose(&cands)?;
    let w = rng.pick(&["desu", "yo", "ne", "desune", "masu"]);
    let ins = format!(" {w}");
    let new = replace(&a.text, (at, at), &ins);
    Some(Plant {
        text: new,
        span: (at + 1, at + ins.len()),
        source: Some("ja"),
    })
}

const PHOTOGRAPHERS: &[&str] = &["Lina Faleolo", "Jan Roth", "Mira Santos", "Kofi Mensah"];
const AGENCIES: &[&str] = &["Reuters", "AFP", "AP", "EPA", "Getty Images"];

/// Appends `credit` after the last sentence of a random body paragraph.
fn after_paragraph(a: &Article, rng: &mut Rng, credit: &str, own_line: bool) -> Option<Plant> {
    let paras = paragraphs(&a.text);
    let (_, pe) = rng.choose(&paras)?;
    let sep = if own_line { "\n\n" } else { " " };
    let new = replace(&a.text, (pe, pe), &format!("{sep}{credit}"));
    Some(Plant {
        text: new,
        span: (pe + sep.len(), pe + sep.len() + credit.len()),
        source: None,
    })
}

fn credit_agency(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let c = rng.pick(AGENCIES).to_string();
    after_paragraph(a, rng, &c, false)
}

fn credit_photographer(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let c = format!("{}/{}", rng.pick(PHOTOGRAPHERS), rng.pick(AGENCIES));
    after_paragraph(a, rng, &c, false)
}

fn credit_line(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let c = match rng.below(3) {
        0 => format!("Photo: {}", rng.pick(PHOTOGRAPHERS)),
        1 => format!("(Photo: {})", rng.pick(AGENCIES)),
        _ => format!(
            "Photo by {} / {}",
            rng.pick(PHOTOGRAPHERS),
            rng.pick(AGENCIES)
        ),
    };
    after_paragraph(a, rng, &c, true)
}

fn debris_line(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let c = rng.pick(&[
        "Related News",
        "Read more",
        "SELECT LANGUAGE BELOW",
        "Share this article",
        "Subscribe to our newsletter",
        "Advertisement",
        "Most Read",
        "Follow us on Facebook",
        "Click here to read the full story",
        "More Stories",
    ]);
    after_paragraph(a, rng, c, true)
}

fn debris_share_buttons(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let mut names = [
        "Facebook", "Twitter", "WhatsApp", "Email", "Print", "LinkedIn",
    ];
    // A run of four to six, in a shuffled order.
    for i in (1..names.len()).rev() {
        let j = rng.below(i + 1);
        names.swap(i, j);
    }
    let n = 4 + rng.below(3);
    let c = names[..n].join("\n");
    after_paragraph(a, rng, &c, true)
}

/// A character planted inside a random word of the body.
fn inside_word(a: &Article, rng: &mut Rng, with: &str) -> Option<Plant> {
    let paras = paragraphs(&a.text);
    let (ps, pe) = rng.choose(&paras)?;
    let spaces: Vec<usize> = a.text[ps..pe]
        .match_indices(' ')
        .map(|(k, _)| ps + k)
        .collect();
    let k = rng.choose(&spaces)?;
    // After the space: at the start of the next word, or within it.
    let word_len = a.text[k + 1..]
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(0);
    let at = k
        + 1
        + if word_len > 2 {
            1 + rng.below(word_len - 1)
        } else {
            0
        };
    let new = replace(&a.text, (at, at), with);
    Some(Plant {
        text: new,
        span: (at, at + with.len()),
        source: None,
    })
}

fn invisible(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let c = rng.pick(&[
        "\u{200B}", "\u{00AD}", "\u{2060}", "\u{FEFF}", "\u{200E}", "\u{202E}",
    ]);
    inside_word(a, rng, c)
}

/// UTF-8 read as Windows-1252: what an accented letter or a curly quote becomes.
fn mojibake(s: &str) -> String {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    s.bytes()
        .map(|b| match b {
            0x80..=0x9F => CP1252[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

fn mojibake_apostrophe(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let cands: Vec<usize> = a.text.match_indices("'s ").map(|(k, _)| k).collect();
    if cands.is_empty() {
        return None;
    }
    let k = rng.choose(&cands)?;
    let m = mojibake("’");
    let new = replace(&a.text, (k, k + 1), &m);
    Some(Plant {
        text: new,
        span: (k, k + m.len()),
        source: None,
    })
}

fn mojibake_letter(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // A surname written with an accented letter, garbled.
    let mut cands = Vec::new();
    for p in &a.people {
        for k in later_mentions(&a.text, p) {
            cands.push((k, p.surname.clone()));
        }
    }
    let (k, name) = rng.choose(&cands)?;
    let (i, c) = name
        .char_indices()
        .skip(1)
        .find(|(_, c)| "aeiou".contains(*c))?;
    let accented = match c {
        'a' => "á",
        'e' => "é",
        'i' => "í",
        'o' => "ö",
        _ => "ü",
    };
    let m = mojibake(accented);
    let new = replace(&a.text, (k + i, k + i + 1), &m);
    Some(Plant {
        text: new,
        span: (k + i, k + i + m.len()),
        source: None,
    })
}

fn mojibake_quote(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let cands: Vec<usize> = a.text.match_indices(" \"").map(|(k, _)| k + 1).collect();
    let k = rng.choose(&cands)?;
    let m = mojibake("“");
    let new = replace(&a.text, (k, k + 1), &m);
    Some(Plant {
        text: new,
        span: (k, k + m.len()),
        source: None,
    })
}

struct Family {
    name: &'static str,
    rules: &'static [&'static str],
    forms: &'static [(&'static str, Form)],
    /// Near misses: plants that must give no finding of `rules`.
    near_misses: &'static [(&'static str, Form)],
    /// Floors: found plants out of `TRIALS` per form, summed over the forms (set about a tenth
    /// below what the checks find now, so that only a real loss fails); false alarms on the
    /// near misses at most.
    min_found: usize,
    max_near_alarms: usize,
}

const TRIALS: usize = 16;

fn families() -> Vec<Family> {
    vec![
        Family {
            name: "broken split",
            rules: &["en/broken-split"],
            forms: &[
                ("unlisted company form", split_unlisted_company),
                ("listed company form", split_listed_company),
                ("name initial", split_initial),
                ("verbless second half, listed", split_verbless_listed),
                ("verbless second half, unlisted", split_verbless_unlisted),
                ("title without name", split_title),
                ("numbering without number", split_numbering),
                ("lowercase continuation", split_lowercase),
                ("paragraph break", split_paragraph),
            ],
            near_misses: &[
                ("real end after company form", split_near_miss),
                ("adverbial, subject, predicate", split_near_miss_adverbial),
            ],
            min_found: 116,
            max_near_alarms: 0,
        },
        Family {
            name: "dangling fragment",
            rules: &["en/dangling-fragment", "en/dangling-preposition"],
            forms: &[
                ("attribution marker + source", dangling_attribution),
                ("subject + reporting verb", dangling_reporting),
                ("connective alone", dangling_connective),
                ("complement cut off", dangling_complement),
                ("bare subordinate clause", dangling_subordinate),
            ],
            near_misses: &[],
            min_found: 49,
            max_near_alarms: 0,
        },
        Family {
            name: "run-on",
            rules: &["en/run-on"],
            forms: &[
                ("capitalised opener", runon_capital),
                ("lowercase pronoun", runon_pronoun_lower),
                ("lowercase article", runon_article_lower),
            ],
            near_misses: &[],
            min_found: 17,
            max_near_alarms: 0,
        },
        Family {
            name: "glued words",
            rules: &["en/glued-words"],
            forms: &[
                ("lowercase + lowercase", glued_lower),
                ("lowercase + capital", glued_capital),
            ],
            near_misses: &[],
            min_found: 26,
            max_near_alarms: 0,
        },
        Family {
            name: "honorific drift",
            rules: &[
                "en/honorific-drift",
                "en/honorific-style",
                "en/leaked-honorific",
                "ja-en/leaked-honorific",
                "ko-en/leaked-honorific",
            ],
            forms: &[
                ("honorific dropped", honorific_dropped),
                ("honorific added", honorific_added),
                ("leaked suffix", honorific_leaked),
            ],
            near_misses: &[],
            min_found: 34,
            max_near_alarms: 0,
        },
        Family {
            name: "title drift",
            rules: &["en/title-drift", "en/role-drift"],
            forms: &[
                ("former dropped", title_former_dropped),
                ("rank dropped", title_rank_dropped),
                ("another title", title_other),
            ],
            near_misses: &[],
            min_found: 45,
            max_near_alarms: 0,
        },
        Family {
            name: "name variant",
            rules: &["en/name-variant", "en/name-form"],
            forms: &[
                ("surname spelling", name_spelling),
                ("given and family swapped", name_swapped),
                ("given name spelling", name_given_variant),
            ],
            near_misses: &[],
            min_found: 45,
            max_near_alarms: 0,
        },
        Family {
            name: "pronoun drift",
            rules: &["en/pronoun-drift"],
            forms: &[
                ("after a mention", pronoun_in_sentence),
                ("opening the next sentence", pronoun_opening),
            ],
            near_misses: &[],
            min_found: 13,
            max_near_alarms: 0,
        },
        Family {
            name: "leaked particle",
            rules: &["ja-en/leaked-particle", "en/lone-nonword"],
            forms: &[
                ("sentence of its own", particle_alone),
                ("before the period", particle_inline),
            ],
            near_misses: &[],
            min_found: 28,
            max_near_alarms: 0,
        },
        Family {
            name: "photo credit",
            rules: &["en/photo-credit"],
            forms: &[
                ("agency after the paragraph", credit_agency),
                ("photographer/agency after it", credit_photographer),
                ("credit line of its own", credit_line),
            ],
            near_misses: &[],
            min_found: 43,
            max_near_alarms: 0,
        },
        Family {
            name: "UI debris",
            rules: &[
                "en/page-boilerplate",
                "en/share-buttons",
                "en/web-furniture",
            ],
            forms: &[
                ("interface line", debris_line),
                ("share buttons", debris_share_buttons),
            ],
            near_misses: &[],
            min_found: 28,
            max_near_alarms: 0,
        },
        Family {
            name: "invisible character",
            rules: &["common/invisible-character"],
            forms: &[("inside or before a word", invisible)],
            near_misses: &[],
            min_found: 14,
            max_near_alarms: 0,
        },
        Family {
            name: "mojibake",
            rules: &["common/mojibake"],
            forms: &[
                ("curly apostrophe", mojibake_apostrophe),
                ("accented letter", mojibake_letter),
                ("curly quote", mojibake_quote),
            ],
            near_misses: &[],
            min_found: 43,
            max_near_alarms: 0,
        },
    ]
}

struct Checker {
    linters: BTreeMap<Option<&'static str>, Linter>,
}

impl Checker {
    fn new() -> Self {
        let mut linters = BTreeMap::new();
        for source in [None, Some("ja"), Some("ko")] {
            let options = Options {
                language: Some("en".into()),
                source_language: source.map(str::to_string),
                ..Options::default()
            };
            linters.insert(source, Linter::new(Catalog::embedded().unwrap(), options));
        }
        Self { linters }
    }

    /// The findings as (rules, including merged ones; byte span).
    fn findings(
        &self,
        text: &str,
        source: Option<&'static str>,
    ) -> Vec<(Vec<String>, (usize, usize))> {
        let report = self.linters[&source].check_text("inject.txt", text);
        assert!(report.error.is_none(), "{:?}", report.error);
        report
            .findings
            .iter()
            .map(|f| {
                let mut rules = vec![f.rule.to_string()];
                rules.extend(f.related.iter().map(|r| r.rule.to_string()));
                (rules, (f.span.start, f.span.end))
            })
            .collect()
    }
}

/// Plants with `plant` in a random article, trying the next articles when one offers no
/// place for the form (an article without a former office holder, say).
fn plant_somewhere(
    articles: &[Article],
    trial: usize,
    rng: &mut Rng,
    plant: Form,
) -> Option<Plant> {
    let first = trial + rng.below(articles.len());
    (0..articles.len()).find_map(|k| plant(&articles[(first + k) % articles.len()], rng))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

#[test]
fn injected_defects_are_found() {
    let articles = load();
    assert!(articles.len() >= 5, "the clean articles are missing");
    let checker = Checker::new();
    let mut table = String::new();
    let mut failures = Vec::new();

    // False alarms on the clean text.
    let mut clean_alarms = 0;
    let mut sentences_total = 0;
    for a in &articles {
        sentences_total += all_sentences(&a.text).iter().map(Vec::len).sum::<usize>();
        for (rules, span) in checker.findings(&a.text, None) {
            clean_alarms += 1;
            let _ = writeln!(
                table,
                "clean false alarm in {}: {} {:?}",
                a.name,
                rules.join("+"),
                &a.text[span.0..span.1]
            );
        }
    }

    let _ = writeln!(
        table,
        "{:<22} {:<32} {:>6} {:>7}",
        "family", "form", "found", "planted"
    );
    let mut misses = String::new();
    let mut totals = (0, 0);
    for fam in families() {
        let mut fam_found = 0;
        let mut fam_planted = 0;
        for (form, plant) in fam.forms {
            let mut rng = Rng::seeded(fam.name, form);
            let (mut found, mut planted) = (0, 0);
            for t in 0..TRIALS {
                let Some(p) = plant_somewhere(&articles, t, &mut rng, *plant) else {
                    continue;
                };
                planted += 1;
                let hit = checker
                    .findings(&p.text, p.source)
                    .iter()
                    .any(|(rules, span)| {
                        rules.iter().any(|r| fam.rules.contains(&r.as_str()))
                            && overlaps(*span, p.span)
                    });
                if hit {
                    found += 1;
                } else if misses.len() < 40_000 {
                    let from = p.text[..p.span.0]
                        .char_indices()
                        .rev()
                        .nth(40)
                        .map_or(0, |x| x.0);
                    let to = p.span.1
                        + p.text[p.span.1..]
                            .char_indices()
                            .nth(30)
                            .map_or(p.text.len() - p.span.1, |x| x.0);
                    let _ = writeln!(
                        misses,
                        "  missed {} / {form}: {:?}",
                        fam.name,
                        &p.text[from..to]
                    );
                }
            }
            let _ = writeln!(
                table,
                "{:<22} {:<32} {:>6} {:>7}",
                fam.name, form, found, planted
            );
            fam_found += found;
            fam_planted += planted;
        }
        let mut near_alarms = 0;
        for (form, plant) in fam.near_misses {
            let mut rng = Rng::seeded(fam.name, form);
            let mut planted = 0;
            let mut alarms = 0;
            for t in 0..TRIALS {
                let Some(p) = plant_somewhere(&articles, t, &mut rng, *plant) else {
                    continue;
                };
                planted += 1;
                if checker
                    .findings(&p.text, p.source)
                    .iter()
                    .any(|(rules, span)| {
                        rules.iter().any(|r| fam.rules.contains(&r.as_str()))
                            && overlaps(*span, p.span)
                    })
                {
                    alarms += 1;
                    let from = p.text[..p.span.0]
                        .char_indices()
                        .rev()
                        .nth(90)
                        .map_or(0, |x| x.0);
                    let to = (p.span.1 + 60).min(p.text.len());
                    let to = (to..=p.text.len())
                        .find(|&k| p.text.is_char_boundary(k))
                        .unwrap();
                    let _ = writeln!(
                        misses,
                        "  near-miss alarm {} / {form}: {:?}",
                        fam.name,
                        &p.text[from..to]
                    );
                }
            }
            let _ = writeln!(
                table,
                "{:<22} {:<32} {:>6} {:>7}  (near miss: false alarms)",
                fam.name, form, alarms, planted
            );
            near_alarms += alarms;
        }
        let _ = writeln!(
            table,
            "{:<22} {:<32} {:>6} {:>7}  recall {:.2}\n",
            fam.name,
            "all forms",
            fam_found,
            fam_planted,
            fam_found as f64 / fam_planted.max(1) as f64
        );
        totals.0 += fam_found;
        totals.1 += fam_planted;
        if fam_found < fam.min_found {
            failures.push(format!(
                "{}: {fam_found} found, floor {}",
                fam.name, fam.min_found
            ));
        }
        if near_alarms > fam.max_near_alarms {
            failures.push(format!(
                "{}: {near_alarms} false alarms on near misses, at most {}",
                fam.name, fam.max_near_alarms
            ));
        }
    }
    let _ = writeln!(
        table,
        "all families: {}/{} found (recall {:.2}); clean text: {} articles, {} sentences, {} false alarms",
        totals.0,
        totals.1,
        totals.0 as f64 / totals.1.max(1) as f64,
        articles.len(),
        sentences_total,
        clean_alarms
    );
    println!("{table}\n{misses}");
    if clean_alarms > MAX_CLEAN_ALARMS {
        failures.push(format!(
            "{clean_alarms} false alarms on the clean articles, at most {MAX_CLEAN_ALARMS}"
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// At most this many findings on the clean articles.
const MAX_CLEAN_ALARMS: usize = 1;
