//! People across the document: quoted speech, person mentions, and the entities that link them.
//!
//! Machine translation works sentence by sentence and loses how a writer names each person
//! across an article. This stage finds the mentions ("former President Donald Trump", "Mr.
//! Rutte's", "Zelensky"), links them to entities by surname, and records which are in quoted
//! speech, so the consistency checks can compare mentions of one person. The vocabulary (titles,
//! honorifics, modifiers, pronouns) comes from the `[people]` table of the rule files.

mod mentions;
mod quotes;

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use unicode_normalization::UnicodeNormalization;

pub use mentions::Mention;
pub use quotes::{inside, quote_spans};

use crate::document::tokens::capitalize;
use crate::document::{Document, Span};

/// Language data about how people are named.
#[derive(Clone, Debug, Default)]
pub struct PeopleVocab {
    /// Honorifics without a final period: `Mr`, `Mrs`, `Dr`.
    pub honorifics: FxHashSet<String>,
    /// Titles as token sequences (`["Prime", "Minister"]`) by their first word, longest first.
    pub titles: FxHashMap<String, Vec<Vec<String>>>,
    /// Modifiers that put a title in the past: `former`, `ex`, `late`.
    pub past_modifiers: FxHashSet<String>,
    /// Lowercase particles inside names: `van`, `der`, `bin`.
    pub particles: FxHashSet<String>,
    /// Capitalised words that never name a person (sentence openers, months, days).
    pub not_names: FxHashSet<String>,
    pub male_pronouns: FxHashSet<String>,
    pub female_pronouns: FxHashSet<String>,
    /// Spelling equivalences of transliterated names, longest first: ("iy", "y").
    pub transliteration: Vec<(String, String)>,
    /// Honorifics that tell a person's gender (`Mr`; `Ms`, `Mrs`).
    pub male_honorifics: FxHashSet<String>,
    pub female_honorifics: FxHashSet<String>,
    /// Source-language honorific suffixes after a hyphen: `san`, `ssi`.
    pub honorific_suffixes: FxHashSet<String>,
    /// Suffixes that are honorifics only after a person's name: `shi` (not "Nagoya-shi").
    pub ambiguous_suffixes: FxHashSet<String>,
    /// Address parts after a hyphen: `ku`, `chome`.
    pub address_suffixes: FxHashSet<String>,
    /// Source-language honorifics written after the name: `Nushi`, `Xiansheng`.
    pub honorific_words: FxHashSet<String>,
    /// Patronymic endings: `ovich`, `ovna`.
    pub patronymic_endings: Vec<String>,
    /// Honorifics of other languages before a name: `Mr` in French text.
    pub foreign_honorifics: FxHashSet<String>,
    /// Role nouns and rank words, lowercase.
    pub role_nouns: FxHashSet<String>,
    pub rank_words: FxHashSet<String>,
    /// Role phrase → its canonical phrase ("chairwoman" → "chair").
    pub role_equivalents: FxHashMap<String, String>,
    /// Canonical roles one person does not hold together: `chair`, `ceo`.
    pub exclusive_roles: FxHashSet<String>,
    /// Folded spelling of a short surname → its canonical folded spelling ("yi" → "lee").
    pub surname_equivalents: FxHashMap<String, String>,
    /// Role and kin nouns that tell a person's gender ("chairman"; "chairwoman", "actress").
    pub male_roles: FxHashSet<String>,
    pub female_roles: FxHashSet<String>,
    /// The closed classes above as one table from a lowercase word to its [`class`] bits,
    /// built on first use (after the rule files are merged) and shared by every document.
    classes: ClassTable,
}

/// The lazily built class table. A clone starts empty, so a vocabulary copied and then
/// extended (user rule files merged into the built-in ones) builds its own.
#[derive(Debug, Default)]
struct ClassTable(OnceLock<(FxHashMap<String, u16>, [bool; 256])>);

impl Clone for ClassTable {
    fn clone(&self) -> Self {
        Self::default()
    }
}

