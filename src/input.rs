//! Input formats. Markdown and HTML are checked as prose: what is not prose (code, front
//! matter, URLs, tags, scripts, comments) is masked with spaces of the same byte length, so every
//! offset still points into the original file.

use std::borrow::Cow;
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

/// The masked text being built, and the spans masked so far.
struct Out {
    bytes: Vec<u8>,
    masked: Vec<Span>,
}

impl Out {
    fn new(text: &str) -> Self {
        Self {
            bytes: text.as_bytes().to_vec(),
            masked: Vec::new(),
        }
    }

    /// Masks whole characters in `[a, b)` (both on char boundaries of `text`).
    fn mask(&mut self, text: &str, a: usize, b: usize) {
        debug_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        if a < b {
            blank(&mut self.bytes, a, b);
            self.masked.push(Span::new(a, b));
        }
    }

    fn finish(self, original: &str) -> (String, Vec<Span>) {
        (finish(self.bytes, original), merge_spans(self.masked))
    }
}

/// `spans` sorted by start, with overlapping and touching spans joined.
pub fn merge_spans(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// The text the checks see, with what was masked out of the original.
#[derive(Clone, Debug, Default)]
pub struct Prose<'a> {
    /// The original with everything that is not prose replaced by spaces, byte for byte
    /// (borrowed when nothing is masked, as in plain text).
    pub text: Cow<'a, str>,
    /// Code (Markdown code blocks, inline code and front matter), where suppression
    /// directives are examples, not directives.
    pub code: Vec<Span>,
    /// Every masked span (code, markup, URLs, comments, captions), sorted and disjoint.
    pub masked: Vec<Span>,
}

/// The text to check: `text` with everything that is not prose masked.
pub fn prose(text: &str, format: InputFormat) -> String {
    prose_and_code(text, format).0
}

/// The prose of `text`, and the spans of its code (Markdown code blocks, inline code and front
/// matter), where suppression directives are examples, not directives.
pub fn prose_and_code(text: &str, format: InputFormat) -> (String, Vec<Span>) {
    let p = prose_of(text, format);
    (p.text.into_owned(), p.code)
}

/// The prose of `text` with its code spans and every masked span.
pub fn prose_of(text: &str, format: InputFormat) -> Prose<'_> {
    match format {
        InputFormat::Text => Prose {
            text: Cow::Borrowed(text),
            ..Prose::default()
        },
        InputFormat::Markdown => markdown(text),
        InputFormat::Html => {
            let (text, masked) = html(text);
            Prose {
                text: Cow::Owned(text),
                code: Vec::new(),
                masked,
            }
        }
    }
}

fn finish(bytes: Vec<u8>, original: &str) -> String {
    // Masking replaces whole characters with ASCII, so the result stays UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| original.to_string())
}

