"""The datatrove filter and the OpusFilter filter: decisions and scores equal the checker's."""

from __future__ import annotations

import pytest

import mtlint

DOCS = [
    ("clean", "The harbour reopened on Friday after the storm, the port authority said."),
    ("doubled", "The the harbour reopened on Friday after the the storm, and and the ferry ran."),
    ("leak", "The harbour reopened on Friday. 関係者によると、計画は来月始まる予定だ。"),
]


def test_datatrove_filter_keeps_what_passes():
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from mtlint.engines.datatrove import MtlintFilter

    checker = mtlint.Checker()
    want = {i: checker.check(t, lang="en", id=i) for i, t in DOCS}
    step = MtlintFilter(lang="en", min_score=95, batch_size=2)
    docs = [Document(text=t, id=i) for i, t in DOCS]
    kept = [d.id for d in step.run(iter(docs))]
    assert kept == [i for i, _ in DOCS if want[i]["passed"] and want[i]["score"] >= 95]
    assert "clean" in kept and "doubled" not in kept
    for d in docs:
        assert d.metadata["mtlint_score"] == want[d.id]["score"]
        assert d.metadata["mtlint_rules"] == sorted({f["rule"] for f in want[d.id]["findings"]})
    # Dropped documents are counted under the rule of their worst finding.
    assert any(k.startswith("dropped_en/") or k.startswith("dropped_common/") for k in step.stats.stats)


def test_opusfilter_filter_scores_the_target_side():
    pytest.importorskip("opusfilter")
    from mtlint.engines.opusfilter import MtlintFilter

    checker = mtlint.Checker()
    pairs = [
        ("港は金曜日に再開した。", "The harbour reopened on Friday."),
        ("港は金曜日に再開した。", "The the harbour reopened on on Friday."),
        ("港は金曜日に再開した。", "The harbour 再開 reopened on Friday."),
    ] * 3
    f = MtlintFilter(lang="en", source_lang="ja", min_score=95, chunk_size=4)
    scores = list(f.score(pairs))
    want = [
        checker.check(t, lang="en", source=s, source_lang="ja")["score"] for s, t in pairs
    ]
    assert scores == want
    kept = list(f.filter(pairs))
    assert kept == [p for p, s in zip(pairs, want) if s >= 95]
    assert pairs[0] in kept and pairs[1] not in kept
    # Without a source language only the target is checked.
    mono = list(MtlintFilter(lang="en").score([("x", "The the harbour reopened.")]))
    assert mono == [checker.check("The the harbour reopened.", lang="en")["score"]]