/// Bits of the closed word classes a lowercase word belongs to (see [`Entities::classes`]).
pub mod class {
    pub const MALE_PRONOUN: u16 = 1;
    pub const FEMALE_PRONOUN: u16 = 1 << 1;
    pub const MALE_ROLE: u16 = 1 << 2;
    pub const FEMALE_ROLE: u16 = 1 << 3;
    pub const ROLE_NOUN: u16 = 1 << 4;
    pub const RANK_WORD: u16 = 1 << 5;
    pub const PAST_MODIFIER: u16 = 1 << 6;
    /// A word whose capitalised form opens a title ("president" for "President").
    pub const TITLE_LOWER: u16 = 1 << 7;
    /// Set per token, not in the table: the token is written in lowercase (equal to its
    /// lowercase form).
    pub const LOWERCASE: u16 = 1 << 8;
    /// The word, or the word without a possessive ending, is a title's first word in some
    /// case: only such a token can start a title at its first letter.
    pub const TITLE_WORD: u16 = 1 << 9;
    /// The word's lowercase form starts with the first letter of a past modifier: only such
    /// a word can have one written into it (Spanish "expresidente").
    pub const MODIFIER_INITIAL: u16 = 1 << 10;
    /// The lowercase form of an honorific (`Mr` for "mr"): only such a token can be one, so
    /// the case-sensitive honorific set is asked only about these.
    pub const HONORIFIC: u16 = 1 << 11;
    pub const PRONOUN: u16 = MALE_PRONOUN | FEMALE_PRONOUN;
}

impl PeopleVocab {
    /// Adds a title, keeping the list longest first.
    pub fn add_title(&mut self, title: &str) {
        self.classes = ClassTable::default();
        let words: Vec<String> = title.split_whitespace().map(str::to_string).collect();
        let Some(first) = words.first() else { return };
        let list = self.titles.entry(first.clone()).or_default();
        if !list.contains(&words) {
            list.push(words);
            list.sort_by_key(|t| std::cmp::Reverse(t.len()));
        }
    }
}

impl PeopleVocab {
    /// The class table: each entry of the closed-class sets under its own spelling (the
    /// look-ups are by lowercase form, as the sets were always queried), and the lowercase
    /// form of each title's first word when capitalising it gives the title word back.
    fn classes(&self) -> &(FxHashMap<String, u16>, [bool; 256]) {
        self.classes.0.get_or_init(|| {
            let mut map: FxHashMap<String, u16> = FxHashMap::default();
            let sets = [
                (&self.male_pronouns, class::MALE_PRONOUN),
                (&self.female_pronouns, class::FEMALE_PRONOUN),
                (&self.male_roles, class::MALE_ROLE),
                (&self.female_roles, class::FEMALE_ROLE),
                (&self.role_nouns, class::ROLE_NOUN),
                (&self.rank_words, class::RANK_WORD),
                (&self.past_modifiers, class::PAST_MODIFIER),
            ];
            for (set, bit) in sets {
                for w in set {
                    *map.entry(w.clone()).or_default() |= bit;
                }
            }
            for h in &self.honorifics {
                *map.entry(h.to_lowercase()).or_default() |= class::HONORIFIC;
            }
            for t in self.titles.keys() {
                let lower = t.to_lowercase();
                *map.entry(lower.clone()).or_default() |= class::TITLE_WORD;
                if capitalize(&lower) == *t {
                    *map.entry(lower).or_default() |= class::TITLE_LOWER;
                }
            }
            let mut initials = [false; 256];
            for m in &self.past_modifiers {
                if let Some(&b) = m.as_bytes().first() {
                    initials[usize::from(b)] = true;
                }
            }
            (map, initials)
        })
    }

    /// Forgets the class table, after the sets were changed in place.
    pub fn reset_classes(&mut self) {
        self.classes = ClassTable::default();
    }

