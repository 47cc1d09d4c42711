//! XLIFF 1.2 and 2.0, and TMX, read with quick-xml.
//!
//! - XLIFF: each `<file>` is a document and each `<trans-unit>` (1.2) or `<segment>` of a
//!   `<unit>` (2.0) a segment; `source-language`/`target-language` (1.2) or `srcLang`/`trgLang`
//!   (2.0) give the languages. A unit without a target is an error.
//! - TMX: one document; each `<tu>` is a segment, its source the `<tuv>` in the header's
//!   `srclang` (else the first), its target the next other one.
//!
//! Inline tags (`<g>`, `<x/>`, `<bx/>`, `<ph>`, `<pc>`, `<sc/>`, `<ec/>`, `<bpt>`, `<it>`...)
//! are kept in the text as written, so that placeholders can be compared with the source and
//! positions stay true to the element's text. Each segment is reported as
//! `FILE:LINE:COLUMN#ID`, the line and column of its target text in the file.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{BilingualFile, SegmentInput, input_error};
use crate::error::{Error, position};

/// Which kind of file is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xliff,
    Tmx,
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn attr(e: &BytesStart, names: &[&[u8]]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        (names.contains(&key) || names.contains(&local(key)))
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

fn lang_code(l: &str) -> String {
    l.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The segment being read.
#[derive(Default)]
struct Unit {
    id: String,
    line: usize,
    source: Option<String>,
    target: Option<String>,
    target_at: usize,
    /// TMX: the variants of a `<tu>` as (language, text, offset).
    variants: Vec<(String, String, usize)>,
    lang: Option<String>,
}

/// Where text goes while inside `<source>`, `<target>` or `<seg>`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Nothing,
    Source,
    Target,
    Seg,
}

pub fn read(path: &str, text: &str, kind: Kind) -> Result<BilingualFile, Error> {
    let mut reader = Reader::from_str(text);
    let err_at = |offset: usize, msg: String| {
        let (line, column) = position(text, offset);
        input_error(path, text, line, column, msg)
    };
    let mut file = BilingualFile::default();
    let mut doc: Vec<SegmentInput> = Vec::new();
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut unit: Option<Unit> = None;
    let mut into = Field::Nothing;
    let mut buf = String::new();
    let mut inline_depth = 0usize;
    let mut tmx_src: Option<String> = None;
    let mut saw_root = false;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(before);
            err_at(at, format!("malformed XML: {e}"))
        })?;
        let after = usize::try_from(reader.buffer_position()).unwrap_or(before);
        let raw = text.get(before..after).unwrap_or("");
        match event {
            Event::Start(e) => {
                let name = local(e.name().as_ref()).to_vec();
                stack.push(e.name().as_ref().to_vec());
                if into != Field::Nothing {
                    // An inline tag inside a text element: kept as written.
                    inline_depth += 1;
                    buf.push_str(raw.trim_start_matches(|c: char| c != '<'));
                    continue;
                }
                saw_root = true;
                match (kind, name.as_slice()) {
                    (Kind::Xliff, b"xliff") => {
                        if let Some(s) = attr(&e, &[b"srcLang"]) {
                            file.source_lang = Some(lang_code(&s));
                        }
                        if let Some(t) = attr(&e, &[b"trgLang"]) {
                            file.target_lang = Some(lang_code(&t));
                        }
                    }
                    (Kind::Xliff, b"file") => {
                        if let Some(s) = attr(&e, &[b"source-language"]) {
                            file.source_lang = Some(lang_code(&s));
                        }
                        if let Some(t) = attr(&e, &[b"target-language"]) {
                            file.target_lang = Some(lang_code(&t));
                        }
                    }
                    (Kind::Xliff, b"trans-unit" | b"unit") | (Kind::Tmx, b"tu") => {
                        let id = attr(&e, &[b"id", b"tuid"])
                            .unwrap_or_else(|| (doc.len() + 1).to_string());
                        unit = Some(Unit {
                            id,
                            line: position(text, before).0,
                            ..Unit::default()
                        });
                    }
                    (Kind::Xliff, b"segment") => {
                        // XLIFF 2.0: several segments in one unit get their own ids.
                        if let Some(u) = &mut unit {
                            if u.source.is_some() {
                                flush_unit(path, text, u, &mut doc, &err_at)?;
                            }
                            if let Some(id) = attr(&e, &[b"id"]) {
                                u.id = format!("{}/{id}", u.id.split('/').next().unwrap_or(""));
                            }
                        }
                    }
                    (Kind::Xliff, b"source") if unit.is_some() => {
                        into = Field::Source;
                        buf.clear();
                    }
                    (Kind::Xliff, b"target") if unit.is_some() => {
                        into = Field::Target;
                        buf.clear();
                        if let Some(u) = &mut unit {
                            u.target_at = after;
                        }
                    }
                    (Kind::Tmx, b"tuv") => {
                        if let Some(u) = &mut unit {
                            u.lang = attr(&e, &[b"xml:lang", b"lang"]).map(|l| lang_code(&l));
                        }
                    }
                    (Kind::Tmx, b"seg") if unit.is_some() => {
                        into = Field::Seg;
                        buf.clear();
                        if let Some(u) = &mut unit {
                            u.target_at = after;
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if into != Field::Nothing {
                    buf.push_str(raw.trim_start_matches(|c: char| c != '<'));
                    continue;
                }
                saw_root = true;
                let name = local(e.name().as_ref()).to_vec();
                if kind == Kind::Tmx && name == b"header" {
                    tmx_src = attr(&e, &[b"srclang"])
                        .filter(|s| s != "*all*")
                        .map(|s| lang_code(&s));
                    file.source_lang.clone_from(&tmx_src);
                }
            }
            Event::End(e) => {
                let Some(open) = stack.pop() else {
                    return Err(err_at(before, "an end tag without a start tag".into()));
                };
                if open != e.name().as_ref() {
                    return Err(err_at(
                        before,
                        format!(
                            "malformed XML: </{}> closes <{}>",
                            String::from_utf8_lossy(e.name().as_ref()),
                            String::from_utf8_lossy(&open)
                        ),
                    ));
                }
                if inline_depth > 0 {
                    inline_depth -= 1;
                    buf.push_str(raw.trim_start_matches(|c: char| c != '<'));
                    continue;
                }
                let name = local(e.name().as_ref()).to_vec();
                match (kind, name.as_slice()) {
                    (Kind::Xliff, b"source") if into == Field::Source => {
                        if let Some(u) = &mut unit {
                            u.source = Some(std::mem::take(&mut buf));
                        }
                        into = Field::Nothing;
                    }
                    (Kind::Xliff, b"target") if into == Field::Target => {
                        if let Some(u) = &mut unit {
                            u.target = Some(std::mem::take(&mut buf));
                        }
                        into = Field::Nothing;
                    }
                    (Kind::Tmx, b"seg") if into == Field::Seg => {
                        if let Some(u) = &mut unit {
                            let lang = u.lang.clone().unwrap_or_default();
                            u.variants
                                .push((lang, std::mem::take(&mut buf), u.target_at));
                        }
                        into = Field::Nothing;
                    }
                    (Kind::Xliff, b"trans-unit" | b"unit") => {
                        if let Some(mut u) = unit.take()
                            && (u.source.is_some() || name == b"trans-unit")
                        {
                            flush_unit(path, text, &mut u, &mut doc, &err_at)?;
                        }
                    }
                    (Kind::Tmx, b"tu") => {
                        if let Some(u) = unit.take() {
                            let src = tmx_src.clone();
                            let si = u
                                .variants
                                .iter()
                                .position(|v| Some(&v.0) == src.as_ref())
                                .unwrap_or(0);
                            let Some(ti) = (0..u.variants.len()).find(|&i| i != si) else {
                                return Err(input_error(
                                    path,
                                    text,
                                    u.line,
                                    1,
                                    format!("translation unit `{}` has no target", u.id),
                                ));
                            };
                            let (tl, target, at) = u.variants[ti].clone();
                            if file.target_lang.is_none() && !tl.is_empty() {
                                file.target_lang = Some(tl);
                            }
                            if file.source_lang.is_none() && !u.variants[si].0.is_empty() {
                                file.source_lang = Some(u.variants[si].0.clone());
                            }
                            let (l, c) = position(text, at);
                            doc.push(SegmentInput {
                                id: format!("{path}:{l}:{c}#{}", u.id),
                                source: Some(u.variants[si].1.clone()),
                                text: target,
                                ..SegmentInput::default()
                            });
                        }
                    }
                    (Kind::Xliff, b"file") if !doc.is_empty() => {
                        file.documents.push(std::mem::take(&mut doc));
                    }
                    _ => {}
                }
            }
            Event::Text(t) if into != Field::Nothing => {
                let s = t
                    .unescape()
                    .map_err(|e| err_at(before, format!("malformed XML: {e}")))?;
                buf.push_str(&s);
            }
            Event::CData(t) if into != Field::Nothing => {
                buf.push_str(&String::from_utf8_lossy(&t.into_inner()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(err_at(
            text.len(),
            format!(
                "malformed XML: <{}> is never closed",
                String::from_utf8_lossy(open)
            ),
        ));
    }
    if !saw_root {
        return Err(err_at(0, "no XML element in the file".into()));
    }
    if !doc.is_empty() {
        file.documents.push(doc);
    }
    Ok(file)
}

fn flush_unit(
    path: &str,
    text: &str,
    u: &mut Unit,
    doc: &mut Vec<SegmentInput>,
    err_at: &dyn Fn(usize, String) -> Error,
) -> Result<(), Error> {
    let Some(source) = u.source.take() else {
        return Err(input_error(
            path,
            text,
            u.line,
            1,
            format!("unit `{}` has no source", u.id),
        ));
    };
    let Some(target) = u.target.take() else {
        return Err(err_at(
            position_offset(text, u.line),
            format!("unit `{}` has no target", u.id),
        ));
    };
    let (l, c) = position(text, u.target_at);
    doc.push(SegmentInput {
        id: format!("{path}:{l}:{c}#{}", u.id),
        source: Some(source),
        text: target,
        ..SegmentInput::default()
    });
    Ok(())
}

/// The byte offset of the start of 1-based `line`.
fn position_offset(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}