fn markdown(text: &str) -> Prose<'static> {
    let mut out = Out::new(text);
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
                out.mask(text, bom, end);
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
    // Lines since the last Markdown image line (a caption sits right under it, or after one
    // blank line).
    let mut since_image = usize::MAX;
    for line in text[offset..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        let blank = trimmed.trim_end().is_empty();
        if comment {
            match line.find("-->") {
                Some(j) => {
                    out.mask(text, start, start + j + 3);
                    comment = mask_inline(&mut out, text, start + j + 3, offset, &mut code);
                }
                None => out.mask(text, start, offset),
            }
            after_blank = blank;
            continue;
        }
        if let Some(f) = fence {
            out.mask(text, start, offset);
            code.push(Span::new(start, offset));
            if trimmed.trim_end().starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.mask(text, start, offset);
            code.push(Span::new(start, offset));
            prev_code = false;
            continue;
        }
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if indented && !blank && ((after_blank && !in_list) || prev_code) {
            out.mask(text, start, offset); // indented code
            code.push(Span::new(start, offset));
            prev_code = true;
            after_blank = false;
            continue;
        }
        let caption = since_image <= 2 && !blank && !indented && is_emphasised_line(trimmed);
        since_image = if is_image_line(trimmed) {
            1
        } else if blank && since_image == 1 {
            2
        } else {
            usize::MAX
        };
        if caption {
            // An emphasised line under an image is its caption: page furniture, not body
            // text (a credit in it is where credits belong).
            out.mask(text, start, start + line.trim_end().len());
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
    let (text, masked) = out.finish(text);
    Prose {
        text: Cow::Owned(text),
        code,
        masked,
    }
}

/// The offset of the `)` that closes a link or image target (`dest "title")`, `<dest>)`), from
/// just after its `(`; `None` when it is not well formed on this line.
fn link_target(after: &str) -> Option<usize> {
    let b = after.as_bytes();
    let mut k = 0;
    let skip_spaces = |mut k: usize| {
        while k < b.len() && (b[k] == b' ' || b[k] == b'\t') {
            k += 1;
        }
        k
    };
    k = skip_spaces(k);
    if b.get(k) == Some(&b'<') {
        k += after[k..].find('>')? + 1;
    } else {
        let mut depth = 0usize;
        while k < b.len() {
            match b[k] {
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b' ' | b'\t' | b'\n' | b'\r' => break,
                b'\\' => k += 1,
                _ => {}
            }
            k += 1;
        }
    }
    k = skip_spaces(k.min(b.len()));
    if let Some(&q) = b.get(k)
        && matches!(q, b'"' | b'\'' | b'(')
    {
        let close = if q == b'(' { ')' } else { q as char };
        k += 1 + after[k + 1..].find(close)? + 1;
        k = skip_spaces(k);
    }
    (b.get(k) == Some(&b')')).then_some(k)
}

/// Whether a line (trimmed) is a Markdown image alone: `![alt](src "title")`, maybe inside a
/// link (`[![alt](src)](href)`).
fn is_image_line(trimmed: &str) -> bool {
    let t = trimmed.trim_end();
    (t.starts_with("![") || t.starts_with("[![")) && t.ends_with(')') && t.contains("](")
}

/// Whether a line (trimmed) is one run of emphasis, `*…*`, `_…_`, `**…**` or `__…__`: the
/// way Markdown writes a caption under an image.
fn is_emphasised_line(trimmed: &str) -> bool {
    let t = trimmed.trim_end();
    let Some(c) = t.chars().next().filter(|c| matches!(c, '*' | '_')) else {
        return false;
    };
    let inner = t.trim_matches(c);
    let open = t.len() - t.trim_start_matches(c).len();
    let close = t.len() - t.trim_end_matches(c).len();
    (1..=2).contains(&open)
        && open == close
        && !inner.trim().is_empty()
        && !inner.starts_with(char::is_whitespace)
        && !inner.ends_with(char::is_whitespace)
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
fn mask_inline(out: &mut Out, text: &str, start: usize, end: usize, code: &mut Vec<Span>) -> bool {
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
                    out.mask(text, start + i, end);
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
        } else if let Some(after) = rest.strip_prefix("](") {
            // The target with its title (`"…"`, `'…'` or `(…)`, which may hold a `)`), else up
            // to the first `)`.
            link_target(after)
                .map(|j| j + 2 + 1)
                .or_else(|| paren.from(line, i + 2).map(|j| j + 1 - i))
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
                out.mask(text, start + from, start + i + len);
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

fn html(text: &str) -> (String, Vec<Span>) {
    let mut out = Out::new(text);
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(text.len(), |j| i + j + 3);
            out.mask(text, i, end);
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
            out.mask(text, i, stop);
            if BLOCK_TAGS.contains(&tag.as_str()) && end - i >= 2 {
                // A blank line, so the text on either side is a separate paragraph.
                out.bytes[i] = b'\n';
                out.bytes[i + 1] = b'\n';
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
            out.mask(text, i, i + j + 1); // an entity: not decoded, not checked
            i += j + 1;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out.finish(text)
}

/// Markup characters a span may not start with in Markdown (emphasis, code, heading,
/// blockquote, strikethrough, link brackets).
const MARKUP_START: &[u8] = b"*_`#>~[";
/// Markup characters a span may not end with in Markdown.
const MARKUP_END: &[u8] = b"*_`~]";

/// Where the masked spans are, for the findings of one document.
struct Visible<'a> {
    original: &'a str,
    prose: &'a str,
    masked: &'a [Span],
    markdown: bool,
}

impl Visible<'_> {
    /// The masked span holding byte `i`.
    fn masked_at(&self, i: usize) -> Option<Span> {
        let k = self.masked.partition_point(|m| m.start <= i);
        self.masked[..k].last().copied().filter(|m| i < m.end)
    }

    fn touches_masked(&self, span: Span) -> bool {
        let k = self.masked.partition_point(|m| m.end <= span.start);
        self.masked.get(k).is_some_and(|m| m.start < span.end)
    }

    fn markup(&self, i: usize, start: bool) -> bool {
        let set = if start { MARKUP_START } else { MARKUP_END };
        self.markdown && set.contains(&self.original.as_bytes()[i])
    }

    fn space(&self, i: usize) -> bool {
        self.original.as_bytes()[i].is_ascii_whitespace() && self.masked_at(i).is_none()
    }

    /// Whether `span` needs tidying: it covers masked bytes or has markup at an edge.
    fn needs(&self, span: Span) -> bool {
        !span.is_empty()
            && (self.touches_masked(span)
                || self.markup(span.start, true)
                || self.markup(span.end - 1, false)
                || (self.markdown
                    && self.original.as_bytes()[span.start] == b'!'
                    && self.original.as_bytes().get(span.start + 1) == Some(&b'[')))
    }

    /// `span` without masked bytes and markup at its edges (nor the spaces beside them), but
    /// with the spaces it began or ended with when those were its own: a space before
    /// punctuation stays " ,". Empty when nothing visible is left.
    fn trim(&self, span: Span) -> Span {
        let bytes = self.original.as_bytes();
        let (s, e) = (span.start, span.end);
        let mut v = s;
        while v < e {
            if let Some(m) = self.masked_at(v) {
                v = m.end.min(e);
            } else if self.markup(v, true)
                || self.space(v)
                || (self.markdown && bytes[v] == b'!' && bytes.get(v + 1) == Some(&b'['))
            {
                v += 1;
            } else {
                break;
            }
        }
        if v == e {
            return Span::new(s, s);
        }
        let mut u = e;
        while u > v {
            if let Some(m) = self.masked_at(u - 1) {
                u = m.start.max(v);
            } else if self.markup(u - 1, false) || self.space(u - 1) {
                u -= 1;
            } else {
                break;
            }
        }
        // Whether the checks saw a space at an edge: the span's own space, kept.
        let prose = self.prose.as_bytes();
        if prose[s].is_ascii_whitespace() {
            while v > s && self.space(v - 1) {
                v -= 1;
            }
        }
        if prose[e - 1].is_ascii_whitespace() {
            while u < e && self.space(u) {
                u += 1;
            }
        }
        Span::new(v, u)
    }

    /// The text of `span` as a reader sees it: masked code or URLs between spaces show as
    /// "…", masked tags beside a word vanish, a masked paragraph break is a space, and an
    /// HTML entity is decoded.
    fn render(&self, span: Span) -> String {
        let mut out = String::with_capacity(span.len());
        let mut i = span.start;
        let k = self.masked.partition_point(|m| m.end <= span.start);
        for m in self.masked[k..].iter().take_while(|m| m.start < span.end) {
            let (a, b) = (m.start.max(span.start), m.end.min(span.end));
            if a > i {
                out.push_str(&self.original[i..a]);
            }
            let before = a == span.start
                || self.original[..a]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace);
            let after = b == span.end
                || self.original[b..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace);
            let original = &self.original[a..b];
            if let Some(decoded) = entity(original) {
                out.push_str(decoded);
            } else if self.prose[a..b].contains('\n') {
                if !before && !after {
                    out.push(' ');
                }
            } else if before && after && a > span.start && b < span.end {
                out.push('…');
            }
            i = b;
        }
        if i < span.end {
            out.push_str(&self.original[i..span.end]);
        }
        out
    }
}

/// The text of a common HTML entity.
fn entity(s: &str) -> Option<&'static str> {
    Some(match s {
        "&amp;" => "&",
        "&lt;" => "<",
        "&gt;" => ">",
        "&quot;" => "\"",
        "&apos;" | "&#39;" => "'",
        "&nbsp;" | "&#160;" => " ",
        "&mdash;" => "—",
        "&ndash;" => "–",
        "&hellip;" => "…",
        _ => return None,
    })
}

