//! Sentence splitting, driven by the abbreviation and opener lists of the rule files.
//!
//! A sentence ends at a run of terminators (`.`, `!`, `?`, `…`, `。` …), followed by any closing
//! quotes or brackets, then white space and a token that can start a sentence. A period after an
//! abbreviation is read with the lists of [`Segmentation`]:
//! - `never-final` (`Mr.`, `Dr.`, `e.g.`): never ends a sentence;
//! - `before-number` (`No.`, `pp.`): does not end a sentence before a number;
//! - `ambiguous` (`U.S.`, `Inc.`, `a.m.`) and any dotted acronym: ends a sentence only when the
//!   next word is a common sentence opener (`This`, `The`, `He` …), so that "the U.S. Senate" stays
//!   whole while "the U.S. This includes" is split and visible to the checks;
//! - a single capital letter (`J.`) is an initial and never ends a sentence.

use rustc_hash::FxHashSet;

use super::tokens::{Token, TokenKind, is_cjk};

/// Language data that drives sentence splitting.
#[derive(Clone, Debug)]
pub struct Segmentation {
    pub never_final: FxHashSet<String>,
    pub before_number: FxHashSet<String>,
    pub ambiguous: FxHashSet<String>,
    pub openers: FxHashSet<String>,
    pub terminators: String,
    pub closers: String,
    /// A period after a one- or two-digit number marks an ordinal (German "14. September").
    pub ordinal_numbers: bool,
    /// Abbreviations that stand before a name (Dr, Prof, M, Sra).
    pub titles: FxHashSet<String>,
    /// Abbreviations that stand before a number (No, Nr, Vol, núm, Sept).
    pub numbering: FxHashSet<String>,
    /// Abbreviations that stand after what they abbreviate and may end a sentence (Inc, U.S).
    pub postpositive: FxHashSet<String>,
    /// Closed-class words of the language.
    pub grammar: Grammar,
}

/// Closed-class words of a language (the `[grammar]` section of the rule files), lowercased.
#[derive(Clone, Debug, Default)]
pub struct Grammar {
    pub articles: FxHashSet<String>,
    pub pronouns: FxHashSet<String>,
    pub prepositions: FxHashSet<String>,
    pub conjunctions: FxHashSet<String>,
    pub auxiliaries: FxHashSet<String>,
    pub subordinators: FxHashSet<String>,
    pub relatives: FxHashSet<String>,
    pub connectives: FxHashSet<String>,
    /// Multi-word phrases as word sequences.
    pub attribution: Vec<Vec<String>>,
    pub reporting_verbs: Vec<Vec<String>>,
    pub title_nouns: FxHashSet<String>,
    pub doubles: FxHashSet<String>,
    /// Kept as written (ja/zh).
    pub leading_particles: Vec<String>,
    pub trailing_particles: Vec<String>,
    pub capitalised_nouns: bool,
    /// Common finite verb forms (irregular ones), lowercased.
    pub verbs: FxHashSet<String>,
    /// Endings of finite verb forms of lowercase words.
    pub verb_endings: Vec<String>,
    /// Time adverbs that may stand between a verb and its object.
    pub time_words: FxHashSet<String>,
}

impl Grammar {
    /// Adds the lists of one rule file.
    pub fn merge(&mut self, spec: &crate::rules::schema::GrammarSpec) {
        let lower = |v: &Vec<String>| v.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
        let phrases = |v: &Vec<String>| {
            v.iter()
                .map(|p| {
                    p.split_whitespace()
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>()
                })
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
        };
        self.articles.extend(lower(&spec.articles));
        self.pronouns.extend(lower(&spec.pronouns));
        self.prepositions.extend(lower(&spec.prepositions));
        self.conjunctions.extend(lower(&spec.conjunctions));
        self.auxiliaries.extend(lower(&spec.auxiliaries));
        self.subordinators.extend(lower(&spec.subordinators));
        self.relatives.extend(lower(&spec.relatives));
        self.connectives.extend(lower(&spec.connectives));
        self.attribution.extend(phrases(&spec.attribution));
        self.reporting_verbs.extend(phrases(&spec.reporting_verbs));
        self.title_nouns.extend(lower(&spec.title_nouns));
        self.doubles.extend(lower(&spec.doubles));
        self.leading_particles
            .extend(spec.leading_particles.iter().cloned());
        self.trailing_particles
            .extend(spec.trailing_particles.iter().cloned());
        self.verbs.extend(lower(&spec.verbs));
        self.verb_endings.extend(lower(&spec.verb_endings));
        self.time_words.extend(lower(&spec.time_words));
        if let Some(c) = spec.capitalised_nouns {
            self.capitalised_nouns = c;
        }
    }

