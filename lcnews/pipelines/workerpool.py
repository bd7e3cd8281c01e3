"""Extraction worker processes driven from the crawl's asyncio loop, without threads.

`concurrent.futures.ProcessPoolExecutor` moves every task through helper threads; in a busy Scrapy
process those threads fight the crawl loop for the GIL (measured: 2.5 ms stalls per submitted page,
slower than extracting in-process). Here each worker is a child process speaking length-prefixed
pickles over its stdin/stdout, read and written by the asyncio loop itself.

``PoolMap`` drives the same pool from synchronous code (``lcnews reextract``, ``lcnews
rebuild-index``): ``pool_map(func, batches)`` is an ordered, lazy ``map`` whose calls run in the
workers, with the pool's loop in a thread of its own.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import itertools
import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, Self, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_HEADER = struct.Struct("!Q")


class WorkerCrashed(RuntimeError):
    """The worker process died while this page was queued on it."""


class _Worker:
    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self.reader_task: asyncio.Task[None] | None = None


class AsyncWorkerPool:
    """N child processes running `lcnews.pipelines.workers` jobs; `await pool.run(arg)`."""

    def __init__(self, size: int, init_args: tuple[Any, ...]) -> None:
        self.size = max(1, size)
        self.init_args = init_args
        self.workers: list[_Worker] = []
        self._seq = itertools.count()

    async def start(self) -> None:
        """Spawn the workers and wait until each has loaded the extractor: pages the crawl fetches
        from then on are extracted (and archived) at once, not queued behind a second of imports."""
        for _ in range(self.size):
            self.workers.append(await self._spawn())
        for worker in self.workers:
            ready = worker.pending.get(-1)
            if ready is not None:
                await ready

    async def _spawn(self) -> _Worker:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "lcnews.pipelines.workers",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        worker = _Worker(proc)
        worker.pending[-1] = asyncio.get_running_loop().create_future()  # answered once initialised
        self._send(worker, -1, self.init_args)
        worker.reader_task = asyncio.ensure_future(self._read(worker))
        return worker

    def _send(self, worker: _Worker, seq: int, payload: Any) -> None:
        data = pickle.dumps((seq, payload), protocol=pickle.HIGHEST_PROTOCOL)
        assert worker.proc.stdin is not None
        worker.proc.stdin.write(_HEADER.pack(len(data)) + data)

    async def _read(self, worker: _Worker) -> None:
        stdout = worker.proc.stdout
        assert stdout is not None
        try:
            while True:
                size = _HEADER.unpack(await stdout.readexactly(_HEADER.size))[0]
                seq, ok, value = pickle.loads(await stdout.readexactly(size))
                fut = worker.pending.pop(seq, None)
                if fut is not None and not fut.done():
                    if ok:
                        fut.set_result(value)
                    else:
                        fut.set_exception(RuntimeError(value))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        for fut in worker.pending.values():
            if not fut.done():
                fut.set_exception(WorkerCrashed("extraction worker exited"))
        worker.pending.clear()

    async def run(self, payload: Any, timeout: float | None = None) -> Any:
        worker = min(self.workers, key=lambda w: len(w.pending))
        if worker.proc.returncode is not None or worker.reader_task is None or worker.reader_task.done():
            await self._replace(worker)
            worker = min(self.workers, key=lambda w: len(w.pending))
        seq = next(self._seq)
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        worker.pending[seq] = fut
        self._send(worker, seq, payload)
        assert worker.proc.stdin is not None
        await worker.proc.stdin.drain()
        try:
            return await asyncio.wait_for(asyncio.shield(fut), timeout)
        except TimeoutError:
            # A page that hangs its worker: kill that worker; its other pages fail as crashed.
            worker.proc.kill()
            raise

    async def _replace(self, worker: _Worker) -> None:
        if worker in self.workers:
            self.workers.remove(worker)
        if worker.proc.returncode is None:
            worker.proc.kill()
        await worker.proc.wait()  # reap it: no zombie, no "still running" warning
        if worker.reader_task is not None:
            await worker.reader_task
        self.workers.append(await self._spawn())

    async def close(self) -> None:
        for worker in self.workers:
            if worker.proc.stdin is not None and not worker.proc.stdin.is_closing():
                worker.proc.stdin.close()
        for worker in self.workers:
            try:
                await asyncio.wait_for(worker.proc.wait(), 10)
            except TimeoutError:
                worker.proc.kill()
                await worker.proc.wait()
            if worker.reader_task is not None:
                await worker.reader_task
        self.workers.clear()


class PoolMap:
    """An ordered, lazy ``map`` over worker processes, for synchronous callers.

    ``with PoolMap(n) as pool_map: for out in pool_map(func, items): ...`` calls ``func(item)`` in
    the workers (``func`` must be importable: it travels by name), ``ahead`` items per worker in
    flight, and yields the results in the order of ``items``, which are read in the calling thread
    only as results are taken (a database cursor may feed it). An exception ``func`` raises ends
    the map as ``RuntimeError``; a worker that dies raises ``WorkerCrashed`` (and is replaced).
    """

    def __init__(self, size: int, init_args: tuple[Any, ...] = (None, None), *, ahead: int = 2) -> None:
        self.pool = AsyncWorkerPool(size, init_args)
        self.ahead = max(1, ahead)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Self:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="lcnews-pool", daemon=True)
        self._thread.start()
        try:
            self._call(self.pool.start())
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self._call(self.pool.close())
        finally:
            self._stop()

    def _call(self, coro: Any) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def _stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()
        self._loop = self._thread = None

    def __call__(self, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        assert self._loop is not None, "PoolMap used outside its with-block"
        loop = self._loop
        pending: collections.deque[concurrent.futures.Future[R]] = collections.deque()
        source = iter(items)
        limit = self.ahead * self.pool.size

        def submit() -> bool:
            for item in source:
                pending.append(asyncio.run_coroutine_threadsafe(self.pool.run((func, item)), loop))
                return True
            return False

        try:
            while len(pending) < limit and submit():
                pass
            while pending:
                result = pending.popleft().result()
                submit()
                yield result
        finally:
            for fut in pending:  # the caller stopped early: the rest are not needed
                fut.cancel()


def serve(stdin: Any, stdout: Any, handlers: dict[str, Any]) -> None:
    """Worker side: read (seq, payload) frames, answer (seq, ok, value); seq -1 initialises."""
    while True:
        head = stdin.read(_HEADER.size)
        if len(head) < _HEADER.size:
            return
        seq, payload = pickle.loads(stdin.read(_HEADER.unpack(head)[0]))
        try:
            value = handlers["init"](*payload) if seq == -1 else handlers["run"](payload)
            out = (seq, True, value)
        except Exception as exc:  # noqa: BLE001 - any failure is this page's, reported to the crawl
            out = (seq, False, f"{type(exc).__name__}: {exc}")
        data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.write(_HEADER.pack(len(data)) + data)
        stdout.flush()
