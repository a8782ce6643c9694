"""An ordered, bounded worker pool: results in input order, memory independent of input size.

``Pool.imap`` would read its whole input ahead of the workers; here at most ``window`` chunks
are in flight, so a 2 GB input costs what a 20 MB one does. The state the workers need (a
Cleaner) is sent once per worker through ``initializer``, never with each chunk.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_map(
    function: Callable[[list[T]], R],
    chunks: Iterable[list[T]],
    *,
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
    window: int | None = None,
) -> Iterator[R]:
    """``function(chunk)`` for every chunk, in order, on ``workers`` processes.

    With one worker everything runs in this process (no hand-off cost). Closing the
    generator early (an error, Ctrl-C) cancels the chunks not yet started.
    """
    if workers <= 1:
        initializer(*initargs)
        yield from map(function, chunks)
        return
    limit = window if window is not None else 4 * workers
    pending: deque[Future[R]] = deque()
    with _executor(workers, initializer, initargs) as pool:
        try:
            for chunk in chunks:
                pending.append(pool.submit(function, chunk))
                if len(pending) >= limit:
                    yield _result(pending.popleft())
            while pending:
                yield _result(pending.popleft())
        finally:
            for future in pending:
                future.cancel()


@contextlib.contextmanager
def _executor(
    workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes, each set up by ``initializer(*initargs)``.

    Forked where that is safe (Linux, and no other thread in this process: a forked child
    has only the thread that forked, and a lock another thread held would stay locked): a
    worker then starts with this process's modules and state, without importing them again
    or reading the state from a pickle. Elsewhere the workers are spawned.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if getattr(multiprocessing.current_process(), "_inheriting", False):
        raise RuntimeError(f"called while a worker process was starting: {UNGUARDED}")
    if sys.platform == "linux" and threading.active_count() == 1:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=initializer,
            initargs=initargs,
        ) as pool:
            yield pool
        return
    # The workers' state goes through a file, not the pipe that starts a worker: a worker
    # that dies while starting (a script without a __main__ guard) would leave the parent
    # blocked forever writing megabytes into that pipe (CPython's spawn writes all of it
    # before it looks at the child), instead of seeing a broken pool.
    with tempfile.NamedTemporaryFile(prefix="cleaner-state-", suffix=".pickle") as state:
        pickle.dump((initializer, initargs), state, protocol=pickle.HIGHEST_PROTOCOL)
        state.flush()
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load_state,
            initargs=(state.name,),
        ) as pool:
            yield pool


UNGUARDED = (
    "with workers > 1 each worker process imports the main script again, so a script must "
    "call clean_many (or run a batch) under 'if __name__ == \"__main__\":'"
)


def _load_state(path: str) -> None:
    """Pool initializer: the real initializer and its arguments, read from ``path``."""
    with open(path, "rb") as handle:
        initializer, initargs = pickle.load(handle)
    initializer(*initargs)


def _result(future: Future[R]) -> R:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool as error:
        raise RuntimeError(
            f"a worker process ended abruptly ({error}); if at once, while starting: {UNGUARDED}"
        ) from error
