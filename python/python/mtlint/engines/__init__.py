"""Adapters that run a :class:`mtlint.Checker` inside data engines.

Each engine gets a way in that compiles the rules once per worker process, checks whole Arrow
batches, and keeps the worker's thread count to its task slots:

- :mod:`mtlint.engines.spark`: ``DataFrame.mapInArrow``;
- :mod:`mtlint.engines.ray`: Ray Data ``Dataset.map_batches`` with a callable class;
- :mod:`mtlint.engines.dask`: Dask ``DataFrame.map_partitions``;
- :mod:`mtlint.engines.datatrove`: a datatrove ``BaseFilter``;
- :mod:`mtlint.engines.opusfilter`: an OpusFilter filter.

The engines themselves are not dependencies of mtlint: each module imports its engine when used.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, Tuple

from .. import Checker

_cache: Dict[Tuple, Checker] = {}
_lock = threading.Lock()


def settings_of(checker: "Checker | None", threads: "int | None" = None) -> Tuple:
    """A checker's settings as a hashable, picklable tuple (``threads`` overrides its own)."""
    s: Dict[str, Any] = dict(checker._settings) if checker is not None else {
        "config": None,
        "rules": [],
        "select": [],
        "ignore": [],
        "threads": None,
    }
    if threads is not None:
        s["threads"] = threads
    return (s["config"], tuple(s["rules"]), tuple(s["select"]), tuple(s["ignore"]), s["threads"])


def checker_for(settings: Tuple) -> Checker:
    """The checker of these settings in this process, built (rules compiled) on first use."""
    with _lock:
        c = _cache.get(settings)
        if c is None:
            config, rules, select, ignore, threads = settings
            c = Checker(config, list(rules), list(select), list(ignore), threads)
            _cache[settings] = c
        return c
