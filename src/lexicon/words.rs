//! [`WordSet`]: a closed-class word list (function words, common words) looked up without
//! regard to case and without allocating.

use rustc_hash::FxHashSet;

/// A set of lowercase words. [`WordSet::contains`] answers what `set.contains(&w.to_lowercase())`
/// would on a set of `String`s, but reads a short ASCII word (most running words) in place: its
/// bytes are loaded into two integers and lowercased there, and the set compares integers, so
/// a lookup per running word costs no copy, no allocation and no string comparison. Other
/// words are lowercased first, as before.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    /// Open addressing, linear probing, of the short ASCII words.
    slots: Vec<Slot>,
    /// Bit `n` is set when a short ASCII word of `n` bytes is stored.
    lengths: u32,
    /// The other words: longer than [`SHORT`] bytes, or not ASCII.
    other: FxHashSet<Box<str>>,
    len: usize,
}

/// A short ASCII word packed by [`pack`]; `len` is 0 in an empty slot.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Slot {
    lo: u64,
    hi: u64,
    len: u32,
}

/// The longest word, in bytes, kept packed.
const SHORT: usize = 16;

impl WordSet {
    /// The set of the given words, lowercased.
    pub fn new<I, S>(words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut short: Vec<Slot> = Vec::new();
        let mut other = FxHashSet::default();
        for w in words {
            let lower = w.as_ref().to_lowercase();
            match pack(lower.as_bytes()) {
                Some(slot) => short.push(slot),
                None => {
                    other.insert(lower.into_boxed_str());
                }
            }
        }
        short.sort_by_key(|s| (s.len, s.lo, s.hi));
        short.dedup();
        let size = (short.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); size];
        // The empty word is never packed: its bit sends it to `other`.
        let mut lengths = u32::from(other.contains(""));
        for s in &short {
            lengths |= 1 << s.len;
            let mut at = s.hash() as usize & (size - 1);
            while slots[at].len != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = *s;
        }
        Self {
            slots,
            lengths,
            len: short.len() + other.len(),
            other,
        }
    }

    /// How many words the set holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the set holds no word.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `word`, lowercased, is in the set.
    pub fn contains(&self, word: &str) -> bool {
        if word.is_ascii() {
            // ASCII lowercasing keeps the length, so words of other lengths are out at once.
            if word.len() <= SHORT && self.lengths & (1 << word.len()) == 0 {
                return false;
            }
            match pack(word.as_bytes()) {
                Some(slot) => self.holds(slot.lowercase()),
                None => self.other.contains(word.to_ascii_lowercase().as_str()),
            }
        } else {
            let lower = word.to_lowercase();
            match pack(lower.as_bytes()) {
                Some(slot) => self.holds(slot),
                None => self.other.contains(lower.as_str()),
            }
        }
    }

    fn holds(&self, key: Slot) -> bool {
        if key.len == 0 {
            return false; // the empty word is never packed
        }
        let mask = self.slots.len() - 1;
        let mut at = key.hash() as usize & mask;
        loop {
            let s = self.slots[at];
            if s == key {
                return true;
            }
            if s.len == 0 {
                return false;
            }
            at = (at + 1) & mask;
        }
    }
}

/// An ASCII word of 1 to [`SHORT`] bytes, its bytes little-endian in two integers (zeros
/// after the end). Read with two to four loads, which may overlap, rather than a copy.
fn pack(bytes: &[u8]) -> Option<Slot> {
    let n = bytes.len();
    if n == 0 || n > SHORT || !bytes.is_ascii() {
        return None;
    }
    let load8 = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or([0; 8]));
    let load4 = |at: usize| {
        u64::from(u32::from_le_bytes(
            bytes[at..at + 4].try_into().unwrap_or([0; 4]),
        ))
    };
    let (lo, hi) = if n >= 8 {
        // The last eight bytes, shifted so that those past the first eight stay.
        let hi = if n > 8 {
            load8(n - 8) >> ((16 - n) * 8)
        } else {
            0
        };
        (load8(0), hi)
    } else if n >= 4 {
        (load4(0) | load4(n - 4) << ((n - 4) * 8), 0)
    } else {
        let lo = bytes
            .iter()
            .enumerate()
            .fold(0u64, |x, (i, &b)| x | u64::from(b) << (i * 8));
        (lo, 0)
    };
    Some(Slot {
        lo,
        hi,
        len: n as u32,
    })
}

