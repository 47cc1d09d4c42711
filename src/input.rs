//! Input formats. Markdown and HTML are checked as prose: what is not prose (code, front
//! matter, URLs, tags, scripts, comments) is masked with spaces of the same byte length, so every
//! offset still points into the original file.

use std::path::Path;

use crate::document::Span;

/// How an input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Markdown,
    Html,
}

impl InputFormat {
    /// The format a file name suggests (`.md`, `.html`); plain text otherwise.
    pub fn from_path(path: &str) -> Self {
        match Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => InputFormat::Markdown,
            Some("html" | "htm" | "xhtml") => InputFormat::Html,
            _ => InputFormat::Text,
        }
    }
}

/// Replaces `text[a..b]` with spaces (keeping line breaks), byte for byte.
fn blank(out: &mut [u8], a: usize, b: usize) {
    for byte in &mut out[a..b] {
        if *byte != b'\n' && *byte != b'\r' {
            *byte = b' ';
        }
    }
}

/// The text to check: `text` with everything that is not prose masked.
pub fn prose(text: &str, format: InputFormat) -> String {
    prose_and_code(text, format).0
}

/// The prose of `text`, and the spans of its code (Markdown code blocks, inline code and front
/// matter), where suppression directives are examples, not directives.
pub fn prose_and_code(text: &str, format: InputFormat) -> (String, Vec<Span>) {
    match format {
        InputFormat::Text => (text.to_string(), Vec::new()),
        InputFormat::Markdown => markdown(text),
        InputFormat::Html => (html(text), Vec::new()),
    }
}

fn finish(bytes: Vec<u8>, original: &str) -> String {
    // Masking replaces whole characters with ASCII, so the result stays UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| original.to_string())
}

/// Masks whole characters in `[a, b)` (both on char boundaries).
fn mask(out: &mut [u8], text: &str, a: usize, b: usize) {
    debug_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
    blank(out, a, b);
}

fn markdown(text: &str) -> (String, Vec<Span>) {
    let mut out = text.as_bytes().to_vec();
    let mut code: Vec<Span> = Vec::new();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut offset = bom;
    // Front matter: a first line of --- (YAML) or +++ (TOML) up to the matching line.
    if let Some(first) = text[bom..].split_inclusive('\n').next()
        && matches!(first.trim_end(), "---" | "+++")
    {
        let fence = first.trim_end();
        let mut end = bom;
        for (i, line) in text[bom..].split_inclusive('\n').enumerate() {
            end += line.len();
            if i > 0 && line.trim_end() == fence {
                mask(&mut out, text, bom, end);
                code.push(Span::new(bom, end));
                offset = end;
                break;
            }
        }
    }
    // One pass over the lines: fences, indented code and HTML comments (which may run over
    // several lines) are recognised in document order, so a `<!--` inside code is code.
    let mut fence: Option<&str> = None;
    let mut comment = false;
    // Whether the previous line was blank (or there is none), and whether a list is open:
    // an indented line is code only after a blank line and outside a list.
    let mut after_blank = true;
    let mut in_list = false;
    let mut prev_code = false;
    for line in text[offset..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let blank = trimmed.trim_end().is_empty();
        if comment {
            match line.find("-->") {
                Some(j) => {
                    mask(&mut out, text, start, start + j + 3);
                    comment = mask_inline(&mut out, text, start + j + 3, offset, &mut code);
                }
                None => mask(&mut out, text, start, offset),
            }
            after_blank = blank;
            continue;
        }
        if let Some(f) = fence {
            mask(&mut out, text, start, offset);
            code.push(Span::new(start, offset));
            if trimmed.trim_end().starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            mask(&mut out, text, start, offset);
            code.push(Span::new(start, offset));
            prev_code = false;
            continue;
        }
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if indented && !blank && ((after_blank && !in_list) || prev_code) {
            mask(&mut out, text, start, offset); // indented code
            code.push(Span::new(start, offset));
            prev_code = true;
            after_blank = false;
            continue;
        }
        if !blank {
            prev_code = false;
            if is_list_item(trimmed) {
                in_list = true;
            } else if !indented && after_blank {
                in_list = false;
            }
        }
        after_blank = blank;
        comment = mask_inline(&mut out, text, start, offset, &mut code);
    }
    (finish(out, text), code)
}

