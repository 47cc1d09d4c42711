"""The Python API: parity with the CLI, batch edge cases, errors, threads and the GIL."""

from __future__ import annotations

import json
import pickle
import threading
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import mtlint
from conftest import assert_rows_match_cli, cli_error, id_of, run_cli


def test_check_gives_one_jsonl_line(checker):
    r = checker.check("He said said it.", lang="en")
    assert r["path"] == "-"
    assert r["language"] == "en"
    assert [f["rule"] for f in r["findings"]] == ["en/doubled-word"]
    assert r["findings"][0]["span"] == {"start": 3, "end": 12}
    assert 0 <= r["score"] < 100


def test_at_least_200_records(records):
    assert len(records) >= 200
    assert len({id_of(r) for r in records}) == len(records), "ids must be unique"
    # The records exercise findings, clean text, several languages, detection and sources.
    assert len({r.get("lang") for r in records}) >= 6
    assert any("source" in r for r in records)


def test_check_equals_cli_line_for_every_record(checker, records, cli_lines):
    with_findings = 0
    for r in records:
        got = checker.check(
            r["text"], lang=r.get("lang"), source=r.get("source"),
            source_lang=r.get("source_lang"), id=r["id"],
        )
        assert got == cli_lines[id_of(r)], id_of(r)
        with_findings += bool(got["findings"])
    # A parity test over texts with no findings would prove little.
    assert with_findings >= 50, with_findings


def test_check_batch_equals_cli(checker, records, cli_lines):
    table = pa.Table.from_pylist(
        [{"id": id_of(r), "text": r["text"], "lang": r.get("lang"), "source": r.get("source"),
          "source_lang": r.get("source_lang")} for r in records]
    )
    out = checker.check_batch(table)
    assert isinstance(out, pa.Table)
    assert out.schema == mtlint.result_schema()
    assert out.column("id").to_pylist() == [id_of(r) for r in records]
    assert_rows_match_cli(out.to_pylist(), cli_lines, {id_of(r): r["text"] for r in records})


def test_threads_do_not_change_results(records):
    batch = pa.RecordBatch.from_pylist(
        [{"id": id_of(r), "text": r["text"], "lang": r.get("lang")} for r in records]
    )
    one = mtlint.Checker(threads=1).check_batch(batch)
    two = mtlint.Checker(threads=2).check_batch(batch)
    assert isinstance(one, pa.RecordBatch)
    assert one.equals(two)


def test_edge_cases_in_one_batch(checker, tmp_path):
    huge = ("The ferry timetable changes on Monday, the port authority said. " * 40 + "\n\n") * 400
    huge += "The the harbour reopened."
    rows = [
        {"id": "empty", "text": "", "lang": "en"},
        {"id": "null-text", "text": None, "lang": "en"},
        {"id": "null-lang", "text": "The the harbour reopened on Friday after the storm. The ferry "
         "company said that all of its boats would run again from the weekend, and that the "
         "tickets bought for the cancelled crossings would be refunded.", "lang": None},
        {"id": "blank", "text": " \n\t ", "lang": "en"},
        {"id": "huge", "text": huge, "lang": "en"},
        {"id": "de", "text": "Der Hafen wurde am Freitag wieder wieder geöffnet.", "lang": "de"},
        {"id": "fr", "text": "Le port a rouvert vendredi après la la tempête.", "lang": "fr"},
        {"id": "zh", "text": "港口周五重新开放。The harbour reopened。", "lang": "zh"},
        {"id": "ja", "text": "港は金曜日に再開した。", "lang": "ja"},
        {"id": "emoji", "text": "🚢🚢 The the ferry 🚢 is back.", "lang": "en"},
    ]
    out = checker.check_batch(pa.RecordBatch.from_pylist(rows)).to_pylist()
    by = {r["id"]: r for r in out}
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    # A null text is a row of nulls; an empty one is checked.
    assert by["null-text"] == {
        "id": "null-text", "language": None, "score": None, "passed": None, "penalty": None,
        "n_findings": None, "findings": None,
    }
    assert by["empty"]["findings"] == [] and by["empty"]["passed"] is True
    assert by["blank"]["n_findings"] == 0
    # A null language is detected, as a record without `lang`.
    assert by["null-lang"]["language"] == "en"
    # Offsets past multi-byte characters: Python indices and UTF-8 bytes differ.
    emoji = rows[-1]["text"]
    f = next(f for f in by["emoji"]["findings"] if f["rule"] == "en/doubled-word")
    assert emoji[f["start"]:f["end"]].lower() == "the the"
    assert emoji.encode()[f["start_byte"]:f["end_byte"]].decode().lower() == "the the"
    assert f["start_byte"] > f["start"]
    # The huge record's last finding is found at its very end.
    last = by["huge"]["findings"][-1]
    assert huge[last["start"]:last["end"]].lower() == "the the"
    assert last["end"] >= len(huge) - len("harbour reopened.") - 1
    # Every row agrees with the CLI.
    present = [r for r in rows if r["text"] is not None]
    cli = run_cli(present, tmp_path)
    assert_rows_match_cli(
        [by[r["id"]] for r in present], cli, {r["id"]: r["text"] for r in present}
    )


