"""datatrove: a filter step that keeps the documents mtlint passes.

>>> from datatrove.pipeline.readers import JsonlReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from mtlint.engines.datatrove import MtlintFilter
>>> pipeline = [
...     JsonlReader("data/"),
...     MtlintFilter(min_score=90, lang="en"),
...     JsonlWriter("kept/"),
... ]  # doctest: +SKIP

Documents are checked in batches (``batch_size``, 64 by default) with one
:class:`mtlint.Checker` per step (rules compiled once per worker). Each document gets
``metadata["mtlint_score"]`` and ``metadata["mtlint_rules"]`` (the rules that fired); a dropped
one's reason is the rule of its most severe finding (datatrove counts ``dropped_<reason>``).
The language is ``lang`` when given, else the document's ``metadata["language"]`` (datatrove's
language filter sets it), else detected.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Union

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter

from .. import Checker

_RANK = {"minor": 0, "major": 1, "critical": 2}


class MtlintFilter(BaseFilter):
    """Keeps a document when it passes mtlint's gate (and scores at least ``min_score``)."""

    name = "🈂️ mtlint"

    def __init__(
        self,
        min_score: Optional[float] = None,
        lang: Optional[str] = None,
        select: Union[None, str, Sequence[str]] = None,
        ignore: Union[None, str, Sequence[str]] = None,
        config: Optional[str] = None,
        batch_size: int = 64,
        exclusion_writer=None,
    ) -> None:
        super().__init__(exclusion_writer, batch_size)
        self.min_score = min_score
        self.lang = lang
        self.settings = dict(config=config, select=select, ignore=ignore)
        self._checker: Optional[Checker] = None

    @property
    def checker(self) -> Checker:
        if self._checker is None:  # built in the worker, not pickled with the step
            self._checker = Checker(**self.settings)
        return self._checker

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_checker"] = None
        return state

    def filter(self, doc: Document):
        return self.filter_batch([doc])[0]

    def filter_batch(self, batch: List[Document]) -> list:
        out = self.checker.check_batch(
            {
                "id": [str(d.id) for d in batch],
                "text": [d.text for d in batch],
                "lang": [self.lang or d.metadata.get("language") for d in batch],
            }
        )
        results = []
        for doc, row in zip(batch, out.to_pylist()):
            findings = row["findings"] or []
            doc.metadata["mtlint_score"] = row["score"]
            doc.metadata["mtlint_rules"] = sorted({f["rule"] for f in findings})
            keep = bool(row["passed"]) and (
                self.min_score is None or (row["score"] or 0) >= self.min_score
            )
            if keep:
                results.append(True)
            else:
                worst = max(findings, key=lambda f: _RANK.get(f["severity"], 0), default=None)
                results.append((False, worst["rule"] if worst else "score"))
        return results
