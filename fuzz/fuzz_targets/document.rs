#![no_main]
//! Document parsing: lines, paragraphs, sentences and tokens of any text stay inside it.

use libfuzzer_sys::fuzz_target;
use mtlint::document::{Document, LineIndex, Segmentation};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = Document::new(text, &Segmentation::default());
    let ok = |s: mtlint::document::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for p in doc.paragraphs() {
        assert!(ok(p.span), "paragraph {:?}", p.span);
    }
    for s in doc.sentences() {
        assert!(ok(s.span), "sentence {:?}", s.span);
    }
    for t in doc.tokens() {
        assert!(ok(t.span()), "token {:?}", t.span());
    }
    let lines = LineIndex::new(text);
    assert!(!lines.is_empty());
    let _ = doc.word_count();
});