def test_empty_batch(checker):
    out = checker.check_batch(pa.RecordBatch.from_pylist([], schema=pa.schema([("text", pa.string())])))
    assert out.num_rows == 0
    assert out.schema == mtlint.result_schema()


def test_pandas_dict_and_chunked_inputs(checker):
    df = pd.DataFrame(
        {"body": ["The the port reopened.", None, "Le port a rouvert."], "language": ["en", "en", "fr"],
         "key": [10, 11, 12]}
    )
    out = checker.check_batch(df, text="body", lang="language", id="key")
    assert isinstance(out, pa.RecordBatch)
    assert out.column("id").to_pylist() == ["10", "11", "12"]
    assert out.column("n_findings").to_pylist()[1] is None
    # Without an id column the id is the row number; a dict of columns is a batch too.
    plain = checker.check_batch({"text": ["The the port reopened.", "A calm day."]})
    assert plain.column("id").to_pylist() == ["0", "1"]
    # A table of several chunks gives one table, rows in order.
    t = pa.concat_tables([pa.Table.from_pydict({"text": [f"Row {i} is fine."]}) for i in range(5)])
    assert t.column("text").num_chunks == 5
    res = checker.check_batch(t)
    assert isinstance(res, pa.Table) and res.num_rows == 5


def test_missing_text_column(checker):
    with pytest.raises(mtlint.UsageError, match="no column `text`"):
        checker.check_batch({"body": ["x"]})


def test_unknown_language_raises_the_cli_message(checker, tmp_path):
    with pytest.raises(mtlint.UsageError) as e:
        checker.check("Hello.", lang="xx")
    assert str(e.value) == cli_error("check", "--no-config", "--lang", "xx", "-", cwd=tmp_path)
    with pytest.raises(mtlint.UsageError, match="record `b`: no rules for target language `xx`"):
        checker.check_batch({"id": ["a", "b"], "text": ["x", "y"], "lang": ["en", "xx"]})
    with pytest.raises(mtlint.UsageError) as e:
        checker.check("Hello.", lang="en", source_lang="Japanese")
    assert str(e.value) == cli_error(
        "check", "--no-config", "--source-lang", "Japanese", "-", cwd=tmp_path
    )


def test_bad_selector_raises_the_cli_message(tmp_path):
    with pytest.raises(mtlint.UsageError) as e:
        mtlint.Checker(select=["nosuch/rule"])
    assert isinstance(e.value, mtlint.MtlintError)
    assert str(e.value) == cli_error("check", "--no-config", "--select", "nosuch/rule", "-", cwd=tmp_path)


