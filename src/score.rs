//! MQM-style scoring.
//!
//! Each finding costs the weight of its severity (minor 1, major 5, critical 25 by default). The
//! score is `100 − penalty × 1000 / max(words, MIN_WORDS)`, floored at 0: the penalty per
//! thousand words, taken from 100. `MIN_WORDS` guards short texts: a 20-word headline with one
//! minor finding scores 90, not 50.

use crate::finding::{Finding, Related};
use crate::rules::Severity;

/// Texts shorter than this are scored as if they had this many words.
pub const MIN_WORDS: usize = 100;

/// Penalty weight of each severity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub minor: f64,
    pub major: f64,
    pub critical: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            minor: 1.0,
            major: 5.0,
            critical: 25.0,
        }
    }
}

impl Weights {
    pub fn of(&self, s: Severity) -> f64 {
        match s {
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }
}

/// The penalty and score of one document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    pub words: usize,
    pub penalty: f64,
    pub score: f64,
}

pub fn score(findings: &[Finding], words: usize, weights: &Weights) -> Score {
    let penalty = findings
        .iter()
        .fold(0.0, |sum, f| sum + weights.of(f.severity));
    Score {
        words,
        penalty,
        score: score_of(penalty, words),
    }
}

/// The score of a penalty over a number of words, rounded to one decimal (for reports; the gate
/// compares [`exact_score`]).
pub fn score_of(penalty: f64, words: usize) -> f64 {
    (exact_score(penalty, words) * 10.0).round() / 10.0
}

/// The score of a penalty over a number of words, unrounded.
pub fn exact_score(penalty: f64, words: usize) -> f64 {
    let per_k = penalty * 1000.0 / words.max(MIN_WORDS) as f64;
    (100.0 - per_k).max(0.0)
}

/// The penalty per 1,000 words (the same floor of [`MIN_WORDS`]), unclamped and rounded to one
/// decimal: it stays informative where the score has reached 0.
pub fn per_thousand(penalty: f64, words: usize) -> f64 {
    (penalty * 1000.0 / words.max(MIN_WORDS) as f64 * 10.0).round() / 10.0
}

/// Whether two findings mark one defect: different rules whose spans overlap by at least half
/// of the longer span.
fn same_defect(a: &Finding, b: &Finding) -> bool {
    let overlap = a
        .span
        .end
        .min(b.span.end)
        .saturating_sub(a.span.start.max(b.span.start));
    let longer = a.span.len().max(b.span.len()).max(1);
    a.rule != b.rule && overlap > 0 && overlap * 2 >= longer
}

/// One defect counts once: findings of different rules at (nearly) one span (overlapping by
/// at least half of the longer span) are merged into the most severe of them (at equal
/// severity, the longer span, then the first), and the others are listed in its `related`.
/// Then a finding wholly inside a longer one of the same defect ([`part_of`]) is folded
/// into it. `findings` must be sorted by start; the result is too.
pub fn merge_overlapping(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        // Only recent findings can overlap this one (sorted by start); look back while they
        // could still reach it. One defect's spans overlap by half the longer, so the other is
        // at most twice as long as this one and starts at most that far before it: the look-back
        // is bounded by the span, not by the document (it was quadratic on repeated lines).
        let reach = f.span.start.saturating_sub(2 * f.span.len().max(1));
        let hit = out
            .iter()
            .rev()
            .take_while(|k| k.span.start >= reach)
            .position(|k| same_defect(k, &f) && k.related.iter().all(|r| r.rule != f.rule))
            .map(|back| out.len() - 1 - back);
        let Some(i) = hit else {
            out.push(f);
            continue;
        };
        let kept = &mut out[i];
        let wins = (f.severity, f.span.len()) > (kept.severity, kept.span.len());
        if wins {
            let mut f = f;
            let old = std::mem::replace(
                kept,
                Finding {
                    related: Vec::new(),
                    ..f.clone()
                },
            );
            f.related = old.related.clone();
            f.related.push(Related::of(&old));
            *kept = f;
        } else {
            kept.related.push(Related::of(&f));
        }
    }
    out.sort_by_key(|f| (f.span.start, f.span.end));
    fold_contained(out)
}

/// How many open longer findings a finding is compared with: the look-back that keeps the
/// fold linear.
const OPEN: usize = 16;

/// Whether `short`, wholly inside the longer `long` of another rule, is part of its defect:
/// `long` is graver, or as grave and of the same category (a stray "。" inside a line left in
/// Japanese, a boilerplate phrase inside a pasted block of share buttons). A graver defect
/// inside a lesser one stays its own (a leaked word inside a repeated sentence), and so do
/// findings of other categories at one severity (a run-on inside a quotation in the wrong
/// quotation marks).
fn part_of(short: &Finding, long: &Finding) -> bool {
    short.rule != long.rule
        && long.span.start <= short.span.start
        && short.span.end <= long.span.end
        && long.span.len() > short.span.len()
        && (long.severity > short.severity
            || (long.severity == short.severity && long.category == short.category))
}

