#!/usr/bin/env python3
"""Streaming benchmark (issues #13, #14): memory of a streaming run must stay flat.

1. JSON Lines: 100,000 generated records are piped into
   `mtlint check --input-format jsonl --format jsonl -`, and the peak RSS of mtlint (VmHWM) is
   read when the 10,000th and the 100,000th result lines arrive. A streaming run holds a
   bounded window of records, so both figures should be about the same.
2. Directories: N generated article files (N = 1,000 and 5,000) checked with
   `--format json`; the peak RSS should not grow with N (the reports are written as they are
   ready and dropped).

The text is generated here from invented templates (names, places, numbers vary; some
records carry defects), never read from elsewhere. Usage:

    cargo build --release
    python3 benches/stream_jsonl.py [--bin target/release/mtlint] [--records 100000] [--jobs N]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

PEOPLE = ["Anna Weber", "Kenji Sato", "Maria Lopez", "Tom Becker", "Li Wei", "Sara Holm",
          "Omar Haddad", "Ines Costa", "Jon Berg", "Mei Chen", "Paul Roux", "Eva Novak"]
PLACES = ["the harbour", "the old town", "the river district", "the airport", "the valley",
          "the northern suburbs", "the city centre", "the coast", "the industrial park"]
THINGS = ["a new tram line", "the water plan", "the school budget", "a bridge repair",
          "the night bus service", "a housing project", "the flood barrier", "a bike lane"]
VERBS = ["said", "announced", "told reporters", "confirmed", "wrote in a statement"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DEFECTS = [
    "The council said the the work would take {n} weeks.",
    "Officials said the plan was approved.It will start in {day}.",
    "Which was decided after a long meeting.",
    "The mayor said so.\u200b Nobody objected.",
]


def sentence(rng):
    p, pl, th = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(THINGS)
    n, day, v = rng.randint(2, 950), rng.choice(DAYS), rng.choice(VERBS)
    return rng.choice([
        f"{p} {v} that {th} in {pl} would cost {n} million.",
        f"Work on {th} began on {day} in {pl}, {p} {v}.",
        f"About {n} residents of {pl} attended a meeting on {day}.",
        f"{p} {v} that {th} was delayed by {n} days.",
        f"The project in {pl} employs {n} people, according to {p}.",
    ])


def article(rng, sentences):
    out = [sentence(rng) for _ in range(sentences)]
    if rng.random() < 0.3:
        d = rng.choice(DEFECTS).format(n=rng.randint(2, 40), day=rng.choice(DAYS))
        out.insert(rng.randrange(len(out) + 1), d)
    paras, i = [], 0
    while i < len(out):
        k = rng.randint(2, 4)
        paras.append(" ".join(out[i:i + k]))
        i += k
    return "\n\n".join(paras)


def vmhwm_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def bench_jsonl(binary, records, jobs):
    rng = random.Random(14)
    cmd = [binary, "check", "--no-config", "--lang", "en", "--fail-on", "never",
           "--input-format", "jsonl", "--format", "jsonl", "-"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    total_in = [0]

    def feed():
        try:
            for i in range(records):
                rec = {"id": f"r{i}", "text": article(rng, rng.randint(3, 12))}
                line = (json.dumps(rec) + "\n").encode()
                total_in[0] += len(line)
                proc.stdin.write(line)
            proc.stdin.close()
        except BrokenPipeError:
            pass

    t0 = time.time()
    writer = threading.Thread(target=feed)
    writer.start()
    marks = {}
    want = sorted({min(10_000, records), records})
    n = 0
    for line in proc.stdout:
        n += 1
        if n in want:
            marks[n] = (vmhwm_kib(proc.pid), time.time() - t0)
    writer.join()
    rc = proc.wait()
    elapsed = time.time() - t0
    if n != records or rc != 0:
        sys.exit(f"jsonl: {n} result lines for {records} records, exit {rc}")
    print(f"jsonl stream: {records} records, {total_in[0] / 1e6:.1f} MB in {elapsed:.1f} s "
          f"({records / elapsed:,.0f} records/s, {total_in[0] / 1e6 / elapsed:.2f} MB/s)")
    for k in want:
        kib, t = marks[k]
        print(f"  peak RSS after {k:>7,} records: {kib / 1024:.1f} MiB (at {t:.1f} s)")
    if len(want) == 2:
        a, b = marks[want[0]][0], marks[want[1]][0]
        print(f"  growth {want[0]:,} -> {want[1]:,} records: x{b / a:.2f}")


def bench_dir(binary, counts, jobs):
    print("directory runs (--format json, files of 2-6 KB):")
    peaks = []
    for count in counts:
        rng = random.Random(13)
        with tempfile.TemporaryDirectory() as d:
            size = 0
            for i in range(count):
                text = article(rng, rng.randint(15, 45))
                size += len(text.encode())
                with open(os.path.join(d, f"a{i:06}.txt"), "w") as f:
                    f.write(text)
            cmd = [binary, "check", "--no-config", "--lang", "en", "--fail-on", "never",
                   "--format", "json", d]
            if jobs:
                cmd += ["--jobs", str(jobs)]
            t0 = time.time()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.time() - t0
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"dir: exit {os.waitstatus_to_exitcode(status)}")
            peaks.append(usage.ru_maxrss)
            print(f"  {count:>6,} files, {size / 1e6:.1f} MB: peak RSS "
                  f"{usage.ru_maxrss / 1024:.1f} MiB, {elapsed:.1f} s")
    print(f"  growth {counts[0]:,} -> {counts[-1]:,} files: x{peaks[-1] / peaks[0]:.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/mtlint")
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--files", default="1000,5000")
    ap.add_argument("--jobs", type=int, default=0)
    a = ap.parse_args()
    bench_jsonl(a.bin, a.records, a.jobs)
    bench_dir(a.bin, [int(x) for x in a.files.split(",")], a.jobs)


if __name__ == "__main__":
    main()
