"""The engines: a Spark local[2] job (the example Parquet → Parquet job), Ray Data with
num_cpus=2, and Dask; each gives the CLI's results. Heavy: runs on its own with
``pytest tests/test_engines.py``; the other tests do not need these engines."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import mtlint
from conftest import assert_rows_match_cli, id_of

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

pytestmark = pytest.mark.engines


@pytest.fixture(scope="module")
def parquet(records, tmp_path_factory) -> Path:
    """The records as a Parquet file of several row groups (so several batches and tasks)."""
    path = tmp_path_factory.mktemp("in") / "records.parquet"
    table = pa.Table.from_pylist(
        [{"id": id_of(r), "text": r["text"], "lang": r.get("lang"), "source": r.get("source"),
          "source_lang": r.get("source_lang")} for r in records]
    )
    pq.write_table(table, path, row_group_size=64)
    return path


@pytest.fixture(scope="module")
def texts(records) -> dict:
    return {id_of(r): r["text"] for r in records}


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("mtlint-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Small splits, so the small test file is read as several tasks.
        .config("spark.sql.files.maxPartitionBytes", "16384")
        .config("spark.sql.files.openCostInBytes", "1024")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def load_example(name: str):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_spark_example_job_equals_cli(spark, parquet, tmp_path, cli_lines, texts):
    job = load_example("spark_parquet")
    out = tmp_path / "scored.parquet"
    job.run(spark, str(parquet), str(out))
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == len(cli_lines)
    assert_rows_match_cli(rows, cli_lines, texts)
    # The job ran as several tasks (one output file each).
    assert len(list(out.glob("part-*.parquet"))) >= 2


def test_spark_task_uses_its_task_slots(spark):
    def slots(batches):
        for b in batches:
            yield pa.RecordBatch.from_pydict({"threads": [mtlint.default_threads()] * b.num_rows})

    df = spark.range(4, numPartitions=2).mapInArrow(slots, "threads long")
    assert {r.threads for r in df.collect()} == {1}


def test_ray_map_batches_equals_cli(parquet, cli_lines, texts):
    ray = pytest.importorskip("ray")
    import ray.data

    from mtlint.engines.ray import MtlintBatches, check_dataset

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        ds = ray.data.read_parquet(str(parquet))
        # Half a CPU per actor: two actors leave room for the read tasks on two CPUs.
        out = check_dataset(ds, concurrency=2, num_cpus=0.5, batch_size=50).to_arrow_refs()
        rows = pa.concat_tables(ray.get(out)).to_pylist()
        assert_rows_match_cli(rows, cli_lines, texts)
        # The callable class directly, with its own settings and columns.
        only = ray.data.from_items([{"body": "The the port reopened.", "k": "a", "lang": "en"}]).map_batches(
            MtlintBatches, fn_constructor_kwargs={"select": ["en/doubled-word"], "text": "body",
                                                  "id": "k"},
            batch_format="pyarrow", concurrency=1,
        )
        (row,) = only.take_all()
        assert row["id"] == "a" and [f["rule"] for f in row["findings"]] == ["en/doubled-word"]
    finally:
        ray.shutdown()


@pytest.mark.parametrize("scheduler", ["threads", "processes"])
def test_dask_map_partitions_equals_cli(scheduler, parquet, cli_lines, texts):
    dd = pytest.importorskip("dask.dataframe")
    from mtlint.engines.dask import check_dataframe

    ddf = dd.read_parquet(str(parquet)).repartition(npartitions=3)
    out = check_dataframe(ddf).compute(scheduler=scheduler)
    rows = pa.Table.from_pandas(out, preserve_index=False).to_pylist()
    assert_rows_match_cli(rows, cli_lines, texts)
