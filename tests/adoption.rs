//! Installing and running mtlint without compiling: the release workflow, `install.sh`, the
//! composite action (`action.yml`) and the pre-commit hooks. The YAML files must parse, and the
//! shell steps of the action run here as GitHub would run them (inputs and `${{ }}` expressions
//! substituted into their environment), against the binary this build made.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load_yaml(name: &str) -> Yaml {
    let path = root().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(docs.len(), 1, "{name}: one YAML document");
    docs.remove(0)
}

fn s(y: &Yaml) -> &str {
    y.as_str()
        .unwrap_or_else(|| panic!("expected a string, got {y:?}"))
}

/// The folder of the built binary, first on a PATH that also has the system's tools.
fn path_with_mtlint() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_mtlint")).parent().unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A composite action's step, with its `${{ }}` expressions evaluated as GitHub would for the
/// few contexts the action uses. An expression this does not know fails the test, so a new
/// one cannot slip through untested.
struct Step {
    script: String,
    env: BTreeMap<String, String>,
    working_directory: Option<String>,
}

struct Contexts<'a> {
    inputs: BTreeMap<String, String>,
    github: BTreeMap<&'a str, String>,
    runner_temp: String,
}

impl Contexts<'_> {
    fn eval(&self, expr: &str) -> String {
        let expr = expr.trim();
        // `a || b`: the first non-empty operand.
        if expr.contains("||") {
            return expr
                .split("||")
                .map(|e| self.eval(e))
                .find(|v| !v.is_empty())
                .unwrap_or_default();
        }
        if let Some(name) = expr.strip_prefix("inputs.") {
            return self
                .inputs
                .get(name)
                .unwrap_or_else(|| panic!("action.yml uses an undeclared input `{name}`"))
                .clone();
        }
        if let Some(name) = expr.strip_prefix("github.") {
            return self
                .github
                .get(name)
                .unwrap_or_else(|| panic!("no test value for `github.{name}`"))
                .clone();
        }
        if expr == "runner.temp" {
            return self.runner_temp.clone();
        }
        panic!("an expression the test does not evaluate: `{expr}`")
    }

    fn substitute(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find("${{") {
            out.push_str(&rest[..i]);
            let j = rest[i..].find("}}").expect("unclosed ${{") + i;
            out.push_str(&self.eval(&rest[i + 3..j]));
            rest = &rest[j + 2..];
        }
        out.push_str(rest);
        out
    }
}

fn action() -> Yaml {
    load_yaml("action.yml")
}

/// The action's inputs with their defaults, overridden by `given`.
fn inputs(action: &Yaml, given: &[(&str, &str)]) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    for (k, v) in action["inputs"].as_hash().expect("inputs") {
        assert!(
            !v["description"].is_badvalue(),
            "input {k:?} has no description"
        );
        m.insert(s(k).to_string(), s(&v["default"]).to_string());
    }
    for (k, v) in given {
        assert!(m.contains_key(*k), "the action has no input `{k}`");
        m.insert(k.to_string(), v.to_string());
    }
    m
}

fn step(action: &Yaml, id: &str, cx: &Contexts) -> Step {
    let steps = action["runs"]["steps"].as_vec().expect("runs.steps");
    let st = steps
        .iter()
        .find(|st| st["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no step `{id}`"));
    assert_eq!(s(&st["shell"]), "bash", "step {id} runs in bash");
    let mut env = BTreeMap::new();
    if let Some(h) = st["env"].as_hash() {
        for (k, v) in h {
            env.insert(s(k).to_string(), cx.substitute(s(v)));
        }
    }
    let script = s(&st["run"]).to_string();
    assert!(
        !script.contains("${{"),
        "step {id}: expressions belong in `env:`, not in the script (injection)"
    );
    Step {
        script,
        env,
        working_directory: st["working-directory"].as_str().map(|w| cx.substitute(w)),
    }
}

fn run_step(step: &Step, cwd: &Path, extra_env: &[(&str, &str)]) -> Output {
    let dir = match &step.working_directory {
        Some(w) => cwd.join(w),
        None => cwd.to_path_buf(),
    };
    let mut cmd = Command::new("bash");
    // As GitHub runs `shell: bash`.
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
        .arg(&step.script)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    for (k, v) in &step.env {
        cmd.env(k, v);
    }
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    cmd.output().expect("run bash")
}