    /// Whether a word (any case) is a closed-class word: article, pronoun, preposition,
    /// conjunction, auxiliary, subordinator or relative.
    pub fn is_function_word(&self, word: &str) -> bool {
        let lower;
        let w = if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            word
        } else {
            lower = word.to_lowercase();
            lower.as_str()
        };
        [
            &self.articles,
            &self.pronouns,
            &self.prepositions,
            &self.conjunctions,
            &self.auxiliaries,
            &self.subordinators,
            &self.relatives,
        ]
        .iter()
        .any(|s| s.contains(w))
    }

    /// Whether `words[i]` (lowercased words of a clause) looks like a finite verb: an auxiliary,
    /// a listed verb, a single-word reporting verb, or a lowercase word with a finite ending
    /// that is not a closed-class word and does not follow an article or preposition. An English `-ed` form before "by" is a participle.
    /// `cased_lower` says whether the word was written lowercase (German nouns never are);
    /// without `short_endings`, one-letter endings (English "-s", also a plural) do not count.
    pub fn is_finite_verb(
        &self,
        words: &[String],
        i: usize,
        cased_lower: bool,
        short_endings: bool,
    ) -> bool {
        let w = &words[i];
        if self.auxiliaries.contains(w)
            || self.verbs.contains(w)
            || self
                .reporting_verbs
                .iter()
                .any(|p| p.len() == 1 && p[0] == *w)
        {
            return true;
        }
        // A word right after an article or preposition is a noun or an adjective ("on
        // imported steel", "la compañía").
        let after_determiner = i > 0
            && (self.articles.contains(&words[i - 1]) || self.prepositions.contains(&words[i - 1]));
        if !cased_lower || after_determiner || self.is_function_word(w) || w.chars().count() < 4 {
            return false;
        }
        self.verb_endings.iter().any(|e| {
            (short_endings || e.chars().count() > 1)
                && w.ends_with(e.as_str())
                && !(e == "ed" && words.get(i + 1).is_some_and(|n| n == "by"))
        })
    }

    /// Whether the language has closed-class data at all.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
            && self.pronouns.is_empty()
            && self.leading_particles.is_empty()
            && self.trailing_particles.is_empty()
            && self.reporting_verbs.is_empty()
    }
}

impl Default for Segmentation {
    fn default() -> Self {
        Self {
            never_final: FxHashSet::default(),
            before_number: FxHashSet::default(),
            ambiguous: FxHashSet::default(),
            openers: FxHashSet::default(),
            terminators: ".!?…。！？".to_string(),
            closers: "\"'”’)]»」』".to_string(),
            ordinal_numbers: false,
            titles: FxHashSet::default(),
            numbering: FxHashSet::default(),
            postpositive: FxHashSet::default(),
            grammar: Grammar::default(),
        }
    }
}

fn contains(set: &FxHashSet<String>, word: &str) -> bool {
    if set.contains(word) {
        return true;
    }
    // ASCII words are lowercased on the stack; a word already lowercase is not looked up twice.
    if word.is_ascii() {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return false;
        }
        let mut buf = [0u8; 32];
        if let Some(buf) = buf.get_mut(..word.len()) {
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            return std::str::from_utf8(buf).is_ok_and(|w| set.contains(w));
        }
    }
    set.contains(&word.to_lowercase())
}

fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x309F)
}

/// A terminator that needs no space after it (`。`, `！`, `？`).
fn is_fullwidth(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF65)
}

impl Segmentation {
    fn is_terminator(&self, c: char) -> bool {
        self.terminators.contains(c)
    }

    fn is_closer(&self, c: char) -> bool {
        self.closers.contains(c)
    }

