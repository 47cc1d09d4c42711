"""mtlint: finds the defects machine translation leaves in prose, and scores each document.

The rules are compiled once per :class:`Checker`; :meth:`Checker.check` returns the object of one
``mtlint check --input-format jsonl --format jsonl`` output line, and :meth:`Checker.check_batch`
checks a whole Arrow batch (or pandas DataFrame) in parallel into Arrow columns. Adapters for
Spark, Ray Data, Dask, datatrove and OpusFilter are in :mod:`mtlint.engines`.

>>> import mtlint
>>> checker = mtlint.Checker()
>>> report = checker.check("He said said it.", lang="en")
>>> report["findings"][0]["rule"]
'en/doubled-word'
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence, Union

from . import _mtlint
from ._mtlint import (
    DecodeError,
    InputError,
    MtlintError,
    ReadError,
    RuleFileError,
    UsageError,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

__version__: str = _mtlint.__version__

__all__ = [
    "Checker",
    "DecodeError",
    "InputError",
    "MtlintError",
    "ReadError",
    "RuleFileError",
    "UsageError",
    "default_threads",
    "findings_type",
    "result_schema",
    "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]


def default_threads() -> int:
    """The number of threads a batch may use here: the engine's task slots.

    ``MTLINT_THREADS`` wins when set. Inside a Spark task it is the task's CPUs
    (``spark.task.cpus``, usually 1), inside a Ray task or actor the CPUs Ray assigned to it,
    inside a Dask worker task 1 (the worker runs one task per thread); elsewhere the CPUs this
    process may run on. Engines are only looked at when already imported.
    """
    env = os.environ.get("MTLINT_THREADS")
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise UsageError(f"MTLINT_THREADS must be a whole number, not `{env}`") from None
    if "pyspark" in sys.modules:
        try:
            from pyspark import TaskContext

            tc = TaskContext.get()
            if tc is not None:
                return max(1, int(tc.cpus()))
        except Exception:  # an old Spark without TaskContext.cpus()
            pass
    if "ray" in sys.modules:
        try:
            import ray

            if ray.is_initialized():
                cpus = ray.get_runtime_context().get_assigned_resources().get("CPU")
                if cpus:
                    return max(1, int(cpus + 0.999))
        except Exception:
            pass
    if "distributed" in sys.modules:
        try:
            from distributed import get_worker

            get_worker()
            return 1
        except Exception:  # not inside a worker
            pass
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def findings_type() -> "pyarrow.DataType":
    """The Arrow type of the ``findings`` column.

    ``start``/``end`` are Python string indices (``text[start:end]`` is the span),
    ``start_byte``/``end_byte`` UTF-8 byte offsets (the CLI's ``span``).
    """
    import pyarrow as pa

    return pa.list_(
        pa.struct(
            [
                ("rule", pa.string()),
                ("category", pa.string()),
                ("severity", pa.string()),
                ("start", pa.int64()),
                ("end", pa.int64()),
                ("start_byte", pa.int64()),
                ("end_byte", pa.int64()),
                ("message", pa.string()),
                ("suggestion", pa.string()),
            ]
        )
    )


def result_schema() -> "pyarrow.Schema":
    """The Arrow schema :meth:`Checker.check_batch` returns."""
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("language", pa.string()),
            ("score", pa.float64()),
            ("passed", pa.bool_()),
            ("penalty", pa.float64()),
            ("n_findings", pa.int32()),
            ("findings", findings_type()),
        ]
    )


def _id_str(value: Any) -> str:
    """A record id as the CLI reports it: a string as is, anything else as its JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _paths(value: Union[None, PathLike, Iterable[PathLike]]) -> list:
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [os.fspath(value)]
    return [os.fspath(v) for v in value]


def _names(value: Union[None, str, Iterable[str]]) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _as_arrow(batch: Any) -> "Union[pyarrow.RecordBatch, pyarrow.Table]":
    import pyarrow as pa

    if isinstance(batch, (pa.RecordBatch, pa.Table)):
        return batch
    if "pandas" in sys.modules:
        import pandas as pd

        if isinstance(batch, pd.DataFrame):
            return pa.RecordBatch.from_pandas(batch, preserve_index=False)
    if isinstance(batch, Mapping):
        return pa.RecordBatch.from_pydict(dict(batch))
    raise TypeError(
        "check_batch takes a pyarrow.RecordBatch or Table, a pandas DataFrame or a dict of "
        f"columns, not {type(batch).__name__}"
    )


class Checker:
    """Checks texts with mtlint's rules, compiled once.

    :param config: a configuration file (``mtlint.toml``); unlike the CLI, none is searched for.
    :param rules: rule directories (or files' directories) added to the embedded rules, as
        ``--rules``; their examples must pass.
    :param select: rule selectors to run only (``en/``, ``common/repeated-word``), as
        ``--select``; rules off by default run when named here.
    :param ignore: rule selectors to skip, as ``--ignore``.
    :param threads: threads a batch may use; by default :func:`default_threads` at each call
        (1 inside a Spark task, so as not to oversubscribe the executor).

    No thread is started before the first multi-threaded batch, so a checker may be built
    before ``fork()``; a forked child builds its own pool. A checker pickles as its settings,
    so it can be shipped to engine workers, where the rules are compiled again once.

    :raises UsageError: an unknown selector, a failing example of a user rule.
    :raises RuleFileError: a malformed rule or configuration file.
    :raises ReadError: a rule or configuration file that cannot be read.
    """

    def __init__(
        self,
        config: Optional[PathLike] = None,
        rules: Union[None, PathLike, Sequence[PathLike]] = None,
        select: Union[None, str, Sequence[str]] = None,
        ignore: Union[None, str, Sequence[str]] = None,
        threads: Optional[int] = None,
    ) -> None:
        if threads is not None and (not isinstance(threads, int) or threads < 1):
            raise UsageError(f"threads must be a whole number of at least 1, not {threads!r}")
        self._settings = dict(
            config=None if config is None else os.fspath(config),
            rules=_paths(rules),
            select=_names(select),
            ignore=_names(ignore),
            threads=threads,
        )
        self._native = _mtlint.NativeChecker(
            self._settings["config"],
            self._settings["rules"],
            self._settings["select"],
            self._settings["ignore"],
        )

    def __reduce__(self):
        s = self._settings
        return (Checker, (s["config"], s["rules"], s["select"], s["ignore"], s["threads"]))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._settings.items() if v)
        return f"mtlint.Checker({shown})"

    @property
    def threads(self) -> int:
        """The threads a batch uses here: the ``threads`` given, else :func:`default_threads`."""
        t = self._settings["threads"]
        return t if t is not None else default_threads()

    @property
    def languages(self) -> list:
        """The target languages that have rules (``lang`` must be one of them)."""
        return self._native.languages()

    def check(
        self,
        text: str,
        lang: Optional[str] = None,
        source: Optional[str] = None,
        source_lang: Optional[str] = None,
        id: Optional[Any] = None,
    ) -> dict:
        """Checks one text; returns the object of one ``--format jsonl`` line.

        It is the line ``mtlint check --input-format jsonl --format jsonl`` writes for the
        record ``{"id", "text", "lang", "source", "source_lang"}``: ``path`` (the id),
        ``language``, ``words``, ``penalty``, ``score``, ``passed`` and ``findings`` with
        UTF-8 byte ``span`` s, lines and columns. With ``source``, the text is checked as a
        translation of it. Without ``lang``, the language is detected. ``id`` defaults to
        ``"-"``; one that is not a string is reported as its JSON.

        :raises UsageError: ``lang`` has no rules or ``source_lang`` is not a language code.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        shown = "-" if id is None else _id_str(id)
        return json.loads(self._native.check_json(text, lang, source, source_lang, shown))

    def check_batch(
        self,
        batch: "Union[pyarrow.RecordBatch, pyarrow.Table, pandas.DataFrame, Mapping[str, Sequence]]",
        text: str = "text",
        lang: str = "lang",
        source: str = "source",
        id: str = "id",
    ) -> "Union[pyarrow.RecordBatch, pyarrow.Table]":
        """Checks every row of a batch, in parallel on up to :attr:`threads` threads.

        The arguments name the columns; ``lang``, ``source`` and ``id`` may be absent (the
        language is then detected, the text checked alone, the id the row number), and so may
        a ``source_lang`` column. The GIL is released while checking. A null text gives a row
        of nulls; a null language is detected.

        Returns a RecordBatch (a Table for a Table) of :func:`result_schema`: ``id``,
        ``language``, ``score``, ``passed``, ``penalty``, ``n_findings`` and ``findings``,
        one row per input row, in order; each finding has Python string offsets
        (``start``, ``end``) and UTF-8 byte offsets (``start_byte``, ``end_byte``).

        :raises UsageError: no column ``text``, or a row's language has no rules.
        """
        import pyarrow as pa

        data = _as_arrow(batch)
        names = data.schema.names
        if text not in names:
            raise UsageError(f"the batch has no column `{text}` (columns: {', '.join(names)})")

        def column(name: str) -> Optional[list]:
            return data.column(name).to_pylist() if name in names else None

        texts = column(text)
        raw_ids = column(id)
        ids = (
            [str(i) for i in range(len(texts))]
            if raw_ids is None
            else [_id_str(v) for v in raw_ids]
        )
        c = self._native.check_columns(
            texts,
            ids,
            column(lang),
            column(source),
            column("source_lang"),
            self.threads,
        )
        out = _to_arrow(ids, c)
        if isinstance(data, pa.Table):
            return pa.Table.from_batches([out], schema=out.schema)
        return out


def _to_arrow(ids: list, c: dict) -> "pyarrow.RecordBatch":
    import pyarrow as pa

    ftype = findings_type()
    fields = ftype.value_type
    values = pa.StructArray.from_arrays(
        [
            pa.array(c["rule"], pa.string()),
            pa.array(c["category"], pa.string()),
            pa.array(c["severity"], pa.string()),
            pa.array(c["start"], pa.int64()),
            pa.array(c["end"], pa.int64()),
            pa.array(c["start_byte"], pa.int64()),
            pa.array(c["end_byte"], pa.int64()),
            pa.array(c["message"], pa.string()),
            pa.array(c["suggestion"], pa.string()),
        ],
        fields=list(fields),
    )
    valid = c["valid"]
    mask = None if all(valid) else pa.array([not v for v in valid], pa.bool_())
    findings = pa.ListArray.from_arrays(
        pa.array(c["offsets"], pa.int32()), values, type=ftype, mask=mask
    )
    return pa.RecordBatch.from_arrays(
        [
            pa.array(ids, pa.string()),
            pa.array(c["language"], pa.string()),
            pa.array(c["score"], pa.float64()),
            pa.array(c["passed"], pa.bool_()),
            pa.array(c["penalty"], pa.float64()),
            pa.array(c["n_findings"], pa.int32()),
            findings,
        ],
        schema=result_schema(),
    )
