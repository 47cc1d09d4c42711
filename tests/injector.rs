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
//!
//! The articles' language is their file name's prefix (`en-`, `de-`, `fr-`). English has the
//! first test; German and French the second, whose forms each name the languages they are
//! planted in (register drift Sie/du and vous/tu, Herr/Frau and M./Mme drift, splits after
//! Dr./Prof./Nr./Art. and company forms, glued words, locale quotes, decimal commas and French
//! spacing, credits, debris, invisible characters and mojibake of the locale's own letters),
//! with floors per language and family.

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
    /// The target language, from the file name's prefix (`en-`, `de-`, `fr-`).
    lang: String,
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
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            Article {
                lang: name.split('-').next().unwrap_or("en").to_string(),
                name,
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
/// A period after Mr, Ms, Dr, Prof, a month abbreviation, the French `M.` or a German ordinal
/// before a month (`am 14. Juni`) ends nothing; a closing quote (`"`, `“`, `»` after its
/// narrow space) belongs to the sentence it closes.
fn sentences(text: &str, (ps, pe): (usize, usize)) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = ps;
    let mut i = ps;
    while i < pe {
        if matches!(b[i], b'.' | b'?' | b'!') {
            let mut end = i + 1;
            for close in ["\"", "“", "\u{202F}»", "\u{A0}»", " »"] {
                if text[end..pe].starts_with(close) {
                    end += close.len();
                    break;
                }
            }
            let word_start = text[start..i]
                .rfind(|c: char| !c.is_alphanumeric())
                .map_or(start, |k| {
                    start + k + text[start + k..].chars().next().map_or(1, char::len_utf8)
                });
            let word = &text[word_start..i];
            let next = text
                .get(end + 1..pe)
                .unwrap_or("")
                .split(' ')
                .next()
                .unwrap_or("");
            let ordinal_date = word.len() <= 2
                && word.bytes().all(|c| c.is_ascii_digit())
                && GERMAN_MONTHS_AND_MAL.contains(&next);
            let abbreviation =
                matches!(word, "Mr" | "Ms" | "Dr" | "Prof" | "M" | "Feb" | "Sept") || ordinal_date;
            let next_opens = end == pe
                || end + 1 < pe
                    && b[end] == b' '
                    && text[end + 1..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '„' | '«'));
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

const GERMAN_MONTHS_AND_MAL: &[&str] = &[
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
    "Mal",
];

/// Whether a sentence holds a quotation (English, German or French marks).
fn quotes(s: &str) -> bool {
    s.contains(['"', '„', '«'])
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
            if openers.contains(&first_word(s)) && !quotes(&text[w[0].0..w[0].1]) {
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
            if !quotes(&a.text[s.0..s.1]) {
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
    // Letters outside ASCII (German, French): step back to the start of the character.
    let at = (0..=at).rev().find(|&j| a.text.is_char_boundary(j))?;
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
        Self::for_language("en", &[None, Some("ja"), Some("ko")])
    }

    /// A linter for the target `lang` per source language in `sources`.
    fn for_language(lang: &str, sources: &[Option<&'static str>]) -> Self {
        let mut linters = BTreeMap::new();
        for &source in sources {
            let options = Options {
                language: Some(lang.into()),
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
    let articles: Vec<Article> = load().into_iter().filter(|a| a.lang == "en").collect();
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

// ---------------------------------------------------------------------------------------------
// German and French targets: the same measurement on `de-*.txt` and `fr-*.txt`, with forms
// that say which languages they apply to.

/// Whole-word occurrences of `w` outside quotations and not opening a sentence (the word
/// before is a lowercase word or a comma).
fn inner_word_positions(text: &str, w: &str) -> Vec<usize> {
    let body = paragraphs(text).first().map_or(0, |p| p.0);
    word_positions(text, w)
        .into_iter()
        .filter(|&k| k > body && outside_quotes(text, k))
        .filter(|&k| {
            let before = text[..k].trim_end_matches(' ');
            let last = before.rsplit(' ').next().unwrap_or("");
            before.len() + 1 == k
                && (last.ends_with(',') || last.chars().next().is_some_and(char::is_lowercase))
        })
        .collect()
}

/// Whether byte `k` sits outside „…“ and «…» (the paragraph's opening marks are all closed).
fn outside_quotes(text: &str, k: usize) -> bool {
    let para = text[..k].rfind("\n\n").map_or(0, |j| j + 2);
    let t = &text[para..k];
    t.matches('„').count() <= t.matches('“').count()
        && t.matches('«').count() <= t.matches('»').count()
}

/// Replaces one occurrence of a word from `swaps` (formal → informal) outside quotes.
fn swap_word(a: &Article, rng: &mut Rng, swaps: &[(&str, &str)]) -> Option<Plant> {
    let mut cands = Vec::new();
    for &(from, to) in swaps {
        for k in inner_word_positions(&a.text, from) {
            cands.push((k, from, to));
        }
    }
    let (k, from, to) = rng.choose(&cands)?;
    Some(Plant {
        text: replace(&a.text, (k, k + from.len()), to),
        span: (k, k + to.len()),
        source: None,
    })
}

fn register_de_possessive(a: &Article, rng: &mut Rng) -> Option<Plant> {
    swap_word(
        a,
        rng,
        &[
            ("Ihr", "dein"),
            ("Ihre", "deine"),
            ("Ihren", "deinen"),
            ("Ihrem", "deinem"),
            ("Ihrer", "deiner"),
            ("Ihres", "deines"),
            ("Ihnen", "dir"),
        ],
    )
}

fn register_de_pronoun(a: &Article, rng: &mut Rng) -> Option<Plant> {
    // Only the formal "Sie" after a verb or conjunction (never sentence-initial, never the
    // lowercase "sie" of narration).
    swap_word(a, rng, &[("Sie", "du")])
}

fn register_fr_possessive(a: &Article, rng: &mut Rng) -> Option<Plant> {
    swap_word(a, rng, &[("vos", "tes"), ("votre", "ton"), ("vous", "tu")])
}

/// Later mentions (third and on) of a person, bare or with the honorific the article uses.
fn mentions_after_intro(a: &Article, p: &Person) -> Vec<usize> {
    word_positions(&a.text, &p.surname)
        .into_iter()
        .skip(2)
        .filter(|&k| outside_quotes(&a.text, k))
        .collect()
}

const DE_TITLES_BEFORE: &[&str] = &["Dr. ", "Prof. ", "Herr ", "Frau "];

/// German: "Herr X" / "Frau X" on a later, bare mention (the article names people bare).
fn honorific_de_added(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let mut cands = Vec::new();
    for p in &a.people {
        for k in mentions_after_intro(a, p) {
            let before = &a.text[..k];
            if !DE_TITLES_BEFORE.iter().any(|t| before.ends_with(t))
                && !before.ends_with(&format!("{} ", p.given))
            {
                cands.push((k, if p.male { "Herr " } else { "Frau " }));
            }
        }
    }
    let (k, h) = rng.choose(&cands)?;
    Some(Plant {
        text: replace(&a.text, (k, k), h),
        span: (k, k + h.len()),
        source: None,
    })
}

/// An English honorific before a later mention: "Mr. X" in German or French prose.
fn honorific_english(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let mut cands = Vec::new();
    for p in &a.people {
        for k in mentions_after_intro(a, p) {
            let before = &a.text[..k];
            if !before.ends_with(&format!("{} ", p.given)) {
                let (h, strip) = match (before.ends_with("M. "), before.ends_with("Mme ")) {
                    (true, _) => ("Mr. ", 3),
                    (_, true) => ("Ms. ", 4),
                    _ if DE_TITLES_BEFORE.iter().any(|t| before.ends_with(t)) => continue,
                    _ => (if p.male { "Mr. " } else { "Ms. " }, 0),
                };
                cands.push((k - strip, k, h));
            }
        }
    }
    let (s, k, h) = rng.choose(&cands)?;
    Some(Plant {
        text: replace(&a.text, (s, k), h),
        span: (s, s + h.len()),
        source: None,
    })
}

/// French: the honorific a person carries everywhere dropped on one later mention, or added
/// on a later mention where the article names people bare.
fn honorific_fr_drift(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let mut cands = Vec::new();
    for p in &a.people {
        let h = if p.male { "M. " } else { "Mme " };
        for k in mentions_after_intro(a, p) {
            let before = &a.text[..k];
            if before.ends_with(&format!("{} ", p.given)) {
                continue;
            }
            if p.honorific && before.ends_with(h) {
                cands.push((k - h.len(), k, ""));
            } else if !p.honorific {
                cands.push((k, k, h));
            }
        }
    }
    let (s, k, h) = rng.choose(&cands)?;
    let new = replace(&a.text, (s, k), h);
    let surname_end = new[s..]
        .find(|c: char| !c.is_alphabetic() && c != ' ' && c != '.' && c != '-')
        .map_or(new.len(), |j| s + j);
    Some(Plant {
        text: new,
        span: (s, surname_end.max(s + 1)),
        source: None,
    })
}

const DE_OPENERS: &[&str] = &["Die", "Der", "Das", "Er", "Sie", "Es", "Ein", "Eine"];
const FR_OPENERS: &[&str] = &[
    "Le", "La", "Les", "Il", "Elle", "Ils", "Ce", "Cette", "Un", "Une",
];

fn openers_for(lang: &str) -> &'static [&'static str] {
    if lang == "de" { DE_OPENERS } else { FR_OPENERS }
}

/// "…, sagte Prof. Die Stadt …": an abbreviation that needs a name or number after it, then
/// the next sentence. `frames` come before the abbreviation.
fn cut_after_abbreviation(
    a: &Article,
    rng: &mut Rng,
    frames: &[&str],
    abbrs: &[&str],
) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, openers_for(&a.lang));
    let (p, s) = rng.choose(&pairs)?;
    let end = p.1 - 1;
    if a.text.as_bytes()[end] != b'.' {
        return None;
    }
    let abbr = rng.pick(abbrs);
    let inserted = format!(" {} {abbr}", rng.pick(frames));
    let new = replace(&a.text, (end, end), &inserted);
    let start = end + inserted.len() - abbr.len();
    let next_end = s.0 + inserted.len() + first_word(&a.text[s.0..s.1]).len();
    Some(Plant {
        text: new,
        span: (start, next_end),
        source: None,
    })
}

fn split_de_title(a: &Article, rng: &mut Rng) -> Option<Plant> {
    cut_after_abbreviation(
        a,
        rng,
        &[", sagte", ", so", ", erklärte", ", heißt es bei"],
        &["Dr", "Prof"],
    )
}

fn split_de_number(a: &Article, rng: &mut Rng) -> Option<Plant> {
    cut_after_abbreviation(
        a,
        rng,
        &[", wie es in", ", geregelt in", " nach"],
        &["Nr", "Art", "Abs", "Ziff"],
    )
}

fn split_fr_title(a: &Article, rng: &mut Rng) -> Option<Plant> {
    cut_after_abbreviation(
        a,
        rng,
        &[", selon le", ", a souligné le", ", d’après le"],
        &["Dr", "Pr", "M"],
    )
}

/// French: a first half ending in a company form, the rest capitalised as a new sentence
/// ("Le contrat signé avec Varenne SA. Prévoit …" cut before the other sentence).
fn split_fr_company(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, FR_OPENERS);
    let (_, s) = rng.choose(&pairs)?;
    let firm = format!(
        "{} {}",
        rng.pick(&["Varenne", "Delmas Frères", "Ostral", "Bréhant"]),
        rng.pick(&["SA", "SAS", "Inc", "Ltd", "Cie"])
    );
    let half = rng
        .pick(&[
            "Selon une étude financée par {F}",
            "Dans le cadre d’un accord conclu avec {F}",
            "Malgré un prêt accordé par {F}",
            "Le chantier, dont les travaux sont confiés à {F}",
        ])
        .replace("{F}", &firm);
    Some(cut_before(&a.text, s, &half))
}

/// German: the same with a company form that ends in a period.
fn split_de_company(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let pairs = pairs_opening_with(&a.text, DE_OPENERS);
    let (_, s) = rng.choose(&pairs)?;
    let firm = format!(
        "{} {}",
        rng.pick(&["Hallbeck", "Sörensen & Söhne", "Nordwerk", "Brandl"]),
        rng.pick(&["Co", "Inc", "Ltd", "Corp"])
    );
    let half = rng
        .pick(&[
            "Nach einer Studie im Auftrag von {F}",
            "Im Rahmen eines Vertrags mit {F}",
            "Trotz eines Kredits von {F}",
            "Die Anlage, deren Bau übernommen hat {F}",
        ])
        .replace("{F}", &firm);
    Some(cut_before(&a.text, s, &half))
}

/// A near miss: a title abbreviation followed by its name, inserted as a sentence.
fn split_near_title_with_name(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let s = if a.lang == "de" {
        rng.pick(&[
            "Die Untersuchung leitete Prof. Jan Roth.",
            "Das Gutachten stammt von Dr. Sven Hallmann.",
            "Geregelt ist das in Art. 3 der Satzung.",
        ])
    } else {
        rng.pick(&[
            "Le projet est suivi par M. Le Goff depuis mai.",
            "L’étude a été confiée au Dr Paul Ménard.",
            "Les rames sortent des ateliers Varenne SA.",
        ])
    };
    insert_after(a, rng, s)
}

/// A near miss for register drift: the other register inside quoted speech, which is exempt.
fn register_near_quoted(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let s = if a.lang == "de" {
        rng.pick(&[
            "„Hast du das schon gehört?“, fragte eine Anwohnerin ihren Nachbarn.",
            "„Wir sagen einfach du zueinander“, erzählte ein Teilnehmer.",
            "„Das schaffst du“, habe ihr der Trainer gesagt.",
        ])
    } else {
        rng.pick(&[
            "«\u{202F}Tu verras, ça ira\u{202F}», a lancé une voisine.",
            "«\u{202F}On se dit tu, ici\u{202F}», sourit un bénévole.",
            "«\u{202F}Ta patience paiera\u{202F}», lui a dit son père.",
        ])
    };
    insert_after(a, rng, s)
}

/// A near miss for honorific drift: Herr/Frau or M./Mme before a bare-style surname inside
/// quoted speech, which is exempt.
fn honorific_near_quoted(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let bare: Vec<&Person> = a.people.iter().filter(|p| !p.honorific).collect();
    let p = rng.choose(&bare)?;
    let s = if a.lang == "de" {
        let h = if p.male { "Herr" } else { "Frau" };
        format!(
            "„{h} {} hat uns immer zugehört“, sagte ein Anwohner.",
            p.surname
        )
    } else {
        let h = if p.male { "M." } else { "Mme" };
        format!(
            "«\u{202F}{h} {} nous a toujours écoutés\u{202F}», a dit un habitant.",
            p.surname
        )
    };
    insert_after(a, rng, &s)
}

/// French: "Il"/"Elle" opening a sentence right after one that names a person of that gender,
/// flipped to the other gender.
fn pronoun_fr_opening(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let mut cands = Vec::new();
    for (p, s) in pairs_opening_with(&a.text, &["Il", "Elle"]) {
        let male = first_word(&a.text[s.0..s.1]) == "Il";
        let prev = &a.text[p.0..p.1];
        let named: Vec<&Person> = a
            .people
            .iter()
            .filter(|x| !word_positions(prev, &x.surname).is_empty())
            .collect();
        if named.len() == 1 && named[0].male == male {
            cands.push((s.0, male));
        }
    }
    let (k, male) = rng.choose(&cands)?;
    let (from, to) = if male { ("Il", "Elle") } else { ("Elle", "Il") };
    Some(Plant {
        text: replace(&a.text, (k, k + from.len()), to),
        span: (k, k + to.len()),
        source: None,
    })
}

/// French: "a-t-il"/"a-t-elle" after a quotation or clause about one named person, flipped.
fn pronoun_fr_inverted(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let mut cands = Vec::new();
    for para in all_sentences(&a.text) {
        for (i, s) in para.iter().enumerate() {
            let t = &a.text[s.0..s.1];
            for (form, male) in [("-t-il", true), ("-t-elle", false)] {
                let Some(j) = t.find(form) else { continue };
                // The person: named in this sentence or the one before, and only one.
                let ctx_start = if i > 0 { para[i - 1].0 } else { s.0 };
                let ctx = &a.text[ctx_start..s.1];
                let named: Vec<&Person> = a
                    .people
                    .iter()
                    .filter(|x| !word_positions(ctx, &x.surname).is_empty())
                    .collect();
                if named.len() == 1 && named[0].male == male {
                    cands.push((s.0 + j + 3, male));
                }
            }
        }
    }
    let (k, male) = rng.choose(&cands)?;
    let (from, to) = if male { ("il", "elle") } else { ("elle", "il") };
    Some(Plant {
        text: replace(&a.text, (k, k + from.len()), to),
        span: (k, k + to.len()),
        source: None,
    })
}

/// A former office holder named on a later, bare mention with the office alone ("Ober-
/// bürgermeister Hennings", "le ministre Castaing"): "former" dropped.
fn title_locale_former_dropped(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let mut cands = Vec::new();
    for p in &a.people {
        let Some(office) = &p.former else { continue };
        for k in mentions_after_intro(a, p) {
            let before = a.text[..k].trim_end_matches(' ');
            if before.ends_with(&p.given) || before.ends_with(office.as_str()) {
                continue;
            }
            let opens = before.is_empty() || before.ends_with(['.', '\n', '»', '“']);
            let title = match (a.lang.as_str(), opens) {
                ("fr", true) => format!("Le {office} "),
                ("fr", false) => format!("le {office} "),
                _ => format!("{office} "),
            };
            cands.push((k, title));
        }
    }
    let (k, title) = rng.choose(&cands)?;
    let surname_len = a.text[k..]
        .find(|c: char| !c.is_alphabetic() && c != '-')
        .unwrap_or(0);
    Some(Plant {
        text: replace(&a.text, (k, k), &title),
        span: (k, k + title.len() + surname_len),
        source: None,
    })
}

/// Two lowercase words glued where one of them is a function word ("Wochefür", "prixde").
fn glue_function_word(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let small: &[&str] = if a.lang == "de" {
        &[
            "für", "und", "mit", "der", "die", "das", "von", "zu", "auf", "bei", "nach", "den",
            "dem", "ein", "eine", "im", "am",
        ]
    } else {
        &[
            "de", "la", "le", "les", "des", "du", "et", "pour", "dans", "avec", "sur", "par",
            "une", "un", "en",
        ]
    };
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
                let alpha = |x: &str| !x.is_empty() && x.chars().all(char::is_alphabetic);
                if alpha(l)
                    && alpha(r)
                    && (small.contains(&l) || small.contains(&r))
                    && l.chars().count() + r.chars().count() >= 6
                    && !(small.contains(&l) && small.contains(&r))
                {
                    cands.push((s.0 + w[0].0, l.len(), r.len()));
                }
            }
        }
    }
    let (start, ll, rl) = rng.choose(&cands)?;
    Some(Plant {
        text: replace(&a.text, (start + ll, start + ll + 1), ""),
        span: (start, start + ll + rl),
        source: None,
    })
}

fn credit_locale_inline(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let c = if a.lang == "de" {
        format!(
            "Foto: {}/{}",
            rng.pick(PHOTOGRAPHERS),
            rng.pick(&["dpa", "picture alliance", "Reuters", "epd"])
        )
    } else {
        format!(
            "Photo\u{202F}: {} / {}",
            rng.pick(PHOTOGRAPHERS),
            rng.pick(&["AFP", "Reuters", "MaxPPP", "Sipa"])
        )
    };
    after_paragraph(a, rng, &c, false)
}

fn credit_locale_agency(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let c = if a.lang == "de" {
        rng.pick(&["dpa", "Reuters", "AFP", "epd", "imago"])
    } else {
        rng.pick(&["AFP", "Reuters", "AP", "Sipa", "Getty Images"])
    };
    after_paragraph(a, rng, c, false)
}

fn credit_locale_line(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let c = if a.lang == "de" {
        match rng.below(3) {
            0 => format!("Foto: {}", rng.pick(PHOTOGRAPHERS)),
            1 => format!("Bild: {}/dpa", rng.pick(PHOTOGRAPHERS)),
            _ => format!("(Foto: {})", rng.pick(&["dpa", "Reuters", "AFP"])),
        }
    } else {
        match rng.below(3) {
            0 => format!("Photo\u{202F}: {}", rng.pick(PHOTOGRAPHERS)),
            1 => format!("Crédit photo\u{202F}: {} / AFP", rng.pick(PHOTOGRAPHERS)),
            _ => format!("(Photo {})", rng.pick(&["AFP", "Reuters", "AP"])),
        }
    };
    after_paragraph(a, rng, &c, true)
}

fn debris_locale_line(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let c = if a.lang == "de" {
        rng.pick(&[
            "Artikel teilen",
            "Mehr zum Thema",
            "Das könnte Sie auch interessieren",
            "Anzeige",
            "Zur Startseite",
            "Newsletter abonnieren",
            "Kommentare anzeigen",
            "Lesen Sie auch",
            "Weitere Artikel",
            "Zum Seitenanfang",
        ])
    } else {
        rng.pick(&[
            "Publicité",
            "Lire aussi",
            "Partager l’article",
            "Abonnez-vous à notre newsletter",
            "Voir les commentaires",
            "À lire aussi",
            "Retour à l’accueil",
            "Les plus lus",
            "Sur le même sujet",
            "Article réservé aux abonnés",
        ])
    };
    after_paragraph(a, rng, c, true)
}

/// The opening and closing marks of one quotation replaced.
fn requote(a: &Article, rng: &mut Rng, open: &str, close: &str) -> Option<Plant> {
    let (o, c) = if a.lang == "de" {
        ("„", "“")
    } else {
        ("«\u{202F}", "\u{202F}»")
    };
    let opens: Vec<usize> = a.text.match_indices(o).map(|(k, _)| k).collect();
    let k = rng.choose(&opens)?;
    let e = k + o.len() + a.text[k + o.len()..].find(c)?;
    let new = format!(
        "{}{open}{}{close}{}",
        &a.text[..k],
        &a.text[k + o.len()..e],
        &a.text[e + c.len()..]
    );
    Some(Plant {
        text: new,
        span: (k, k + open.len()),
        source: None,
    })
}

fn quotes_english(a: &Article, rng: &mut Rng) -> Option<Plant> {
    requote(a, rng, "“", "”")
}

fn quotes_straight(a: &Article, rng: &mut Rng) -> Option<Plant> {
    requote(a, rng, "\"", "\"")
}

/// A decimal comma written as a point ("1,8 Mio." → "1.8 Mio.").
fn decimal_point(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let b = a.text.as_bytes();
    let cands: Vec<usize> = (1..b.len() - 1)
        .filter(|&k| b[k] == b',' && b[k - 1].is_ascii_digit() && b[k + 1].is_ascii_digit())
        .collect();
    let k = rng.choose(&cands)?;
    let s = a.text[..k]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |j| j + 1);
    let e = k
        + 1
        + a.text[k + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(0);
    Some(Plant {
        text: replace(&a.text, (k, k + 1), "."),
        span: (s, e),
        source: None,
    })
}

/// French: the narrow no-break space before ; : ! ? dropped. (An ordinary space there, or
/// guillemets without their space, are the optional rules `fr/space-before-punctuation` and
/// `fr/guillemet-*-space`, off by default, so they are not planted.)
fn fr_space_before(a: &Article, rng: &mut Rng, with: &str) -> Option<Plant> {
    let cands: Vec<usize> = a
        .text
        .match_indices('\u{202F}')
        .map(|(k, _)| k)
        .filter(|&k| a.text[k + 3..].starts_with([';', ':', '!', '?']))
        .collect();
    let k = rng.choose(&cands)?;
    let s = a.text[..k].rfind(' ').map_or(0, |j| j + 1);
    Some(Plant {
        text: replace(&a.text, (k, k + 3), with),
        span: (s, k + with.len() + 1),
        source: None,
    })
}

fn fr_no_space(a: &Article, rng: &mut Rng) -> Option<Plant> {
    fr_space_before(a, rng, "")
}

/// A letter of the article's own alphabet (umlaut, accent, ß, typographic apostrophe or
/// quote) read as Windows-1252.
fn mojibake_native(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let cands: Vec<(usize, char)> = a
        .text
        .char_indices()
        .filter(|(_, c)| "äöüÄÖÜßéèêàçôîûÉÀ’„“«»".contains(*c))
        .collect();
    let (k, c) = rng.choose(&cands)?;
    let m = mojibake(&c.to_string());
    Some(Plant {
        text: replace(&a.text, (k, k + c.len_utf8()), &m),
        span: (k, k + m.len()),
        source: None,
    })
}

fn dangling_locale(a: &Article, rng: &mut Rng) -> Option<Plant> {
    let s = if a.lang == "de" {
        rng.pick(&[
            "Laut dem Ministerium.",
            "Nach Angaben der Polizei.",
            "Wie die Stadtverwaltung mitteilte.",
            "Die Verwaltung prüft nun, ob und.",
            "Das liege vor allem an den hohen Kosten für.",
            "Weil die Zahl der Anträge.",
        ])
    } else {
        rng.pick(&[
            "Selon le ministère.",
            "D’après la préfecture.",
            "Comme l’a indiqué la mairie.",
            "La mairie étudie désormais si et.",
            "Cela tient surtout au coût élevé de.",
            "Parce que le nombre de demandes.",
        ])
    };
    insert_after(a, rng, s)
}

/// Two sentences of a paragraph joined: the period dropped, the opener kept or lowercased.
fn runon_locale(a: &Article, rng: &mut Rng, lower: bool) -> Option<Plant> {
    let openers: &[&str] = if a.lang == "de" {
        // Lowercased, only pronouns: a German noun keeps its capital.
        if lower { &["Er", "Es"] } else { DE_OPENERS }
    } else {
        FR_OPENERS
    };
    join(a, rng, openers, lower)
}

fn runon_locale_capital(a: &Article, rng: &mut Rng) -> Option<Plant> {
    runon_locale(a, rng, false)
}

fn runon_locale_lower(a: &Article, rng: &mut Rng) -> Option<Plant> {
    runon_locale(a, rng, true)
}

type LangForm = (&'static str, &'static [&'static str], Form);

/// A family for German and French: each form names its languages, each language its floors.
struct LocaleFamily {
    name: &'static str,
    /// Rule ids of every language; a rule of another language never fires.
    rules: &'static [&'static str],
    forms: &'static [LangForm],
    near_misses: &'static [LangForm],
    /// (language, found at least, near-miss false alarms at most), about a tenth below now.
    floors: &'static [(&'static str, usize, usize)],
}

