//! Aligning a plain source file with its translation: by paragraph when both have as many,
//! then by sentence inside each paragraph pair (else over the whole text), with Gale and
//! Church's length-based dynamic programme (beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2; lengths in
//! characters without spaces, the expected ratio taken from the texts themselves).
//!
//! Sentences left without a counterpart become segments with an empty target (a possible
//! omission) or an empty source (a possible addition). Two texts that share almost none of
//! their anchors (numbers, Latin-script names and acronyms, URLs), or whose sentence counts or
//! alignment disagree too much, are not taken for a translation of each other.

use super::Segment;
use crate::document::Span;

/// The result of aligning a source with its target: segments whose `target` spans point into
/// the target text and whose `source_start` is the offset of their source in the source text.
#[derive(Debug, Default)]
pub struct Alignment {
    pub segments: Vec<Segment>,
}

/// Why two texts do not look like translations of each other.
#[derive(Debug, PartialEq)]
pub struct NotATranslation(pub String);

fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
        } else {
            if start.is_none() {
                start = Some(offset + (content.len() - content.trim_start().len()));
            }
            last_end = offset + content.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}

/// The sentences of a span of `text`: cut after . ! ? (followed by a space or the end) and
/// after 。！？, closing quotes and brackets kept with their sentence.
fn sentences(text: &str, span: Span) -> Vec<Span> {
    let s = &text[span.start..span.end];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        let cjk = matches!(c, '。' | '！' | '？');
        if cjk || matches!(c, '.' | '!' | '?') {
            let mut j = k + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '"' | '\'' | '”' | '’' | '」' | '』' | ')' | '）'
                )
            {
                j += 1;
            }
            let end = chars.get(j).map_or(s.len(), |&(i, _)| i);
            let next_space = chars.get(j).is_none_or(|&(_, c)| c.is_whitespace());
            if cjk || next_space {
                let piece = &s[start..end];
                if !piece.trim().is_empty() {
                    let lead = piece.len() - piece.trim_start().len();
                    out.push(Span::new(span.start + start + lead, span.start + end));
                }
                start = end;
                k = j;
                continue;
            }
        }
        k += 1;
    }
    let piece = &s[start..];
    if !piece.trim().is_empty() {
        let lead = piece.len() - piece.trim_start().len();
        out.push(Span::new(
            span.start + start + lead,
            span.start + start + piece.trim_end().len(),
        ));
    }
    out
}

fn len(text: &str, span: Span) -> f64 {
    text[span.start..span.end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .count() as f64
}

/// Gale–Church: the beads aligning `src` with `tgt` sentences, as (source count, target count).
fn gale_church(src: &[f64], tgt: &[f64], ratio: f64) -> Vec<(usize, usize)> {
    const BEADS: [(usize, usize, f64); 6] = [
        (1, 1, 0.89),
        (1, 0, 0.0099 / 2.0),
        (0, 1, 0.0099 / 2.0),
        (2, 1, 0.089 / 2.0),
        (1, 2, 0.089 / 2.0),
        (2, 2, 0.011),
    ];
    let variance = 6.8 * ratio.max(0.1);
    let cost = |ls: f64, lt: f64, prior: f64| {
        let d = if ls + lt == 0.0 {
            0.0
        } else {
            (lt - ls * ratio) / ((ls.max(1.0)) * variance).sqrt()
        };
        -prior.ln() + d * d / 2.0
    };
    let (n, m) = (src.len(), tgt.len());
    let mut best = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    best[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                continue;
            }
            for &(di, dj, prior) in &BEADS {
                if di > i || dj > j {
                    continue;
                }
                let prev = best[i - di][j - dj];
                if !prev.is_finite() {
                    continue;
                }
                let ls: f64 = src[i - di..i].iter().sum();
                let lt: f64 = tgt[j - dj..j].iter().sum();
                let c = prev + cost(ls, lt, prior);
                if c < best[i][j] {
                    best[i][j] = c;
                    back[i][j] = (di, dj);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[i][j];
        if di == 0 && dj == 0 {
            break;
        }
        beads.push((di, dj));
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

/// Anchors: numbers, acronyms, URLs; in a text not written in Latin script, also its
/// Latin-script names. (Capitalised words are no anchors in Latin script: German capitalises
/// every noun.)
fn anchors(text: &str) -> Vec<String> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let latin = text
        .chars()
        .filter(|c| c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(c))
        .count();
    let non_latin = latin * 2 < letters;
    text.split(|c: char| c.is_whitespace() || "，。、；：！？（）()[]«»\"“”,;:!?".contains(c))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            w.chars().any(|c| c.is_ascii_digit())
                || (w.len() >= 2
                    && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && (w.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
                        || (non_latin && w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))))
        })
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect())
        .collect()
}

