//! The engine: runs a rule set over a document and turns the findings into a file report.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::bitext::{Bitext, SegmentInput};
use crate::checks::Context;
use crate::config::{Config, Resolved, Selection};
use crate::document::Document;
use crate::document::LineIndex;
use crate::error::Error;
use crate::finding::Finding;
use crate::input::{self, InputFormat};
use crate::lang;
use crate::report::FileReport;
use crate::rules::{Category, Severity};
use crate::ruleset::{Catalog, RuleSet};
use crate::score::{self, Weights};
use crate::suppress::Suppressions;

/// All findings of `rules` in `doc`, sorted by position. Where two rules of one category report
/// the very same span, only the more severe (or, at equal severity, the more specific, later)
/// one is kept.
pub fn check(doc: &Document, rules: &RuleSet) -> Vec<Finding> {
    check_bitext(doc, rules, None)
}

/// As [`check`], with the segments of a bilingual document for the checks that compare each
/// target segment with its source.
pub fn check_bitext(doc: &Document, rules: &RuleSet, bitext: Option<&Bitext>) -> Vec<Finding> {
    check_timed(doc, rules, bitext, None)
}

/// Documents at least this long have their rules run on all of rayon's threads; shorter ones
/// run on the calling thread (files are already checked in parallel with each other).
pub const PARALLEL_BYTES: usize = 128 * 1024;

/// As [`check_bitext`]; with `times`, the time each rule took (the pattern scanner last) is
/// added to it. Large documents run their rules in parallel, each rule on the whole document;
/// the findings are gathered in rule order before the (stable) sort, so the result is the same
/// as on one thread.
fn check_timed(
    doc: &Document,
    rules: &RuleSet,
    bitext: Option<&Bitext>,
    times: Option<&mut Vec<Duration>>,
) -> Vec<Finding> {
    let mut cx = Context::new(doc, &rules.language, &rules.segmentation, &rules.people);
    if let Some(b) = bitext {
        cx = cx.with_bitext(b);
    }
    let list = rules.rules();
    let timed = times.is_some();
    // Task 0 is the pattern scanner, task k the rule k - 1: the sequential order.
    let task = |k: usize| -> (Vec<Finding>, Duration) {
        let start = timed.then(Instant::now);
        let mut out = Vec::new();
        match k.checked_sub(1) {
            None => rules.scanner().run(&cx, &mut out),
            Some(r) => list[r].run(&cx, &mut out),
        }
        (out, start.map_or(Duration::ZERO, |s| s.elapsed()))
    };
    let parallel = doc.text().len() >= PARALLEL_BYTES && rayon::current_num_threads() > 1;
    let parts: Vec<(Vec<Finding>, Duration)> = if parallel {
        (0..=list.len()).into_par_iter().map(task).collect()
    } else {
        (0..=list.len()).map(task).collect()
    };
    if let Some(times) = times {
        times.clear();
        times.extend(parts.iter().skip(1).map(|p| p.1));
        times.push(parts[0].1);
    }
    let mut out = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
    for (findings, _) in parts {
        out.extend(findings);
    }
    let order: HashMap<&str, usize> = list.iter().enumerate().map(|(i, r)| (&*r.id, i)).collect();
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, a.category as u8)
            .cmp(&(b.span.start, b.span.end, b.category as u8))
            .then(b.severity.cmp(&a.severity))
            .then(order.get(&*b.rule).cmp(&order.get(&*a.rule)))
    });
    out.dedup_by(|later, kept| later.span == kept.span && later.category == kept.category);
    drop_inside_furniture(&mut out);
    out
}

/// Where the time of a run went: per stage and per rule, summed over the documents checked
/// by a [`Linter`] made [`Linter::with_timings`]. Rules of large documents run in parallel, so
/// rule times can add up to more than the `checks` stage. The first rule that needs the
/// document's people (entities) carries the cost of finding them.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// Stage name and total time, in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Rule id and total time, in first-seen order (`patterns` for the pattern scanner).
    pub rules: Vec<(String, Duration)>,
    /// Documents checked.
    pub documents: usize,
}