/// Folds each finding that is [`part_of`] a longer one into it (listed in its `related`), so
/// that the kept span covers every folded one. Each finding is compared with at most [`OPEN`]
/// longer findings still open at its start. `findings` sorted by start; the result is too.
fn fold_contained(mut findings: Vec<Finding>) -> Vec<Finding> {
    // Containers before what they contain: by start, then the longer first.
    findings.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    // Indices into `out` of findings that may still contain a later one, latest last.
    let mut open: Vec<usize> = Vec::new();
    for f in findings {
        open.retain(|&k| out[k].span.end > f.span.start);
        if let Some(&k) = open
            .iter()
            .rev()
            .take(OPEN)
            .find(|&&k| part_of(&f, &out[k]))
        {
            let mut f = f;
            let related = std::mem::take(&mut f.related);
            out[k].related.push(Related::of(&f));
            out[k].related.extend(related);
            continue;
        }
        if open.len() == 4 * OPEN {
            open.drain(..3 * OPEN);
        }
        open.push(out.len());
        out.push(f);
    }
    out.sort_by_key(|f| (f.span.start, f.span.end));
    out
}

impl Related {
    fn of(f: &Finding) -> Self {
        Self {
            rule: f.rule.clone(),
            severity: f.severity,
            message: f.message.clone(),
        }
    }
}

/// When a document fails: a score below `min_score`, or a finding at `fail_on` or worse.
/// By default a document fails on any major or critical finding.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gate {
    pub min_score: Option<f64>,
    pub fail_on: Option<Severity>,
}

impl Default for Gate {
    fn default() -> Self {
        Self {
            min_score: None,
            fail_on: Some(Severity::Major),
        }
    }
}

impl Gate {
    pub fn passes(&self, score: &Score, findings: &[Finding]) -> bool {
        self.passes_severities(
            exact_score(score.penalty, score.words),
            findings.iter().map(|f| f.severity),
        )
    }

    /// The gate on an unrounded score ([`exact_score`]) and the severities of the findings.
    pub fn passes_severities(
        &self,
        score: f64,
        mut severities: impl Iterator<Item = Severity>,
    ) -> bool {
        self.min_score.is_none_or(|m| score >= m)
            && self.fail_on.is_none_or(|s| severities.all(|x| x < s))
    }
}

impl Gate {
    /// Why a document with this unrounded score ([`exact_score`]) and these severities fails
    /// the gate, one reason per failed condition; empty when it passes. A score is shown with as
    /// many decimals as it takes to see that it is below the minimum ("score 89.97 < min-score
    /// 90"), and findings are counted per severity at or above `fail_on` ("2 major findings at
    /// fail-on major").
    pub fn reasons(&self, score: f64, severities: impl Iterator<Item = Severity>) -> Vec<String> {
        let mut reasons = Vec::new();
        if let Some(min) = self.min_score
            && score < min
        {
            reasons.push(format!(
                "score {} < min-score {}",
                below(score, min),
                trim_number(min)
            ));
        }
        if let Some(at) = self.fail_on {
            let mut counts = [0usize; 3];
            for s in severities.filter(|&s| s >= at) {
                counts[s as usize] += 1;
            }
            let parts: Vec<String> = [Severity::Critical, Severity::Major, Severity::Minor]
                .into_iter()
                .filter(|&s| counts[s as usize] > 0)
                .map(|s| format!("{} {s}", counts[s as usize]))
                .collect();
            if !parts.is_empty() {
                let total: usize = counts.iter().sum();
                let noun = if total == 1 { "finding" } else { "findings" };
                reasons.push(format!("{} {noun} at fail-on {at}", parts.join(" and ")));
            }
        }
        reasons
    }
}

/// `score` with the fewest decimals (one to four) that show it below `min`.
fn below(score: f64, min: f64) -> String {
    for decimals in 1..=4 {
        let shown = format!("{score:.decimals$}");
        if shown.parse::<f64>().is_ok_and(|v| v < min) {
            return shown;
        }
    }
    format!("{score}")
}

