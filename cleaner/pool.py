"""An ordered, bounded worker pool: results in input order, memory independent of input size.

``Pool.imap`` would read its whole input ahead of the workers; here at most ``window`` chunks
are in flight, so a 2 GB input costs what a 20 MB one does. The state the workers need (a
Cleaner) is sent once per worker through ``initializer``, never with each chunk.

Each worker has a pipe of its own; this process writes it the chunks (a thread of the
worker's own writes the large ones) and reads its results itself. concurrent.futures' pool
handed every chunk through three threads here, which on 8,000 news records cost this process
0.1 s of CPU, taken from the workers' cores.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import sys
import tempfile
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# A chunk's message this small (a span of a file, not the records) is written to its worker's
# pipe by this process: it fits any pipe's buffer, so writing it never blocks. A larger one
# is written by a thread of the worker's own: this process could otherwise block writing it
# while the worker blocks writing its result to this process.
SMALL_MESSAGE = 4096
# Chunks sent to a worker and not yet back: the one it cleans and the next, ready for it.
_AHEAD = 2


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

    With one worker everything runs in this process (no hand-off cost). An exception that
    ``function`` raises in a worker is raised here, in the chunk's turn. Closing the
    generator early (an error, Ctrl-C) stops the workers.
    """
    if workers <= 1:
        initializer(*initargs)
        yield from map(function, chunks)
        return
    limit = window if window is not None else 4 * workers
    with _Workers(workers, function, initializer, initargs) as pool:
        yield from pool.results(chunks, limit)


UNGUARDED = (
    "with workers > 1 each worker process imports the main script again, so a script must "
    "call clean_many (or run a batch) under 'if __name__ == \"__main__\":'"
)


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process
    connection: Any  # this process's end of the worker's pipe
    outstanding: int = 0  # chunks sent whose result has not come back
    sender: _Sender | None = None  # writes the large chunks, from the first one on

    def send(self, message: bytes) -> None:
        if self.sender is None and len(message) > SMALL_MESSAGE:
            self.sender = _Sender(self.connection)
        if self.sender is None:
            self.connection.send_bytes(message)
        else:  # in order after the messages it holds
            self.sender.messages.put(message)
        self.outstanding += 1


class _Sender(threading.Thread):
    """Writes a worker's chunks to its pipe, waiting for room there as long as it takes."""

    def __init__(self, connection: Any) -> None:
        super().__init__(daemon=True)
        self.connection = connection
        self.messages: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.start()

    def run(self) -> None:
        while (message := self.messages.get()) is not None:
            try:
                self.connection.send_bytes(message)
            except OSError:  # the worker is gone, which the main thread sees and reports
                return

    def stop(self) -> None:
        self.messages.put(None)
        self.join(10)