impl Timings {
    fn add_stage(&mut self, name: &'static str, d: Duration) {
        match self.stages.iter_mut().find(|s| s.0 == name) {
            Some(s) => s.1 += d,
            None => self.stages.push((name, d)),
        }
    }

    fn add_rule(&mut self, id: &str, d: Duration) {
        match self.rules.iter_mut().find(|r| r.0 == id) {
            Some(r) => r.1 += d,
            None => self.rules.push((id.to_string(), d)),
        }
    }
}

/// The stage times of one document, merged into the linter's [`Timings`] when it ends.
#[derive(Default)]
struct Clock {
    on: bool,
    last: Option<Instant>,
    stages: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn new(on: bool) -> Self {
        Self {
            on,
            last: on.then(Instant::now),
            stages: Vec::new(),
        }
    }

    /// Ends the stage `name`, started when the previous one ended.
    fn lap(&mut self, name: &'static str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            self.stages.push((name, now - last));
            self.last = Some(now);
        }
    }
}

/// Pasted page furniture (findings of the `design` category: interface text, share buttons,
/// credits) is not prose, so a prose finding that lies wholly inside it is the same defect
/// counted twice ("follow our account for more news" is debris, not a truncated sentence):
/// such findings are dropped. `findings` is sorted by start.
fn drop_inside_furniture(findings: &mut Vec<Finding>) {
    let furniture: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| f.category == Category::Design)
        .map(|f| (f.span.start, f.span.end))
        .collect();
    if furniture.is_empty() {
        return;
    }
    // The furthest end reached by furniture starting at or before each furniture start.
    let mut reach = Vec::with_capacity(furniture.len());
    let mut far = 0;
    for &(_, end) in &furniture {
        far = far.max(end);
        reach.push(far);
    }
    findings.retain(|f| {
        if f.category == Category::Design {
            return true;
        }
        let k = furniture.partition_point(|&(start, _)| start <= f.span.start);
        k == 0 || reach[k - 1] < f.span.end
    });
}

/// Settings given on the command line; they beat the configuration file.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Target language; from the configuration, or detected per document, when not given.
    pub language: Option<String>,
    pub source_language: Option<String>,
    /// Severity weights given on the command line; the others come from the configuration.
    pub weights: Vec<(Severity, f64)>,
    pub min_score: Option<f64>,
    /// `Some(None)`: never fail on severity.
    pub fail_on: Option<Option<Severity>>,
    /// Rule selectors added to the configuration's.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
}

type SetKey = (String, Option<String>, Selection);

/// Checks many inputs with one catalog, compiling each rule set (language pair and selection)
/// once. Shareable between threads.
#[derive(Debug)]
pub struct Linter {
    catalog: Catalog,
    options: Options,
    config: Option<Config>,
    sets: RwLock<HashMap<SetKey, Arc<RuleSet>>>,
    glossary: Option<Arc<crate::bitext::glossary::Glossary>>,
    /// Stage and rule times, when asked for (`--timings`).
    timings: Option<Mutex<Timings>>,
}

impl Linter {
    pub fn new(catalog: Catalog, options: Options) -> Self {
        Self {
            catalog,
            options,
            config: None,
            sets: RwLock::new(HashMap::new()),
            glossary: None,
            timings: None,
        }
    }

    /// Records the time of every stage and rule of the documents checked from now on; read
    /// them with [`Linter::timings`].
    pub fn with_timings(mut self) -> Self {
        self.timings = Some(Mutex::new(Timings::default()));
        self
    }

    /// The times recorded so far, when [`Linter::with_timings`] asked for them.
    pub fn timings(&self) -> Option<Timings> {
        let t = self.timings.as_ref()?;
        Some(
            t.lock()
                .map_or_else(|e| e.into_inner().clone(), |t| t.clone()),
        )
    }