const DE: &[&str] = &["de"];
const FR: &[&str] = &["fr"];
const DE_FR: &[&str] = &["de", "fr"];

fn locale_families() -> Vec<LocaleFamily> {
    vec![
        LocaleFamily {
            name: "register drift",
            rules: &["de/register-drift", "fr/register-drift"],
            forms: &[
                ("Ihr/Ihnen → dein/dir", DE, register_de_possessive),
                ("Sie → du", DE, register_de_pronoun),
                ("vous/votre/vos → tu/ton/tes", FR, register_fr_possessive),
            ],
            near_misses: &[("other register quoted", DE_FR, register_near_quoted)],
            floors: &[("de", 22, 0), ("fr", 5, 0)],
        },
        LocaleFamily {
            name: "honorific drift",
            rules: &[
                "de/honorific-drift",
                "de/honorific-style",
                "de/foreign-honorific",
                "fr/honorific-drift",
                "fr/honorific-style",
                "fr/foreign-honorific",
            ],
            forms: &[
                ("Herr/Frau added", DE, honorific_de_added),
                ("M./Mme added or dropped", FR, honorific_fr_drift),
                ("English Mr./Ms.", DE_FR, honorific_english),
            ],
            near_misses: &[("honorific quoted", DE_FR, honorific_near_quoted)],
            floors: &[("de", 28, 0), ("fr", 27, 0)],
        },
        LocaleFamily {
            name: "pronoun drift",
            rules: &["fr/pronoun-drift"],
            forms: &[
                ("Il/Elle opening the next sentence", FR, pronoun_fr_opening),
                ("a-t-il/a-t-elle", FR, pronoun_fr_inverted),
            ],
            near_misses: &[],
            floors: &[("fr", 18, 0)],
        },
        LocaleFamily {
            name: "title drift",
            rules: &[
                "de/title-drift",
                "de/role-drift",
                "fr/title-drift",
                "fr/role-drift",
            ],
            forms: &[("former dropped", DE_FR, title_locale_former_dropped)],
            near_misses: &[],
            // French finds none today: the introduction "L’ancien ministre de l’Agriculture
            // Bernard Castaing" (an office with its complement) is not read as a title.
            floors: &[("de", 14, 0), ("fr", 0, 0)],
        },
        LocaleFamily {
            name: "broken split",
            rules: &["de/broken-split", "fr/broken-split"],
            forms: &[
                ("title without name", DE, split_de_title),
                ("number abbr. without number", DE, split_de_number),
                ("company form", DE, split_de_company),
                ("title without name", FR, split_fr_title),
                ("company form", FR, split_fr_company),
            ],
            near_misses: &[(
                "title or number complete",
                DE_FR,
                split_near_title_with_name,
            )],
            floors: &[("de", 43, 0), ("fr", 25, 0)],
        },
        LocaleFamily {
            name: "glued words",
            rules: &["de/glued-words", "fr/glued-words"],
            forms: &[
                ("lowercase + lowercase", DE_FR, glued_lower),
                ("lowercase + capital", DE_FR, glued_capital),
                ("with a function word", DE_FR, glue_function_word),
            ],
            near_misses: &[],
            floors: &[("de", 26, 0), ("fr", 42, 0)],
        },
        LocaleFamily {
            name: "dangling fragment",
            rules: &["de/dangling-fragment", "fr/dangling-fragment"],
            forms: &[("attribution or cut clause", DE_FR, dangling_locale)],
            near_misses: &[],
            floors: &[("de", 14, 0), ("fr", 14, 0)],
        },
        LocaleFamily {
            name: "run-on",
            rules: &["de/run-on", "fr/run-on"],
            forms: &[
                ("capitalised opener", DE_FR, runon_locale_capital),
                ("lowercase pronoun/article", DE_FR, runon_locale_lower),
            ],
            near_misses: &[],
            floors: &[("de", 28, 0), ("fr", 18, 0)],
        },
        LocaleFamily {
            name: "photo credit",
            rules: &["de/photo-credit", "fr/photo-credit"],
            forms: &[
                ("photographer/agency inline", DE_FR, credit_locale_inline),
                ("agency alone inline", DE_FR, credit_locale_agency),
                ("credit line of its own", DE_FR, credit_locale_line),
            ],
            near_misses: &[],
            floors: &[("de", 43, 0), ("fr", 43, 0)],
        },
        LocaleFamily {
            name: "UI debris",
            rules: &[
                "de/page-boilerplate",
                "de/web-furniture",
                "fr/page-boilerplate",
                "fr/web-furniture",
                "en/share-buttons",
            ],
            forms: &[
                ("interface line", DE_FR, debris_locale_line),
                ("share buttons", DE_FR, debris_share_buttons),
            ],
            near_misses: &[],
            floors: &[("de", 11, 0), ("fr", 12, 0)],
        },
        LocaleFamily {
            name: "locale punctuation",
            rules: &[
                "de/english-quotes",
                "de/straight-quotes",
                "de/decimal-point",
                "fr/english-quotes",
                "fr/straight-quotes",
                "fr/decimal-point",
                "fr/space-before-punctuation",
                "fr/missing-space-before-punctuation",
                "fr/guillemet-opening-space",
                "fr/guillemet-closing-space",
            ],
            forms: &[
                ("English quotes", DE_FR, quotes_english),
                ("straight quotes", DE_FR, quotes_straight),
                ("decimal point", DE_FR, decimal_point),
                ("no space before ; : ! ?", FR, fr_no_space),
            ],
            near_misses: &[],
            floors: &[("de", 38, 0), ("fr", 57, 0)],
        },
        LocaleFamily {
            name: "invisible character",
            rules: &["common/invisible-character"],
            forms: &[("inside or before a word", DE_FR, invisible)],
            near_misses: &[],
            floors: &[("de", 14, 0), ("fr", 14, 0)],
        },
        LocaleFamily {
            name: "mojibake",
            rules: &["common/mojibake"],
            forms: &[("letter or mark of the locale", DE_FR, mojibake_native)],
            near_misses: &[],
            floors: &[("de", 14, 0), ("fr", 14, 0)],
        },
    ]
}

