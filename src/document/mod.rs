//! The document model: the text as read, with a line index, paragraphs, sentences and tokens,
//! all as byte spans into the input.
//!
//! Paragraphs are separated by blank lines. Inside a block of lines, a line break also ends a
//! paragraph unless the next line continues the previous one (it starts with a lowercase letter,
//! or the previous line ends with a comma or a hyphen), so that line-based debris such as a run of
//! share-button labels is seen line by line while hard-wrapped prose stays whole.

mod lines;
mod span;
mod split;
pub mod tokens;

pub use lines::LineIndex;
pub use span::Span;
pub use split::{Grammar, Segmentation};
pub use tokens::{MAX_TEXT, Token, TokenKind};

use std::ops::Range;

/// A paragraph: a span and the sentences inside it.
#[derive(Clone, Debug)]
pub struct Paragraph {
    pub span: Span,
    pub sentences: Range<usize>,
    /// True when the paragraph is the last of its block (a blank line or the end of text follows).
    pub ends_block: bool,
    /// True when the paragraph is pure ASCII (Unicode-level checks may skip it).
    pub ascii: bool,
}

/// A sentence: a span, its tokens and its paragraph.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
    pub paragraph: usize,
    /// Whether it ends with a sentence terminator (possibly followed by closing quotes).
    pub terminated: bool,
    /// True when the sentence is pure ASCII (Unicode-level checks may skip it).
    pub ascii: bool,
}

/// A text prepared for the checks.
#[derive(Debug)]
pub struct Document<'a> {
    text: &'a str,
    lines: LineIndex,
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
    ascii: bool,
}

/// Texts at least this long have their paragraphs tokenized and split on all of rayon's
/// threads, in parts of about [`PART_BYTES`].
const PARALLEL_BYTES: usize = 256 * 1024;
const PART_BYTES: usize = 64 * 1024;

/// The paragraphs, sentences and tokens of a run of paragraphs, with indexes local to it.
#[derive(Default)]
struct Parts {
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    tokens: Vec<Token>,
}

impl Parts {
    fn build(text: &str, spans: &[(Span, bool)], seg: &Segmentation) -> Self {
        let mut p = Parts::default();
        let mut cuts = Vec::new();
        for &(span, ends_block) in spans {
            p.push_paragraph(text, span, ends_block, seg, &mut cuts);
        }
        p
    }

    fn push_paragraph(
        &mut self,
        text: &str,
        span: Span,
        ends_block: bool,
        seg: &Segmentation,
        cuts: &mut Vec<(usize, usize, bool)>,
    ) {
        let first_token = self.tokens.len();
        tokens::tokenize(text, span.start, span.end, &mut self.tokens);
        let toks = &self.tokens[first_token..];
        if toks.is_empty() {
            return;
        }
        let index = self.paragraphs.len();
        let first_sentence = self.sentences.len();
        let ascii = span.of(text).is_ascii();
        seg.split_into(text, toks, cuts);
        for &(a, b, terminated) in cuts.iter() {
            let span = toks[a].span().cover(toks[b].span());
            self.sentences.push(Sentence {
                span,
                tokens: first_token + a..first_token + b + 1,
                paragraph: index,
                terminated,
                ascii: ascii || span.of(text).is_ascii(),
            });
        }
        self.paragraphs.push(Paragraph {
            span,
            sentences: first_sentence..self.sentences.len(),
            ends_block,
            ascii,
        });
    }

    /// Appends `other`, shifting its indexes past this one's.
    fn append(&mut self, other: Parts) {
        let (p0, s0, t0) = (
            self.paragraphs.len(),
            self.sentences.len(),
            self.tokens.len(),
        );
        self.tokens.extend(other.tokens);
        self.sentences
            .extend(other.sentences.into_iter().map(|mut s| {
                s.tokens = s.tokens.start + t0..s.tokens.end + t0;
                s.paragraph += p0;
                s
            }));
        self.paragraphs
            .extend(other.paragraphs.into_iter().map(|mut p| {
                p.sentences = p.sentences.start + s0..p.sentences.end + s0;
                p
            }));
    }
}