    /// The class bits of a token's text: the pronoun bits of its last hyphenated part when it
    /// has one (an inverted subject: "dit-elle"), the others of the whole word, and
    /// [`class::LOWERCASE`] when it is written in lowercase.
    pub fn classify(&self, word: &str) -> u16 {
        let (map, initials) = self.classes();
        with_lower(word, |lower| {
            let of = |w: &str| map.get(w).copied().unwrap_or(0);
            let whole = of(lower);
            let pronoun = match lower.rsplit_once('-') {
                Some((verb, last)) if !verb.is_empty() && !last.is_empty() => of(last),
                _ => whole,
            } & class::PRONOUN;
            let case = if lower == word { class::LOWERCASE } else { 0 };
            let possessive = lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix("’s"))
                .map_or(0, |w| of(w) & class::TITLE_WORD);
            let initial = lower
                .as_bytes()
                .first()
                .filter(|&&b| initials[usize::from(b)])
                .map_or(0, |_| class::MODIFIER_INITIAL);
            (whole & !class::PRONOUN) | pronoun | case | possessive | initial
        })
    }

    /// A folded name with the transliteration equivalences applied, left to right, longest
    /// first: "zelenskiy" → "zelensky" with ("iy", "y").
    pub fn transliterate(&self, folded: &str) -> String {
        if self.transliteration.is_empty() {
            return folded.to_string();
        }
        let mut out = String::with_capacity(folded.len());
        let mut rest = folded;
        'outer: while !rest.is_empty() {
            for (from, to) in &self.transliteration {
                if let Some(r) = rest.strip_prefix(from.as_str()) {
                    out.push_str(to);
                    rest = r;
                    continue 'outer;
                }
            }
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

/// Longest ASCII word lowercased on the stack by [`with_lower`].
const STACK_WORD: usize = 64;

/// Calls `f` with the lowercase form of `w`, the same as `w.to_lowercase()`, without
/// allocating for an ASCII word of up to 64 bytes (nearly every word): closed-class look-ups
/// (pronouns, titles, role nouns) run on every token and must not allocate per token.
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if w.len() <= STACK_WORD && w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return f(w);
        }
        let mut buf = [0u8; STACK_WORD];
        let buf = &mut buf[..w.len()];
        buf.copy_from_slice(w.as_bytes());
        buf.make_ascii_lowercase();
        // ASCII stays ASCII, so the buffer is valid UTF-8.
        match std::str::from_utf8(buf) {
            Ok(lower) => f(lower),
            Err(_) => f(&w.to_lowercase()),
        }
    } else {
        f(&w.to_lowercase())
    }
}

/// A name folded for comparison: lowercase, diacritics removed (through NFD).
pub fn fold(name: &str) -> String {
    let mut out = String::new();
    fold_into(name, &mut out);
    out
}

/// [`fold`] into `out`, replacing its contents (a buffer reused from name to name).
pub fn fold_into(name: &str, out: &mut String) {
    out.clear();
    // ASCII has nothing to decompose: one lowercase copy, no NFD pass.
    if name.is_ascii() {
        out.push_str(name);
        out.make_ascii_lowercase();
        return;
    }
    out.extend(
        name.nfd()
            .filter(|c| !is_combining(*c))
            .flat_map(char::to_lowercase),
    );
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0xFE20..=0xFE2F)
}

/// One person (or what looks like one), keyed by folded surname and given name.
#[derive(Clone, Debug)]
pub struct Entity {
    /// Folded surname.
    pub key: String,
    /// Folded given name, when any mention gives exactly one.
    pub given: Option<String>,
    /// Indices into [`Entities::mentions`], in document order.
    pub mentions: Vec<usize>,
    /// Whether the mentions show a person: a title, an honorific, an age ("Rutte, 57,"), or a
    /// full name whose surname is also used alone.
    pub is_person: bool,
}

/// The people of a document.
#[derive(Debug, Default)]
pub struct Entities {
    pub quotes: Vec<Span>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    /// Entity index of each mention (`None` for a bare surname shared by several people).
    pub entity_of: Vec<Option<usize>>,
    /// The [`class`] bits of each token of the document, computed once: the people checks
    /// test a token's class with a mask, not a lowercase string and several set look-ups.
    pub classes: Vec<u16>,
    /// The titles of the mentions, by [`Mention::title`].
    pub titles: Vec<String>,
    /// Folded names (surnames, and given names looked up as surnames), by [`Mention::key`].
    pub keys: Vec<String>,
}

