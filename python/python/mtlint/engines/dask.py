"""Dask: check a DataFrame with ``map_partitions``.

>>> import dask.dataframe as dd
>>> from mtlint.engines.dask import check_dataframe
>>> scored = check_dataframe(dd.read_parquet("in.parquet"))  # doctest: +SKIP
>>> scored.to_parquet("out/")  # doctest: +SKIP

Partitions arrive as pandas DataFrames and leave as pandas DataFrames of Arrow-backed columns
(``pandas.ArrowDtype``: the findings stay a list of structs). Each worker process compiles the
rules once. A partition is checked on one thread unless the checker was given ``threads``:
Dask already runs one task per worker thread.
"""

from __future__ import annotations

from typing import Optional, Tuple

from .. import Checker, result_schema
from . import checker_for, settings_of


def meta():
    """The empty pandas DataFrame that describes the result to Dask."""
    import pandas as pd

    return result_schema().empty_table().to_pandas(types_mapper=pd.ArrowDtype)


def check_partition(
    df,
    settings: Tuple,
    text: str = "text",
    lang: str = "lang",
    source: str = "source",
    id: str = "id",
):
    """One pandas partition checked (``settings`` from :func:`mtlint.engines.settings_of`)."""
    import pandas as pd

    out = checker_for(settings).check_batch(df, text=text, lang=lang, source=source, id=id)
    return out.to_pandas(types_mapper=pd.ArrowDtype)


def check_dataframe(
    ddf,
    checker: Optional[Checker] = None,
    text: str = "text",
    lang: str = "lang",
    source: str = "source",
    id: str = "id",
):
    """``ddf`` checked partition by partition; its columns as :func:`mtlint.result_schema`."""
    threads = None if checker is not None and checker._settings["threads"] else 1
    settings = settings_of(checker, threads)
    return ddf.map_partitions(
        check_partition, settings, text, lang, source, id, meta=meta(), align_dataframes=False
    )