    /// Adds one document's stage and rule times to the linter's.
    fn record(&self, clock: Clock, rules: &RuleSet, rule_times: &[Duration]) {
        let Some(t) = &self.timings else {
            return;
        };
        let mut t = t.lock().unwrap_or_else(|e| e.into_inner());
        t.documents += 1;
        for (name, d) in clock.stages {
            t.add_stage(name, d);
        }
        for (r, d) in rules.rules().iter().zip(rule_times) {
            t.add_rule(&r.id, *d);
        }
        // The fused scans run the pattern, line and unicode rules together.
        if let Some(d) = rule_times.get(rules.rules().len()) {
            t.add_rule("(fused pattern/line/unicode)", *d);
        }
    }

    /// Adds a glossary, checked on bilingual input by the `source-glossary` rules.
    pub fn with_glossary(mut self, glossary: crate::bitext::glossary::Glossary) -> Self {
        self.glossary = Some(Arc::new(glossary));
        self
    }

    /// Adds a configuration file's settings, its word lists becoming project rules.
    pub fn with_config(mut self, config: Config) -> Result<Self, Error> {
        if let Some(rules) = config.generated_rules() {
            self.catalog.add_source(&config.path, &rules)?;
        }
        self.config = Some(config);
        Ok(self)
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The configuration's weights with the command line's applied on top, one by one.
    pub fn weights(&self) -> Weights {
        let mut w = self
            .config
            .as_ref()
            .and_then(|c| c.weights)
            .unwrap_or_default();
        for &(severity, value) in &self.options.weights {
            match severity {
                Severity::Minor => w.minor = value,
                Severity::Major => w.major = value,
                Severity::Critical => w.critical = value,
            }
        }
        w
    }

    /// The settings for one path: configuration layers, then the command line.
    pub fn resolve(&self, path: &str) -> Resolved {
        let mut r = Resolved::default();
        if let Some(c) = &self.config {
            for layer in c.layers_for(path) {
                r.apply(layer);
            }
        }
        let o = &self.options;
        if o.language.is_some() {
            r.lang.clone_from(&o.language);
        }
        if o.source_language.is_some() {
            r.source_lang.clone_from(&o.source_language);
        }
        r.selection.cli_select.clone_from(&o.select);
        r.selection.cli_ignore.clone_from(&o.ignore);
        if o.min_score.is_some() {
            r.gate.min_score = o.min_score;
        }
        if let Some(f) = o.fail_on {
            r.gate.fail_on = f;
        }
        r
    }

    /// The rule set for a target language (`""` when undecided: only the rules for every
    /// language), a source language and a selection, compiled once.
    pub fn rule_set(
        &self,
        language: &str,
        source: Option<&str>,
        selection: &Selection,
    ) -> Arc<RuleSet> {
        let key = (
            language.to_string(),
            source.map(str::to_string),
            selection.clone(),
        );
        if let Some(set) = self.sets.read().ok().and_then(|m| m.get(&key).cloned()) {
            return set;
        }
        let full = self.catalog.rule_set(language, source);
        // A rule that is off by default runs only when a selector names it.
        let named = |id: &str| {
            selection
                .select
                .iter()
                .chain(&selection.cli_select)
                .any(|s| crate::suppress::selector_matches(s, id))
        };
        let any_optional = full.rules().iter().any(|r| r.optional);
        let set = Arc::new(if selection.is_all() && !any_optional {
            full
        } else {
            full.filtered(|r| (!r.optional || named(&r.id)) && selection.allows(&r.id))
        });
        if let Ok(mut m) = self.sets.write() {
            m.insert(key, set.clone());
        }
        set
    }

    /// Checks the bytes of one input named `path`, its format taken from the name.
    pub fn check_bytes(&self, path: &str, bytes: &[u8]) -> Result<FileReport, Error> {
        let text = decode(path, bytes)?;
        Ok(self.check_input(path, text, InputFormat::from_path(path)))
    }

    /// Checks one decoded plain text.
    pub fn check_text(&self, path: &str, text: &str) -> FileReport {
        self.check_input(path, text, InputFormat::Text)
    }

    /// Checks one decoded input. Without a target language, the language is detected; a text
    /// too short or mixed to decide is checked with the rules for every language only.
    pub fn check_input(&self, path: &str, text: &str, format: InputFormat) -> FileReport {
        self.check_with(path, text, format, self.resolve(path))
    }

    /// Checks one record of a batch read from `file`, reported under `id`; the record's own
    /// languages, when given, beat the settings (which follow the file's path).
    pub fn check_record(
        &self,
        file: &str,
        id: &str,
        text: &str,
        language: Option<&str>,
        source_language: Option<&str>,
    ) -> FileReport {
        let mut settings = self.resolve(file);
        if let Some(l) = language {
            settings.lang = Some(l.to_string());
        }
        if let Some(s) = source_language {
            settings.source_lang = Some(s.to_string());
        }
        self.check_with(id, text, InputFormat::Text, settings)
    }

    fn check_with(
        &self,
        path: &str,
        text: &str,
        format: InputFormat,
        settings: Resolved,
    ) -> FileReport {
        self.check_with_bitext(path, text, format, settings, None)
    }

    /// Checks a target file against its source file (`source_path`, `source`): the two are
    /// aligned by paragraph and sentence, and each aligned pair is checked as a segment. Two
    /// texts that do not look like translations of each other are an error.
    pub fn check_pair(
        &self,
        path: &str,
        text: &str,
        source_path: &str,
        source: &str,
    ) -> Result<FileReport, Error> {
        let alignment = crate::bitext::align::align(source, text).map_err(|e| Error::Input {
            path: path.to_string(),
            line: 1,
            column: 1,
            message: format!("does not look like a translation of {source_path}: {}", e.0),
        })?;
        let bitext = Bitext {
            segments: alignment.segments,
            source_lang: None,
            glossary: self.glossary.clone(),
        };
        let mut report = self.check_with_bitext(
            path,
            text,
            InputFormat::Text,
            self.resolve(path),
            Some(bitext),
        );
        report.source = Some(std::sync::Arc::from(source));
        Ok(report)
    }

    fn check_with_bitext(
        &self,
        path: &str,
        text: &str,
        format: InputFormat,
        settings: Resolved,
        bitext: Option<Bitext>,
    ) -> FileReport {
        let mut clock = Clock::new(self.timings.is_some());
        let mut masked = input::prose_of(text, format);
        // The `# mtlint-…` line form is for plain text; in Markdown it is a heading (F16).
        let mut suppressions =
            Suppressions::parse_with(text, &masked.code, format == InputFormat::Text);
        if !suppressions.is_empty() {
            // The directives are not prose.
            let mut bytes = std::mem::take(&mut masked.text).into_owned().into_bytes();
            for span in suppressions.spans() {
                for b in &mut bytes[span.start..span.end] {
                    if *b != b'\n' && *b != b'\r' {
                        *b = b' ';
                    }
                }
                masked.masked.push(span);
            }
            masked.masked = input::merge_spans(std::mem::take(&mut masked.masked));
            masked.text = String::from_utf8(bytes)
                .unwrap_or_else(|_| text.to_string())
                .into();
        }
        let prose: &str = &masked.text;
        clock.lap("input");
        let (language, confidence) = match &settings.lang {
            Some(l) => (l.clone(), None),
            None => {
                let d = lang::detect_document(prose);
                (d.language.unwrap_or_default(), Some(d.confidence))
            }
        };
        clock.lap("language");
        let rules = self.rule_set(
            &language,
            settings.source_lang.as_deref(),
            &settings.selection,
        );
        clock.lap("rule set");
        let doc = Document::new(prose, &rules.segmentation);
        clock.lap("document");
        let bitext = bitext.map(|mut b| {
            b.source_lang.clone_from(&settings.source_lang);
            b
        });
        let mut rule_times = Vec::new();
        let mut findings = check_timed(
            &doc,
            &rules,
            bitext.as_ref(),
            clock.on.then_some(&mut rule_times),
        );
        clock.lap("checks");
        // No masked text in spans or messages, no markup at their edges.
        input::tidy_findings(text, &masked, format, &mut findings);
        // Masking keeps byte offsets, not characters: snap to the original's boundaries (F1).
        crate::report::snap_findings(text, &mut findings);
        if !settings.severity.is_empty() {
            for f in &mut findings {
                f.severity = settings.severity_of(&f.rule, f.severity);
            }
        }
        if let Some(c) = &self.config
            && !c.names.is_empty()
        {
            findings.retain(|f| !c.names.iter().any(|n| n == f.span.of(text).trim()));
        }
        let findings = score::merge_overlapping(suppressions.apply(findings));
        let score = score::score(&findings, doc.word_count(), &self.weights());
        let passed = settings.gate.passes(&score, &findings);
        let mut report = FileReport::new(path, text, &rules, &findings, score, passed);
        report.language_confidence = confidence.map(|c| (c * 100.0).round() / 100.0);
        report.note_language(&self.catalog);
        report.unused_suppressions = suppressions.unused(text);
        report.set_unknown_suppressions(suppressions.unknown(text, |s| self.knows_rule(s)));
        report.judge(settings.gate);
        clock.lap("report");
        self.record(clock, &rules, &rule_times);
        report
    }

    /// Whether a selector (a rule id or prefix) names a rule of the catalog.
    fn knows_rule(&self, selector: &str) -> bool {
        self.catalog
            .rules()
            .iter()
            .any(|r| crate::suppress::selector_matches(selector, &r.id))
    }

    /// Checks a document made of segments (JSON Lines records sharing a `doc`, translation
    /// units, aligned sentences), read from `file`. The targets are checked together as one
    /// document, a paragraph per segment, and each segment with its source; each segment gets
    /// its own report under its id, with spans into its own text and its own score.
    pub fn check_segments(&self, file: &str, inputs: &[SegmentInput]) -> Vec<FileReport> {
        let Some(first) = inputs.first() else {
            return Vec::new();
        };
        let mut settings = self.resolve(file);
        if let Some(l) = &first.lang {
            settings.lang = Some(l.clone());
        }
        if let Some(s) = &first.source_lang {
            settings.source_lang = Some(s.clone());
        }
        let (text, mut bitext) = Bitext::join(inputs);
        bitext.source_lang.clone_from(&settings.source_lang);
        bitext.glossary.clone_from(&self.glossary);
        let (language, confidence) = match &settings.lang {
            Some(l) => (l.clone(), None),
            None => {
                let d = lang::detect_document(&text);
                (d.language.unwrap_or_default(), Some(d.confidence))
            }
        };
        let rules = self.rule_set(
            &language,
            settings.source_lang.as_deref(),
            &settings.selection,
        );
        let doc = Document::new(&text, &rules.segmentation);
        let mut findings = check_bitext(&doc, &rules, Some(&bitext));
        if !settings.severity.is_empty() {
            for f in &mut findings {
                f.severity = settings.severity_of(&f.rule, f.severity);
            }
        }
        if let Some(c) = &self.config
            && !c.names.is_empty()
        {
            findings.retain(|f| !c.names.iter().any(|n| n == f.span.of(&text).trim()));
        }
        let findings = score::merge_overlapping(findings);
        // Each finding goes to the segment where it starts, cut at that segment's end.
        let mut per: Vec<Vec<Finding>> = vec![Vec::new(); inputs.len()];
        for mut f in findings {
            let Some(i) = bitext.segment_at(f.span.start) else {
                continue;
            };
            let t = bitext.segments[i].target;
            // A segment that stops where its source stops (mid-sentence, as subtitles and
            // transcripts are cut) is not a truncated paragraph.
            if f.span.end >= t.start + text[t.start..t.end].trim_end().len()
                && bitext.segments[i]
                    .source
                    .as_deref()
                    .is_some_and(crate::bitext::stops_mid_sentence)
                && rules.rules().iter().any(|r| {
                    r.id == f.rule && matches!(r.check, crate::checks::Check::Truncation(_))
                })
            {
                continue;
            }
            // A sentence repeated where the source repeats it too is faithful.
            if let Some(src) = bitext.segments[i].source.as_deref()
                && !src.trim().is_empty()
                && bitext
                    .segments
                    .iter()
                    .enumerate()
                    .any(|(j, s)| j != i && s.source.as_deref().map(str::trim) == Some(src.trim()))
                && rules.rules().iter().any(|r| {
                    r.id == f.rule && matches!(r.check, crate::checks::Check::RepeatedSentence(_))
                })
            {
                continue;
            }
            let shift = |s: crate::document::Span| {
                crate::document::Span::new(
                    s.start.clamp(t.start, t.end) - t.start,
                    s.end.clamp(t.start, t.end) - t.start,
                )
            };
            f.span = shift(f.span);
            if let Some(c) = f.canonical.take()
                && c.span.start >= t.start
                && c.span.end <= t.end
            {
                f.canonical = Some(crate::finding::Canonical {
                    text: c.text,
                    span: shift(c.span),
                });
            }
            per[i].push(f);
        }
        let weights = self.weights();
        inputs
            .iter()
            .zip(per)
            .map(|(input, findings)| {
                let seg_doc = Document::new(&input.text, &rules.segmentation);
                let score = score::score(&findings, seg_doc.word_count(), &weights);
                let passed = settings.gate.passes(&score, &findings);
                let mut report =
                    FileReport::new(&input.id, &input.text, &rules, &findings, score, passed);
                report.language_confidence = confidence.map(|c| (c * 100.0).round() / 100.0);
                report.source = input.source.as_deref().map(std::sync::Arc::from);
                report.note_language(&self.catalog);
                report.judge(settings.gate);
                for f in &mut report.findings {
                    f.segment = Some(input.id.clone());
                }
                report
            })
            .collect()
    }

    /// Drops the findings recorded in `baseline` and scores the file again.
    pub fn apply_baseline(&self, report: &mut FileReport, baseline: &Baseline) {
        crate::baseline::apply(report, baseline, &self.weights());
    }
}

/// Decodes input bytes as UTF-8, with an error naming the first invalid byte. Inputs longer
/// than a document can model (4 GiB) are refused.
pub fn decode<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Error> {
    if bytes.len() > crate::document::MAX_TEXT {
        return Err(Error::Io {
            path: path.to_string(),
            message: format!(
                "the file is {} bytes; mtlint reads files up to {} bytes",
                bytes.len(),
                crate::document::MAX_TEXT
            ),
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let (line, column) = LineIndex::new(valid).line_col(valid, offset);
        Error::Decode {
            path: path.to_string(),
            offset,
            line,
            column,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_findings_inside_page_furniture_are_dropped() {
        let linter = Linter::new(
            Catalog::embedded().unwrap(),
            Options {
                language: Some("en".into()),
                ..Options::default()
            },
        );
        let text = "Harbour fees rise in May\n\nThe port will raise its fees in May, the authority \
                    said on Monday.\n\nFollow our official account for more local news\n";
        let report = linter.check_text("t.txt", text);
        let rules: Vec<&str> = report.findings.iter().map(|f| &*f.rule).collect();
        assert!(rules.contains(&"en/web-furniture"), "{rules:?}");
        assert!(!rules.contains(&"en/truncated-paragraph"), "{rules:?}");
    }
}
