//! Throughput benchmark (issue #13). Generates varied English articles with its own generator
//! (`gen/mod.rs`: vocabulary and templates, no outside text), then runs the `mtlint` binary
//! built with the bench profile on them and prints, for each case, the wall time, MB/s and the
//! child's peak resident memory:
//!
//! - `lib`: the library in this process over ~20 MB of separate documents (no I/O, no output);
//! - `single`: one ~20 MB file of distinct articles, `--lang en --format json`, on 1 and on 2
//!   threads (`RAYON_NUM_THREADS`), with whether the two outputs are byte-identical;
//! - `dir`: a directory of ≥ 5,000 article files (≥ 20 MB), language detected, 1 and 2 threads;
//! - `linear`: 1, 5, 10, 20 and 40 MB files on one thread, with the time per MB of each and
//!   the largest ratio between them.
//!
//! `cargo bench --bench throughput` runs them all; `cargo bench --bench throughput -- single
//! linear` runs the named ones; `MTLINT_BENCH_RUNS=N` takes the best of N runs (default 1);
//! `MTLINT_BENCH_BIN=PATH` measures another build; `-- write PATH MB` only writes a generated
//! file of MB megabytes (for profiling).
//! No assertions: the goals are read from the printed figures, never tested.

#[path = "gen/mod.rs"]
mod generator;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

const MB: f64 = 1_000_000.0;

/// The binary measured: `MTLINT_BENCH_BIN` (to compare with another build), else this one.
fn bin() -> String {
    std::env::var("MTLINT_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_mtlint").to_string())
}

/// What one child run cost.
struct Run {
    secs: f64,
    /// User plus system CPU time of the child: steadier than wall time on a shared machine.
    cpu: f64,
    /// Peak resident set, KiB (`ru_maxrss` of the child alone).
    rss_kib: u64,
    /// Hash of standard output, to compare runs.
    out_hash: u64,
    out_len: u64,
}

/// Runs the binary with `args` on `threads` threads, standard output to a file, and measures
/// the child's own peak memory with `wait4`.
fn run(args: &[&str], threads: usize, out: &Path) -> Run {
    let file = fs::File::create(out).expect("create output file");
    let start = Instant::now();
    let child = Command::new(bin())
        .args(args)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .stdout(Stdio::from(file))
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn mtlint");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value, and `wait4` only writes into the two
    // out-parameters of a child that this process spawned and has not waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(r, pid, "wait4 failed");
    std::mem::forget(child);
    let code = libc::WEXITSTATUS(status);
    assert!(code <= 1, "mtlint exited with {code}: {args:?}");
    let bytes = fs::read(out).expect("read output");
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Run {
        secs,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        rss_kib: usage.ru_maxrss as u64,
        out_hash: fnv(&bytes),
        out_len: bytes.len() as u64,
    }
}