    /// Splits the tokens of one paragraph into sentences: returns (first, last) token indices,
    /// inclusive, and whether the sentence ends with a terminator.
    pub fn split(&self, text: &str, tokens: &[Token]) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        self.split_into(text, tokens, &mut out);
        out
    }

    /// [`split`](Self::split) into `out` (cleared first), so that one buffer serves every
    /// paragraph.
    pub fn split_into(&self, text: &str, tokens: &[Token], out: &mut Vec<(usize, usize, bool)>) {
        out.clear();
        let mut start = 0;
        let mut i = 0;
        let first_char = |t: &Token| t.span().of(text).chars().next().unwrap_or(' ');
        while i < tokens.len() {
            let c = first_char(&tokens[i]);
            if tokens[i].kind != TokenKind::Punct || !self.is_terminator(c) {
                i += 1;
                continue;
            }
            // The run of terminators and closers that ends here.
            let mut j = i;
            while j + 1 < tokens.len()
                && tokens[j + 1].kind == TokenKind::Punct
                && tokens[j + 1].span().start == tokens[j].span().end
                && (self.is_terminator(first_char(&tokens[j + 1]))
                    || self.is_closer(first_char(&tokens[j + 1])))
            {
                j += 1;
            }
            // A French closing guillemet after a (no-break) space: "continuerons. »".
            if let Some(g) = tokens.get(j + 1)
                && first_char(g) == '»'
                && text[tokens[j].span().end..g.span().start]
                    .chars()
                    .all(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            {
                j += 1;
            }
            let Some(next) = tokens.get(j + 1) else {
                break;
            };
            let spaced = next.span().start > tokens[j].span().end;
            let fullwidth = is_fullwidth(c);
            let next_char = first_char(next);
            // "。」と述べた": a quotative particle after a closed quote continues the sentence.
            let quoted_then_particle = !spaced && j > i && is_hiragana(next_char);
            // "…by half.町の…": text in a script without spaces may follow directly.
            let cjk_follows = !spaced && is_cjk(next_char);
            if (spaced || fullwidth || cjk_follows)
                && !quoted_then_particle
                && self.starts_sentence(text, tokens, i, j + 1)
            {
                out.push((start, j, true));
                start = j + 1;
            }
            i = j + 1;
        }
        if start < tokens.len() {
            let last = tokens.len() - 1;
            let mut k = last;
            while k > start
                && tokens[k].kind == TokenKind::Punct
                && self.is_closer(first_char(&tokens[k]))
            {
                k -= 1;
            }
            let terminated =
                tokens[k].kind == TokenKind::Punct && self.is_terminator(first_char(&tokens[k]));
            out.push((start, last, terminated));
        }
    }

    /// Whether the token at `next` starts a new sentence after the terminator at `term`.
    fn starts_sentence(&self, text: &str, tokens: &[Token], term: usize, next: usize) -> bool {
        let next_tok = &tokens[next];
        let nc = next_tok.span().of(text).chars().next().unwrap_or(' ');
        if nc.is_lowercase() {
            return false;
        }
        let term_char = tokens[term].span().of(text).chars().next().unwrap_or(' ');
        if term_char != '.' || term == 0 {
            return true;
        }
        // A lone period right after a word: is the word an abbreviation?
        let prev = &tokens[term - 1];
        // German ordinals: "am 14. September".
        if self.ordinal_numbers
            && prev.kind == TokenKind::Number
            && prev.span().end == tokens[term].span().start
            && prev.span().len() <= 2
            && next_tok.kind == TokenKind::Word
        {
            return false;
        }
        if prev.span().end != tokens[term].span().start || prev.kind != TokenKind::Word {
            return true;
        }
        if tokens
            .get(term + 1)
            .is_some_and(|t| t.span().of(text) == ".")
        {
            return true; // an ellipsis written as periods
        }
        let word = prev.span().of(text);
        if contains(&self.never_final, word) {
            return false;
        }
        if next_tok.kind == TokenKind::Number && contains(&self.before_number, word) {
            return false;
        }
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_uppercase()
        {
            return false; // an initial
        }
        let dotted = word.contains('.') && word.chars().any(char::is_alphabetic);
        if dotted || contains(&self.ambiguous, word) {
            let next_word = if next_tok.kind == TokenKind::Word {
                next_tok.span().of(text)
            } else {
                tokens
                    .get(next + 1)
                    .filter(|t| t.kind == TokenKind::Word)
                    .map_or("", |t| t.span().of(text))
            };
            return self.openers.contains(next_word);
        }
        true
    }
}