/// Aligns `source` with its translation `target`.
pub fn align(source: &str, target: &str) -> Result<Alignment, NotATranslation> {
    let sp = paragraphs(source);
    let tp = paragraphs(target);
    if sp.is_empty() || tp.is_empty() {
        return Err(NotATranslation(if sp.is_empty() {
            "the source is empty".into()
        } else {
            "the target is empty".into()
        }));
    }
    // Paragraph by paragraph when the counts agree; else the whole texts at once.
    let blocks: Vec<(Vec<Span>, Vec<Span>)> = if sp.len() == tp.len() {
        sp.iter()
            .zip(&tp)
            .map(|(&s, &t)| (sentences(source, s), sentences(target, t)))
            .collect()
    } else {
        vec![(
            sp.iter().flat_map(|&s| sentences(source, s)).collect(),
            tp.iter().flat_map(|&t| sentences(target, t)).collect(),
        )]
    };
    let total_s: f64 = blocks
        .iter()
        .flat_map(|b| &b.0)
        .map(|&s| len(source, s))
        .sum();
    let total_t: f64 = blocks
        .iter()
        .flat_map(|b| &b.1)
        .map(|&t| len(target, t))
        .sum();
    let ns: usize = blocks.iter().map(|b| b.0.len()).sum();
    let nt: usize = blocks.iter().map(|b| b.1.len()).sum();
    let ratio = if total_s > 0.0 {
        total_t / total_s
    } else {
        1.0
    };
    if ns.max(nt) >= 4 && ns.max(nt) > 3 * ns.min(nt).max(1) {
        return Err(NotATranslation(format!(
            "{ns} source sentences against {nt} target sentences"
        )));
    }
    let src_anchors = anchors(source);
    if src_anchors.len() >= 4 {
        let tgt: std::collections::HashSet<String> = anchors(target).into_iter().collect();
        let shared = src_anchors.iter().filter(|a| tgt.contains(*a)).count();
        if shared * 5 < src_anchors.len() {
            return Err(NotATranslation(format!(
                "only {shared} of the source's {} numbers and names are in the target",
                src_anchors.len()
            )));
        }
    }
    let mut segments = Vec::new();
    let mut unaligned = 0;
    for (n, (ss, ts)) in blocks.iter().enumerate() {
        let sl: Vec<f64> = ss.iter().map(|&s| len(source, s)).collect();
        let tl: Vec<f64> = ts.iter().map(|&t| len(target, t)).collect();
        let (mut i, mut j) = (0, 0);
        for (di, dj) in gale_church(&sl, &tl, ratio) {
            let src_span = (di > 0).then(|| ss[i].cover(ss[i + di - 1]));
            let tgt_span = if dj > 0 {
                ts[j].cover(ts[j + dj - 1])
            } else {
                // Where the missing translation would be: after the previous target sentence.
                let at = if j > 0 {
                    ts[j - 1].end
                } else {
                    ts.first()
                        .map_or_else(|| tp.get(n).map_or(0, |p| p.start), |t| t.start)
                };
                Span::new(at, at)
            };
            if di == 0 || dj == 0 {
                unaligned += di + dj;
            }
            segments.push(Segment {
                id: format!("{}", segments.len() + 1),
                source: Some(
                    src_span.map_or_else(String::new, |s| source[s.start..s.end].to_string()),
                ),
                target: tgt_span,
                source_start: src_span.map_or(0, |s| s.start),
            });
            i += di;
            j += dj;
        }
    }
    if ns + nt >= 6 && unaligned * 2 > ns + nt {
        return Err(NotATranslation(format!(
            "{unaligned} of {} sentences have no counterpart",
            ns + nt
        )));
    }
    Ok(Alignment { segments })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_one_to_one_and_merges_a_sentence_without_counterpart() {
        let src = "Der Zug fährt um 9 Uhr. Er hält in Bonn.\n\nDie Fahrt dauert lange. Es gibt Kaffee an Bord. Tickets kosten 20 Euro.\n";
        let tgt = "The train leaves at 9. It stops in Bonn.\n\nThe journey takes long. Tickets cost 20 euros.\n";
        let a = align(src, tgt).unwrap();
        let pairs: Vec<(&str, &str)> = a
            .segments
            .iter()
            .map(|s| {
                (
                    s.source.as_deref().unwrap(),
                    &tgt[s.target.start..s.target.end],
                )
            })
            .collect();
        assert_eq!(pairs.len(), 4, "{pairs:?}");
        assert_eq!(
            pairs[0],
            ("Der Zug fährt um 9 Uhr.", "The train leaves at 9.")
        );
        // The sentence left out joins a neighbour (a 2-1 bead), whose length then gives it away.
        assert_eq!(
            pairs[2],
            (
                "Die Fahrt dauert lange. Es gibt Kaffee an Bord.",
                "The journey takes long."
            )
        );
        assert_eq!(
            pairs[3],
            ("Tickets kosten 20 Euro.", "Tickets cost 20 euros.")
        );
        assert_eq!(&src[a.segments[3].source_start..][..7], "Tickets");
    }

    #[test]
    fn unrelated_texts_are_not_a_translation() {
        let src = "Am 3. Mai besuchte der Minister mit 40 Beamten die OECD. Die EU und die NATO sprachen über 2 Milliarden Euro.";
        let tgt =
            "The harvest was late this year. Farmers said the rain had been heavy in the valley.";
        assert!(align(src, tgt).is_err());
    }
}