/// The best (fastest) of `MTLINT_BENCH_RUNS` runs; the peak memory is the largest seen.
fn best(args: &[&str], threads: usize, out: &Path) -> Run {
    let n: usize = std::env::var("MTLINT_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1);
    let mut best: Option<Run> = None;
    for _ in 0..n {
        let r = run(args, threads, out);
        best = Some(match best {
            Some(b) if b.secs <= r.secs => Run {
                rss_kib: b.rss_kib.max(r.rss_kib),
                ..b
            },
            Some(b) => Run {
                rss_kib: b.rss_kib.max(r.rss_kib),
                ..r
            },
            None => r,
        });
    }
    best.expect("at least one run")
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// Writes one file of whole articles, at least `bytes` long.
fn write_file(path: &Path, seed: u64, bytes: usize) -> usize {
    let text: String = generator::articles(seed, bytes).concat();
    fs::write(path, &text).expect("write bench file");
    text.len()
}

fn line(label: &str, bytes: usize, r: &Run) {
    let mb = bytes as f64 / MB;
    println!(
        "{label:<34} {mb:>6.1} MB {:>7.2} s {:>7.2} MB/s (cpu {:.2} s, {:.2} MB/cpu-s)  peak {:>7.1} MiB ({:.1} B/B)  output {:.1} MB",
        r.secs,
        mb / r.secs,
        r.cpu,
        mb / r.cpu,
        mib(r.rss_kib),
        r.rss_kib as f64 * 1024.0 / bytes as f64,
        r.out_len as f64 / MB
    );
}

fn bench_lib() {
    let docs = generator::articles(0x9E37_79B9_7F4A_7C15, 20_000_000);
    let total: usize = docs.iter().map(String::len).sum();
    let catalog = Catalog::embedded().expect("embedded rules load");
    let linter = Linter::new(
        catalog,
        Options {
            language: Some("en".into()),
            ..Options::default()
        },
    );
    let start = Instant::now();
    let mut findings = 0;
    for (i, d) in docs.iter().enumerate() {
        findings += linter.check_text(&format!("doc{i}"), d).findings.len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = total as f64 / MB;
    println!(
        "lib: {} documents, {mb:.1} MB, {findings} findings in {secs:.2} s = {:.2} MB/s",
        docs.len(),
        mb / secs
    );
}

fn bench_single(dir: &Path) {
    let file = dir.join("one-20mb.txt");
    let bytes = write_file(&file, 20, 20_000_000);
    let f = file.to_str().expect("utf-8 path");
    let args = [
        "check",
        "--lang",
        "en",
        "--format",
        "json",
        "--fail-on",
        "never",
        f,
    ];
    let one = best(&args, 1, &dir.join("out1.json"));
    line("single 20 MB, json, 1 thread", bytes, &one);
    let two = best(&args, 2, &dir.join("out2.json"));
    line("single 20 MB, json, 2 threads", bytes, &two);
    println!(
        "single: 2 threads are {:.2}x 1 thread (wall); output identical: {}; peak memory {:.1} MiB against a goal of 2 x input + 32 MB = {:.1} MiB",
        one.secs / two.secs,
        one.out_hash == two.out_hash && one.out_len == two.out_len,
        mib(one.rss_kib),
        (2.0 * bytes as f64 + 32e6) / 1_048_576.0
    );
}

fn bench_dir(dir: &Path) {
    let docs = dir.join("articles");
    fs::create_dir_all(&docs).expect("create article dir");
    let mut rng = generator::Rng::new(77);
    let mut total = 0;
    let mut n = 0;
    let mut largest = 0;
    while n < 5000 || total < 20_000_000 {
        let a = generator::article(&mut rng);
        total += a.len();
        largest = largest.max(a.len());
        let sub = docs.join(format!("{:02}", n % 50));
        if n < 50 {
            fs::create_dir_all(&sub).expect("create article dir");
        }
        fs::write(sub.join(format!("{n:05}.txt")), &a).expect("write article");
        n += 1;
    }
    let d = docs.to_str().expect("utf-8 path");
    let args = ["check", "--format", "jsonl", "--fail-on", "never", d];
    let one = best(&args, 1, &dir.join("dir1.jsonl"));
    line(&format!("dir {n} files, detect, 1 thread"), total, &one);
    let two = best(&args, 2, &dir.join("dir2.jsonl"));
    line(&format!("dir {n} files, detect, 2 threads"), total, &two);
    println!(
        "dir: 2 threads are {:.2}x 1 thread ({:.0} files/s on 1); largest file {:.1} KB; output identical: {}",
        one.secs / two.secs,
        n as f64 / one.secs,
        largest as f64 / 1000.0,
        one.out_hash == two.out_hash
    );
}

fn bench_linear(dir: &Path) {
    // The fixed cost of a run (start-up, compiling the rules), taken off each size's CPU time.
    let tiny = dir.join("tiny.txt");
    fs::write(&tiny, "One short line.\n").expect("write tiny file");
    let t = tiny.to_str().expect("utf-8 path");
    let fixed = best(
        &["check", "--lang", "en", "--fail-on", "never", t],
        1,
        &dir.join("t.txt"),
    )
    .cpu;
    let mut cpu_per_mb = Vec::new();
    let mut per_mb = Vec::new();
    for size in [1usize, 5, 10, 20, 40] {
        let file = dir.join(format!("lin-{size}.txt"));
        let bytes = write_file(&file, 40, size * 1_000_000);
        let f = file.to_str().expect("utf-8 path");
        let args = [
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "--fail-on",
            "never",
            f,
        ];
        let r = best(&args, 1, &dir.join("lin.json"));
        line(&format!("linear {size} MB, 1 thread"), bytes, &r);
        per_mb.push(r.secs / (bytes as f64 / MB));
        cpu_per_mb.push((r.cpu - fixed).max(0.0) / (bytes as f64 / MB));
        let _ = fs::remove_file(&file);
    }
    let lo = per_mb.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = per_mb.iter().copied().fold(0.0, f64::max);
    let shown: Vec<String> = per_mb.iter().map(|s| format!("{:.3}", s)).collect();
    println!(
        "linear: wall s per MB {} ; largest / smallest = {:.2}x",
        shown.join(", "),
        hi / lo
    );
    let lo = cpu_per_mb.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = cpu_per_mb.iter().copied().fold(0.0, f64::max);
    let shown: Vec<String> = cpu_per_mb.iter().map(|s| format!("{:.3}", s)).collect();
    println!(
        "linear: CPU s per MB less the fixed {fixed:.2} s of a run {} ; largest / smallest = {:.2}x",
        shown.join(", "),
        hi / lo
    );
}

fn main() {
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let on = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    let tmp = tempfile::tempdir().expect("temporary directory");
    let dir: PathBuf = tmp.path().to_path_buf();
    // `write PATH MB`: only writes a generated file (for profiling), measures nothing.
    if let [w, path, mb] = &wanted[..]
        && w == "write"
    {
        let mb: usize = mb.parse().expect("size in MB");
        write_file(Path::new(path), 20, mb * 1_000_000);
        return;
    }
    println!(
        "mtlint bench: {}; {} cores",
        bin(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if on("single") {
        bench_single(&dir);
    }
    if on("dir") {
        bench_dir(&dir);
    }
    if on("linear") {
        bench_linear(&dir);
    }
    // Last: its documents stay in this process's memory, and a child's peak memory counts the
    // memory it was forked with.
    if on("lib") {
        bench_lib();
    }
}