impl<'a> Document<'a> {
    /// Builds the model of `text` (the whole input, a leading BOM included). A long text is
    /// tokenized and split in parts on all threads; each paragraph is read on its own, so the
    /// model is the same as on one thread. Only the first [`MAX_TEXT`] bytes of a longer text
    /// are modelled (files that long are refused when read).
    pub fn new(text: &'a str, seg: &Segmentation) -> Self {
        let text = if text.len() > MAX_TEXT {
            let mut end = MAX_TEXT;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            &text[..end]
        } else {
            text
        };
        let lines = LineIndex::new(text);
        let spans = paragraph_spans(text, &lines);
        let parts = if text.len() >= PARALLEL_BYTES && rayon::current_num_threads() > 1 {
            use rayon::prelude::*;
            // Runs of paragraphs of about PART_BYTES each.
            let mut cuts = vec![0];
            let mut from = 0;
            for (i, (span, _)) in spans.iter().enumerate() {
                if span.end - from >= PART_BYTES {
                    cuts.push(i + 1);
                    from = span.end;
                }
            }
            if cuts.last() != Some(&spans.len()) {
                cuts.push(spans.len());
            }
            let built: Vec<Parts> = cuts
                .par_windows(2)
                .map(|w| Parts::build(text, &spans[w[0]..w[1]], seg))
                .collect();
            let mut all = Parts {
                paragraphs: Vec::with_capacity(built.iter().map(|p| p.paragraphs.len()).sum()),
                sentences: Vec::with_capacity(built.iter().map(|p| p.sentences.len()).sum()),
                tokens: Vec::with_capacity(built.iter().map(|p| p.tokens.len()).sum()),
            };
            for p in built {
                all.append(p);
            }
            all
        } else {
            Parts::build(text, &spans, seg)
        };
        Document {
            text,
            lines,
            paragraphs: parts.paragraphs,
            sentences: parts.sentences,
            tokens: parts.tokens,
            ascii: text.is_ascii(),
        }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// True when the whole text is pure ASCII: Unicode-level work can be skipped.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &'a str {
        span.of(self.text)
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.tokens.clone()]
    }

    /// The sentences of a paragraph.
    pub fn paragraph_sentences(&self, p: &Paragraph) -> &[Sentence] {
        &self.sentences[p.sentences.clone()]
    }

    /// Number of words: word and number tokens, with each Han or kana character counted as one.
    pub fn word_count(&self) -> usize {
        self.tokens
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count()
    }

    /// Spans of the non-blank lines, trimmed of surrounding white space.
    pub fn line_spans(&self) -> impl Iterator<Item = Span> + '_ {
        (0..self.lines.len()).filter_map(|i| {
            let (a, b) = self.lines.line_span(self.text, i);
            trim(self.text, Span::new(a, b))
        })
    }
}

/// Trims white space (and a BOM) from both ends of a span; `None` when nothing is left.
pub fn trim(text: &str, span: Span) -> Option<Span> {
    let s = span.of(text);
    let is_space = |c: char| c.is_whitespace() || c == '\u{feff}';
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let t = s.trim_matches(is_space);
    (!t.is_empty()).then(|| Span::new(span.start + lead, span.start + lead + t.len()))
}

/// Whether the line starting at `next` continues the line `prev` (soft wrap).
fn continues(prev: &str, next: &str) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    let last = prev.chars().next_back().unwrap_or(' ');
    // Hard-wrapped Japanese or Chinese: a line that stops mid-sentence between CJK characters.
    let cjk_wrap = tokens::is_cjk(last) && tokens::is_cjk(first);
    first.is_lowercase() || cjk_wrap || matches!(last, ',' | '-' | '‐' | '、' | '，')
}

