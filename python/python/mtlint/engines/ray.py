"""Ray Data: check a Dataset with ``map_batches`` and a callable class.

>>> import ray.data
>>> from mtlint.engines.ray import MtlintBatches, check_dataset
>>> ds = ray.data.read_parquet("in.parquet")  # doctest: +SKIP
>>> scored = ds.map_batches(MtlintBatches, fn_constructor_kwargs={"select": ["en/"]},
...                         batch_format="pyarrow", concurrency=2)  # doctest: +SKIP
>>> scored = check_dataset(ds, concurrency=2)  # the same, in one call  # doctest: +SKIP

Each actor builds one :class:`mtlint.Checker` (compiles the rules once) and checks whole Arrow
batches with the CPUs Ray gave it (``num_cpus``, 1 by default).
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Union

from .. import Checker


class MtlintBatches:
    """A callable class for ``Dataset.map_batches(..., batch_format="pyarrow")``.

    The constructor takes :class:`mtlint.Checker`'s settings and the column names; each call
    returns the batch checked, as a ``pyarrow.Table`` of :func:`mtlint.result_schema`.
    """

    def __init__(
        self,
        config: Optional[str] = None,
        rules: Union[None, str, Sequence[str]] = None,
        select: Union[None, str, Sequence[str]] = None,
        ignore: Union[None, str, Sequence[str]] = None,
        threads: Optional[int] = None,
        text: str = "text",
        lang: str = "lang",
        source: str = "source",
        id: str = "id",
    ) -> None:
        self.checker = Checker(config, rules, select, ignore, threads)
        self.columns = dict(text=text, lang=lang, source=source, id=id)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        out = self.checker.check_batch(batch, **self.columns)
        return out if isinstance(out, pa.Table) else pa.Table.from_batches([out])


def check_dataset(ds, concurrency: int = 1, num_cpus: float = 1, batch_size: Optional[int] = None, **settings: Any):
    """``ds`` checked by ``concurrency`` actors of ``num_cpus`` CPUs each.

    ``settings`` are :class:`MtlintBatches`' (checker settings and column names).
    """
    return ds.map_batches(
        MtlintBatches,
        fn_constructor_kwargs=settings,
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
        num_cpus=num_cpus,
    )
