"""Spark: check a DataFrame with ``mapInArrow``, one Arrow batch at a time.

>>> from mtlint.engines.spark import check_dataframe
>>> scored = check_dataframe(spark.read.parquet("in.parquet"), lang="lang")  # doctest: +SKIP
>>> scored.write.parquet("out.parquet")  # doctest: +SKIP

Each Python worker compiles the rules once (workers are reused across tasks). A batch uses the
task's CPUs (``spark.task.cpus``, 1 by default) unless the checker was given ``threads``.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional

from .. import Checker
from . import checker_for, settings_of

#: The Spark schema of the result, the Spark spelling of :func:`mtlint.result_schema`.
SCHEMA = (
    "id string, language string, score double, passed boolean, penalty double, "
    "n_findings int, findings array<struct<rule:string, category:string, severity:string, "
    "start:bigint, end:bigint, start_byte:bigint, end_byte:bigint, message:string, "
    "suggestion:string>>"
)


def map_in_arrow(
    checker: Optional[Checker] = None,
    text: str = "text",
    lang: str = "lang",
    source: str = "source",
    id: str = "id",
) -> Callable[[Iterable], Iterator]:
    """The function to give ``DataFrame.mapInArrow`` with :data:`SCHEMA`.

    It is picklable: it carries the checker's settings, not its compiled rules.
    """
    settings = settings_of(checker)

    def check_batches(batches: Iterable) -> Iterator:
        c = checker_for(settings)
        for batch in batches:
            yield c.check_batch(batch, text=text, lang=lang, source=source, id=id)

    return check_batches


def check_dataframe(
    df,
    checker: Optional[Checker] = None,
    text: str = "text",
    lang: str = "lang",
    source: str = "source",
    id: str = "id",
):
    """``df`` checked row by row: a DataFrame of :data:`SCHEMA`, one row per input row."""
    return df.mapInArrow(map_in_arrow(checker, text, lang, source, id), SCHEMA)