impl Entities {
    pub fn analyze(doc: &Document, vocab: &PeopleVocab) -> Self {
        let quotes = quote_spans(doc);
        // Only words belong to the classes (numbers and punctuation never do).
        let classes: Vec<u16> = doc
            .tokens()
            .iter()
            .map(|t| {
                if t.kind == crate::document::TokenKind::Word {
                    vocab.classify(t.span().of(doc.text()))
                } else {
                    0
                }
            })
            .collect();
        let text = doc.text();
        let mut titles = Vec::new();
        let mut mentions = mentions::find(doc, vocab, &quotes, &classes, &mut titles);
        let mut folded = Interner::default();
        family_name_first(&mut mentions, text, &mut folded);
        // Group by folded surname; split a surname between distinct given names.
        let mut by_surname: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
        for (i, m) in mentions.iter().enumerate() {
            by_surname.entry(m.key).or_default().push(i);
        }
        // Given names compared through the transliteration table: Dmitriy and Dmitry are one.
        // Each mention's key is computed once, so the work is linear in the mentions.
        // A "given name" that is a title or a source honorific ("Kim CEO-nim", "Lee-ssi")
        // names nobody: it does not split the surname.
        let mut given_keys: Vec<Option<String>> = mentions
            .iter()
            .map(|m| {
                m.given(text)
                    .filter(|g| !is_title_word(g, vocab))
                    .map(|g| vocab.transliterate(&fold(g)))
            })
            .collect();
        // A longer name whose middle part is another mention's given name is that person with
        // a word before ("Forward Shunsuke Hanaoka", "Shunsuke Hanaoka"): a role word at the
        // start of a sentence, or a first name the article drops later.
        let tokens = doc.tokens();
        for idx in by_surname.values() {
            if idx.iter().all(|&i| mentions[i].middle_len == 0) {
                continue;
            }
            let givens: FxHashSet<String> = idx
                .iter()
                .filter(|&&i| mentions[i].middle_len == 0)
                .filter_map(|&i| given_keys[i].clone())
                .collect();
            for &i in idx {
                let key = mentions[i]
                    .middle()
                    .iter()
                    .map(|&k| vocab.transliterate(&fold(tokens[k as usize].span().of(text))))
                    .find(|k| givens.contains(k));
                if key.is_some() {
                    given_keys[i] = key;
                }
            }
        }
        // Given names one slip apart are one person spelled two ways ("Shunsuke"/"Syunsuke",
        // "Ha-eun"/"Ha-un"): the later spelling takes the first one's key, so the bare surname
        // still links to them. The name-variant check reports the slip itself.
        // Linear in the given names of a surname: the spellings seen so far are indexed by their
        // one-letter deletions, so a new one looks up its few candidates instead of comparing
        // with every earlier spelling (many given names of one surname was quadratic).
        for idx in by_surname.values() {
            let mut seen = SlipIndex::default();
            for &i in idx {
                let Some(g) = given_keys[i].take() else {
                    continue;
                };
                given_keys[i] = Some(seen.settle(g));
            }
        }
        let mut keys: Vec<u32> = by_surname.keys().copied().collect();
        keys.sort_by_key(|k| by_surname[k][0]);
        let mut entities = Vec::new();
        let mut entity_of = vec![None; mentions.len()];
        for key in keys {
            let idx = &by_surname[&key];
            // The mentions of each distinct given name, in document order.
            let mut by_given: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
            for &i in idx {
                if let Some(g) = given_keys[i].as_deref() {
                    by_given.entry(g).or_default().push(i);
                }
            }
            if by_given.len() <= 1 {
                let e = entities.len();
                for &i in idx {
                    entity_of[i] = Some(e);
                }
                entities.push(Entity {
                    key: folded.names[key as usize].clone(),
                    given: by_given.keys().next().map(|g| g.to_string()),
                    mentions: idx.clone(),
                    is_person: is_person(doc, &mentions, idx),
                });
                continue;
            }
            // Several people share the surname: only mentions with a given name are linked.
            let mut givens: Vec<(&str, Vec<usize>)> = by_given.into_iter().collect();
            givens.sort_unstable_by(|a, b| a.0.cmp(b.0));
            for (g, own) in givens {
                let e = entities.len();
                for &i in &own {
                    entity_of[i] = Some(e);
                }
                let person = is_person(doc, &mentions, &own);
                entities.push(Entity {
                    key: folded.names[key as usize].clone(),
                    given: Some(g.to_string()),
                    mentions: own,
                    is_person: person,
                });
            }
        }
        Entities {
            quotes,
            mentions,
            entities,
            entity_of,
            classes,
            titles,
            keys: folded.names,
        }
    }