fn contexts<'a>(action: &Yaml, given: &[(&str, &str)], temp: &Path) -> Contexts<'a> {
    let mut github = BTreeMap::new();
    github.insert("action_path", root().display().to_string());
    github.insert("action_repository", String::new());
    github.insert("repository", "example/newsroom".to_string());
    Contexts {
        inputs: inputs(action, given),
        github,
        runner_temp: temp.display().to_string(),
    }
}

const BAD: &str = "The plan was approved. He also trusted him It will help. The the vote is due in Kiev on Monday, the council said.\n";
const GOOD: &str =
    "The council approved the budget on Monday. The mayor said the vote was close.\n";

fn outputs(file: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn action_check_step_gates_annotates_and_writes_sarif() {
    let a = action();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("site/articles")).unwrap();
    std::fs::write(d.join("site/articles/bad.txt"), BAD).unwrap();
    std::fs::write(d.join("site/articles/good.txt"), GOOD).unwrap();
    let out_file = d.join("github_output");
    let cx = contexts(
        &a,
        &[
            ("paths", "articles/bad.txt\narticles/good.txt"),
            ("lang", "en"),
            ("working-directory", "site"),
            ("upload-sarif", "true"),
        ],
        d,
    );
    let st = step(&a, "check", &cx);
    let out = run_step(
        &st,
        d,
        &[
            ("PATH", &path_with_mtlint()),
            ("GITHUB_OUTPUT", out_file.to_str().unwrap()),
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a file fails its gate: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("::error file=articles/bad.txt,line=1"),
        "github annotations by default: {stdout}"
    );
    assert!(!stdout.contains("good.txt,line"), "{stdout}");
    let o = outputs(&out_file);
    assert_eq!(o.get("exit-code").map(String::as_str), Some("1"));
    assert_eq!(
        o.get("sarif-file").map(String::as_str),
        Some("mtlint.sarif")
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("site/mtlint.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    // The upload step runs even though the check step failed.
    let steps = a["runs"]["steps"].as_vec().unwrap();
    let upload = steps
        .iter()
        .find(|st| {
            st["uses"]
                .as_str()
                .is_some_and(|u| u.contains("upload-sarif"))
        })
        .expect("an upload-sarif step");
    assert!(s(&upload["if"]).contains("always()"));
}

#[test]
fn action_check_step_passes_inputs_through() {
    let a = action();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("bad.txt"), BAD).unwrap();
    std::fs::write(d.join("good.txt"), GOOD).unwrap();
    let out_file = d.join("github_output");
    let env = [
        ("PATH", path_with_mtlint()),
        ("GITHUB_OUTPUT", out_file.display().to_string()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // fail-on never: only the score can fail a file, and none is asked for.
    let cx = contexts(
        &a,
        &[
            ("paths", "bad.txt"),
            ("lang", "en"),
            ("fail-on", "never"),
            ("format", "json"),
        ],
        d,
    );
    let out = run_step(&step(&a, "check", &cx), d, &env);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json format");
    assert_eq!(v["files"][0]["path"], "bad.txt");
    assert!(!d.join("mtlint.sarif").exists(), "no SARIF unless asked");
    // min-score gates even with fail-on never.
    let cx = contexts(
        &a,
        &[
            ("paths", "bad.txt"),
            ("lang", "en"),
            ("fail-on", "never"),
            ("min-score", "99"),
        ],
        d,
    );
    assert_eq!(
        run_step(&step(&a, "check", &cx), d, &env).status.code(),
        Some(1)
    );
    // Extra arguments reach mtlint; a clean file passes.
    let cx = contexts(
        &a,
        &[
            ("paths", "good.txt"),
            ("format", "text"),
            ("args", "--lang en --ignore en/run-on,en/doubled-word"),
        ],
        d,
    );
    let out = run_step(&step(&a, "check", &cx), d, &env);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("good.txt"));
    // A usage error is exit 2 and is reported as the step's output.
    let cx = contexts(&a, &[("paths", "good.txt"), ("fail-on", "sometimes")], d);
    assert_eq!(
        run_step(&step(&a, "check", &cx), d, &env).status.code(),
        Some(2)
    );
    assert_eq!(
        outputs(&out_file).get("exit-code").map(String::as_str),
        Some("2")
    );
}

/// The release targets, from the workflow's build matrix.
fn release_targets() -> Vec<String> {
    let wf = load_yaml(".github/workflows/release.yml");
    assert!(
        wf["on"]["push"]["tags"].as_vec().is_some(),
        "released on version tags"
    );
    wf["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_vec()
        .expect("a build matrix")
        .iter()
        .map(|m| s(&m["target"]).to_string())
        .collect()
}

/// A fake release folder in the layout the workflow publishes: one archive per target (each
/// holding this build's binary) and SHA256SUMS.
fn fake_release(dir: &Path, targets: &[String]) {
    let stage = dir.join("stage");
    std::fs::create_dir_all(&stage).unwrap();
    let bin = env!("CARGO_BIN_EXE_mtlint");
    std::fs::copy(bin, stage.join("mtlint")).unwrap();
    let rel = dir.join("release");
    std::fs::create_dir_all(&rel).unwrap();
    // One archive (compressed fast: the debug binary is large), under every target's name.
    let archive = dir.join("mtlint.tar.gz");
    let ok = Command::new("bash")
        .arg("-c")
        .arg("tar -cf - -C \"$1\" mtlint | gzip -1 > \"$2\"")
        .args(["tar", stage.to_str().unwrap(), archive.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(ok.success());
    let mut assets = Vec::new();
    for t in targets {
        if t.contains("windows") {
            continue; // a zip; install.sh on Windows needs Git Bash with unzip
        }
        let asset = format!("mtlint-{t}.tar.gz");
        std::fs::copy(&archive, rel.join(&asset)).unwrap();
        assets.push(asset);
    }
    let sums = Command::new("sha256sum")
        .args(&assets)
        .current_dir(&rel)
        .output()
        .unwrap();
    assert!(sums.status.success());
    std::fs::write(rel.join("SHA256SUMS"), sums.stdout).unwrap();
}

fn install(args: &[&str], dest: &Path) -> Output {
    Command::new("bash")
        .arg(root().join("install.sh"))
        .args(args)
        .args(["--to", dest.to_str().unwrap()])
        .env_remove("MTLINT_DOWNLOAD_BASE")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn release_workflow_and_install_script_agree_and_verify_checksums() {
    let targets = release_targets();
    for t in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.iter().any(|x| x == t), "release builds {t}");
    }
    let wf = std::fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    assert!(wf.contains("mtlint-${{ matrix.target }}.tar.gz"));
    assert!(wf.contains("mtlint-${{ matrix.target }}.zip"));
    assert!(wf.contains("SHA256SUMS"));

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fake_release(d, &targets);
    let base = format!("file://{}", d.join("release").display());
    for t in targets.iter().filter(|t| !t.contains("windows")) {
        let dest = d.join("bin").join(t);
        let out = install(&["--base", &base, "--target", t], &dest);
        assert!(
            out.status.success(),
            "{t}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = Command::new(dest.join("mtlint"))
            .arg("--version")
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&v.stdout).starts_with("mtlint "));
    }
    // This machine's target is detected when none is given.
    let out = install(&["--base", &base], &d.join("bin/detected"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(d.join("bin/detected/mtlint").exists());

    // A tampered archive is refused and nothing is installed.
    let t = &targets[0];
    let asset = d.join("release").join(format!("mtlint-{t}.tar.gz"));
    let mut bytes = std::fs::read(&asset).unwrap();
    let n = bytes.len();
    bytes[n / 2] ^= 0xff;
    std::fs::write(&asset, bytes).unwrap();
    let dest = d.join("bin/tampered");
    let out = install(&["--base", &base, "--target", t], &dest);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("checksum mismatch"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!dest.join("mtlint").exists());
    // A target the release does not have is a clear error.
    let out = install(
        &["--base", &base, "--target", "riscv64gc-unknown-linux-gnu"],
        &dest,
    );
    assert!(!out.status.success());
}

#[test]
fn action_install_step_puts_the_release_binary_on_the_path() {
    let a = action();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fake_release(d, &release_targets());
    let base = format!("file://{}", d.join("release").display());
    let gh_path = d.join("github_path");
    let cx = contexts(&a, &[("version", "v9.9.9")], d);
    let st = step(&a, "install", &cx);
    assert_eq!(st.env["MTLINT_REPO"], "example/newsroom");
    assert_eq!(st.env["MTLINT_VERSION"], "v9.9.9");
    let out = run_step(
        &st,
        d,
        &[
            ("MTLINT_DOWNLOAD_BASE", &base),
            ("GITHUB_PATH", gh_path.to_str().unwrap()),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let added = std::fs::read_to_string(&gh_path).unwrap();
    let bin = Path::new(added.trim()).join("mtlint");
    assert!(bin.starts_with(d), "{added}");
    assert!(
        Command::new(bin)
            .arg("--version")
            .output()
            .unwrap()
            .status
            .success()
    );
    // `version: path` skips the download and uses the mtlint on PATH.
    let steps = a["runs"]["steps"].as_vec().unwrap();
    let install = steps
        .iter()
        .find(|st| st["id"].as_str() == Some("install"))
        .unwrap();
    assert_eq!(s(&install["if"]), "inputs.version != 'path'");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pre_commit_available() -> bool {
    Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `pre-commit try-repo` runs this repository's `mtlint-system` hook (the one that uses an
/// mtlint on PATH: the `mtlint` hook is the same with a cargo build first) in a throwaway git
/// repository: prose files are checked, YAML and code are not. `.ci/run` installs pre-commit;
/// without it (a local run) the test says so and passes. The manual check it automates:
/// `pre-commit try-repo /path/to/mtlint mtlint-system --all-files` in a repository of yours.
#[test]
fn pre_commit_hook_checks_prose_files_only() {
    if !pre_commit_available() {
        eprintln!(
            "SKIPPED: pre-commit is not installed (pip install pre-commit); .ci/run installs it"
        );
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install pre-commit (.ci/run)"
        );
        return;
    }
    let hooks = load_yaml(".pre-commit-hooks.yaml");
    for h in hooks.as_vec().expect("a list of hooks") {
        let types: Vec<&str> = h["types_or"].as_vec().unwrap().iter().map(s).collect();
        assert_eq!(types, ["markdown", "html", "plain-text"], "{h:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let repo = d.join("newsroom");
    std::fs::create_dir_all(repo.join(".github/workflows")).unwrap();
    // Files that are not prose, full of what mtlint would report in prose.
    std::fs::write(
        repo.join(".github/workflows/ci.yml"),
        "name: check check\non: push\njobs: {}\n# The the vote is due in Kiev. He trusted him It will help.\n",
    )
    .unwrap();
    std::fs::write(
        repo.join("tool.py"),
        "# The the vote is due in Kiev. He trusted him It will help.\n",
    )
    .unwrap();
    std::fs::write(repo.join("good.md"), format!("# Budget\n\n{GOOD}")).unwrap();
    std::fs::write(repo.join("good.html"), format!("<p>{}</p>\n", GOOD.trim())).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "init"]);
    let run = || {
        Command::new("pre-commit")
            .args(["try-repo", root().to_str().unwrap(), "mtlint-system"])
            .args(["--all-files", "--verbose", "--color", "never"])
            .current_dir(&repo)
            .env("PATH", path_with_mtlint())
            .env("PRE_COMMIT_HOME", d.join("cache"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let out = run();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "clean prose and non-prose pass: {log}"
    );
    assert!(
        log.contains("good.md"),
        "the Markdown file was checked: {log}"
    );
    assert!(!log.contains("ci.yml") && !log.contains("tool.py"), "{log}");

    std::fs::write(repo.join("notes.txt"), BAD).unwrap();
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "notes"]);
    let out = run();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "a bad .txt fails the hook: {log}");
    assert!(log.contains("notes.txt:1:"), "{log}");
    assert!(!log.contains("ci.yml") && !log.contains("tool.py"), "{log}");
}