/// Paragraph spans (trimmed) with whether each ends its block.
fn paragraph_spans(text: &str, lines: &LineIndex) -> Vec<(Span, bool)> {
    let mut out: Vec<(Span, bool)> = Vec::new();
    let mut current: Option<Span> = None;
    for i in 0..lines.len() {
        let (a, b) = lines.line_span(text, i);
        match trim(text, Span::new(a, b)) {
            None => {
                if let Some(p) = current.take() {
                    out.push((p, true));
                }
            }
            Some(line) => {
                current = Some(match current {
                    Some(p) if continues(p.of(text), line.of(text)) => p.cover(line),
                    Some(p) => {
                        out.push((p, false));
                        line
                    }
                    None => line,
                });
            }
        }
    }
    if let Some(p) = current {
        out.push((p, true));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg() -> Segmentation {
        let set = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect();
        Segmentation {
            never_final: set(&["Mr", "Dr", "e.g"]),
            before_number: set(&["No"]),
            ambiguous: set(&["Inc"]),
            openers: set(&["This", "The", "He"]),
            ..Segmentation::default()
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        let doc = Document::new(text, &seg());
        doc.sentences().iter().map(|s| doc.slice(s.span)).collect()
    }

    #[test]
    fn abbreviations_and_numbers() {
        assert_eq!(
            sentences("Mr. Smith spoke outside No. 10 Downing Street. He left."),
            vec!["Mr. Smith spoke outside No. 10 Downing Street.", "He left."]
        );
    }

    #[test]
    fn dotted_acronyms_split_only_before_openers() {
        assert_eq!(
            sentences("She asked the U.S. Senate. The U.S. This is new."),
            vec!["She asked the U.S. Senate.", "The U.S.", "This is new."]
        );
    }

    #[test]
    fn initials_decimals_quotes_and_ellipses() {
        assert_eq!(
            sentences("J. R. R. Tolkien wrote 3.5 books. “Really?” he asked. “Yes.” Then… Later."),
            vec![
                "J. R. R. Tolkien wrote 3.5 books.",
                "“Really?” he asked.",
                "“Yes.”",
                "Then…",
                "Later."
            ]
        );
    }

    #[test]
    fn ordinals_and_spaced_guillemets() {
        let mut german = seg();
        german.ordinal_numbers = true;
        let doc = Document::new(
            "Am 14. September öffnet sie. Im Jahr 2020. Dann kam es.",
            &german,
        );
        let got: Vec<&str> = doc.sentences().iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(
            got,
            vec![
                "Am 14. September öffnet sie.",
                "Im Jahr 2020.",
                "Dann kam es."
            ]
        );
        assert_eq!(
            sentences("Il a dit : « Nous continuerons. » Le maire est parti."),
            vec!["Il a dit : « Nous continuerons. »", "Le maire est parti."]
        );
    }

    #[test]
    fn cjk_sentences() {
        let doc = Document::new("It cut waiting by half. 町は導入しました。", &seg());
        let ascii: Vec<bool> = doc.sentences().iter().map(|s| s.ascii).collect();
        assert_eq!(ascii, vec![true, false]);
        assert!(!doc.paragraphs()[0].ascii);
        assert_eq!(
            sentences(
                "町は導入しました。It cut waiting by half.町の担当者は「良い。」と述べました。"
            ),
            vec![
                "町は導入しました。",
                "It cut waiting by half.",
                "町の担当者は「良い。」と述べました。"
            ]
        );
    }

    #[test]
    fn paragraphs_by_blank_lines_and_line_runs() {
        let text = "\u{feff}Title line\r\n\r\nOne sentence\nwrapped here.\nFacebook\nTwitter\n";
        let doc = Document::new(text, &seg());
        let paras: Vec<&str> = doc.paragraphs().iter().map(|p| doc.slice(p.span)).collect();
        assert_eq!(
            paras,
            vec![
                "Title line",
                "One sentence\nwrapped here.",
                "Facebook",
                "Twitter"
            ]
        );
        assert!(doc.paragraphs()[0].ends_block);
        // The BOM is trimmed from the paragraph, not from the document.
        assert!(doc.paragraphs()[0].ascii && doc.sentences()[1].ascii);
        assert!(!doc.is_ascii());
        assert!(!doc.paragraphs()[2].ends_block);
        assert!(!doc.sentences()[0].terminated);
        assert!(doc.sentences()[1].terminated);
    }
}
