//! Glossaries for `--glossary`: CSV (`source,target[,forbidden]`, forbidden variants separated
//! by `|` or `;`, alternatives of the target by `|`) and TBX (`termEntry`/`conceptEntry` with a
//! `langSet` per language; terms whose `administrativeStatus` is deprecated or superseded are
//! forbidden variants).

use quick_xml::Reader;
use quick_xml::events::Event;

use super::input_error;
use crate::error::{Error, position};

/// One glossary entry: a source term, its accepted renderings, and renderings to avoid.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Term {
    pub source: String,
    pub targets: Vec<String>,
    pub forbidden: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

/// The fields of one CSV line (double quotes, doubled quotes inside).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

fn split_list(s: &str) -> Vec<String> {
    s.split(['|', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

impl Glossary {
    /// Reads a CSV or TBX glossary (by extension); the languages pick the TBX language sets.
    pub fn read(
        path: &str,
        text: &str,
        source_lang: Option<&str>,
        target_lang: Option<&str>,
    ) -> Result<Self, Error> {
        let text = text.trim_start_matches('\u{feff}');
        if path.to_ascii_lowercase().ends_with(".tbx") {
            Self::tbx(path, text, source_lang, target_lang)
        } else {
            Self::csv(path, text)
        }
    }

    fn csv(path: &str, text: &str) -> Result<Self, Error> {
        let mut terms = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let f = csv_fields(line);
            if n == 0 && f[0].eq_ignore_ascii_case("source") {
                continue; // a header
            }
            if f.len() < 2 || f[0].is_empty() || f[1].is_empty() {
                return Err(input_error(
                    path,
                    text,
                    n + 1,
                    1,
                    "a glossary line needs a source term and a target term: source,target[,forbidden]",
                ));
            }
            terms.push(Term {
                source: f[0].clone(),
                targets: f[1].split('|').map(|t| t.trim().to_string()).collect(),
                forbidden: f.get(2).map(|s| split_list(s)).unwrap_or_default(),
            });
        }
        Ok(Self { terms })
    }

    fn tbx(
        path: &str,
        text: &str,
        source_lang: Option<&str>,
        target_lang: Option<&str>,
    ) -> Result<Self, Error> {
        let mut reader = Reader::from_str(text);
        let err_at = |offset: usize, msg: String| {
            let (line, column) = position(text, offset);
            input_error(path, text, line, column, msg)
        };
        // Per entry: (language, term, forbidden) in order.
        let mut entry: Option<Vec<(String, String, bool)>> = None;
        let mut lang = String::new();
        let mut in_term = false;
        let mut in_status = false;
        let mut buf = String::new();
        let mut terms = Vec::new();
        let code = |l: &str| {
            l.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        loop {
            let before = usize::try_from(reader.buffer_position()).unwrap_or(0);
            let event = reader.read_event().map_err(|e| {
                let at = usize::try_from(reader.error_position()).unwrap_or(before);
                err_at(at, format!("malformed XML: {e}"))
            })?;
            match event {
                Event::Start(e) => {
                    let name = e.local_name().as_ref().to_vec();
                    match name.as_slice() {
                        b"termEntry" | b"conceptEntry" => entry = Some(Vec::new()),
                        b"langSet" | b"langSec" => {
                            lang = e
                                .attributes()
                                .flatten()
                                .find(|a| a.key.local_name().as_ref() == b"lang")
                                .and_then(|a| a.unescape_value().ok())
                                .map(|v| code(&v))
                                .unwrap_or_default();
                        }
                        b"term" => {
                            in_term = true;
                            buf.clear();
                        }
                        b"termNote" | b"descrip"
                            if e.attributes().flatten().any(|a| {
                                a.value.as_ref() == b"administrativeStatus"
                                    || a.value.as_ref() == b"normativeAuthorization"
                            }) =>
                        {
                            in_status = true;
                            buf.clear();
                        }
                        _ => {}
                    }
                }
                Event::Text(t) if in_term || in_status => {
                    let s = t
                        .unescape()
                        .map_err(|e| err_at(before, format!("malformed XML: {e}")))?;
                    buf.push_str(&s);
                }
                Event::End(e) => {
                    let name = e.local_name().as_ref().to_vec();
                    match name.as_slice() {
                        b"term" if in_term => {
                            in_term = false;
                            if let Some(en) = &mut entry {
                                en.push((lang.clone(), buf.trim().to_string(), false));
                            }
                        }
                        b"termNote" | b"descrip" if in_status => {
                            in_status = false;
                            let status = buf.to_ascii_lowercase();
                            if (status.contains("deprecated")
                                || status.contains("superseded")
                                || status.contains("forbidden"))
                                && let Some(last) = entry.as_mut().and_then(|en| en.last_mut())
                            {
                                last.2 = true;
                            }
                        }
                        b"termEntry" | b"conceptEntry" => {
                            if let Some(en) = entry.take() {
                                let langs: Vec<&String> = {
                                    let mut v: Vec<&String> = Vec::new();
                                    for (l, _, _) in &en {
                                        if !v.contains(&l) {
                                            v.push(l);
                                        }
                                    }
                                    v
                                };
                                let src = source_lang
                                    .map(str::to_string)
                                    .or_else(|| langs.first().map(|s| (*s).clone()));
                                let tgt = target_lang.map(str::to_string).or_else(|| {
                                    langs
                                        .iter()
                                        .find(|l| Some(**l) != src.as_ref())
                                        .map(|s| (*s).clone())
                                });
                                let (Some(src), Some(tgt)) = (src, tgt) else {
                                    continue;
                                };
                                let targets: Vec<String> = en
                                    .iter()
                                    .filter(|t| t.0 == tgt && !t.2)
                                    .map(|t| t.1.clone())
                                    .collect();
                                let forbidden: Vec<String> = en
                                    .iter()
                                    .filter(|t| t.0 == tgt && t.2)
                                    .map(|t| t.1.clone())
                                    .collect();
                                if targets.is_empty() {
                                    continue;
                                }
                                for s in en.iter().filter(|t| t.0 == src && !t.2) {
                                    terms.push(Term {
                                        source: s.1.clone(),
                                        targets: targets.clone(),
                                        forbidden: forbidden.clone(),
                                    });
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Self { terms })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_header_quotes_and_forbidden() {
        let g = Glossary::read(
            "g.csv",
            "source,target,forbidden\nStraßenbahn,tram|streetcar,\"trolley; cable car\"\n",
            None,
            None,
        )
        .unwrap();
        assert_eq!(g.terms.len(), 1);
        assert_eq!(g.terms[0].targets, vec!["tram", "streetcar"]);
        assert_eq!(g.terms[0].forbidden, vec!["trolley", "cable car"]);
    }

    #[test]
    fn csv_line_without_target_is_an_error() {
        let e = Glossary::read("g.csv", "Straßenbahn\n", None, None).unwrap_err();
        assert!(e.to_string().starts_with("g.csv:1:1:"), "{e}");
    }

    #[test]
    fn tbx_entries_with_deprecated_terms() {
        let tbx = r#"<martif><text><body>
<termEntry id="1">
  <langSet xml:lang="de"><tig><term>Straßenbahn</term></tig></langSet>
  <langSet xml:lang="en-GB"><tig><term>tram</term></tig>
    <tig><term>trolley</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>"#;
        let g = Glossary::read("g.tbx", tbx, Some("de"), Some("en")).unwrap();
        assert_eq!(
            g.terms,
            vec![Term {
                source: "Straßenbahn".into(),
                targets: vec!["tram".into()],
                forbidden: vec!["trolley".into()],
            }]
        );
    }
}
