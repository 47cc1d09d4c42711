"""OpusFilter: a filter that scores the translation side of each segment pair with mtlint.

In an OpusFilter configuration (the module must be importable, e.g. with mtlint installed)::

    - type: filter
      parameters:
        inputs: [train.ja.gz, train.en.gz]
        outputs: [kept.ja.gz, kept.en.gz]
        filters:
          - MtlintFilter:
              lang: en
              source_lang: ja
              min_score: 90
            module: mtlint.engines.opusfilter

Or in Python: ``list(MtlintFilter(lang="en", source_lang="ja").filter(pairs))``.

The segment at ``target`` (the last by default) is checked; with ``source_lang``, as a
translation of the segment at ``source`` (the first by default). The score is mtlint's
(0–100, higher is cleaner) and a pair is kept at ``min_score`` or above. Pairs are checked in
chunks of ``chunk_size`` with the GIL released.
"""

from __future__ import annotations

import itertools
from typing import Iterable, Iterator, Optional, Sequence, Union

from opusfilter import CLEAN_HIGH, FilterABC

from .. import Checker


class MtlintFilter(FilterABC):
    """Keeps a pair whose translation scores at least ``min_score`` with mtlint."""

    score_direction = CLEAN_HIGH
    accept_threshold = 0
    reject_threshold = 100 + 1e-9

    def __init__(
        self,
        lang: Optional[str] = None,
        source_lang: Optional[str] = None,
        min_score: float = 90,
        target: int = -1,
        source: int = 0,
        select: Union[None, str, Sequence[str]] = None,
        ignore: Union[None, str, Sequence[str]] = None,
        chunk_size: int = 256,
        **kwargs,
    ) -> None:
        self.lang = lang
        self.source_lang = source_lang
        self.min_score = min_score
        self.target = target
        self.source = source
        self.chunk_size = chunk_size
        self.checker = Checker(select=select, ignore=ignore)
        super().__init__(**kwargs)

    def score(self, pairs: Iterable[Sequence[str]]) -> Iterator[float]:
        it = iter(pairs)
        while True:
            chunk = list(itertools.islice(it, self.chunk_size))
            if not chunk:
                return
            columns = {
                "text": [p[self.target] for p in chunk],
                "lang": [self.lang] * len(chunk),
            }
            if self.source_lang is not None:
                columns["source"] = [p[self.source] if len(p) > 1 else None for p in chunk]
                columns["source_lang"] = [self.source_lang] * len(chunk)
            yield from self.checker.check_batch(columns).column("score").to_pylist()

    def accept(self, score: float) -> bool:
        return score is not None and score >= self.min_score
