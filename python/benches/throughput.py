"""Throughput per core and worker memory of the Python module (not a test: numbers to read).

    python benches/throughput.py [--records N] [--threads T]

Checks N records (the test records, repeated) with ``check_batch`` on T threads and prints
records/s, MB/s and the peak resident memory of the process before and after, so the memory a
worker needs for mtlint is the difference plus the batch in flight.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import pyarrow as pa  # noqa: E402

from records import all_records  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--records", type=int, default=4000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=500)
    args = p.parse_args()
    base = all_records()
    rows = [base[i % len(base)] for i in range(args.records)]
    table = pa.Table.from_pylist(
        [{"id": f"{i}", "text": r["text"], "lang": r.get("lang"), "source": r.get("source"),
          "source_lang": r.get("source_lang")} for i, r in enumerate(rows)]
    )
    size = sum(len(r["text"].encode()) for r in rows)
    before = peak_mb()
    import mtlint

    t0 = time.perf_counter()
    checker = mtlint.Checker(threads=args.threads)
    # One record per language first: every rule set compiled, as in a long-running worker.
    checker.check_batch(table.slice(0, 1))
    for lang in checker.languages:
        checker.check("Warm-up text.", lang=lang)
    setup = time.perf_counter() - t0
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    findings = 0
    for b in table.to_batches(max_chunksize=args.batch):
        out = checker.check_batch(b)
        findings += sum(n or 0 for n in out.column("n_findings").to_pylist())
    dt = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    print(f"records: {len(rows)} ({size / 1e6:.1f} MB of text), findings: {findings}")
    print(f"threads: {args.threads}, setup (rules compiled): {setup:.2f}s")
    print(f"throughput: {len(rows) / dt:.0f} records/s, {size / 1e6 / dt:.2f} MB/s"
          f" ({len(rows) / dt / args.threads:.0f} records/s per thread)")
    # CPU time counts what the checking cost, whatever else the machine runs.
    print(f"per CPU-second: {len(rows) / cpu:.0f} records/s, {size / 1e6 / cpu:.2f} MB/s")
    print(f"peak RSS: {before:.0f} MB before mtlint, {peak_mb():.0f} MB after")


if __name__ == "__main__":
    main()
