"""Fork safety: no thread exists before first use, and a forked child checks with its own pool."""

from __future__ import annotations

import os
import time

import pytest

import mtlint

BATCH = {
    "text": ["The the harbour reopened on Friday.", "Le port a rouvert vendredi.", "A calm day."] * 4,
    "lang": ["en", "fr", "en"] * 4,
}


def native_threads() -> int:
    """This process's threads named by mtlint's pool (``mtlint-N``)."""
    n = 0
    for t in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{t}/comm") as f:
                n += f.read().startswith("mtlint-")
        except FileNotFoundError:  # a thread that just ended
            pass
    return n


def in_child(fn) -> int:
    """Runs ``fn`` in a forked child; its exit status (0 when fn returns True), or fails after
    a generous wait (a child deadlocked on its parent's pool never ends)."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = 0 if fn() else 3
        finally:
            os._exit(code)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    pytest.fail("the forked child hung")


pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not os.path.isdir("/proc/self/task"),
                                reason="needs fork() and /proc")


def test_no_thread_before_first_multithreaded_batch():
    before = native_threads()  # other checkers of this session may have pools
    c = mtlint.Checker(threads=2)
    c.check("The the port.", lang="en")
    mtlint.Checker(threads=1).check_batch(BATCH)
    assert native_threads() == before
    c.check_batch(BATCH)
    assert native_threads() == before + 2


def test_child_after_the_parent_built_its_pool():
    c = mtlint.Checker(threads=2)
    want = c.check_batch(BATCH)  # the parent's pool now exists
    assert in_child(lambda: c.check_batch(BATCH).equals(want)) == 0
    # The parent's pool still works after the fork.
    assert c.check_batch(BATCH).equals(want)


def test_child_of_an_unused_checker():
    c = mtlint.Checker(threads=2)
    want = mtlint.Checker(threads=1).check_batch(BATCH)
    assert in_child(lambda: c.check_batch(BATCH).equals(want) and c.check("x y.", lang="en")["path"] == "-") == 0
