"""An ordered, bounded worker pool: results in input order, memory independent of input size.

``Pool.imap`` would read its whole input ahead of the workers; here at most ``window`` chunks
are in flight, so a 2 GB input costs what a 20 MB one does. The state the workers need (a
Cleaner) is sent once per worker through ``initializer``, never with each chunk.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

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
    # Imported here: a start that cleans in one process does not pay for them (30 ms).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    limit = window if window is not None else 4 * workers
    context = multiprocessing.get_context("spawn")
    pending: deque[Future[R]] = deque()
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=initializer, initargs=initargs
    ) as pool:
        try:
            for chunk in chunks:
                pending.append(pool.submit(function, chunk))
                if len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
