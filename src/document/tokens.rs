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

/// The character at byte `i` of `s` (a char boundary) and its length in bytes.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = s[i..].chars().next().unwrap_or('\u{fffd}');
    (c, c.len_utf8())
}

/// Whether the character at byte `i` of `s` (if any) is a word character.
#[inline]
fn word_char_at(s: &str, i: usize) -> bool {
    match s.as_bytes().get(i) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => is_word_char(char_at(s, i).0),
    }
}

/// Tokenizes `text[range]`, appending tokens with absolute offsets. ASCII bytes are read as
/// bytes; other characters are decoded one by one (the result is the same).
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let slice = &text[start..end];
    let bytes = slice.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            if matches!(b, b' ' | b'\t'..=b'\r') {
                i += 1;
                continue;
            }
            if !b.is_ascii_alphanumeric() {
                out.push(Token::new(
                    Span::new(start + i, start + i + 1),
                    TokenKind::Punct,
                ));
                i += 1;
                continue;
            }
            (b as char, 1)
        } else {
            let (c, len) = char_at(slice, i);
            if c.is_whitespace() || c == '\u{feff}' {
                i += len;
                continue;
            }
            if is_cjk(c) || !is_word_char(c) {
                let kind = if is_cjk(c) {
                    TokenKind::Word
                } else {
                    TokenKind::Punct
                };
                out.push(Token::new(Span::new(start + i, start + i + len), kind));
                i += len;
                continue;
            }
            (c, len)
        };
        let first = i;
        let mut has_letter = c.is_alphabetic();
        i += len;
        while i < n {
            let d = bytes[i];
            if d < 0x80 {
                if d.is_ascii_alphanumeric() {
                    has_letter |= d.is_ascii_alphabetic();
                    i += 1;
                } else if matches!(d, b'\'' | b'-' | b'.') && word_char_at(slice, i + 1) {
                    i += 1;
                } else {
                    break;
                }
            } else {
                let (d, dlen) = char_at(slice, i);
                if is_word_char(d) {
                    has_letter |= d.is_alphabetic();
                    i += dlen;
                } else if is_joiner(d) && word_char_at(slice, i + dlen) {
                    i += dlen;
                } else {
                    break;
                }
            }
        }
        out.push(Token::new(
            Span::new(start + first, start + i),
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

    /// The tokenizer as first written, char by char: the byte-level one must agree with it.
    fn reference(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c.is_whitespace() || c == '\u{feff}' {
                continue;
            }
            if is_cjk(c) || !is_word_char(c) {
                let kind = if is_cjk(c) {
                    TokenKind::Word
                } else {
                    TokenKind::Punct
                };
                out.push(Token::new(Span::new(i, i + c.len_utf8()), kind));
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
                    Some((j, d)) if is_joiner(d) => match text[j + d.len_utf8()..].chars().next() {
                        Some(a) if is_word_char(a) => {
                            iter.next();
                            last = j + d.len_utf8();
                        }
                        _ => break,
                    },
                    _ => break,
                }
            }
            let kind = if has_letter {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            out.push(Token::new(Span::new(i, last), kind));
        }
        out
    }

    #[test]
    fn byte_level_tokenizer_matches_the_char_level_one() {
        let alphabet = [
            "a", "Z", "7", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "'", "’", "-", "‐",
            ".", "·", ",", "é", "e\u{301}", "ß", "Ж", "東", "か", "ｶ", "\u{a0}", "\u{2009}",
            "\u{feff}", "\u{200b}", "½", "٣", "💡", "\u{20dd}", "\"", "»", "。", "_",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..4000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let mut got = Vec::new();
            tokenize(&text, 0, text.len(), &mut got);
            assert_eq!(got, reference(&text), "{text:?}");
        }
    }

    #[test]
    fn cjk_characters_are_single_tokens() {
        assert_eq!(
            words("東京へ行った。"),
            vec!["東", "京", "へ", "行", "っ", "た", "。"]
        );
    }
}
