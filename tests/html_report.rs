//! The reviewer's HTML report (`--format html`): a snapshot of its markup, escaping, and a real
//! headless-browser test (Debian's Chromium, which `.ci/run` installs): the page loads with no
//! console message, every highlight covers exactly the text of its finding (the fixture has
//! multi-byte characters: accents, a euro sign, an emoji and a line of Japanese), drift findings
//! link to the established mention, and the filters hide findings and their highlights.

mod common;
use common::mtlint;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = "tests/fixtures/html/review.txt";

fn html_of(path: &str) -> String {
    let out = mtlint(&["check", "--lang", "en", "--format", "html", path]);
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn html_markup_snapshot() {
    let html = html_of(FIXTURE);
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.bind(|| insta::assert_snapshot!("html-review", html));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let name = d.join("a<b>&\"c'.txt");
    std::fs::write(
        &name,
        "The council said <script>alert(1)</script> that the the vote & the \"plan\" were fine.\n",
    )
    .unwrap();
    let html = html_of(name.to_str().unwrap());
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("a&lt;b&gt;&amp;&quot;c&#39;.txt"));
    assert!(html.contains("&quot;plan&quot;"));
    // Nothing is fetched: no external resources, and a policy that forbids them.
    for needle in [" src=", "href=\"http", "url(", "@import"] {
        assert!(!html.contains(needle), "{needle} in the page");
    }
    assert!(html.contains("default-src 'none'"));
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
}

fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Runs in the page after its own script; writes what it found into `#harness` as JSON.
const HARNESS: &str = r#"<script>
(function () {
  "use strict";
  var out = { errors: window.__errors, highlights: [], canonicals: [], filters: {} };
  function marksOf(id) {
    return Array.prototype.filter.call(document.querySelectorAll("mark[data-f]"), function (m) {
      return m.dataset.f.split(" ").indexOf(id) >= 0;
    });
  }
  function textAfter(anchor, n) {
    var walker = document.createTreeWalker(document.querySelector("pre.text"), NodeFilter.SHOW_TEXT);
    var s = "", node, started = false;
    while ((node = walker.nextNode())) {
      if (!started && (anchor.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) { started = true; }
      if (started) { s += node.data; if (s.length >= n) { break; } }
    }
    return s.slice(0, n);
  }
  EXPECTED.forEach(function (f, k) {
    var id = "f0-" + k;
    var marks = marksOf(id);
    var joined = marks.map(function (m) { return m.textContent; }).join("");
    var at = document.getElementById(id + "-at");
    out.highlights.push({ id: id, text: joined, after_anchor: at ? textAfter(at, f.text.length) : null,
      contiguous: marks.every(function (m, i) { return i === 0 || m.previousSibling === marks[i - 1] || (m.previousSibling && m.previousSibling.nodeName === "A" && m.previousSibling.textContent === ""); }),
      cls: marks.length ? marks[0].className : "" });
    if (f.canonical) {
      var c = document.getElementById(id + "-canon");
      var link = document.querySelector('#' + id + ' a.canonical');
      out.canonicals.push({ id: id, text: c ? textAfter(c, f.canonical.length) : null,
        href: link ? link.getAttribute("href") : null });
    }
  });
  var box = document.querySelector('input[data-filter="severity"][value="major"]');
  box.checked = false;
  box.dispatchEvent(new Event("change"));
  out.filters.hidden_items = document.querySelectorAll("li.finding[hidden]").length;
  out.filters.off_marks = document.querySelectorAll("mark.off").length;
  out.filters.shown = document.getElementById("shown").textContent;
  out.filters.classes = EXPECTED.map(function (f, k) {
    return marksOf("f0-" + k).map(function (m) { return m.className; }).join(",");
  });
  box.checked = true;
  box.dispatchEvent(new Event("change"));
  out.filters.restored_off = document.querySelectorAll("mark.off").length;
  var pre = document.createElement("pre");
  pre.id = "harness";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"#;

const ERRORS: &str = r#"<script>window.__errors = []; window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); });</script>"#;

fn run_chromium(browser: &Path, page: &Path, profile: &Path) -> Output {
    Command::new("timeout")
        .arg("90")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .output()
        .expect("run chromium")
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn html_report_in_a_headless_browser() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED: no Chromium at /usr/bin/chromium (apt-get install -y chromium); .ci/run installs it"
        );
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium (.ci/run)"
        );
        return;
    };
    let json = mtlint(&["check", "--lang", "en", "--format", "json", FIXTURE]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let findings = report["files"][0]["findings"].as_array().unwrap().clone();
    assert!(
        findings.len() >= 5,
        "the fixture has findings: {findings:?}"
    );
    assert!(
        findings.iter().any(|f| f["text"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| c.len_utf8() == 3)),
        "a finding on multi-byte text"
    );
    let expected: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "text": f["text"],
                "canonical": f["canonical"]["text"],
                "severity": f["severity"],
            })
        })
        .collect();
    let html = html_of(FIXTURE);
    let page = html
        .replacen("<head>", &format!("<head>\n{ERRORS}"), 1)
        .replacen(
            "</body>",
            &format!(
                "{}\n</body>",
                HARNESS.replace("EXPECTED", &serde_json::to_string(&expected).unwrap())
            ),
            1,
        );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    std::fs::write(&file, page).unwrap();
    let profile = dir.path().join("profile");
    let out = run_chromium(&browser, &file, &profile);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "chromium failed: {stderr}");
    let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let dom = String::from_utf8_lossy(&out.stdout);
    let start = dom
        .find("<pre id=\"harness\">")
        .unwrap_or_else(|| panic!("the harness did not run: {dom}"));
    let body = &dom[start + "<pre id=\"harness\">".len()..];
    let body = &body[..body.find("</pre>").unwrap()];
    let got: serde_json::Value = serde_json::from_str(&unescape(body)).unwrap();
    assert_eq!(got["errors"], serde_json::json!([]), "page errors");
    for (k, f) in findings.iter().enumerate() {
        let h = &got["highlights"][k];
        assert_eq!(
            h["text"], f["text"],
            "finding {k} ({}) highlights its text",
            f["rule"]
        );
        assert_eq!(h["after_anchor"], f["text"], "finding {k}: its anchor");
        assert_eq!(h["contiguous"], true, "finding {k}: one run of marks");
        assert!(
            h["cls"].as_str().unwrap().starts_with("sev-"),
            "finding {k}: coloured"
        );
    }
    let canon = got["canonicals"].as_array().unwrap();
    assert!(!canon.is_empty(), "a drift finding in the fixture");
    for c in canon {
        assert_eq!(
            c["href"].as_str().unwrap(),
            format!("#{}-canon", c["id"].as_str().unwrap())
        );
        let f = findings
            .iter()
            .enumerate()
            .find(|(k, _)| format!("f0-{k}") == c["id"].as_str().unwrap())
            .unwrap()
            .1;
        assert_eq!(c["text"], f["canonical"]["text"], "the canonical mention");
    }
    // Hiding major findings hides their list items and the highlights only they cover.
    let majors = findings.iter().filter(|f| f["severity"] == "major").count();
    assert!(majors > 0);
    assert_eq!(got["filters"]["hidden_items"], majors);
    assert!(got["filters"]["off_marks"].as_u64().unwrap() > 0);
    assert_eq!(
        got["filters"]["shown"],
        format!("{} findings shown", findings.len() - majors)
    );
    for (k, f) in findings.iter().enumerate() {
        let classes = got["filters"]["classes"][k].as_str().unwrap();
        if f["severity"] == "major" {
            assert!(!classes.contains("sev-major"), "finding {k}: {classes}");
        } else {
            assert!(!classes.contains("off"), "finding {k} stays: {classes}");
        }
    }
    assert_eq!(got["filters"]["restored_off"], 0);
}