def test_bad_rule_file_raises_the_cli_message(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "en.toml").write_text('[[rule]]\nid = "broken"\ncheck = 3\n', encoding="utf-8")
    with pytest.raises(mtlint.RuleFileError) as e:
        mtlint.Checker(rules=rules)
    assert str(e.value) == cli_error("check", "--no-config", "--rules", str(rules), "-", cwd=tmp_path)
    assert e.value.path.endswith("en.toml") and e.value.line >= 1


def test_missing_config_raises_the_cli_message(tmp_path):
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(mtlint.MtlintError) as e:
        mtlint.Checker(config=missing)
    assert str(e.value) == cli_error("check", "--config", str(missing), "-", cwd=tmp_path)


def test_select_and_ignore(records):
    only = mtlint.Checker(select=["en/doubled-word"])
    r = only.check("The the harbour reopened on Friday and and the ferry ran.", lang="en")
    assert {f["rule"] for f in r["findings"]} == {"en/doubled-word"}
    none = mtlint.Checker(ignore=["en/doubled-word"])
    r = none.check("The the harbour reopened on Friday.", lang="en")
    assert "en/doubled-word" not in {f["rule"] for f in r["findings"]}


def test_config_file_is_applied(tmp_path):
    cfg = tmp_path / "mtlint.toml"
    cfg.write_text('ignore = ["en/doubled-word"]\nmin-score = 99\n', encoding="utf-8")
    text = "The the harbour reopened on Friday."
    try:
        c = mtlint.Checker(config=cfg)
    except mtlint.MtlintError as e:  # the configuration format is the CLI's: show its message
        pytest.fail(f"configuration not accepted: {e}")
    got = c.check(text, lang="en")
    rec = [{"id": "-", "text": text, "lang": "en"}]
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(rec[0]) + "\n", encoding="utf-8")
    import subprocess
    from conftest import cli_path

    out = subprocess.run(
        [str(cli_path()), "check", "--config", str(cfg), "--input-format", "jsonl", "--format",
         "jsonl", str(src)], capture_output=True, text=True, cwd=tmp_path,
    )
    assert out.returncode in (0, 1), out.stderr
    assert got == json.loads(out.stdout)
    assert "en/doubled-word" not in {f["rule"] for f in got["findings"]}


def test_pickle_keeps_the_settings():
    c = mtlint.Checker(select=["en/"], threads=2)
    d = pickle.loads(pickle.dumps(c))
    assert d.threads == 2
    assert d.check("The the port.", lang="en") == c.check("The the port.", lang="en")


def test_threads_argument_and_environment(monkeypatch):
    with pytest.raises(mtlint.UsageError):
        mtlint.Checker(threads=0)
    monkeypatch.setenv("MTLINT_THREADS", "3")
    assert mtlint.default_threads() == 3
    assert mtlint.Checker().threads == 3
    assert mtlint.Checker(threads=1).threads == 1
    monkeypatch.setenv("MTLINT_THREADS", "many")
    with pytest.raises(mtlint.UsageError):
        mtlint.default_threads()


def test_the_gil_is_released_while_checking():
    text = ("The ferry timetable changes on Monday, the port authority said. " * 30 + "\n\n") * 60
    batch = {"text": [text] * 8, "lang": ["en"] * 8}
    checker = mtlint.Checker(threads=1)
    started = threading.Event()
    done = threading.Event()

    def work():
        started.set()
        checker.check_batch(batch)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    started.wait()
    spins = 0
    while not done.is_set():
        spins += 1
    t.join()
    # Had the check held the GIL, this thread could not have run while it did.
    assert spins > 10_000, spins


def test_version_and_stubs():
    assert mtlint.__version__
    pkg = Path(mtlint.__file__).parent
    assert (pkg / "_mtlint.pyi").exists()
    assert (pkg / "py.typed").exists()
    assert mtlint.Checker.check.__doc__ and mtlint.Checker.check_batch.__doc__
