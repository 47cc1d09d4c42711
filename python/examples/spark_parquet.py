"""Spark job: read records from Parquet, check them with mtlint, write scores and findings.

    spark-submit examples/spark_parquet.py records.parquet scored.parquet
    python examples/spark_parquet.py records.parquet scored.parquet --master 'local[2]'

The input has a ``text`` column and optionally ``id``, ``lang``, ``source`` and
``source_lang``. The output has one row per input row: ``id, language, score, passed, penalty,
n_findings, findings`` (see ``mtlint.result_schema()``). The mtlint wheel must be installed in
the executors' Python (or shipped with ``--archives`` of a packed virtual environment).
"""

from __future__ import annotations

import argparse

import mtlint
from mtlint.engines.spark import check_dataframe


def run(spark, src: str, dst: str, select=None, mode: str = "overwrite") -> None:
    """Checks the records in the Parquet ``src`` and writes the results to the Parquet ``dst``."""
    checker = mtlint.Checker(select=select)
    records = spark.read.parquet(src)
    check_dataframe(records, checker).write.mode(mode).parquet(dst)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("src")
    p.add_argument("dst")
    p.add_argument("--master", help="Spark master, e.g. local[2]; default: spark-submit's")
    p.add_argument("--select", action="append", help="rule selector to run only (repeatable)")
    args = p.parse_args()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("mtlint")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        run(spark, args.src, args.dst, select=args.select)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