/// Replaces the text a message quotes, `old`, with `new`: the quoted form first, then the
/// bare one (with its spaces trimmed).
fn requote(message: &mut String, old: &str, new: &str) {
    if old == new || old.trim().is_empty() {
        return;
    }
    let quoted = format!("\"{old}\"");
    if message.contains(&quoted) {
        *message = message.replace(&quoted, &format!("\"{new}\""));
    } else if message.contains(old) {
        *message = message.replace(old, new);
    } else if message.contains(old.trim()) {
        *message = message.replace(old.trim(), new.trim());
    }
}

/// Keeps masked text out of findings, one guard for every check: a finding whose span covers
/// masked bytes (code, tags, URLs, captions) or starts or ends with Markdown markup is trimmed
/// to its visible text, or dropped when none is left; the text its message, suggestion and
/// canonical form quote is taken from the visible text. `findings` hold spans into `prose`,
/// which the checks saw; `original` is the file's text.
pub fn tidy_findings(
    original: &str,
    prose: &Prose,
    format: InputFormat,
    findings: &mut Vec<crate::finding::Finding>,
) {
    if prose.masked.is_empty() && format != InputFormat::Markdown {
        return;
    }
    let v = Visible {
        original,
        prose: &prose.text,
        masked: &prose.masked,
        markdown: format == InputFormat::Markdown,
    };
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= original.len()
            && original.is_char_boundary(s.start)
            && original.is_char_boundary(s.end)
    };
    let mut moved = false;
    findings.retain_mut(|f| {
        if !ok(f.span) || !v.needs(f.span) {
            return true;
        }
        moved = true;
        let old = v.prose[f.span.start..f.span.end].to_string();
        let span = v.trim(f.span);
        if span.is_empty() {
            return false;
        }
        let new = v.render(span);
        requote(&mut f.message, &old, &new);
        if let Some(s) = &mut f.suggestion {
            requote(s, &old, &new);
        }
        f.span = span;
        if let Some(c) = &mut f.canonical
            && ok(c.span)
            && v.needs(c.span)
        {
            let old = v.prose[c.span.start..c.span.end].to_string();
            let span = v.trim(c.span);
            if !span.is_empty() {
                let new = v.render(span);
                requote(&mut f.message, &old, &new);
                if c.text == old {
                    c.text.clone_from(&new);
                }
                c.span = span;
            }
        }
        true
    });
    if moved {
        // Still sorted by position, as the merge expects.
        findings.sort_by_key(|f| (f.span.start, f.span.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_figcaptions_are_not_body_text() {
        let text = "<p>The ferry left.</p><figure><img src=\"f.jpg\"><figcaption>The ferry at dawn. \
                    Photo: Lena Ortiz</figcaption></figure><p>It returned.</p>";
        let prose = html(text).0;
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

    fn tidy(text: &str, format: InputFormat, span: (usize, usize)) -> Option<(String, String)> {
        let p = prose_of(text, format);
        let quoted = &p.text[span.0..span.1];
        let mut fs = vec![crate::finding::Finding {
            rule: "en/x".into(),
            category: crate::rules::Category::Fluency,
            severity: crate::rules::Severity::Minor,
            span: Span::new(span.0, span.1),
            message: format!("see \"{quoted}\""),
            suggestion: None,
            canonical: None,
            source_span: None,
            related: Vec::new(),
        }];
        tidy_findings(text, &p, format, &mut fs);
        fs.pop().map(|f| (f.span.of(text).to_string(), f.message))
    }

    #[test]
    fn findings_are_trimmed_to_visible_text_and_quote_it() {
        let md = "Edit `a.toml` , then go. *Photo: Ann Lee* and `x y`.";
        let at = |s: &str| md.find(s).unwrap();
        // A space before a comma after inline code: the code is cut, the space kept.
        let (text, message) =
            tidy(md, InputFormat::Markdown, (at(" `a"), at(", then") + 1)).unwrap();
        assert_eq!((text.as_str(), message.as_str()), (" ,", "see \" ,\""));
        // Emphasis markers are cut from both edges.
        let (text, _) = tidy(md, InputFormat::Markdown, (at("*Photo"), at(" and"))).unwrap();
        assert_eq!(text, "Photo: Ann Lee");
        // A finding wholly inside code is dropped.
        assert!(tidy(md, InputFormat::Markdown, (at("x y"), at("x y") + 3)).is_none());
        // Code inside a longer span stays in the span and shows as "…" in the message.
        let (text, message) = tidy(md, InputFormat::Markdown, (0, at(" go") + 3)).unwrap();
        assert_eq!(text, "Edit `a.toml` , then go");
        assert_eq!(message, "see \"Edit … , then go\"");
        // HTML: tags beside a word vanish, entities are decoded, a paragraph break is a space.
        let h = "<p>A <b>big</b> ship &amp; a boat.</p><p>Next.</p>";
        let (_, message) = tidy(h, InputFormat::Html, (3, h.find("Next.").unwrap() + 5)).unwrap();
        assert_eq!(message, "see \"A big ship & a boat. Next.\"");
        // Plain text is left alone.
        let t = "*Photo: Ann Lee*";
        let (text, _) = tidy(t, InputFormat::Text, (0, t.len())).unwrap();
        assert_eq!(text, t);
    }

    #[test]
    fn image_titles_and_captions_under_images_are_masked() {
        let md = "Intro text here.\n\n![Alt](a.jpg \"Dawn (Photo: Ann Lee)\")\n*Dawn. Photo: Ann Lee*\n\n\
                  ![Alt](b.jpg)\n\n_Dusk. Photo: Ann Lee_\n\n*Body emphasis. Photo: Ann Lee*\n";
        let p = prose(md, InputFormat::Markdown);
        assert_eq!(p.len(), md.len());
        assert!(p.contains("Intro text here."));
        assert!(!p.contains("Dawn"), "{p}");
        assert!(!p.contains("Dusk"), "{p}");
        // Not under an image: body text.
        assert!(p.contains("*Body emphasis. Photo: Ann Lee*"), "{p}");
        assert_eq!(link_target("a.jpg \"t (x)\") rest"), Some(13));
        assert_eq!(link_target("<a b.jpg>) rest"), Some(9));
        assert_eq!(link_target("a(b)c) rest"), Some(5));
        assert_eq!(link_target("a.jpg \"open"), None);
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(InputFormat::from_path("a/b.MD"), InputFormat::Markdown);
        assert_eq!(InputFormat::from_path("x.html"), InputFormat::Html);
        assert_eq!(InputFormat::from_path("x.txt"), InputFormat::Text);
    }
}
