//! SARIF 2.1.0 for code-scanning upload, built with serde-sarif's typed model: the rules that
//! ran, with their help text, and one result per finding with its region (lines, columns in
//! Unicode code points, and byte offsets). Severities map to levels: critical and major are
//! errors, minor is a warning.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use serde_sarif::sarif::{
    ArtifactChange, ArtifactContent, ArtifactLocation, Fix as SarifFix, Location, LogicalLocation,
    Message, MultiformatMessageString, PhysicalLocation, PropertyBag, Region, Replacement,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};

use super::{FileReport, Report};
use crate::rules::{Rule, Severity};

fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Critical | Severity::Major => ResultLevel::Error,
        Severity::Minor => ResultLevel::Warning,
    }
}

fn level_name(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
    }
}

fn descriptor(rule: &Rule) -> ReportingDescriptor {
    let mut help = format!("{}\n\nKind: {}. ", rule.why, rule.kind);
    if let Some(s) = &rule.suggestion {
        help.push_str(&format!("Suggestion: {s}. "));
    }
    for ex in rule.examples.iter().take(4) {
        let label = if ex.expected.is_some() { "Bad" } else { "Good" };
        help.push_str(&format!("\n{label}: {}", ex.text));
    }
    let mut props = BTreeMap::new();
    props.insert("category".to_string(), rule.category.to_string().into());
    props.insert("severity".to_string(), rule.severity.as_str().into());
    ReportingDescriptor::builder()
        .id(rule.id.to_string())
        .name(rule.id.rsplit('/').next().unwrap_or(&rule.id).to_string())
        .short_description(
            MultiformatMessageString::builder()
                .text(rule.message.clone())
                .build(),
        )
        .full_description(
            MultiformatMessageString::builder()
                .text(rule.why.clone())
                .build(),
        )
        .help(MultiformatMessageString::builder().text(help).build())
        .default_configuration(
            ReportingConfiguration::builder()
                .level(serde_json::Value::from(level_name(rule.severity)))
                .build(),
        )
        .properties(
            PropertyBag::builder()
                .tags(vec![rule.category.to_string()])
                .additional_properties(props)
                .build(),
        )
        .build()
}

/// Renders the report as SARIF; `rules` are the rules to describe (those that could run).
pub fn render_sarif(report: &Report, rules: &[Arc<Rule>], w: &mut dyn Write) -> io::Result<()> {
    let results = report.files.iter().flat_map(sarif_results).collect();
    render_sarif_results(results, rules, w)
}