/// Whether a line (without its indentation) starts a list item: `-`, `*`, `+` or `1.`/`1)`
/// followed by a space.
fn is_list_item(line: &str) -> bool {
    let b = line.as_bytes();
    if matches!(b.first(), Some(b'-' | b'*' | b'+')) {
        return matches!(b.get(1), Some(b' ' | b'\t'));
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=9).contains(&digits)
        && matches!(b.get(digits), Some(b'.' | b')'))
        && matches!(b.get(digits + 1), Some(b' ' | b'\t'))
}

/// Where the next `needle` at or after a position is, remembered so that scanning a line from
/// many positions costs one pass: the answer is kept until the position passes it, and a
/// failed search answers every later position of the line.
struct Next {
    needle: &'static str,
    at: Option<Option<usize>>,
}

impl Next {
    const fn new(needle: &'static str) -> Self {
        Self { needle, at: None }
    }

    fn from(&mut self, line: &str, i: usize) -> Option<usize> {
        match self.at {
            Some(None) => return None,
            Some(Some(j)) if j >= i => return Some(j),
            _ => {}
        }
        let found = line[i..].find(self.needle).map(|j| i + j);
        self.at = Some(found);
        found
    }
}

/// Inline code, HTML comments and tags, autolinks, link targets and bare URLs in
/// `text[start..end]`, in one pass. Returns whether an HTML comment is left open at the end.
fn mask_inline(out: &mut [u8], text: &str, start: usize, end: usize, code: &mut Vec<Span>) -> bool {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut gt = Next::new(">");
    let mut lt = Next::new("<");
    let mut paren = Next::new(")");
    let mut comment_end = Next::new("-->");
    // For each length of backtick run, the position from which no closing run was found.
    let mut no_ticks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if !matches!(c, b'`' | b'<' | b']' | b'h' | b'w') {
            i += 1;
            while i < bytes.len() && !line.is_char_boundary(i) {
                i += 1;
            }
            continue;
        }
        let rest = &line[i..];
        let span = if c == b'`' {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            if no_ticks.iter().any(|&(n, from)| n == ticks && from <= i) {
                None
            } else {
                let found = rest[ticks..].find(fence).map(|j| ticks + j + ticks);
                if found.is_none() {
                    no_ticks.push((ticks, i));
                }
                // An unmatched run is literal text, all of it.
                found.or_else(|| {
                    i += ticks - 1;
                    None
                })
            }
        } else if rest.starts_with("<!--") {
            match comment_end.from(line, i + 4) {
                Some(j) => Some(j + 3 - i),
                None => {
                    // Open to the end of the line, and on into the following lines.
                    mask(out, text, start + i, end);
                    return true;
                }
            }
        } else if c == b'<' {
            let close = gt.from(line, i + 1);
            // A tag or autolink has no `<` inside: checked without scanning.
            let nested = lt
                .from(line, i + 1)
                .is_some_and(|l| close.is_some_and(|g| l < g));
            close
                .filter(|&g| {
                    let inner = &line[i + 1..g];
                    !nested
                        && !inner.is_empty()
                        && !inner.starts_with(' ')
                        && (inner.contains("://")
                            || inner.contains('@')
                            || inner.starts_with('/')
                            || inner
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_alphabetic() || c == '!'))
                })
                .map(|g| g + 1 - i)
        } else if rest.starts_with("](") {
            paren.from(line, i + 2).map(|j| j + 1 - i)
        } else if rest.starts_with("http://")
            || rest.starts_with("https://")
            || rest.starts_with("www.")
        {
            Some(rest.find(char::is_whitespace).unwrap_or(rest.len()))
        } else {
            None
        };
        match span {
            Some(len) if len > 0 => {
                let from = if rest.starts_with("](") { i + 1 } else { i };
                mask(out, text, start + from, start + i + len);
                if rest.starts_with('`') {
                    code.push(Span::new(start + i, start + i + len));
                }
                i += len;
            }
            _ => i += 1,
        }
    }
    false
}