class _Workers(Generic[T, R]):
    """The worker processes of one ``ordered_map``.

    Forked where that is safe (Linux, and no other thread in this process: a forked child
    has only the thread that forked, and a lock another thread held would stay locked): a
    worker then starts with this process's modules and state, without importing them again
    or reading the state from a pickle. Elsewhere the workers are spawned, and their state
    goes through a file, not the pipe that starts a worker: a worker that dies while starting
    (a script without a __main__ guard) would leave this process blocked forever writing
    megabytes into that pipe (CPython's spawn writes all of it before it looks at the
    child), instead of seeing the worker gone.
    """

    def __init__(
        self,
        count: int,
        function: Callable[[list[T]], R],
        initializer: Callable[..., None],
        initargs: tuple[Any, ...],
    ) -> None:
        import multiprocessing
        from multiprocessing.connection import wait

        self._wait = wait  # imported here: -j 1 and single documents never load multiprocessing
        if getattr(multiprocessing.current_process(), "_inheriting", False):
            raise RuntimeError(f"called while a worker process was starting: {UNGUARDED}")
        self._state: str | None = None
        self._workers: list[_Worker] = []
        forked = sys.platform == "linux" and threading.active_count() == 1
        context: Any = multiprocessing.get_context("fork" if forked else "spawn")
        if not forked:
            handle, self._state = tempfile.mkstemp(prefix="cleaner-state-", suffix=".pickle")
            with os.fdopen(handle, "wb") as state:
                pickle.dump((function, initializer, initargs), state, pickle.HIGHEST_PROTOCOL)
        try:
            for _ in range(count):
                ours, theirs = context.Pipe()
                if forked:  # a forked child has copies of this process's ends of the pipes
                    ends = [ours, *(worker.connection for worker in self._workers)]
                    args: tuple[Any, ...] = (theirs, ends, function, initializer, initargs)
                    process = context.Process(target=_serve, args=args, daemon=True)
                else:
                    process = context.Process(
                        target=_serve_from_file, args=(theirs, self._state), daemon=True
                    )
                process.start()
                theirs.close()
                self._workers.append(_Worker(process, ours))
        except BaseException:
            self._stop(at_once=True)
            raise

    def __enter__(self) -> _Workers[T, R]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop(at_once=kind is not None)

    def results(self, chunks: Iterable[list[T]], limit: int) -> Iterator[R]:
        """``function`` of every chunk, in order; at most ``limit`` chunks read and not yet
        given back."""
        source = iter(chunks)
        unsent: deque[bytes] = deque()  # read, numbered and pickled, in order
        done: dict[int, tuple[Any, BaseException | None]] = {}
        read = given = 0
        exhausted = False
        while True:
            while not exhausted and read - given < limit:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                else:
                    unsent.append(pickle.dumps((read, chunk), pickle.HIGHEST_PROTOCOL))
                    read += 1
            for worker in self._workers:
                while unsent and worker.outstanding < _AHEAD:
                    worker.send(unsent.popleft())
            while given in done:
                value, failure = done.pop(given)
                given += 1
                if failure is not None:
                    raise failure
                yield value
            if exhausted and given == read:
                return
            self._receive(done)

    def _receive(self, done: dict[int, tuple[Any, BaseException | None]]) -> None:
        """Wait for at least one result, or a worker's end, which is an error."""
        busy = [worker for worker in self._workers if worker.outstanding]
        ready = self._wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
        for worker in busy:
            if worker.connection in ready:
                try:
                    index, value, failure = pickle.loads(worker.connection.recv_bytes())
                except (EOFError, OSError):
                    raise self._broken(worker) from None
                worker.outstanding -= 1
                done[index] = (value, failure)
            elif worker.process.sentinel in ready:
                raise self._broken(worker)

    @staticmethod
    def _broken(worker: _Worker) -> RuntimeError:
        worker.process.join(1)
        code = worker.process.exitcode
        return RuntimeError(
            f"a worker process ended abruptly (exit code {code}); if at once, while "
            f"starting: {UNGUARDED}"
        )

    def _stop(self, *, at_once: bool) -> None:
        """End the workers: after their last chunk, or ``at_once`` (an error, Ctrl-C)."""
        for worker in self._workers:
            if at_once:
                worker.process.terminate()  # a sender writing to it then stops too
            if worker.sender is not None:
                worker.sender.stop()
            worker.connection.close()  # a worker waiting for a chunk reads the end
        for worker in self._workers:
            worker.process.join(None if at_once else 10)
            if worker.process.is_alive():  # pragma: no cover - a worker stuck past its end
                worker.process.kill()
                worker.process.join()
        if self._state is not None:
            os.unlink(self._state)
            self._state = None


def _serve(
    connection: Any,
    inherited: list[Any],
    function: Callable[[list[Any]], Any],
    initializer: Callable[..., None],
    initargs: tuple[Any, ...],
) -> None:
    """A worker: set up, then clean the chunks that come until the pipe ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    for other in inherited:
        other.close()
    initializer(*initargs)
    while True:
        try:
            message = connection.recv_bytes()
        except EOFError:
            return
        index, chunk = pickle.loads(message)
        reply: tuple[int, Any, Exception | None]
        try:
            reply = (index, function(chunk), None)
        except Exception as error:  # raised in the main process, in the chunk's turn
            reply = (index, None, _sendable(error))
        connection.send_bytes(pickle.dumps(reply, pickle.HIGHEST_PROTOCOL))


def _serve_from_file(connection: Any, path: str) -> None:
    """A spawned worker: its function and state read from ``path``."""
    with open(path, "rb") as handle:
        function, initializer, initargs = pickle.load(handle)
    _serve(connection, [], function, initializer, initargs)


def _sendable(error: Exception) -> Exception:
    """``error`` if it pickles, else a RuntimeError with its traceback."""
    try:
        pickle.dumps(error)
    except Exception:
        return RuntimeError(f"in a worker process:\n{traceback.format_exc()}")
    return error
