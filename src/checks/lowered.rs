//! Lowercase forms of a run of words, written into strings that are kept from one sentence to
//! the next: once the buffer has grown, lowercasing a sentence allocates nothing (but for the
//! rare word with a non-ASCII character).

/// A reusable list of lowercase words, read as `&[String]`.
#[derive(Debug, Default)]
pub struct Lowered {
    words: Vec<String>,
    len: usize,
}

impl Lowered {
    /// Empties the list, keeping its strings for reuse.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Appends the lowercase form of `w` (as `str::to_lowercase`).
    pub fn push(&mut self, w: &str) {
        if self.len == self.words.len() {
            self.words.push(String::new());
        }
        let s = &mut self.words[self.len];
        s.clear();
        if w.is_ascii() {
            s.push_str(w);
            s.make_ascii_lowercase();
        } else {
            s.push_str(&w.to_lowercase());
        }
        self.len += 1;
    }

    /// The words pushed since the last [`Lowered::clear`].
    pub fn as_slice(&self) -> &[String] {
        &self.words[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::Lowered;

    #[test]
    fn lowercases_like_to_lowercase_and_reuses() {
        let mut l = Lowered::default();
        for w in ["The", "ÖL", "ΟΔΟΣ", "x"] {
            l.push(w);
        }
        let want: Vec<String> = ["The", "ÖL", "ΟΔΟΣ", "x"]
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        assert_eq!(l.as_slice(), &want[..]);
        l.clear();
        assert!(l.as_slice().is_empty());
        l.push("AB");
        assert_eq!(l.as_slice(), &["ab".to_string()][..]);
    }
}