impl Slot {
    /// The ASCII capitals of the packed bytes turned lowercase, all eight bytes at once.
    fn lowercase(self) -> Slot {
        fn lower(x: u64) -> u64 {
            const ONES: u64 = 0x0101_0101_0101_0101;
            // Every byte is below 0x80: adding keeps each in its own byte, and the top bit
            // tells whether it reached 'A' (0x41), and whether it passed 'Z' (0x5a).
            let from_a = x + ONES * (0x80 - 0x41);
            let past_z = x + ONES * (0x80 - 0x5b);
            let upper = from_a & !past_z & (ONES * 0x80);
            x | (upper >> 2)
        }
        Slot {
            lo: lower(self.lo),
            hi: lower(self.hi),
            len: self.len,
        }
    }

    fn hash(self) -> u64 {
        let h = (self.lo ^ self.hi.rotate_left(29) ^ u64::from(self.len))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 32)
    }
}

#[cfg(test)]
mod tests {
    use super::WordSet;

    #[test]
    fn packing_reads_every_byte_once() {
        let text = "abcdefghijklmnopq";
        for n in 1..=16 {
            let slot = super::pack(&text.as_bytes()[..n]).unwrap();
            let mut bytes = slot.lo.to_le_bytes().to_vec();
            bytes.extend(slot.hi.to_le_bytes());
            assert_eq!(&bytes[..n], &text.as_bytes()[..n], "{n}");
            assert!(bytes[n..].iter().all(|&b| b == 0), "{n}");
        }
        assert!(super::pack(text.as_bytes()).is_none());
    }

    #[test]
    fn lookups_fold_case_like_to_lowercase() {
        let set = WordSet::new(["the", "Über", "of", "ÉTÉ", "a"]);
        assert_eq!(set.len(), 5);
        for w in [
            "the", "The", "THE", "über", "ÜBER", "Of", "été", "Été", "a", "A",
        ] {
            assert!(set.contains(w), "{w}");
        }
        for w in [
            "", "th", "them", "ther", "uber", "off", "ete", "b", "the ", "théé",
        ] {
            assert!(!set.contains(w), "{w}");
        }
        let empty = WordSet::new(Vec::<String>::new());
        assert!(empty.is_empty() && !empty.contains("the") && !empty.contains(""));
        assert!(WordSet::new([""]).contains(""));
    }

    #[test]
    fn agrees_with_a_set_of_lowercased_strings() {
        let words = [
            "and",
            "or",
            "but",
            "i",
            "İ",
            "straße",
            "x",
            "quite-long-hyphenated",
        ];
        let set = WordSet::new(words);
        let strings: rustc_hash::FxHashSet<String> =
            words.iter().map(|w| w.to_lowercase()).collect();
        let probes = [
            "AND",
            "Or",
            "BUT",
            "I",
            "İ",
            "i̇",
            "STRASSE",
            "Straße",
            "X",
            "Quite-Long-Hyphenated",
            "an",
            "nd",
            "butt",
            "ı",
            "",
        ];
        for w in probes {
            assert_eq!(set.contains(w), strings.contains(&w.to_lowercase()), "{w}");
        }
        // Many words: every one is found, and near misses are not.
        let many: Vec<String> = (0..3000)
            .map(|i| format!("w{i}x"))
            .chain((0..50).map(|i| format!("a-rather-long-word-{i}")))
            .collect();
        let set = WordSet::new(&many);
        assert!(many.iter().all(|w| set.contains(&w.to_uppercase())));
        assert!((3000..3100).all(|i| !set.contains(&format!("w{i}x"))));
        assert!(!set.contains("a-rather-long-word-50"));
        // Every byte value next to the capitals lowercases as `to_ascii_lowercase` does.
        let bytes: Vec<u8> = (1u8..128).collect();
        for chunk in bytes.chunks(13) {
            let word = std::str::from_utf8(chunk).unwrap();
            let set = WordSet::new([word]);
            assert!(set.contains(&word.to_ascii_uppercase()), "{word:?}");
            assert!(set.contains(&word.to_ascii_lowercase()), "{word:?}");
        }
    }
}
