//! Embedded word lists with frequencies, one per target language (en, de, fr, es).
//!
//! Each list holds the 120,000 most frequent words of the language from the `wordfreq` project
//! (data CC BY-SA 4.0; see `lexicon/README.md`), lowercased, with their Zipf frequency
//! (log10 of occurrences per billion words, to a hundredth). The lists are stored as `fst`
//! maps from word to Zipf × 100, embedded in the binary and read in place: `get` validates
//! a language's map once, on first use.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use fst::{IntoStreamer, Map, Streamer};
use rustc_hash::FxHashMap;

mod words;
pub use words::WordSet;

/// The embedded maps, by language code.
const EMBEDDED: &[(&str, &[u8])] = &[
    ("de", include_bytes!("../../lexicon/de.fst")),
    ("en", include_bytes!("../../lexicon/en.fst")),
    ("es", include_bytes!("../../lexicon/es.fst")),
    ("fr", include_bytes!("../../lexicon/fr.fst")),
];

/// A word list with frequencies for one language.
pub struct Lexicon {
    language: &'static str,
    map: Map<&'static [u8]>,
    /// The frequent words (Zipf ≥ `COMMON_ZIPF`), most of running text, in a hash map filled
    /// from the `fst` map once the lexicon has answered [`EAGER_LOOKUPS`] lookups: a hash probe
    /// is several times cheaper than walking the automaton, and the answers are the same, but
    /// filling the map walks the whole list, which a few lookups (another language's words in a
    /// rare foreign paragraph) do not repay.
    common: OnceLock<FxHashMap<Box<str>, u64>>,
    /// Lookups answered from the `fst` before `common` was filled.
    walks: AtomicUsize,
}

/// How many lookups the `fst` answers before the frequent words go into a hash map.
const EAGER_LOOKUPS: usize = 20_000;

/// The frequency (Zipf × 100) from which a word goes into [`Lexicon::common`]: some tens of
/// thousands of words, a few MB, that cover nearly all running words.
const COMMON_ZIPF: u64 = 300;

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("language", &self.language)
            .field("words", &self.map.len())
            .finish()
    }
}

static DECODED: [OnceLock<Option<Lexicon>>; EMBEDDED.len()] =
    [const { OnceLock::new() }; EMBEDDED.len()];

impl Lexicon {
    /// The embedded lexicon of a language code ("en", "de", "fr", "es"), decoded once.
    pub fn get(language: &str) -> Option<&'static Lexicon> {
        let i = EMBEDDED.iter().position(|(code, _)| *code == language)?;
        DECODED[i]
            .get_or_init(|| {
                let (code, bytes) = EMBEDDED[i];
                // The maps are built by scripts/lexicon-fst and checked by the tests below; a
                // damaged map makes the lexicon absent rather than the program fail.
                Map::new(bytes).ok().map(|map| Lexicon {
                    language: code,
                    map,
                    common: OnceLock::new(),
                    walks: AtomicUsize::new(0),
                })
            })
            .as_ref()
    }

    /// The language codes that have an embedded lexicon.
    pub fn languages() -> impl Iterator<Item = &'static str> {
        EMBEDDED.iter().map(|(code, _)| *code)
    }

    /// The language code of this lexicon.
    pub fn language(&self) -> &'static str {
        self.language
    }

    /// How many words the lexicon holds.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the lexicon holds no word.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Zipf frequency (log10 per billion words, wordfreq's scale) of a word, looked up
    /// lowercase; None when the word is not in the list. Lookups fold case as wordfreq does
    /// (ß is ss) and read a typographic apostrophe as a plain one.
    pub fn zipf(&self, word: &str) -> Option<f32> {
        let value = if word
            .chars()
            .any(|c| c.is_uppercase() || c == '’' || c == 'ß')
        {
            let mut folded = String::with_capacity(word.len() + 2);
            for c in word.chars() {
                match c {
                    '’' => folded.push('\''),
                    'ß' | 'ẞ' => folded.push_str("ss"),
                    c => folded.extend(c.to_lowercase()),
                }
            }
            self.value(&folded)
        } else {
            self.value(word)
        }?;
        Some(value as f32 / 100.0)
    }

    /// The stored value of a folded word: from the frequent words' hash map, else the `fst`.
    fn value(&self, folded: &str) -> Option<u64> {
        let common = match self.common.get() {
            Some(common) => common,
            None if self.walks.fetch_add(1, Ordering::Relaxed) < EAGER_LOOKUPS => {
                return self.map.get(folded);
            }
            None => self.common(),
        };
        match common.get(folded) {
            Some(&v) => Some(v),
            None => self.map.get(folded),
        }
    }

    /// The frequent words' hash map, filled on first call.
    fn common(&self) -> &FxHashMap<Box<str>, u64> {
        self.common.get_or_init(|| {
            let mut common = FxHashMap::default();
            let mut stream = self.map.stream().into_stream();
            while let Some((key, value)) = stream.next() {
                if value >= COMMON_ZIPF
                    && let Ok(word) = std::str::from_utf8(key)
                {
                    common.insert(word.into(), value);
                }
            }
            common
        })
    }

    /// Whether the word (looked up lowercase) is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.zipf(word).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_map_decodes() {
        for code in Lexicon::languages() {
            let lexicon = Lexicon::get(code).expect("embedded map decodes");
            assert_eq!(lexicon.language(), code);
            assert!(lexicon.len() > 50_000, "{code}: {}", lexicon.len());
        }
        assert!(Lexicon::get("xx").is_none());
    }

    #[test]
    fn frequent_words_are_frequent() {
        let en = Lexicon::get("en").unwrap();
        let the = en.zipf("the").unwrap();
        assert!(the > 7.0, "the: {the}");
        let report = en.zipf("report").unwrap();
        assert!((4.0..6.0).contains(&report), "report: {report}");
        assert!(Lexicon::get("de").unwrap().zipf("und").unwrap() > 6.0);
        assert!(Lexicon::get("fr").unwrap().zipf("les").unwrap() > 6.0);
        assert!(Lexicon::get("es").unwrap().zipf("los").unwrap() > 6.0);
    }

    #[test]
    fn non_words_are_absent() {
        let en = Lexicon::get("en").unwrap();
        assert!(!en.contains("reportwas"));
        assert_eq!(en.zipf("qxzvtplk"), None);
        assert!(!en.contains(""));
        assert!(!Lexicon::get("fr").unwrap().contains("vélosélectriques"));
    }

    #[test]
    fn frequent_and_rare_words_read_the_same_values() {
        let en = Lexicon::get("en").unwrap();
        let words = ["the", "report", "council", "zygote", "qxzvtplk", "don't"];
        // Read from the `fst` alone at first, then from the hash map once it is filled.
        for fill in [false, true] {
            if fill {
                en.common();
            }
            for w in words {
                let stored = en.map.get(w).map(|v| v as f32 / 100.0);
                assert_eq!(en.zipf(w), stored, "{w}");
            }
        }
        assert!(
            en.common
                .get()
                .is_some_and(|c| c.len() > 10_000 && c.len() < en.len())
        );
    }

    #[test]
    fn lookups_fold_case_and_apostrophes() {
        let en = Lexicon::get("en").unwrap();
        assert_eq!(en.zipf("The"), en.zipf("the"));
        assert_eq!(en.zipf("REPORT"), en.zipf("report"));
        assert!(en.contains("don’t"));
        let de = Lexicon::get("de").unwrap();
        assert_eq!(de.zipf("Über"), de.zipf("über"));
        assert!(de.contains("Straße"));
    }
}