/// A number as written by a person: `95`, `92.5`.
fn trim_number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;
    use crate::rules::Category;

    fn finding(severity: Severity) -> Finding {
        Finding {
            rule: "en/x".into(),
            category: Category::Fluency,
            severity,
            span: Span::new(0, 1),
            message: String::new(),
            suggestion: None,
            canonical: None,
            source_span: None,
            related: Vec::new(),
        }
    }

    #[test]
    fn penalty_per_thousand_words_with_a_floor() {
        let w = Weights::default();
        let fs = [finding(Severity::Major), finding(Severity::Minor)];
        assert_eq!(score(&fs, 1000, &w).score, 94.0);
        assert_eq!(score(&fs, 10, &w).score, 40.0); // scored as 100 words
        assert_eq!(
            score(&vec![finding(Severity::Critical); 9], 100, &w).score,
            0.0
        );
        assert_eq!(score(&[], 0, &w).score, 100.0);
    }

    #[test]
    fn gate_by_score_and_severity() {
        let w = Weights::default();
        let fs = [finding(Severity::Minor)];
        let s = score(&fs, 1000, &w);
        let gate = Gate {
            min_score: Some(99.5),
            fail_on: None,
        };
        assert!(!gate.passes(&s, &fs));
        let gate = Gate {
            min_score: None,
            fail_on: Some(Severity::Major),
        };
        assert!(gate.passes(&s, &fs));
    }

    // F23: 20 minor findings in 1,995 words score 89.975, shown as 90.0; `--min-score 90` fails.
    #[test]
    fn gate_compares_the_unrounded_score() {
        let w = Weights::default();
        let fs = vec![finding(Severity::Minor); 20];
        let s = score(&fs, 1995, &w);
        assert_eq!(s.score, 90.0);
        let gate = Gate {
            min_score: Some(90.0),
            fail_on: None,
        };
        assert!(!gate.passes(&s, &fs));
    }

    #[test]
    fn reasons_name_each_failed_condition() {
        let gate = Gate {
            min_score: Some(95.0),
            fail_on: Some(Severity::Major),
        };
        let sev = [
            Severity::Major,
            Severity::Minor,
            Severity::Major,
            Severity::Critical,
        ];
        assert_eq!(
            gate.reasons(91.24, sev.into_iter()),
            [
                "score 91.2 < min-score 95",
                "1 critical and 2 major findings at fail-on major"
            ]
        );
        assert!(gate.reasons(95.0, [Severity::Minor].into_iter()).is_empty());
        let gate = Gate {
            min_score: Some(90.0),
            fail_on: None,
        };
        // 89.975 is shown as 90.0 elsewhere; the reason shows why it fails.
        assert_eq!(
            gate.reasons(89.975, std::iter::empty()),
            ["score 89.97 < min-score 90"]
        );
        let gate = Gate {
            min_score: None,
            fail_on: Some(Severity::Minor),
        };
        assert_eq!(
            gate.reasons(99.0, [Severity::Minor].into_iter()),
            ["1 minor finding at fail-on minor"]
        );
    }

    #[test]
    fn one_defect_counts_once() {
        let at = |rule: &str, severity, a, b| Finding {
            rule: rule.into(),
            span: Span::new(a, b),
            ..finding(severity)
        };
        let fs = vec![
            at("en/a", Severity::Minor, 0, 10),
            at("en/b", Severity::Major, 1, 10),
            at("en/c", Severity::Critical, 4, 6), // inside, but graver: its own defect
            at("en/d", Severity::Minor, 20, 24),
        ];
        let merged = merge_overlapping(fs);
        let rules: Vec<&str> = merged.iter().map(|f| &*f.rule).collect();
        assert_eq!(rules, ["en/b", "en/c", "en/d"]);
        assert_eq!(merged[0].related.len(), 1);
        assert_eq!(&*merged[0].related[0].rule, "en/a");
        assert_eq!(per_thousand(33.0, 276), 119.6);
    }

    #[test]
    fn a_finding_inside_a_graver_or_same_kind_one_is_part_of_it() {
        let at = |rule: &str, severity, category, a, b| Finding {
            rule: rule.into(),
            span: Span::new(a, b),
            category,
            ..finding(severity)
        };
        let fs = vec![
            // A line left untranslated, with a stray full stop and a wrong-script word.
            at(
                "en/untranslated",
                Severity::Major,
                Category::Accuracy,
                0,
                40,
            ),
            at("en/script", Severity::Major, Category::Accuracy, 5, 9),
            at("en/fullwidth", Severity::Minor, Category::Locale, 39, 40),
            // A repeated sentence (minor) with a graver leaked word inside: its own defect.
            at("en/repeated", Severity::Minor, Category::Accuracy, 50, 90),
            at("en/particle", Severity::Major, Category::Accuracy, 60, 62),
            // A quotation in the wrong marks with a run-on of another category inside.
            at("en/quotes", Severity::Minor, Category::Locale, 100, 160),
            at("en/run-on", Severity::Minor, Category::Fluency, 120, 130),
        ];
        let merged = merge_overlapping(fs);
        let rules: Vec<&str> = merged.iter().map(|f| &*f.rule).collect();
        assert_eq!(
            rules,
            [
                "en/untranslated",
                "en/repeated",
                "en/particle",
                "en/quotes",
                "en/run-on"
            ]
        );
        let related: Vec<&str> = merged[0].related.iter().map(|r| &*r.rule).collect();
        assert_eq!(related, ["en/script", "en/fullwidth"]);
        // Linear: many findings inside one long one, and a long run of nested ones.
        let mut many = vec![at(
            "en/long",
            Severity::Major,
            Category::Accuracy,
            0,
            1_000_000,
        )];
        many.extend((0..100_000).map(|i| {
            at(
                "en/short",
                Severity::Minor,
                Category::Fluency,
                i * 10,
                i * 10 + 2,
            )
        }));
        let merged = merge_overlapping(many);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].related.len(), 100_000);
        assert_eq!(per_thousand(1.0, 20), 10.0);
    }
}