/// The SARIF results of one file's findings. A streaming run takes them while the file's text
/// is at hand (the fingerprints need it) and drops the report; [`render_sarif_results`] then
/// writes the run.
pub fn sarif_results(file: &FileReport) -> Vec<SarifResult> {
    let mut results = Vec::with_capacity(file.findings.len());
    for f in &file.findings {
        let region = Region::builder()
            .start_line(f.line as i64)
            .start_column(f.column as i64)
            .end_line(f.end_line as i64)
            .end_column(f.end_column as i64)
            .byte_offset(f.span.start as i64)
            .byte_length(f.span.len() as i64)
            .build();
        let location = match &file.record {
            // A record's positions are within its text, not the file: the location is the
            // record's line of the JSON Lines file, the record named as a logical location,
            // and the positions within the record kept as properties (F19).
            Some(origin) => {
                let mut props = BTreeMap::new();
                props.insert("record".to_string(), file.path.clone().into());
                for (k, v) in [
                    ("recordStartLine", f.line),
                    ("recordStartColumn", f.column),
                    ("recordEndLine", f.end_line),
                    ("recordEndColumn", f.end_column),
                    ("recordByteOffset", f.span.start),
                    ("recordByteLength", f.span.len()),
                ] {
                    props.insert(k.to_string(), v.into());
                }
                Location::builder()
                    .physical_location(
                        PhysicalLocation::builder()
                            .artifact_location(
                                ArtifactLocation::builder()
                                    .uri(uri_of(&origin.file))
                                    .build(),
                            )
                            .region(
                                Region::builder()
                                    .start_line(origin.line as i64)
                                    .end_line(origin.line as i64)
                                    .build(),
                            )
                            .build(),
                    )
                    .logical_locations(vec![
                        LogicalLocation::builder()
                            .name(file.path.clone())
                            .kind("object")
                            .build(),
                    ])
                    .properties(PropertyBag::builder().additional_properties(props).build())
                    .build()
            }
            None => Location::builder()
                .physical_location(
                    PhysicalLocation::builder()
                        .artifact_location(
                            ArtifactLocation::builder().uri(uri_of(&file.path)).build(),
                        )
                        .region(region)
                        .build(),
                )
                .build(),
        };
        let mut text = f.message.clone();
        if let Some(s) = &f.suggestion {
            text.push_str(&format!(" (suggestion: {s})"));
        }
        let mut fingerprints = BTreeMap::new();
        fingerprints.insert(
            "mtlint/v1".to_string(),
            crate::baseline::fingerprint(&file.text, &f.rule, f.span),
        );
        let mut result = SarifResult::builder()
            .rule_id(f.rule.to_string())
            .level(level(f.severity))
            .message(Message::builder().text(text).build())
            .locations(vec![location])
            .partial_fingerprints(fingerprints)
            .build();
        if let Some(fix) = &f.fix {
            result.fixes = Some(vec![sarif_fix(&file.path, fix)]);
        }
        results.push(result);
    }
    results
}

/// Writes a SARIF run of `results` (from [`sarif_results`], in file order).
pub fn render_sarif_results(
    results: Vec<SarifResult>,
    rules: &[Arc<Rule>],
    w: &mut dyn Write,
) -> io::Result<()> {
    let driver = ToolComponent::builder()
        .name("mtlint")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://crates.io/crates/mtlint")
        .rules(rules.iter().map(|r| descriptor(r)).collect::<Vec<_>>())
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .build();
    let sarif = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *w, &sarif)?;
    writeln!(w)
}

/// A fix as SARIF: one artifact change whose replacements delete byte regions and insert text.
fn sarif_fix(path: &str, fix: &crate::fix::Fix) -> SarifFix {
    let replacements = fix
        .edits
        .iter()
        .map(|e| {
            let region = Region::builder()
                .byte_offset(e.span.start as i64)
                .byte_length(e.span.len() as i64)
                .build();
            Replacement::builder()
                .deleted_region(region)
                .inserted_content(
                    ArtifactContent::builder()
                        .text(e.replacement.clone())
                        .build(),
                )
                .build()
        })
        .collect::<Vec<_>>();
    let description = match fix.edits.as_slice() {
        [e] if e.replacement.is_empty() => "delete it".to_string(),
        [e] => format!("replace it with \"{}\"", e.replacement),
        _ => "apply the edits".to_string(),
    };
    SarifFix::builder()
        .description(Message::builder().text(description).build())
        .artifact_changes(vec![
            ArtifactChange::builder()
                .artifact_location(ArtifactLocation::builder().uri(uri_of(path)).build())
                .replacements(replacements)
                .build(),
        ])
        .build()
}

/// A path as a relative URI reference: `/` kept, every byte outside the unreserved set
/// percent-encoded (spaces, `%`, `#`, `?`, non-ASCII), so `x#y.txt` is not a fragment (F19).
fn uri_of(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    // F19: spaces, `%`, `#` and non-ASCII characters made invalid or misleading URIs.
    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(super::uri_of("my file.txt"), "my%20file.txt");
        assert_eq!(super::uri_of("50%.txt"), "50%25.txt");
        assert_eq!(super::uri_of("x#y.txt"), "x%23y.txt");
        assert_eq!(super::uri_of("d/日.txt"), "d/%E6%97%A5.txt");
        assert_eq!(super::uri_of("./a/b.md"), "./a/b.md");
    }
}