/// Text around a span for the miss list, on character boundaries.
fn around(text: &str, span: (usize, usize)) -> &str {
    let from = text[..span.0]
        .char_indices()
        .rev()
        .nth(50)
        .map_or(0, |x| x.0);
    let to = span.1
        + text[span.1..]
            .char_indices()
            .nth(30)
            .map_or(text.len() - span.1, |x| x.0);
    &text[from..to]
}

#[test]
fn injected_defects_are_found_in_german_and_french() {
    let all = load();
    let mut table = String::new();
    let mut misses = String::new();
    let mut failures = Vec::new();
    for lang in ["de", "fr"] {
        let articles: Vec<Article> = all
            .iter()
            .filter(|a| a.lang == lang)
            .map(|a| Article {
                name: a.name.clone(),
                lang: a.lang.clone(),
                text: a.text.clone(),
                people: a.people.clone(),
            })
            .collect();
        assert!(articles.len() >= 3, "the clean {lang} articles are missing");
        let checker = Checker::for_language(lang, &[None]);

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
            "[{lang}] {:<19} {:<32} {:>6} {:>7}",
            "family", "form", "found", "planted"
        );
        let (mut all_found, mut all_planted) = (0, 0);
        for fam in locale_families() {
            let Some(&(_, min_found, max_near)) = fam.floors.iter().find(|f| f.0 == lang) else {
                continue;
            };
            let (mut fam_found, mut fam_planted, mut near_alarms) = (0, 0, 0);
            let forms = fam.forms.iter().map(|f| (f, false));
            let near = fam.near_misses.iter().map(|f| (f, true));
            for (&(form, langs, plant), is_near) in forms.chain(near) {
                if !langs.contains(&lang) {
                    continue;
                }
                let mut rng = Rng::seeded(fam.name, &format!("{lang} {form}"));
                let (mut found, mut planted) = (0, 0);
                for t in 0..TRIALS {
                    let Some(p) = plant_somewhere(&articles, t, &mut rng, plant) else {
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
                    }
                    if hit == is_near && misses.len() < 60_000 {
                        let what = if is_near { "near-miss alarm" } else { "missed" };
                        let _ = writeln!(
                            misses,
                            "  [{lang}] {what} {} / {form}: {:?}",
                            fam.name,
                            around(&p.text, p.span)
                        );
                    }
                }
                let note = if is_near {
                    "  (near miss: false alarms)"
                } else {
                    ""
                };
                let _ = writeln!(
                    table,
                    "[{lang}] {:<19} {:<32} {:>6} {:>7}{note}",
                    fam.name, form, found, planted
                );
                if is_near {
                    near_alarms += found;
                } else {
                    fam_found += found;
                    fam_planted += planted;
                }
            }
            let _ = writeln!(
                table,
                "[{lang}] {:<19} {:<32} {:>6} {:>7}  recall {:.2}\n",
                fam.name,
                "all forms",
                fam_found,
                fam_planted,
                fam_found as f64 / fam_planted.max(1) as f64
            );
            all_found += fam_found;
            all_planted += fam_planted;
            if fam_found < min_found {
                failures.push(format!(
                    "[{lang}] {}: {fam_found} found, floor {min_found}",
                    fam.name
                ));
            }
            if near_alarms > max_near {
                failures.push(format!(
                    "[{lang}] {}: {near_alarms} false alarms on near misses, at most {max_near}",
                    fam.name
                ));
            }
        }
        let _ = writeln!(
            table,
            "[{lang}] all families: {all_found}/{all_planted} found (recall {:.2}); clean text: {} articles, {} sentences, {} false alarms\n",
            all_found as f64 / all_planted.max(1) as f64,
            articles.len(),
            sentences_total,
            clean_alarms
        );
        let max_clean = MAX_CLEAN_ALARMS_LOCALE
            .iter()
            .find(|f| f.0 == lang)
            .map_or(0, |f| f.1);
        if clean_alarms > max_clean {
            failures.push(format!(
                "[{lang}] {clean_alarms} false alarms on the clean articles, at most {max_clean}"
            ));
        }
    }
    println!("{table}\n{misses}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// At most this many findings on the clean German and French articles: the ones known today,
/// listed in `tests/fixtures/README.md` (rule false alarms on idiomatic prose).
const MAX_CLEAN_ALARMS_LOCALE: &[(&str, usize)] = &[("de", 5), ("fr", 2)];