    /// The title of a mention as written in the vocabulary ("Prime Minister").
    pub fn title(&self, m: &Mention) -> Option<&str> {
        m.title.map(|t| self.titles[t as usize].as_str())
    }

    /// The folded surname of a mention (see [`fold`]).
    pub fn folded(&self, m: &Mention) -> &str {
        &self.keys[m.key as usize]
    }

    /// The entity a mention belongs to.
    pub fn entity(&self, mention: usize) -> Option<&Entity> {
        self.entity_of[mention].map(|e| &self.entities[e])
    }
}

/// Names written family name first ("Xi Jinping", "Choi Min-ho"): when an article uses the
/// first part of a full name alone, never the last part, and never ends another full name
/// with it ("Donald Trump" keeps "Trump Tower" from reading as a person), the first part is
/// the surname.
fn family_name_first(mentions: &mut [Mention], text: &str, folded: &mut Interner) {
    for m in mentions.iter_mut() {
        m.key = folded.id(m.surname(text));
    }
    let bare: FxHashSet<u32> = mentions
        .iter()
        .filter(|m| m.given_span.is_none())
        .map(|m| m.key)
        .collect();
    let last_of_full: FxHashSet<u32> = mentions
        .iter()
        .filter(|m| m.given_span.is_some())
        .map(|m| m.key)
        .collect();
    for m in mentions.iter_mut() {
        let Some(given_span) = m.given_span else {
            continue;
        };
        let first = folded.id(given_span.of(text));
        if bare.contains(&first) && !bare.contains(&m.key) && !last_of_full.contains(&first) {
            m.given_span = Some(m.surname_span);
            m.surname_span = given_span;
            m.key = first;
        }
    }
}

/// Folded names interned to indices: a name is folded into one reused buffer and looked up,
/// so only a name not seen before allocates.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    buf: String,
}

impl Interner {
    /// The index of `name` folded (see [`fold`]).
    fn id(&mut self, name: &str) -> u32 {
        fold_into(name, &mut self.buf);
        if let Some(&id) = self.ids.get(self.buf.as_str()) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(self.buf.clone());
        self.ids.insert(self.buf.clone(), id);
        id
    }
}

/// The given-name spellings of one surname seen so far, indexed for [`one_slip`] look-ups by
/// hashes of each spelling whole and with one letter dropped (no string per deletion: a hash
/// collision only adds a candidate, which `one_slip` then rejects).
#[derive(Default)]
struct SlipIndex {
    /// Spellings in the order they were first seen.
    names: Vec<String>,
    exact: FxHashMap<String, usize>,
    /// `(hash, where)` to the newest entry of its chain in `chain`: `where` is [`WHOLE`] for a
    /// spelling's hash, the position of the dropped letter, or [`ANY`] for a drop anywhere.
    heads: FxHashMap<(u64, usize), usize>,
    /// `(spelling, previous entry of the same key)`.
    chain: Vec<(usize, usize)>,
}

/// Longer "given names" are not names: they are matched exactly, never by a slip, so that a
/// long word costs no more than its length.
const MAX_SLIP_NAME: usize = 32;
const WHOLE: usize = usize::MAX;
const ANY: usize = usize::MAX - 1;
const END: usize = usize::MAX;

/// The hash of `chars` without the one at `skip` (none when `skip` is out of range).
fn hash_without(chars: &[char], skip: usize) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    for (i, c) in chars.iter().enumerate() {
        if i != skip {
            c.hash(&mut h);
        }
    }
    chars
        .len()
        .wrapping_sub(usize::from(skip < chars.len()))
        .hash(&mut h);
    h.finish()
}

