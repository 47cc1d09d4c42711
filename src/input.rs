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
    // HTML comments may run over several lines.
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        let end = text[start..]
            .find("-->")
            .map_or(text.len(), |j| start + j + 3);
        mask(&mut out, text, start, end);
        from = end;
    }
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut offset = bom;
    let mut lines = text[bom..].split_inclusive('\n').peekable();
    // Front matter: a first line of --- (YAML) or +++ (TOML) up to the matching line.
    if let Some(first) = lines.peek()
        && matches!(first.trim_end(), "---" | "+++")
    {
        let fence = first.trim_end().to_string();
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
        if offset > 0 {
            lines = text[offset..].split_inclusive('\n').peekable();
        }
    }
    let mut fence: Option<String> = None;
    for line in lines {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if let Some(f) = &fence {
            mask(&mut out, text, start, offset);
            code.push(Span::new(start, offset));
            if trimmed.trim_end().starts_with(f.as_str()) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            mask(&mut out, text, start, offset);
            code.push(Span::new(start, offset));
            continue;
        }
        if line.starts_with("    ") || line.starts_with('\t') {
            mask(&mut out, text, start, offset); // indented code
            code.push(Span::new(start, offset));
            continue;
        }
        mask_inline(&mut out, text, start, offset, &mut code);
    }
    (finish(out, text), code)
}

/// Inline code, HTML comments and tags, autolinks, link targets and bare URLs in a line.
fn mask_inline(out: &mut [u8], text: &str, start: usize, end: usize, code: &mut Vec<Span>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &line[i..];
        let span = if rest.starts_with('`') {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            rest[ticks..].find(fence).map(|j| ticks + j + ticks)
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|j| j + 3)
        } else if rest.starts_with('<') {
            let close = rest.find('>');
            close
                .filter(|&j| {
                    let inner = &rest[1..j];
                    !inner.is_empty()
                        && !inner.starts_with(' ')
                        && (inner.contains("://")
                            || inner.contains('@')
                            || inner.starts_with('/')
                            || inner
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_alphabetic() || c == '!'))
                })
                .map(|j| j + 1)
        } else if rest.starts_with("](") {
            rest.find(')').map(|j| j + 1)
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
            _ => {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
    }
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
            // Script and style contents are not visible text.
            let mut stop = end;
            if (tag == "script" || tag == "style") && !rest.starts_with("</") {
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
            && let Some(j) = rest.find(';').filter(|&j| {
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
