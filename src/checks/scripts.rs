//! `script-mix`: characters of a script that does not belong in the target language (Han,
//! kana or Hangul in English), and Cyrillic or Greek look-alikes inside Latin words ("Pаris"
//! with a Cyrillic а). `words` lists the scripts the language allows (Unicode script names:
//! Latin, Han, Hiragana …); Common and Inherited characters (digits, punctuation, marks) are
//! always allowed. A long run that makes up most of its sentence is left to the untranslated-
//! text check.

use unicode_script::{Script, UnicodeScript};

use super::{Builder, Context};
use crate::document::Span;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// Letters of other scripts that look like Latin ones.
const LOOKALIKES: &str = "аеорсуххіјѕԁԛԝАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧον";

#[derive(Debug)]
pub struct ScriptMix {
    allowed: Vec<Script>,
}

fn script_named(name: &str) -> Option<Script> {
    let all = [
        Script::Latin,
        Script::Greek,
        Script::Cyrillic,
        Script::Armenian,
        Script::Hebrew,
        Script::Arabic,
        Script::Devanagari,
        Script::Bengali,
        Script::Thai,
        Script::Georgian,
        Script::Hangul,
        Script::Hiragana,
        Script::Katakana,
        Script::Han,
        Script::Tamil,
        Script::Ethiopic,
        Script::Khmer,
        Script::Lao,
        Script::Myanmar,
        Script::Sinhala,
    ];
    all.into_iter()
        .find(|s| s.full_name().eq_ignore_ascii_case(name) || s.short_name() == name)
}

impl ScriptMix {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let names = b.required(&b.spec.words, "words")?;
        let mut allowed = Vec::new();
        for n in names {
            match script_named(n) {
                Some(s) => allowed.push(s),
                None => return Err(b.error(format!("unknown script `{n}` in `words`"))),
            }
        }
        Ok(Self { allowed })
    }

    fn allows(&self, c: char) -> bool {
        // Placeholder marks for redacted names in forms ("the 〇〇 ward office").
        if matches!(c, '〇' | '○' | '×' | '＊') {
            return true;
        }
        let s = script(c);
        matches!(s, Script::Common | Script::Inherited | Script::Unknown)
            || self.allowed.contains(&s)
            // Kana share the Japanese prolonged sound mark and the like with Common.
            || (s == Script::Katakana && self.allowed.contains(&Script::Hiragana))
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let latin_allowed = self.allowed.contains(&Script::Latin);
        for s in cx.doc.sentences() {
            let sentence = s.span.of(text);
            // ASCII letters are Latin and the rest of ASCII is Common.
            if latin_allowed && sentence.is_ascii() {
                continue;
            }
            // Counted only when a run of foreign letters is found.
            let mut letters: Option<usize> = None;
            let mut run: Option<(usize, usize, usize)> = None; // start, end, chars
            let mut flush = |run: &mut Option<(usize, usize, usize)>, out: &mut Vec<Finding>| {
                if let Some((a, b, n)) = run.take() {
                    let letters = *letters.get_or_insert_with(|| {
                        sentence.chars().filter(|c| c.is_alphabetic()).count()
                    });
                    if n >= 10 && n * 2 >= letters {
                        return; // untranslated text, reported by its own check
                    }
                    let span = Span::new(s.span.start + a, s.span.start + b);
                    let shown = span.of(text);
                    let first = shown.chars().next().unwrap_or(' ');
                    let f = rule.finding(span, shown);
                    let message = format!(
                        "{} ({} script, U+{:04X}…)",
                        f.message,
                        first.script().full_name(),
                        first as u32
                    );
                    out.push(f.with_message(message));
                }
            };
            let mut prev: Option<char> = None;
            let mut chars = sentence.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let next = chars.peek().map(|&(_, n)| n);
                let before = prev.replace(c);
                if latin_allowed && c.is_ascii() && run.is_none() {
                    continue;
                }
                let foreign = !self.allows(c);
                // A look-alike letter with Latin letters on both sides.
                let lookalike = latin_allowed
                    && !c.is_ascii()
                    && LOOKALIKES.contains(c)
                    && before.is_some_and(|p| script(p) == Script::Latin)
                    && next.is_some_and(|n| script(n) == Script::Latin);
                if lookalike {
                    flush(&mut run, out);
                    let span = Span::new(s.span.start + i, s.span.start + i + c.len_utf8());
                    let f = rule.finding(span, span.of(text));
                    let message = format!(
                        "a {} letter U+{:04X} inside a Latin word",
                        c.script().full_name(),
                        c as u32
                    );
                    out.push(f.with_message(message));
                    continue;
                }
                if foreign {
                    run = Some(match run {
                        Some((a, _, n)) => (a, i + c.len_utf8(), n + 1),
                        None => (i, i + c.len_utf8(), 1),
                    });
                } else if !(c.is_whitespace() && run.is_some()) || c == '\n' {
                    flush(&mut run, out);
                }
            }
            flush(&mut run, out);
        }
    }
}

/// The script of a character, without a table look-up for ASCII.
fn script(c: char) -> Script {
    if c.is_ascii_alphabetic() {
        Script::Latin
    } else if c.is_ascii() {
        Script::Common
    } else {
        c.script()
    }
}