impl SlipIndex {
    fn entries(&self, key: (u64, usize)) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.heads.get(&key).copied().unwrap_or(END);
        std::iter::from_fn(move || {
            let (name, prev) = *self.chain.get(at)?;
            at = prev;
            Some(name)
        })
    }

    fn add(&mut self, key: (u64, usize), name: usize) {
        let prev = self.heads.insert(key, self.chain.len()).unwrap_or(END);
        self.chain.push((name, prev));
    }

    /// The key of given name `g`: the earliest spelling seen that is `g` or one slip from it,
    /// else `g` itself (and `g` is remembered).
    fn settle(&mut self, g: String) -> String {
        if let Some(&k) = self.exact.get(&g) {
            return self.names[k].clone();
        }
        let chars: Vec<char> = g.chars().collect();
        let short = chars.len() <= MAX_SLIP_NAME;
        if short {
            let mut candidates: Vec<usize> = Vec::new();
            for j in 0..chars.len() {
                let d = hash_without(&chars, j);
                // One letter more than an earlier spelling, or one replaced at `j`.
                candidates.extend(self.entries((d, WHOLE)));
                candidates.extend(self.entries((d, j)));
            }
            // One letter fewer than an earlier spelling.
            candidates.extend(self.entries((hash_without(&chars, END), ANY)));
            candidates.sort_unstable();
            if let Some(&k) = candidates.iter().find(|&&k| one_slip(&self.names[k], &g)) {
                return self.names[k].clone();
            }
        }
        let k = self.names.len();
        if short {
            self.add((hash_without(&chars, END), WHOLE), k);
            for j in 0..chars.len() {
                let d = hash_without(&chars, j);
                self.add((d, j), k);
                self.add((d, ANY), k);
            }
        }
        self.exact.insert(g.clone(), k);
        self.names.push(g.clone());
        g
    }
}

/// An acronym ("CEO") or a word with a source honorific suffix ("CEO-nim", "Ha-eun-ssi").
fn is_title_word(w: &str, vocab: &PeopleVocab) -> bool {
    let head = w.split(['-', '‐']).next().unwrap_or(w);
    let acronym = head.chars().count() >= 2 && head.chars().all(|c| c.is_uppercase());
    let suffixed = w
        .rsplit_once(['-', '‐'])
        .is_some_and(|(_, s)| with_lower(s, |s| vocab.honorific_suffixes.contains(s)));
    acronym || suffixed
}

