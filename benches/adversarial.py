#!/usr/bin/env python3
"""Adversarial scaling benchmark (issue #11): every hostile input shape of the reliability
report, generated at 1, 2, 4 and 8 MB, checked by the release binary on one thread; prints CPU
seconds per MB and the growth per doubling (linear is 2.0x). Not a test: nothing here fails
the build. Acceptance: growth <= 2.2x per doubling and < 2 s at 1 MB for every shape.

    cargo build --release && python3 benches/adversarial.py [--sizes 1,2,4,8] [--only SHAPE]
        [--format text|json] [--runs N] [--bin target/release/mtlint]

Each size runs --runs times (default 3) and keeps the least CPU time, the usual way to take
noise from other jobs out of a timing. A shape whose run exceeds --cap CPU seconds (default 60)
or --timeout wall seconds (default 120; shown as "(skip)") is not run at the larger sizes.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

MB = 1 << 20


class Rand:
    """A small deterministic generator, so every run measures the same inputs."""

    def __init__(self, seed=7):
        self.x = seed

    def next(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return self.x >> 33

    def word(self, n, cap=False):
        letters = "abcdefghijklmnopqrstuvwxyz"
        w = "".join(letters[self.next() % 26] for _ in range(n))
        return w.capitalize() if cap else w


def fill(size, piece):
    """Repeats `piece(i)` until `size` bytes."""
    out, n, i = [], 0, 0
    while n < size:
        p = piece(i)
        out.append(p)
        n += len(p.encode())
        i += 1
    return "".join(out)


def no_sentence_ends(size):
    r = Rand(1)
    return fill(size, lambda i: r.word(3 + r.next() % 7) + " ") + "\n"


def repeated_sentences(size):
    return fill(size, lambda i: "The minister said of of it in Kiev on Monday. ") + "\n"


def many_names(size):
    r = Rand(2)
    return fill(size, lambda i: f"Mr. Kab{r.word(4)}ova spoke. ")


def one_surname_many_given(size):
    r = Rand(3)
    return fill(size, lambda i: f"{r.word(6, cap=True)} Smith arrived. ")


def long_words(size):
    return fill(size, lambda i: "We saw K" + "abcdefghij" * 100 + " there. ")


def lines_of_lt(size):
    return fill(size, lambda i: "<a ") + "\n"


def lines_of_comment_openers(size):
    return fill(size, lambda i: "<!--") + "\n"


def doubled_words(size):
    return fill(size, lambda i: "go ") + "\n"


def stacked_directives(size):
    return fill(
        size,
        lambda i: "<!-- mtlint-disable-next-line en/doubled-word -->\nHe said of of it.\n",
    )


def abbreviation_cuts(size):
    # A sentence cut after a company abbreviation, again and again: every cut is a candidate
    # (and a finding) of the split checks.
    return fill(
        size,
        lambda i: f"Workers at Norvik{i} Corp. The Bergen-based firm that builds cranes left. ",
    ) + "\n"


SHAPES = [
    ("no-sentence-ends", "txt", no_sentence_ends),
    ("repeated-sentences", "txt", repeated_sentences),
    ("many-names", "txt", many_names),
    ("one-surname-many-given", "txt", one_surname_many_given),
    ("long-words", "txt", long_words),
    ("line-of-lt", "md", lines_of_lt),
    ("line-of-comment-openers", "md", lines_of_comment_openers),
    ("doubled-words", "txt", doubled_words),
    ("stacked-directives", "txt", stacked_directives),
    ("abbreviation-cuts", "txt", abbreviation_cuts),
]


def cpu_seconds(cmd, timeout):
    """CPU seconds (user + system) of one run; None when it ran past `timeout` wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.monotonic()
    try:
        proc = subprocess.run(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "RAYON_NUM_THREADS": "1", "NO_COLOR": "1"},
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, timeout
    wall = time.monotonic() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd}: exit {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    return cpu, wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/mtlint")
    ap.add_argument("--sizes", default="1,2,4,8")
    ap.add_argument("--only", action="append")
    ap.add_argument("--format", default="text")
    ap.add_argument("--cap", type=float, default=60.0)
    ap.add_argument("--timeout", type=float, default=120.0, help="wall seconds per run")
    ap.add_argument(
        "--runs",
        type=int,
        default=3,
        help="runs per size; the least CPU time is kept (a shared machine only ever adds time)",
    )
    a = ap.parse_args()
    sizes = [float(s) for s in a.sizes.split(",")]
    print(f"{'shape':26} " + " ".join(f"{s:>7g}MB" for s in sizes) + "   s/MB@1st  growth per doubling")
    worst = []
    with tempfile.TemporaryDirectory() as d:
        for name, ext, gen in SHAPES:
            if a.only and name not in a.only:
                continue
            times = []
            for s in sizes:
                if times and (times[-1] is None or times[-1] > a.cap):
                    times.append(None)
                    continue
                path = os.path.join(d, f"{name}.{ext}")
                with open(path, "w") as f:
                    f.write(gen(int(s * MB)))
                cmd = [a.bin, "check", "--no-config", "--lang", "en", "--format", a.format, path]
                runs = [cpu_seconds(cmd, a.timeout)[0] for _ in range(max(1, a.runs))]
                times.append(None if None in runs else min(runs))
                os.remove(path)
            cells = " ".join(f"{t:9.2f}" if t is not None else "   (skip)" for t in times)
            growth = [
                times[i + 1] / times[i]
                for i in range(len(times) - 1)
                if times[i] and times[i + 1] is not None
            ]
            per_mb = times[0] / sizes[0] if times[0] else float("inf")
            g = " ".join(f"{x:.2f}x" for x in growth)
            ok = times[0] is not None and per_mb * 1 < 2.0 and all(x <= 2.2 for x in growth) and None not in times
            worst.append((name, ok))
            print(f"{name:26} {cells}   {per_mb:8.2f}  {g}  {'ok' if ok else 'OVER'}", flush=True)
    bad = [n for n, ok in worst if not ok]
    print("all shapes within bounds" if not bad else f"over the bounds: {', '.join(bad)}")


if __name__ == "__main__":
    main()
