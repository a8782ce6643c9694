"""The ordered pool: results in order, errors in their chunk's turn, no hang whatever the
size of chunks and results, workers gone when the map is."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cleaner.pool import SMALL_MESSAGE, chunked, ordered_map
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture(autouse=True)
def _importable_by_spawned_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a thread running (other tests leave dask's), the workers are spawned, and they
    import this module by name with this process's path: the checkout goes at its end, after
    the installed package."""
    monkeypatch.setattr(sys, "path", [*sys.path, str(ROOT)])


class Unpicklable(Exception):
    def __init__(self) -> None:
        super().__init__("cannot travel")
        self.handle = lambda: None  # a lambda does not pickle


def _nothing() -> None:
    pass


def _square(chunk: list[int]) -> list[int]:
    return [n * n for n in chunk]


def _slow_first(chunk: list[int]) -> list[int]:
    if chunk[0] == 0:
        time.sleep(0.3)  # the other worker's chunks finish first
    return chunk


def _fail_at_6(chunk: list[int]) -> list[int]:
    if 6 in chunk:
        raise ValueError(f"no 6 in {chunk}")
    return chunk


def _unpicklable_at_6(chunk: list[int]) -> list[int]:
    if 6 in chunk:
        raise Unpicklable
    return chunk


def _die_at_6(chunk: list[int]) -> list[int]:
    if 6 in chunk:
        os.kill(os.getpid(), signal.SIGKILL)
    return chunk


def _echo(chunk: list[bytes]) -> bytes:
    return b"".join(chunk) * 2


def _map(function: Callable[[list[int]], object], items: list[int], size: int = 2) -> list[object]:
    chunks = chunked(items, size)
    return list(ordered_map(function, chunks, workers=2, initializer=_nothing, window=3))


def test_results_come_in_input_order_whichever_worker_ends_first() -> None:
    assert _map(_slow_first, list(range(10))) == [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]
    assert _map(_square, list(range(7)), size=3) == [[0, 1, 4], [9, 16, 25], [36]]


def test_an_error_in_a_worker_is_raised_in_its_chunks_turn() -> None:
    seen = []
    with pytest.raises(ValueError, match=r"no 6 in \[6, 7\]"):
        for chunk in ordered_map(
            _fail_at_6, chunked(range(10), 2), workers=2, initializer=_nothing
        ):
            seen.append(chunk)
    assert seen == [[0, 1], [2, 3], [4, 5]]


def test_an_error_that_cannot_travel_comes_as_its_traceback() -> None:
    with pytest.raises(RuntimeError, match=r"(?s)in a worker process:.*Unpicklable"):
        _map(_unpicklable_at_6, list(range(10)))


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match=r"a worker process ended abruptly \(exit code -9\)"):
        _map(_die_at_6, list(range(10)))
    assert multiprocessing.active_children() == []


@pytest.fixture
def no_hang() -> Iterator[None]:
    """A hang becomes a failure after 60 s."""

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("the pool hung")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_large_chunks_and_results_do_not_block_each_other(no_hang: None) -> None:
    # Chunks and results far larger than a pipe's buffer (a worker's result waits until this
    # process reads it; a chunk sent meanwhile would wait for the worker).
    block = b"x" * (100 * SMALL_MESSAGE)
    chunks = [[block, bytes([n])] for n in range(12)]
    results = list(ordered_map(_echo, iter(chunks), workers=2, initializer=_nothing))
    assert results == [(block + bytes([n])) * 2 for n in range(12)]


def test_closing_the_map_early_stops_the_workers() -> None:
    results = ordered_map(_square, chunked(range(1000), 1), workers=2, initializer=_nothing)
    assert next(results) == [0]
    results.close()
    assert multiprocessing.active_children() == []


def test_spawned_workers_clean_as_forked_ones(tmp_path: Path) -> None:
    """A thread running makes forking unsafe: the workers are spawned from a state file."""
    script = tmp_path / "spawned.py"
    script.write_text(
        "import threading, time\n"
        "from cleaner import Cleaner\n"
        "if __name__ == '__main__':\n"
        "    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
        "    texts = ['A council met on Monday.', 'Die Stadt baut eine Brücke.'] * 20\n"
        "    many = Cleaner.default().clean_many(texts, workers=2)\n"
        "    one = [Cleaner.default().clean(text) for text in texts]\n"
        "    print([d.as_dict() for d in many] == [d.as_dict() for d in one])\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, timeout=300, check=False
    )
    assert result.stdout.decode().split() == ["True"], result.stderr.decode()
