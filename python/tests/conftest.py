"""Shared fixtures: the CLI to compare with, the records, and what the CLI makes of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from records import REPO, all_records  # noqa: E402

import mtlint  # noqa: E402


def cli_path() -> Path:
    """The mtlint binary built from the same sources: ``MTLINT_BIN``, else target/release or
    target/debug of the repository, whichever is newer."""
    env = os.environ.get("MTLINT_BIN")
    if env:
        return Path(env)
    found = [REPO / "target" / p / "mtlint" for p in ("release", "debug")]
    found = [p for p in found if p.exists()]
    if not found:
        pytest.fail("no mtlint binary: build it (cargo build) or set MTLINT_BIN", pytrace=False)
    return max(found, key=lambda p: p.stat().st_mtime)


def run_cli(records: list, tmp: Path, *args: str) -> dict:
    """The CLI's ``--format jsonl`` lines for ``records``, by id (`path`)."""
    src = tmp / "records.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run(
        [str(cli_path()), "check", "--no-config", "--input-format", "jsonl", "--format", "jsonl",
         *args, str(src)],
        capture_output=True,
        text=True,
        cwd=tmp,
    )
    assert out.returncode in (0, 1), out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert len(lines) == len(records), (len(lines), len(records), out.stderr[-2000:])
    return {line["path"]: line for line in lines}


def cli_error(*args: str, cwd: Path) -> str:
    """The message of a CLI run that fails with a usage or input error (exit code 2)."""
    out = subprocess.run([str(cli_path()), *args], capture_output=True, text=True, cwd=cwd)
    assert out.returncode == 2, (out.returncode, out.stderr)
    prefix = "mtlint: error: "
    return "\n".join(
        line[len(prefix):] if line.startswith(prefix) else line
        for line in out.stderr.strip().splitlines()
    )


@pytest.fixture(scope="session")
def records() -> list:
    return all_records()


@pytest.fixture(scope="session")
def cli_lines(records, tmp_path_factory) -> dict:
    return run_cli(records, tmp_path_factory.mktemp("cli"))


@pytest.fixture(scope="session")
def checker() -> mtlint.Checker:
    return mtlint.Checker()


def id_of(record: dict) -> str:
    v = record["id"]
    return v if isinstance(v, str) else json.dumps(v)


def assert_rows_match_cli(rows: list, cli: dict, texts: dict) -> None:
    """Rows of a result table (as dicts) equal the CLI's lines: scores, gate, findings, spans;
    the Python offsets select the same text as the CLI's byte span."""
    assert rows, "no rows"
    seen = set()
    for row in rows:
        line = cli[row["id"]]
        seen.add(row["id"])
        assert row["language"] == line["language"], row["id"]
        assert row["score"] == line["score"], row["id"]
        assert row["passed"] == line["passed"], row["id"]
        assert row["penalty"] == line["penalty"], row["id"]
        assert row["n_findings"] == len(line["findings"]), row["id"]
        got = [
            (f["rule"], f["category"], f["severity"], f["start_byte"], f["end_byte"],
             f["message"], f["suggestion"])
            for f in row["findings"]
        ]
        want = [
            (f["rule"], f["category"], f["severity"], f["span"]["start"], f["span"]["end"],
             f["message"], f["suggestion"])
            for f in line["findings"]
        ]
        assert got == want, row["id"]
        text = texts[row["id"]]
        for f, w in zip(row["findings"], line["findings"]):
            assert text[f["start"]:f["end"]] == w["text"], row["id"]
    assert seen == set(cli), "rows and CLI lines differ in ids"
