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

use std::sync::Arc;

use super::{Builder, Check, Compiled, Context};
use crate::document::Span;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// The classes of damage one rule reports. Run by [`UnicodeScanner`] with the other `unicode`
/// rules.
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

    /// Where this rule's scan enters the run of suspect bytes starting at byte `s`: there, or
    /// on the ASCII letter before it when the run opens with a combining mark (only an ASCII
    /// letter followed by a mark can be damage, so the scan skips ASCII text otherwise).
    fn entry(&self, text: &str, s: usize) -> usize {
        if s > 0 && self.nfc && text.as_bytes()[s] >= 0x80 && starts_with_mark(&text[s..]) {
            s - 1
        } else {
            s
        }
    }

    /// Reads the characters from `i` to `end`, the end of a run of suspect bytes (no finding
    /// reaches past it: every character of one is non-ASCII or a control).
    fn scan(
        &self,
        text: &str,
        rule: &Rule,
        mut i: usize,
        end: usize,
        has_rtl: &mut Option<bool>,
        out: &mut Vec<Finding>,
    ) {
        while i < end {
            let c = char_at(text, i);
            let emit = |out: &mut Vec<Finding>, end: usize, what: String| {
                let span = Span::new(i, end);
                let f = rule.finding(span, span.of(text));
                let message = format!("{}: {what}", f.message);
                out.push(f.with_message(message));
            };
            if self.mojibake
                && (0xC2..=0xEF).contains(&(c as u32))
                && let Some((end, decoded)) = mojibake_at(text, i)
            {
                emit(
                    out,
                    end,
                    format!(
                        "\"{}\" is UTF-8 read as Windows-1252; meant \"{decoded}\"",
                        &text[i..end]
                    ),
                );
                i = end;
                continue;
            }
            let after = i + c.len_utf8();
            let prev = text[..i].chars().next_back();
            let next = text[after..].chars().next();
            let fine_joiner = match c {
                '\u{200D}' => prev.is_some_and(|p| is_emoji(p) || joins(p)),
                '\u{200C}' => prev.is_some_and(joins) || next.is_some_and(joins),
                '\u{200E}' | '\u{200F}' => {
                    *has_rtl.get_or_insert_with(|| text.chars().any(|c| !c.is_ascii() && is_rtl(c)))
                }
                '\u{FEFF}' => i == 0,
                _ => false,
            };
            let class_hit = (self.invisible && is_invisible(c) && !fine_joiner)
                || (self.replacement && c == '\u{FFFD}')
                || (self.control && (c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
            if class_hit {
                // One finding for a run of the same character.
                let mut end = after;
                let mut count = 1;
                while text[end..].starts_with(c) {
                    end += c.len_utf8();
                    count += 1;
                }
                let times = if count > 1 {
                    format!(" ×{count}")
                } else {
                    String::new()
                };
                emit(out, end, format!("U+{:04X} {}{times}", c as u32, name(c)));
                i = end;
                continue;
            }
            if self.nfc
                && canonical_combining_class(c) == 0
                && (!c.is_ascii() || next.is_some_and(|n| canonical_combining_class(n) != 0))
            {
                // A starter and the non-starters after it: one normalisation segment.
                let mut end = after;
                for n in text[after..].chars() {
                    if canonical_combining_class(n) == 0 {
                        break;
                    }
                    end += n.len_utf8();
                }
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
                i = end;
                continue;
            }
            i = after;
        }
    }
}

/// Whether a byte can start damage: a non-ASCII byte, DEL, or a control other than tab and line
/// breaks.
fn suspect(b: u8) -> bool {
    // Written with `&` and `|`, not `&&` and `||`: no branch, so blocks become vector code.
    (b >= 0x7F) | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
}

/// The first suspect byte at or after `from`. Blocks of 32 bytes are tested whole without a
/// branch per byte (the compiler turns this into vector code), so clean ASCII goes by fast.
fn next_suspect(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut i = from;
    while let Some(block) = bytes.get(i..i + BLOCK) {
        if block.iter().fold(false, |any, &b| any | suspect(b)) {
            break;
        }
        i += BLOCK;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|&b| suspect(b))
        .map(|n| i + n)
}

/// The `unicode` rules of a rule set in one scan of the text: it jumps from one run of suspect
/// bytes (non-ASCII characters and controls) to the next, and each rule reads the run. The
/// findings are those of each rule scanning the text alone.
pub struct UnicodeScanner {
    rules: Vec<Arc<Compiled>>,
}

impl std::fmt::Debug for UnicodeScanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnicodeScanner")
            .field("rules", &self.rules.len())
            .finish()
    }
}

fn damage_of(c: &Compiled) -> Option<&UnicodeDamage> {
    match &c.check {
        Check::Unicode(d) => Some(d),
        _ => None,
    }
}

impl UnicodeScanner {
    /// The scanner of the `unicode` rules among `rules`; `None` when there are none.
    pub fn new(rules: &[Arc<Compiled>]) -> Option<Self> {
        let rules: Vec<Arc<Compiled>> = rules
            .iter()
            .filter(|r| damage_of(r).is_some())
            .cloned()
            .collect();
        (!rules.is_empty()).then_some(Self { rules })
    }

    pub fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = cx.text();
        let bytes = text.as_bytes();
        let mut found: Vec<Vec<Finding>> = vec![Vec::new(); self.rules.len()];
        // Whether the text holds right-to-left letters: looked up once, when a rule needs it.
        let mut has_rtl: Option<bool> = None;
        let mut from = 0;
        while let Some(s) = next_suspect(bytes, from) {
            let end = bytes[s..]
                .iter()
                .position(|&b| !suspect(b))
                .map_or(bytes.len(), |n| s + n);
            for (k, c) in self.rules.iter().enumerate() {
                if let Some(d) = damage_of(c) {
                    d.scan(
                        text,
                        &c.rule,
                        d.entry(text, s),
                        end,
                        &mut has_rtl,
                        &mut found[k],
                    );
                }
            }
            from = end;
        }
        for f in found {
            out.extend(f);
        }
    }
}

/// The character that starts at byte `i` of `text`.
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// Whether `s` starts with a combining mark (a non-starter).
fn starts_with_mark(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| canonical_combining_class(c) != 0)
}

/// A mojibake sequence at byte `i` of `text`: a lead byte of a two- or three-byte UTF-8
/// sequence followed by continuation bytes, all as Windows-1252 characters. Gives the end of the
/// sequence and the text it stands for.
fn mojibake_at(text: &str, i: usize) -> Option<(usize, String)> {
    let mut chars = text[i..].char_indices();
    let (_, first) = chars.next()?;
    let lead = cp1252_byte(first)?;
    let len = match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => return None,
    };
    let mut bytes = vec![lead];
    let mut end = i + first.len_utf8();
    for (k, c) in chars.take(len - 1) {
        let b = cp1252_byte(c).filter(|b| (0x80..=0xBF).contains(b))?;
        bytes.push(b);
        end = i + k + c.len_utf8();
    }
    if bytes.len() != len {
        return None;
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.to_string();
    Some((end, decoded))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Option<String> {
        mojibake_at(s, 0).map(|(_, decoded)| decoded)
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