/// Whether two folded given names differ by one letter inserted or dropped inside the name
/// (four letters or more), or by one letter replaced inside it (five or more; not the last:
/// "Maria"/"Mario" are two people).
fn one_slip(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().min(b.len()) < 4 || a == b {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let p = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    match long.len() - short.len() {
        0 => short.len() >= 5 && p + 1 < short.len() && short[p + 1..] == long[p + 1..],
        // "Koji"/"Kouji": a letter inside the name, not one added at the end ("Mari"/"Maria").
        1 => p < short.len() && short[p..] == long[p + 1..],
        _ => false,
    }
}

fn is_person(doc: &Document, mentions: &[Mention], idx: &[usize]) -> bool {
    let has_full = idx.iter().any(|&i| mentions[i].given_span.is_some());
    let has_bare = idx.iter().any(|&i| mentions[i].is_bare());
    idx.iter().any(|&i| {
        let m = &mentions[i];
        m.title.is_some() || m.honorific_span.is_some() || followed_by_age(doc, m.span)
    }) || (has_full && has_bare)
}

/// "Rutte, 57," — a name followed by an age in commas.
fn followed_by_age(doc: &Document, span: Span) -> bool {
    let rest = &doc.text()[span.end..];
    let Some(rest) = rest.strip_prefix(", ") else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits) && rest[digits..].starts_with(',')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Segmentation;

    fn vocab() -> PeopleVocab {
        let set = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        let mut v = PeopleVocab {
            honorifics: set(&["Mr", "Ms"]),
            past_modifiers: set(&["former", "ex"]),
            particles: set(&["von", "der"]),
            not_names: set(&["The", "In", "If", "He"]),
            ..PeopleVocab::default()
        };
        for t in ["President", "Vice President", "Secretary-General"] {
            v.add_title(t);
        }
        v
    }

    fn seg() -> Segmentation {
        Segmentation {
            never_final: ["Mr", "Ms"].iter().map(|s| s.to_string()).collect(),
            ..Segmentation::default()
        }
    }

    fn mentions(text: &str) -> Vec<(String, Option<String>, Option<String>, bool)> {
        let doc = Document::new(text, &seg());
        let e = Entities::analyze(&doc, &vocab());
        e.mentions
            .iter()
            .map(|m| {
                (
                    m.surname(text).to_string(),
                    m.given(text).map(str::to_string),
                    e.title(m).map(str::to_string),
                    m.past,
                )
            })
            .collect()
    }

    #[test]
    fn titles_honorifics_particles_and_possessives() {
        let got = mentions(
            "The former President Donald Trump met Vice President Kamala Harris. \
             Mr. Rutte's aide greeted Ursula von der Leyen and ex-President Moon.",
        );
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            got,
            vec![
                ("Trump".into(), s("Donald"), s("President"), true),
                ("Harris".into(), s("Kamala"), s("Vice President"), false),
                ("Rutte".into(), None, None, false),
                ("Leyen".into(), s("Ursula"), None, false),
                ("Moon".into(), None, s("President"), true),
            ]
        );
    }

    #[test]
    fn family_name_first_when_the_article_says_so() {
        let got = mentions(
            "President Xi Jinping spoke. Xi smiled. Vice President Kamala Harris left. \
             Harris waved. Donald Trump met them at Trump Tower. Trump left.",
        );
        let surnames: Vec<&str> = got.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(
            surnames,
            vec!["Xi", "Xi", "Harris", "Harris", "Trump", "Tower", "Trump"]
        );
        assert_eq!(got[0].1.as_deref(), Some("Jinping"));
    }

    #[test]
    fn lowercase_title_after_a_past_modifier() {
        let got = mentions("The former president Donald Trump spoke. The president Obama left.");
        assert_eq!(got[0].2.as_deref(), Some("President"));
        assert!(got[0].3);
        assert_eq!(got[1].2, None);
    }

    #[test]
    fn glued_title_is_still_a_title() {
        let got = mentions("He said this after taking officePresident Smith spoke.");
        assert_eq!(got[0].0, "Smith");
        assert_eq!(got[0].2.as_deref(), Some("President"));
    }

    #[test]
    fn a_common_word_opening_a_sentence_is_not_a_given_name() {
        let got = mentions(
            "Striker Ken Sato scored twice. The striker ran. Ken Sato left. Grace Park sang with grace.",
        );
        assert_eq!(got[0].0, "Sato");
        assert_eq!(got[0].1.as_deref(), Some("Ken"));
        // Short words stay given names.
        assert_eq!(got[2].1.as_deref(), Some("Grace"));
    }

    #[test]
    fn a_longer_name_links_through_its_middle_part() {
        let text = "Winger Ken Sato scored. Ken Sato left. Sato smiled.";
        let doc = Document::new(text, &seg());
        let e = Entities::analyze(&doc, &vocab());
        assert_eq!(e.entities.len(), 1);
        assert_eq!(e.entity_of, vec![Some(0), Some(0), Some(0)]);
    }

    #[test]
    fn given_names_one_slip_apart_are_one_person() {
        assert!(one_slip("shunsuke", "syunsuke"));
        assert!(one_slip("ha-eun", "ha-un"));
        assert!(one_slip("koji", "kouji"));
        // A changed last letter, a letter added at the end, short names: different people.
        assert!(!one_slip("maria", "mario"));
        assert!(!one_slip("mari", "maria"));
        assert!(!one_slip("jon", "john"));
        assert!(!one_slip("jae-ho", "jae-hyun"));
        let text = "Koji Nagai spoke. Kouji Nagai left. Nagai smiled.";
        let doc = Document::new(text, &seg());
        let e = Entities::analyze(&doc, &vocab());
        assert_eq!(e.entities.len(), 1);
    }

    #[test]
    fn same_surname_with_different_given_names_stays_apart() {
        let text = "Maria Lopez met Daniel Lopez. Maria Lopez spoke. Lopez left.";
        let doc = Document::new(text, &seg());
        let e = Entities::analyze(&doc, &vocab());
        let people: Vec<_> = e.entities.iter().map(|x| x.given.clone()).collect();
        assert_eq!(people, vec![Some("daniel".into()), Some("maria".into())]);
        // The bare "Lopez" is ambiguous and linked to neither.
        assert_eq!(e.entity_of.last(), Some(&None));
    }

    #[test]
    fn quoted_mentions_are_marked_and_names_fold() {
        let doc = Document::new("“President Trump won,” she said. Trump left.", &seg());
        let e = Entities::analyze(&doc, &vocab());
        assert!(e.mentions[0].in_quote);
        assert!(!e.mentions[1].in_quote);
        assert_eq!(fold("Zelenskíy"), "zelenskiy");
    }
}
