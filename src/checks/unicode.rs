//! `unicode`: damage to the characters themselves. `words` selects the classes a rule reports:
//! - `nfc`: text not in Unicode Normalization Form C (a letter and a separate combining accent
//!   where a precomposed letter exists);
//! - `invisible`: zero-width space, word joiner, a byte-order mark inside the text, soft hyphen,
//!   bidirectional controls, invisible operators (a zero-width joiner between emoji and a
//!   non-joiner between letters of scripts that need it are fine);
//! - `replacement`: U+FFFD, the mark of an earlier decoding failure;
//! - `control`: C0 and C1 control characters other than tab and line breaks;
//! - `mojibake`: UTF-8 read as Latin-1 or Windows-1252 ("Ã©" for "é", "â€™" for "’").
//!
//! Each finding points at the exact characters and names them by code point.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;
use unicode_script::{Script, UnicodeScript};

use super::{Builder, Context};
use crate::document::Span;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug, Default)]
pub struct UnicodeDamage {
    nfc: bool,
    invisible: bool,
    replacement: bool,
    control: bool,
    mojibake: bool,
}

/// Windows-1252 bytes 0x80–0x9F as characters (the C1 range of Latin-1 elsewhere).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The byte a character stands for when UTF-8 was decoded as Windows-1252 or Latin-1.
fn cp1252_byte(c: char) -> Option<u8> {
    let n = c as u32;
    if (0x80..=0xFF).contains(&n) && !(0x80..=0x9F).contains(&n) {
        return u8::try_from(n).ok();
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == c)
        .and_then(|i| u8::try_from(0x80 + i).ok())
}

fn name(c: char) -> &'static str {
    match c {
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "BYTE ORDER MARK (ZERO WIDTH NO-BREAK SPACE)",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{FFFD}' => "REPLACEMENT CHARACTER",
        _ => "control character",
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F)
}

/// Scripts that use joiners and non-joiners in ordinary text.
fn joins(c: char) -> bool {
    matches!(
        c.script(),
        Script::Arabic
            | Script::Devanagari
            | Script::Bengali
            | Script::Gurmukhi
            | Script::Gujarati
            | Script::Oriya
            | Script::Tamil
            | Script::Telugu
            | Script::Kannada
            | Script::Malayalam
            | Script::Sinhala
            | Script::Syriac
            | Script::Mongolian
    )
}

fn is_rtl(c: char) -> bool {
    matches!(
        c.script(),
        Script::Arabic | Script::Hebrew | Script::Syriac | Script::Thaana
    )
}

impl UnicodeDamage {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let mut d = UnicodeDamage::default();
        for class in b.required(&b.spec.words, "words")? {
            match class.as_str() {
                "nfc" => d.nfc = true,
                "invisible" => d.invisible = true,
                "replacement" => d.replacement = true,
                "control" => d.control = true,
                "mojibake" => d.mojibake = true,
                other => {
                    return Err(b.error(format!(
                        "unknown class `{other}`; expected nfc, invisible, replacement, control or mojibake"
                    )));
                }
            }
        }
        Ok(d)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        // Plain ASCII text without control characters has nothing to report.
        let suspect = |b: &u8| *b >= 0x7F || (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
        if !text.as_bytes().iter().any(suspect) {
            return;
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let has_rtl = self.invisible && text.chars().any(is_rtl);
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(k + 1).map(|n| n.1);
            let emit = |out: &mut Vec<Finding>, end: usize, what: String| {
                let span = Span::new(i, end);
                let f = rule.finding(span, span.of(text));
                let message = format!("{}: {what}", f.message);
                out.push(f.with_message(message));
            };
            if self.mojibake
                && (0xC2..=0xEF).contains(&(c as u32))
                && let Some(len) = mojibake_at(&chars[k..])
            {
                {
                    let end = chars.get(k + len).map_or(text.len(), |n| n.0);
                    let decoded = mojibake_decode(&chars[k..k + len]);
                    emit(
                        out,
                        end,
                        format!(
                            "\"{}\" is UTF-8 read as Windows-1252; meant \"{decoded}\"",
                            &text[i..end]
                        ),
                    );
                    k += len;
                    continue;
                }
            }
            let fine_joiner = match c {
                '\u{200D}' => prev.is_some_and(|p| is_emoji(p) || joins(p)),
                '\u{200C}' => prev.is_some_and(joins) || next.is_some_and(joins),
                '\u{200E}' | '\u{200F}' => has_rtl,
                '\u{FEFF}' => i == 0,
                _ => false,
            };
            let class_hit = (self.invisible && is_invisible(c) && !fine_joiner)
                || (self.replacement && c == '\u{FFFD}')
                || (self.control && (c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
            if class_hit {
                // One finding for a run of the same character.
                let mut j = k + 1;
                while j < chars.len() && chars[j].1 == c {
                    j += 1;
                }
                let end = chars.get(j).map_or(text.len(), |n| n.0);
                let count = j - k;
                let times = if count > 1 {
                    format!(" ×{count}")
                } else {
                    String::new()
                };
                emit(out, end, format!("U+{:04X} {}{times}", c as u32, name(c)));
                k = j;
                continue;
            }
            let next_is_mark = chars
                .get(k + 1)
                .is_some_and(|n| canonical_combining_class(n.1) != 0);
            if self.nfc && canonical_combining_class(c) == 0 && (!c.is_ascii() || next_is_mark) {
                // A starter and the non-starters after it: one normalisation segment.
                let mut j = k + 1;
                while j < chars.len() && canonical_combining_class(chars[j].1) != 0 {
                    j += 1;
                }
                let end = chars.get(j).map_or(text.len(), |n| n.0);
                let segment = &text[i..end];
                if !unicode_normalization::is_nfc(segment) {
                    let nfc: String = segment.nfc().collect();
                    let points: Vec<String> = segment
                        .chars()
                        .map(|c| format!("U+{:04X}", c as u32))
                        .collect();
                    emit(
                        out,
                        end,
                        format!("{} is not in NFC; NFC is \"{nfc}\"", points.join(" ")),
                    );
                }
                k = j;
                continue;
            }
            k += 1;
        }
    }
}

/// Length in characters of a mojibake sequence at the start of `chars`: a lead byte of a
/// two- or three-byte UTF-8 sequence followed by continuation bytes, as Windows-1252.
fn mojibake_at(chars: &[(usize, char)]) -> Option<usize> {
    let lead = cp1252_byte(chars.first()?.1)?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => return None,
    };
    let bytes: Option<Vec<u8>> = chars
        .get(..len)?
        .iter()
        .map(|&(_, c)| cp1252_byte(c))
        .collect();
    let bytes = bytes?;
    if bytes[1..].iter().all(|b| (0x80..=0xBF).contains(b)) && std::str::from_utf8(&bytes).is_ok() {
        Some(len)
    } else {
        None
    }
}

fn mojibake_decode(chars: &[(usize, char)]) -> String {
    let bytes: Vec<u8> = chars.iter().filter_map(|&(_, c)| cp1252_byte(c)).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Option<String> {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        mojibake_at(&chars).map(|n| mojibake_decode(&chars[..n]))
    }

    #[test]
    fn recognises_mojibake() {
        assert_eq!(decode("Ã©t").as_deref(), Some("é"));
        assert_eq!(decode("â€™s").as_deref(), Some("’"));
        assert_eq!(decode("Ã¼ber").as_deref(), Some("ü"));
        assert_eq!(decode("Ãtienne"), None); // "Ã" then a plain letter
        assert_eq!(decode("São"), None);
    }
}
