//! Tokenizer: words, numbers and punctuation as byte spans, no allocation per token.
//!
//! A word is a run of letters, digits and combining marks, joined across an apostrophe, a hyphen
//! or a period when a letter or digit follows (`Rutte's`, `Jean-Claude`, `U.S`, `3.5`). The
//! final period of an abbreviation stays a separate punctuation token, so the sentence splitter
//! can decide what it means. Han and kana characters are one token each, so that word counts and
//! checks work on Japanese and Chinese text too.

use super::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Contains at least one letter.
    Word,
    /// Digits (and joiners) only.
    Number,
    /// A single punctuation or symbol character.
    Punct,
}

/// One token of the input: 12 bytes, with 32-bit offsets (a document models at most the first
/// [`MAX_TEXT`] bytes of its text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    pub kind: TokenKind,
}

/// The longest text a document models: token offsets are 32-bit.
pub const MAX_TEXT: usize = u32::MAX as usize;

impl Token {
    /// A token over `span`, which must end at or before [`MAX_TEXT`].
    pub fn new(span: Span, kind: TokenKind) -> Self {
        debug_assert!(span.end <= MAX_TEXT);
        Token {
            start: span.start as u32,
            end: span.end as u32,
            kind,
        }
    }

    /// The token's byte span in the input.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// `s` with its first character in uppercase ("president" → "President").
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// True for characters written without spaces between words, each counted as a word.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width katakana
        | 0x20000..=0x2FFFF) // supplementary ideographs
}

fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || is_mark(c)) && !is_cjk(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '.' | '·')
}

/// Tokenizes `text[range]`, appending tokens with absolute offsets.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let slice = &text[start..end];
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() || c == '\u{feff}' {
            continue;
        }
        let abs = start + i;
        if is_cjk(c) {
            out.push(Token::new(
                Span::new(abs, abs + c.len_utf8()),
                TokenKind::Word,
            ));
            continue;
        }
        if !is_word_char(c) {
            out.push(Token::new(
                Span::new(abs, abs + c.len_utf8()),
                TokenKind::Punct,
            ));
            continue;
        }
        let mut last = i + c.len_utf8();
        let mut has_letter = c.is_alphabetic();
        loop {
            match iter.peek().copied() {
                Some((j, d)) if is_word_char(d) => {
                    has_letter |= d.is_alphabetic();
                    last = j + d.len_utf8();
                    iter.next();
                }
                Some((j, d)) if is_joiner(d) => {
                    let after = slice[j + d.len_utf8()..].chars().next();
                    match after {
                        Some(a) if is_word_char(a) => {
                            iter.next();
                            last = j + d.len_utf8();
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        out.push(Token::new(
            Span::new(abs, start + last),
            if has_letter {
                TokenKind::Word
            } else {
                TokenKind::Number
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        out.iter().map(|t| t.span().of(text)).collect()
    }

    #[test]
    fn joins_and_splits() {
        assert_eq!(
            words("Rutte's U.S. plan, 3.5% of Jean-Claude’s."),
            vec![
                "Rutte's",
                "U.S",
                ".",
                "plan",
                ",",
                "3.5",
                "%",
                "of",
                "Jean-Claude’s",
                "."
            ]
        );
    }

    #[test]
    fn cjk_characters_are_single_tokens() {
        assert_eq!(
            words("東京へ行った。"),
            vec!["東", "京", "へ", "行", "っ", "た", "。"]
        );
    }
}