/// Tags that end a paragraph of visible text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "figure",
    "figcaption",
    "nav",
    "aside",
    "main",
    "hr",
    "dt",
    "dd",
    "pre",
    "title",
];

fn html(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(text.len(), |j| i + j + 3);
            mask(&mut out, text, i, end);
            i = end;
            continue;
        }
        if rest.starts_with('<') {
            let inner_end = rest.find('>').map_or(text.len(), |j| i + j);
            let end = (inner_end + 1).min(text.len());
            let tag = lower[i + 1..inner_end.max(i + 1)]
                .trim_start_matches('/')
                .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .next()
                .unwrap_or("")
                .to_string();
            // Script and style contents are not visible text, and a `<figcaption>` is a caption
            // the markup labels: page furniture, not body text.
            let mut stop = end;
            if matches!(tag.as_str(), "script" | "style" | "figcaption") && !rest.starts_with("</")
            {
                let closing = format!("</{tag}");
                stop = lower[end..].find(&closing).map_or(text.len(), |j| end + j);
            }
            mask(&mut out, text, i, stop);
            if BLOCK_TAGS.contains(&tag.as_str()) && end - i >= 2 {
                // A blank line, so the text on either side is a separate paragraph.
                out[i] = b'\n';
                out[i + 1] = b'\n';
            }
            i = stop;
            continue;
        }
        if rest.starts_with('&')
            && let Some(j) = rest.as_bytes()[..rest.len().min(11)]
                .iter()
                .position(|&b| b == b';')
                .filter(|&j| {
                    j <= 10
                        && rest[1..j]
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '#')
                })
        {
            mask(&mut out, text, i, i + j + 1); // an entity: not decoded, not checked
            i += j + 1;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    finish(out, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_figcaptions_are_not_body_text() {
        let text = "<p>The ferry left.</p><figure><img src=\"f.jpg\"><figcaption>The ferry at dawn. \
                    Photo: Lena Ortiz</figcaption></figure><p>It returned.</p>";
        let prose = html(text);
        assert_eq!(prose.len(), text.len());
        assert!(prose.contains("The ferry left."));
        assert!(prose.contains("It returned."));
        assert!(!prose.contains("Photo"), "{prose}");
        assert!(!prose.contains("dawn"), "{prose}");
    }

    #[test]
    fn markdown_masks_code_front_matter_urls_and_tags_keeping_offsets() {
        let md = "---\ntitle: x\n---\n# Head\n\nSee `code here` and <b>bold</b> at https://ex.com/a.\n\n```\nlet x = 1;\n```\n[link](http://x.y) end.\n";
        let p = prose(md, InputFormat::Markdown);
        assert_eq!(p.len(), md.len());
        assert!(!p.contains("title"));
        assert!(!p.contains("code here"));
        assert!(!p.contains("<b>"));
        assert!(p.contains("bold"));
        assert!(!p.contains("https"));
        assert!(!p.contains("let x"));
        assert!(p.contains("[link"));
        assert!(!p.contains("http://x.y"));
        assert_eq!(p.find("# Head"), md.find("# Head"));
    }

    #[test]
    fn html_keeps_visible_text_only() {
        let h = "<html><head><style>p{color:red}</style><script>var a=1;</script></head><body><p>Hello &amp; bye.</p><p>Second.</p></body></html>";
        let p = prose(h, InputFormat::Html);
        assert_eq!(p.len(), h.len());
        assert!(!p.contains("color"));
        assert!(!p.contains("var a"));
        assert!(p.contains("Hello"));
        assert!(!p.contains("&amp;"));
        assert_eq!(p.find("Second"), h.find("Second"));
        assert!(p.contains("\n\n"));
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(InputFormat::from_path("a/b.MD"), InputFormat::Markdown);
        assert_eq!(InputFormat::from_path("x.html"), InputFormat::Html);
        assert_eq!(InputFormat::from_path("x.txt"), InputFormat::Text);
    }
}
