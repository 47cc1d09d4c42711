//! Gettext PO files: each translated entry is a segment (msgid → msgstr; with a plural, msgid →
//! `msgstr[0]` and `msgid_plural` → each further form). The header entry, fuzzy and obsolete entries,
//! and entries not translated yet (empty msgstr) are skipped.

use super::{BilingualFile, SegmentInput, input_error};
use crate::error::Error;

#[derive(Default)]
struct Entry {
    line: usize,
    flags: Vec<String>,
    obsolete: bool,
    ctxt: Option<String>,
    id: Option<String>,
    plural: Option<String>,
    msgstr: Option<String>,
    forms: Vec<(usize, String)>,
}

/// Which string the continuation lines of an entry add to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Ctxt,
    Id,
    Plural,
    Str,
    Form(usize),
}

fn unquote(path: &str, text: &str, line: usize, col: usize, s: &str) -> Result<String, Error> {
    let s = s.trim();
    let inner = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|_| s.len() >= 2)
        .ok_or_else(|| input_error(path, text, line, col, "expected a string in double quotes"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some(o) => {
                    out.push('\\');
                    out.push(o);
                }
                None => {
                    return Err(input_error(
                        path,
                        text,
                        line,
                        col,
                        "a string ends with a lone backslash",
                    ));
                }
            }
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Reads a PO file.
pub fn read(path: &str, text: &str) -> Result<BilingualFile, Error> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut cur = Entry::default();
    let mut field = Field::None;
    let flush = |cur: &mut Entry, entries: &mut Vec<Entry>| {
        if cur.id.is_some() {
            entries.push(std::mem::take(cur));
        } else {
            *cur = Entry::default();
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let mut l = raw.trim_start_matches('\u{feff}').trim();
        if l.is_empty() {
            flush(&mut cur, &mut entries);
            field = Field::None;
            continue;
        }
        if let Some(rest) = l.strip_prefix("#~") {
            cur.obsolete = true;
            l = rest.trim();
            if l.is_empty() {
                continue;
            }
        } else if let Some(flags) = l.strip_prefix("#,") {
            if cur.id.is_some() {
                flush(&mut cur, &mut entries);
            }
            cur.flags
                .extend(flags.split(',').map(|f| f.trim().to_string()));
            continue;
        } else if l.starts_with('#') {
            if cur.id.is_some() && field != Field::None && cur.msgstr.is_some() {
                flush(&mut cur, &mut entries);
            }
            continue;
        }
        let col = raw.len() - raw.trim_start().len() + 1;
        if l.starts_with('"') {
            let s = unquote(path, text, line, col, l)?;
            let target = match field {
                Field::Ctxt => cur.ctxt.as_mut(),
                Field::Id => cur.id.as_mut(),
                Field::Plural => cur.plural.as_mut(),
                Field::Str => cur.msgstr.as_mut(),
                Field::Form(i) => cur.forms.iter_mut().find(|f| f.0 == i).map(|f| &mut f.1),
                Field::None => None,
            };
            match target {
                Some(t) => t.push_str(&s),
                None => {
                    return Err(input_error(
                        path,
                        text,
                        line,
                        col,
                        "a string continues no msgid or msgstr",
                    ));
                }
            }
            continue;
        }
        let (key, rest) = l.split_at(l.find([' ', '\t', '"']).unwrap_or(l.len()));
        let value_col = col + key.len() + (rest.len() - rest.trim_start().len());
        let value = unquote(path, text, line, value_col, rest)?;
        match key {
            "msgctxt" => {
                flush(&mut cur, &mut entries);
                cur.ctxt = Some(value);
                field = Field::Ctxt;
            }
            "msgid" => {
                if cur.id.is_some() {
                    flush(&mut cur, &mut entries);
                }
                cur.id = Some(value);
                cur.line = line;
                field = Field::Id;
            }
            "msgid_plural" => {
                cur.plural = Some(value);
                field = Field::Plural;
            }
            "msgstr" => {
                if cur.plural.is_some() {
                    return Err(input_error(
                        path,
                        text,
                        line,
                        col,
                        "broken plural: an entry with msgid_plural needs msgstr[0], msgstr[1]..., not msgstr",
                    ));
                }
                cur.msgstr = Some(value);
                field = Field::Str;
            }
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                let Ok(i) = k["msgstr[".len()..k.len() - 1].parse::<usize>() else {
                    return Err(input_error(
                        path,
                        text,
                        line,
                        col,
                        format!("bad plural index in `{k}`"),
                    ));
                };
                if cur.plural.is_none() {
                    return Err(input_error(
                        path,
                        text,
                        line,
                        col,
                        format!("broken plural: `{k}` in an entry without msgid_plural"),
                    ));
                }
                if i != cur.forms.len() {
                    return Err(input_error(
                        path,
                        text,
                        line,
                        col,
                        format!(
                            "broken plural: `{k}` where msgstr[{}] was expected",
                            cur.forms.len()
                        ),
                    ));
                }
                cur.forms.push((i, value));
                field = Field::Form(i);
            }
            other => {
                return Err(input_error(
                    path,
                    text,
                    line,
                    col,
                    format!("unknown keyword `{other}`"),
                ));
            }
        }
    }
    flush(&mut cur, &mut entries);
    let mut file = BilingualFile::default();
    let mut segments = Vec::new();
    for e in entries {
        let Some(id) = &e.id else { continue };
        if id.is_empty() {
            // The header: its Language field is the target language.
            if let Some(s) = &e.msgstr
                && let Some(l) = s.lines().find_map(|l| l.strip_prefix("Language:"))
            {
                let l = l.trim().split(['_', '-', '@']).next().unwrap_or("");
                if !l.is_empty() {
                    file.target_lang = Some(l.to_lowercase());
                }
            }
            continue;
        }
        if e.plural.is_some() && e.forms.is_empty() {
            return Err(input_error(
                path,
                text,
                e.line,
                1,
                "broken plural: msgid_plural without msgstr[0]",
            ));
        }
        if e.plural.is_none() && e.msgstr.is_none() {
            return Err(input_error(
                path,
                text,
                e.line,
                1,
                "an entry without msgstr",
            ));
        }
        if e.obsolete || e.flags.iter().any(|f| f == "fuzzy") {
            continue;
        }
        let name = match &e.ctxt {
            Some(c) => format!("{path}:{}#{c}", e.line),
            None => format!("{path}:{}", e.line),
        };
        if let Some(s) = &e.msgstr {
            if !s.is_empty() {
                segments.push(SegmentInput {
                    id: name,
                    source: Some(id.clone()),
                    text: s.clone(),
                    ..SegmentInput::default()
                });
            }
            continue;
        }
        for (i, form) in &e.forms {
            if form.is_empty() {
                continue;
            }
            let source = if *i == 0 {
                id
            } else {
                e.plural.as_ref().unwrap_or(id)
            };
            segments.push(SegmentInput {
                id: format!("{name}[{i}]"),
                source: Some(source.clone()),
                text: form.clone(),
                ..SegmentInput::default()
            });
        }
    }
    if !segments.is_empty() {
        file.documents.push(segments);
    }
    Ok(file)
}
