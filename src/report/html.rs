//! The reviewer's HTML report (`--format html`): one self-contained page (inline style and
//! script, a Content-Security-Policy that forbids every fetch) with a summary table across
//! files, then each file's score and gate and its text with every finding highlighted in place.
//! A highlight is coloured by severity and shows its message on hover and on keyboard focus;
//! the list under each text links every finding to its place and, for drift findings, to the
//! mention the document established. Filters by rule, category and severity hide findings and
//! their highlights. Every piece of text is escaped.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::{FileReport, FindingReport, Report};
use crate::rules::Severity;

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Minor => "minor",
        Severity::Major => "major",
        Severity::Critical => "critical",
    }
}

fn category_name(f: &FindingReport) -> String {
    serde_json::to_value(f.category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The nearest char boundary at or before `i`.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

const STYLE: &str = r#"
:root { --critical: #f4a3a3; --major: #f7c873; --minor: #fff0a0; --line: #ccc; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem 2rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.2rem 0.6rem; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: #17692b; font-weight: 600; }
.fail { color: #a31515; font-weight: 600; }
fieldset { border: 1px solid var(--line); margin: 0.4rem 0; }
fieldset label { margin-right: 1rem; white-space: nowrap; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 15px/1.7 Georgia, serif; border: 1px solid var(--line); padding: 1rem; }
mark { position: relative; border-radius: 2px; cursor: help; background: none; color: inherit; }
mark.sev-critical { background: var(--critical); }
mark.sev-major { background: var(--major); }
mark.sev-minor { background: var(--minor); }
mark.off { background: none; cursor: auto; }
mark.canon, span.canon { text-decoration: underline dotted #1f5fbf 2px; }
mark:not(.off):hover::after, mark:not(.off):focus::after {
  content: attr(data-msg); position: absolute; left: 0; top: 1.6em; z-index: 2; width: max-content; max-width: 32rem;
  white-space: pre-wrap; font: 13px/1.4 system-ui, sans-serif; background: #222; color: #fff; padding: 0.3rem 0.5rem; border-radius: 3px;
}
mark:focus { outline: 2px solid #1f5fbf; }
ol.findings li { margin: 0.2rem 0; }
li.finding .sev { display: inline-block; min-width: 4.5rem; padding: 0 0.3rem; border-radius: 2px; }
li.sev-critical .sev { background: var(--critical); }
li.sev-major .sev { background: var(--major); }
li.sev-minor .sev { background: var(--minor); }
code { font-size: 90%; }
[hidden] { display: none !important; }
"#;

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var rank = { minor: 1, major: 2, critical: 3 };
  function checked(kind) {
    var set = {};
    document.querySelectorAll('input[data-filter="' + kind + '"]').forEach(function (b) {
      if (b.checked) { set[b.value] = true; }
    });
    return set;
  }
  function apply() {
    var rules = checked("rule"), cats = checked("category"), sevs = checked("severity");
    var shown = {};
    document.querySelectorAll("li.finding").forEach(function (li) {
      var on = rules[li.dataset.rule] && cats[li.dataset.category] && sevs[li.dataset.severity];
      li.hidden = !on;
      if (on) { shown[li.id] = li.dataset.severity; }
    });
    document.querySelectorAll("mark[data-f]").forEach(function (m) {
      var best = null, msgs = [];
      m.dataset.f.split(" ").forEach(function (id) {
        var sev = shown[id];
        if (sev) {
          if (!best || rank[sev] > rank[best]) { best = sev; }
          msgs.push(document.getElementById(id).dataset.msg);
        }
      });
      m.classList.remove("sev-minor", "sev-major", "sev-critical", "off");
      if (best) {
        m.classList.add("sev-" + best);
        m.dataset.msg = msgs.join("\n");
        m.tabIndex = 0;
      } else {
        m.classList.add("off");
        m.removeAttribute("tabindex");
      }
    });
    var count = Object.keys(shown).length;
    document.getElementById("shown").textContent = count + " finding" + (count === 1 ? "" : "s") + " shown";
  }
  document.querySelectorAll("input[data-filter]").forEach(function (b) {
    b.addEventListener("change", apply);
  });
  apply();
})();
"#;

pub fn render_html(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        w,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
    )?;
    writeln!(
        w,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        w,
        "<title>mtlint report</title>\n<style>{STYLE}</style>\n</head>\n<body>"
    )?;
    writeln!(
        w,
        "<h1>mtlint report</h1>\n<p>{} {}: {} file{}, {} finding{}, {} passed, {} failed.</p>",
        esc(report.tool.name),
        esc(report.tool.version),
        report.summary.files,
        if report.summary.files == 1 { "" } else { "s" },
        report.summary.findings,
        if report.summary.findings == 1 {
            ""
        } else {
            "s"
        },
        report.summary.passed,
        report.summary.failed
    )?;
    summary_table(report, w)?;
    filters(report, w)?;
    for (n, file) in report.files.iter().enumerate() {
        file_section(n, file, w)?;
    }
    writeln!(w, "<script>{SCRIPT}</script>\n</body>\n</html>")
}

fn gate(file: &FileReport) -> &'static str {
    if file.passed {
        "<span class=\"pass\">PASS</span>"
    } else {
        "<span class=\"fail\">FAIL</span>"
    }
}

fn summary_table(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    writeln!(
        w,
        "<table class=\"summary\">\n<thead><tr><th>file</th><th>language</th><th>words</th><th>critical</th><th>major</th><th>minor</th><th>penalty</th><th>score</th><th>gate</th></tr></thead>\n<tbody>"
    )?;
    for (n, f) in report.files.iter().enumerate() {
        writeln!(
            w,
            "<tr><td><a href=\"#file-{n}\">{}</a></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}</td><td>{}</td></tr>",
            esc(&f.path),
            esc(&language(f)),
            f.words,
            f.count(Severity::Critical),
            f.count(Severity::Major),
            f.count(Severity::Minor),
            f.penalty,
            f.score,
            gate(f)
        )?;
    }
    writeln!(w, "</tbody>\n</table>")
}

fn language(f: &FileReport) -> String {
    match (&f.source_language, &f.language) {
        (Some(s), Some(l)) => format!("{s}→{l}"),
        (None, Some(l)) => l.clone(),
        (Some(s), None) => format!("{s}→?"),
        (None, None) => "undecided".into(),
    }
}

fn filters(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let mut rules = BTreeSet::new();
    let mut cats = BTreeSet::new();
    let mut sevs = BTreeSet::new();
    for f in report.files.iter().flat_map(|f| &f.findings) {
        rules.insert(f.rule.to_string());
        cats.insert(category_name(f));
        sevs.insert(f.severity);
    }
    writeln!(w, "<form class=\"filters\" onsubmit=\"return false\">")?;
    let sevs: Vec<String> = sevs
        .iter()
        .rev()
        .map(|s| severity_name(*s).to_string())
        .collect();
    for (kind, legend, values) in [
        ("severity", "Severity", sevs),
        ("category", "Category", cats.into_iter().collect()),
        ("rule", "Rule", rules.into_iter().collect()),
    ] {
        write!(w, "<fieldset><legend>{legend}</legend>")?;
        for v in &values {
            write!(
                w,
                "<label><input type=\"checkbox\" data-filter=\"{kind}\" value=\"{0}\" checked> {0}</label>",
                esc(v)
            )?;
        }
        writeln!(w, "</fieldset>")?;
    }
    writeln!(w, "<p id=\"shown\" aria-live=\"polite\"></p>\n</form>")
}

/// The tooltip of a finding: severity, rule, message and, for drift, the established form.
fn tooltip(f: &FindingReport) -> String {
    let mut s = format!("{} {}: {}", severity_name(f.severity), f.rule, f.message);
    if let Some(c) = &f.canonical {
        s.push_str(&format!(
            "\nestablished: \"{}\" (line {}, column {})",
            c.text, c.line, c.column
        ));
    }
    if let Some(sug) = &f.suggestion {
        s.push_str(&format!("\nsuggestion: {sug}"));
    }
    s
}

fn file_section(n: usize, file: &FileReport, w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "<section class=\"file\" id=\"file-{n}\">")?;
    writeln!(w, "<h2>{}</h2>", esc(&file.path))?;
    if let Some(e) = &file.error {
        writeln!(
            w,
            "<p>{} <span class=\"error\">{}</span></p>\n</section>",
            gate(file),
            esc(e)
        )?;
        return Ok(());
    }
    writeln!(
        w,
        "<p class=\"score\">{}, {} words, {} finding{}, penalty {}, score <strong>{:.1}</strong>: {}</p>",
        esc(&language(file)),
        file.words,
        file.findings.len(),
        if file.findings.len() == 1 { "" } else { "s" },
        file.penalty,
        file.score,
        gate(file)
    )?;
    write!(w, "<pre class=\"text\">")?;
    highlighted_text(n, file, w)?;
    writeln!(w, "</pre>")?;
    if !file.findings.is_empty() {
        writeln!(w, "<ol class=\"findings\">")?;
        for (k, f) in file.findings.iter().enumerate() {
            let id = format!("f{n}-{k}");
            write!(
                w,
                "<li class=\"finding sev-{sev}\" id=\"{id}\" data-rule=\"{rule}\" data-category=\"{cat}\" data-severity=\"{sev}\" data-msg=\"{msg}\"><a href=\"#{id}-at\">{line}:{col}</a> <span class=\"sev\">{sev}</span> <code>{rule}</code> {cat}: {message} <q>{text}</q>",
                sev = severity_name(f.severity),
                rule = esc(&f.rule),
                cat = esc(&category_name(f)),
                msg = esc(&tooltip(f)),
                line = f.line,
                col = f.column,
                message = esc(&f.message),
                text = esc(&f.text),
            )?;
            if let Some(c) = &f.canonical {
                write!(
                    w,
                    " (established: <a class=\"canonical\" href=\"#{id}-canon\">“{}” at {}:{}</a>)",
                    esc(&c.text),
                    c.line,
                    c.column
                )?;
            }
            if let Some(s) = &f.suggestion {
                write!(
                    w,
                    " <span class=\"suggestion\">suggestion: {}</span>",
                    esc(s)
                )?;
            }
            writeln!(w, "</li>")?;
        }
        writeln!(w, "</ol>")?;
    }
    writeln!(w, "</section>")
}

/// The file's text, cut at every finding and canonical-mention boundary; each piece covered by
/// findings is one `<mark>` naming them all (`data-f`), coloured by the most severe, so that
/// overlapping findings never nest elements. Empty anchors mark where each finding and each
/// canonical mention starts.
fn highlighted_text(n: usize, file: &FileReport, w: &mut dyn Write) -> io::Result<()> {
    let text = &*file.text;
    let spans: Vec<(usize, usize)> = file
        .findings
        .iter()
        .map(|f| (floor(text, f.span.start), floor(text, f.span.end)))
        .collect();
    let canon: Vec<Option<(usize, usize)>> = file
        .findings
        .iter()
        .map(|f| {
            f.canonical
                .as_ref()
                .map(|c| (floor(text, c.span.start), floor(text, c.span.end)))
        })
        .collect();
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for &(a, b) in spans.iter().chain(canon.iter().flatten()) {
        cuts.insert(a);
        cuts.insert(b);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        for (k, &(s, _)) in spans.iter().enumerate() {
            if s == a {
                write!(w, "<a class=\"at\" id=\"f{n}-{k}-at\"></a>")?;
            }
        }
        for (k, c) in canon.iter().enumerate() {
            if c.is_some_and(|(s, _)| s == a) {
                write!(w, "<a class=\"at\" id=\"f{n}-{k}-canon\"></a>")?;
            }
        }
        let piece = esc(&text[a..b]);
        let covering: Vec<usize> = spans
            .iter()
            .enumerate()
            .filter(|(_, (s, e))| *s <= a && b <= *e && s < e)
            .map(|(k, _)| k)
            .collect();
        let in_canon = canon.iter().flatten().any(|&(s, e)| s <= a && b <= e);
        if covering.is_empty() {
            if in_canon {
                write!(w, "<span class=\"canon\">{piece}</span>")?;
            } else {
                write!(w, "{piece}")?;
            }
            continue;
        }
        let worst = covering
            .iter()
            .map(|&k| file.findings[k].severity)
            .max()
            .unwrap_or(Severity::Minor);
        let ids: Vec<String> = covering.iter().map(|k| format!("f{n}-{k}")).collect();
        let msg: Vec<String> = covering
            .iter()
            .map(|&k| tooltip(&file.findings[k]))
            .collect();
        write!(
            w,
            "<mark class=\"sev-{}{}\" tabindex=\"0\" data-f=\"{}\" data-msg=\"{}\">{piece}</mark>",
            severity_name(worst),
            if in_canon { " canon" } else { "" },
            ids.join(" "),
            esc(&msg.join("\n"))
        )?;
    }
    Ok(())
}
