"""Run public SPARQL queries in worker processes that can be stopped for real.

pyoxigraph has no query timeout, and a query left running in a thread holds
that thread to the end. So public queries run in a small pool of worker
processes (worker.py), each with the current snapshot of the store
opened read-only (`OxigraphStore.snapshot`: a copy no process writes). A
query past its deadline has its worker killed; a fresh worker takes its
place while the others keep answering. At most `workers` queries run at
once; the rest wait their turn, and the wait counts toward their own deadline.

Nothing slow runs in the server process. A query is first screened
(screen.py, microseconds): a text that could hold SERVICE or FROM
is checked by the full guard (rdflib's parser) inside the worker, within
`check_timeout_s`; a check that takes longer is refused and its worker
replaced. Only a lookup, DESCRIBE of a few constant IRIs and nothing else, is
answered here over the same snapshot: its work is bounded by what is said
about those resources, and the round trip would double its time.

With no snapshot (the scaled set-up, where a SPARQL server answers), the
pool only checks: `check_async` returns the guard's verdict.

An async caller that finds a worker free talks to it from the event loop
(the reply is read as the pipe becomes readable, the deadline is a loop
timer); one that must wait for a worker waits in a thread, on its own clock.
Workers are started with the "spawn" method, so the program's main module must
be safe to import (`if __name__ == "__main__":`), as uvicorn's and pytest's are.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import queue
import struct
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

import pyoxigraph as ox

from ..negotiate import RDF, SPARQL_RESULTS, offer
from .screen import Screening, TooDeep, screen
from .worker import Job, Offer, answer, serve

log = logging.getLogger(__name__)

SnapshotProvider = Callable[[], "tuple[str | os.PathLike, int]"]

# The full guard's time budget. Measured with rdflib 7.6: typical queries check in 2-50 ms;
# 500 OR'd comparisons take about 1.3 s, 1,000 about 3 s, 4,000 about 16 s.
CHECK_SECONDS = 5.0

GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


class QueryTimeout(Exception):
    """The query did not finish before its deadline; its worker was killed and replaced."""


class QueryFailed(Exception):
    """The query could not be answered: an error while evaluating or writing it, or its worker stopped."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class QueryTooLarge(QueryFailed):
    """The query's worker stopped mid-query: it needed more memory than a query may use (or was killed)."""


class QueryTooComplex(QueryFailed):
    """The guard could not finish checking the query within its time budget."""


class QueryNotAcceptable(QueryFailed):
    """No format the client accepts can carry this query's results."""


@dataclass(frozen=True)
class PublicQuery:
    """One request to the public endpoint: the text, what the client accepts (`format`, a short name or
    media type, wins over `accept`), and the graphs the request names (they replace the dataset)."""
    text: str
    accept: str | None = None
    format: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """What the guard (or the screen) says of a query that may run: its form and its own dataset."""
    form: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunResult:
    """A finished answer: the document, its media type, whether rows were left out, rows (None for ASK)."""
    body: bytes
    media_type: str
    capped: bool
    rows: int | None
    elapsed_ms: float


class QueryRunner:
    """A pool of query worker processes over the current read-only snapshot.

    `snapshot_dir_provider()` returns the snapshot directory and its
    generation number; it is asked before each query (from the calling or a
    runner thread: keep it quick and thread-safe), and a worker reopens the
    store when the generation changes. Keep a snapshot directory until
    every query that could have started on it has ended (up to `timeout_s`
    after the next generation appears): workers read it lazily. With
    `snapshot_dir_provider=None` the pool only checks queries.
    """

    def __init__(self, snapshot_dir_provider: SnapshotProvider | None, *, workers: int = 2,
                 timeout_s: float = 30.0, max_rows: int = 10_000, memory_mb: int | None = 4096,
                 base_iri: str | None = None, check_timeout_s: float = CHECK_SECONDS,
                 isolate_network: bool = True, start_method: str = "spawn"):
        if workers < 1:
            raise ValueError("a query runner needs at least one worker")
        self.timeout_s, self.max_rows, self.memory_mb = timeout_s, max_rows, memory_mb
        self.base_iri, self.check_timeout_s = base_iri, check_timeout_s
        self._snapshot = snapshot_dir_provider
        self._context = multiprocessing.get_context(start_method)
        self._isolate = isolate_network
        self._lock = threading.Lock()
        self._closed = False
        self._workers: set[_Worker] = set()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._queued = 0  # threads waiting for a free worker: new async queries must not overtake them
        self._local: tuple[int, ox.Store] | None = None   # the snapshot opened here, for lookups
        for _ in range(workers):
            self._idle.put(self._start_worker())
        # One thread per running query, for async callers; queued ones wait as plain futures.
        self._threads = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gcmkg-query")

    # -- public ------------------------------------------------------------
    def run(self, query: PublicQuery) -> RunResult:
        """Answer one query, blocking until done.

        Raises QueryRefused (the guard's verdict, or Oxigraph found the query
        invalid), QueryTimeout, QueryTooComplex, QueryNotAcceptable or QueryFailed.
        """
        started = time.monotonic()
        job, lookup = self._job(query)
        if lookup:
            return self._look_up(job, started)
        return self._result(self._run(job, started, _Ticket()), started)

    async def run_async(self, query: PublicQuery) -> RunResult:
        """Like `run`, without blocking the event loop. Cancelling it stops the query's worker too."""
        started = time.monotonic()
        job, lookup = self._job(query)
        if lookup:
            # On the event loop itself: a thread hop would cost a fifth of the answer, and the
            # work is bounded (MAX_LOOKUP_RESOURCES constant IRIs, at most max_rows triples).
            return self._look_up(job, started)
        return self._result(await self._send_async(job, started), started)

    async def check_async(self, text: str) -> Verdict:
        """The guard's verdict on `text` (for queries another server answers): QueryRefused if it may
        not run, QueryTooComplex if it cannot be checked in time."""
        found = self._screen(text)
        if not found.needs_check:
            return Verdict(found.form)
        job = Job(text, True, Offer(None), Offer(None), (), (), self.max_rows, self.base_iri)
        return self._verdict(await self._send_async(job, time.monotonic()))

    def pids(self) -> list[int]:
        """Process ids of the live workers (for monitoring and tests)."""
        with self._lock:
            return sorted(w.process.pid for w in self._workers)

    def close(self) -> None:
        """Stop every worker; queries still running end with QueryFailed."""
        with self._lock:
            self._closed = True
            workers, self._workers = list(self._workers), set()
        self._threads.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.stop()

    def __enter__(self) -> QueryRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- inside ------------------------------------------------------------
    @staticmethod
    def _screen(text: str) -> Screening:
        from .guard import QueryRefused
        if not isinstance(text, str) or not text.strip():
            raise QueryRefused("malformed", "the query is empty")
        try:
            return screen(text)
        except TooDeep as error:
            raise QueryRefused("malformed", str(error)) from None

    def _job(self, query: PublicQuery) -> tuple[Job, bool]:
        from .guard import QueryRefused
        found = self._screen(query.text)
        form = found.form
        if isinstance(query.default_graphs, str) or isinstance(query.named_graphs, str):
            raise TypeError("graph URIs must be a sequence of strings, not one string")
        for iri in (*query.default_graphs, *query.named_graphs):
            try:
                ox.NamedNode(iri)
            except ValueError as error:
                raise QueryRefused("malformed", f"graph name {iri!r} is not an IRI: {error}") from None
        results, graphs = (Offer(*offer(query.accept, family, query.format)) for family in (SPARQL_RESULTS, RDF))
        wanted = graphs if form in GRAPH_FORMS else results if form else None
        if wanted is not None and wanted.media_type is None:
            raise QueryNotAcceptable(wanted.refusal)
        job = Job(query.text, found.needs_check, results, graphs, tuple(query.default_graphs),
                  tuple(query.named_graphs), self.max_rows, self.base_iri)
        return job, found.lookup and not query.default_graphs and not query.named_graphs

    def _look_up(self, job: Job, started: float) -> RunResult:
        """A lookup (query_screen) answered here, over the same snapshot."""
        if self._snapshot is None:
            raise RuntimeError("this query runner only checks queries")
        path, generation = self._snapshot()
        try:
            with self._lock:
                if self._local is None or self._local[0] != generation:
                    self._local = None      # let go of the old snapshot first, as a worker does
                    self._local = (generation, ox.Store.read_only(str(path)))
                store = self._local[1]
        except OSError as error:
            log.error("cannot open the snapshot %s: %s", path, error)
            raise QueryFailed("the store is not available right now") from None
        return self._result([answer(store, job)], started)

    def _request(self, job: Job) -> tuple:
        if self._snapshot is None:
            return (None, None, job)
        path, generation = self._snapshot()
        return (str(path), generation, job)

    def _run(self, job: Job, started: float, ticket: _Ticket) -> list[tuple]:
        if self._closed:
            raise RuntimeError("the query runner is closed")
        deadline = started + self.timeout_s
        request = self._request(job)
        with self._lock:
            self._queued += 1
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise QueryTimeout(self._timeout_message() + " (it waited for a free worker all that time)") from None
        finally:
            with self._lock:
                self._queued -= 1
        if not ticket.take(worker) or time.monotonic() >= deadline:  # given up, or out of time, while waiting
            self._idle.put(worker)
            raise QueryTimeout(self._timeout_message())
        try:
            replies = worker.exchange(request, self._deadlines(job, started))
        except (EOFError, OSError):  # the worker died: killed by a cancelled caller, by close, or by the system
            self._replace(worker)
            if ticket.abandoned:
                raise QueryTimeout(self._timeout_message()) from None
            raise self._too_large() from None
        except _PastDeadline as past:
            self._replace(worker)
            raise self._late(past, job, worker) from None
        if ticket.release():
            self._idle.put(worker)
        else:  # given up on just as it finished: the worker may have been killed
            self._replace(worker)
        return replies

    async def _send_async(self, job: Job, started: float) -> list[tuple]:
        worker = self._free_worker()
        if worker is not None:  # the usual case: no thread hop, no thread
            return await self._exchange_async(worker, job, started)
        ticket = _Ticket()
        future = asyncio.get_running_loop().run_in_executor(self._threads, partial(self._run, job, started, ticket))
        try:
            # The thread enforces the deadline once it runs; this covers the wait for a thread.
            return await asyncio.wait_for(future, timeout=self.timeout_s - (time.monotonic() - started))
        except asyncio.TimeoutError:
            ticket.abandon()
            raise QueryTimeout(self._timeout_message()) from None
        except asyncio.CancelledError:
            ticket.abandon()
            raise

    def _deadlines(self, job: Job, started: float) -> list[tuple[float, str]]:
        """When each reply must have come: the check's (if any), then the answer's (if any)."""
        deadline = started + self.timeout_s
        steps = [(min(deadline, time.monotonic() + self.check_timeout_s), "check")] if job.check else []
        if self._snapshot is not None:
            steps.append((deadline, "query"))
        return steps

    def _free_worker(self) -> _Worker | None:
        """An idle worker ready for a query, unless none is or queries already wait for one."""
        if self._closed or self._queued:
            return None
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            return None
        try:
            ready = worker.greeted()
        except (EOFError, OSError):  # died before it said hello: a fresh one takes its place
            self._replace(worker)
            return None
        if not ready:  # just started: its first words are still on their way
            self._idle.put(worker)
            return None
        return worker

    async def _exchange_async(self, worker: _Worker, job: Job, started: float) -> list[tuple]:
        replies: list[tuple] = []
        try:
            # A request is small and the worker is waiting for it: sending does not block the loop.
            worker.conn.send(self._request(job))
            buffer = bytearray()
            for deadline, step in self._deadlines(job, started):
                replies.append(await _reply(worker.conn, deadline, buffer))
                if step == "check" and replies[-1][0] != "checked":
                    break
        except TimeoutError:
            self._replace(worker)
            step = "check" if job.check and not replies else "query"
            raise self._late(_PastDeadline(step), job, worker) from None
        except (EOFError, OSError):  # the worker died: killed by close, or by the system
            self._replace(worker)
            raise self._too_large() from None
        except BaseException:  # cancelled: the worker may still be running the query
            self._replace(worker)
            raise
        self._idle.put(worker)
        return replies

    def _verdict(self, replies: list[tuple]) -> Verdict:
        status, *payload = replies[0]
        if status == "refused":
            from .guard import QueryRefused
            raise QueryRefused(*payload)
        return Verdict(*payload)

    def _result(self, replies: list[tuple], started: float) -> RunResult:
        if replies[0][0] in ("checked", "refused"):
            self._verdict(replies)
            replies = replies[1:]
        status, *payload = replies[0]
        if status == "malformed":
            from .guard import QueryRefused
            raise QueryRefused("malformed", *payload)
        if status == "not-acceptable":
            raise QueryNotAcceptable(payload[0])
        if status != "ok":
            raise QueryFailed(payload[0])
        body, media_type, capped, rows = payload
        return RunResult(body, media_type, capped, rows, (time.monotonic() - started) * 1000)

    def _late(self, past: _PastDeadline, job: Job, worker: _Worker) -> Exception:
        if past.step == "check":
            log.warning("query check passed %g s; worker %s killed: %.200s", self.check_timeout_s,
                        worker.process.pid, job.text)
            return QueryTooComplex(
                f"the query could not be checked within {self.check_timeout_s:g} s: it is too long or "
                "complex for the public endpoint (a long chain of || or && is the usual cause; "
                "VALUES or IN is much cheaper)")
        log.warning("query stopped after %g s; worker %s killed: %.200s", self.timeout_s,
                    worker.process.pid, job.text)
        return QueryTimeout(self._timeout_message())

    def _too_large(self) -> QueryTooLarge:
        limit = f" (a query may use {self.memory_mb:,} MiB)" if self.memory_mb else ""
        return QueryTooLarge(f"the query was stopped: it needed more memory than the server gives one query{limit}")

    def _timeout_message(self) -> str:
        return f"the query did not finish within {self.timeout_s:g} s and was stopped"

    def _start_worker(self) -> _Worker:
        worker = _Worker(self._context, self._isolate, self.memory_mb)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return
        self._idle.put(self._start_worker())


class _PastDeadline(Exception):
    def __init__(self, step: str):
        super().__init__(step)
        self.step = step


async def _reply(conn, deadline: float, buffer: bytearray):
    """The worker's next reply on `conn`, read from the event loop as it arrives; TimeoutError at `deadline`.

    It is read in the framing of multiprocessing's Connection.send (a 4-byte
    big-endian length, or -1 and an 8-byte one, then the pickle), from a
    duplicate of the pipe, so that whoever closes the connection meanwhile
    (a runner being closed) cannot pull the descriptor from under the loop.
    `buffer` carries bytes read past one reply over to the next. EOFError if the worker dies first.
    """
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    def complete() -> bool:
        if len(buffer) < 4:
            return False
        start, size = 4, struct.unpack("!i", buffer[:4])[0]
        if size == -1:
            if len(buffer) < 12:
                return False
            start, size = 12, struct.unpack("!Q", buffer[4:12])[0]
        if len(buffer) < start + size:
            return False
        message = pickle.loads(memoryview(buffer)[start:start + size])
        del buffer[:start + size]
        done.set_result(message)
        return True

    if complete():
        return done.result()
    fd = os.dup(conn.fileno())

    def readable() -> None:
        if done.done():  # timed out just as the reply came
            return
        try:
            chunk = os.read(fd, 1 << 20)  # readable: returns what is there, never blocks
        except OSError as error:
            done.set_exception(error)
            return
        if not chunk:
            done.set_exception(EOFError("the worker closed its pipe"))
            return
        buffer.extend(chunk)
        complete()

    def expire() -> None:
        if not done.done():
            done.set_exception(TimeoutError())

    loop.add_reader(fd, readable)
    timer = loop.call_later(max(0.0, deadline - time.monotonic()), expire)
    try:
        return await done
    finally:
        timer.cancel()
        loop.remove_reader(fd)
        os.close(fd)


class _Ticket:
    """One query's claim on a worker, so an async caller that gives up can stop the worker it holds."""

    def __init__(self):
        self._lock = threading.Lock()
        self.worker: _Worker | None = None
        self.abandoned = False

    def take(self, worker: _Worker) -> bool:
        with self._lock:
            if not self.abandoned:
                self.worker = worker
            return not self.abandoned

    def release(self) -> bool:
        """Done with the worker; False if the caller gave up meanwhile (the worker may be dead)."""
        with self._lock:
            self.worker = None
            return not self.abandoned

    def abandon(self) -> None:
        with self._lock:
            self.abandoned = True
            if self.worker is not None:
                self.worker.kill()  # the thread waiting on it sees the pipe close and replaces it


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context, isolate_network: bool, memory_mb: int | None = None):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child, isolate_network, memory_mb),
                                       name="gcmkg-query-worker", daemon=True)
        self.process.start()
        child.close()
        self.isolated: bool | None = None  # known once the worker has said hello
        self._lock = threading.Lock()  # a caller giving up may kill it while another thread stops it

    def greeted(self) -> bool:
        """Whether the worker has said hello (it then waits for requests); never blocks."""
        if self.isolated is None and self.conn.poll(0):
            self.isolated = self.conn.recv()
        return self.isolated is not None

    def exchange(self, request: tuple, deadlines: list[tuple[float, str]]) -> list[tuple]:
        """Send one request and read a reply by each deadline; _PastDeadline names the step that was late."""
        if self.isolated is None:
            if not self.conn.poll(max(0.0, deadlines[0][0] - time.monotonic())):
                raise _PastDeadline(deadlines[0][1])
            self.isolated = self.conn.recv()
        self.conn.send(request)
        replies = []
        for deadline, step in deadlines:
            if not self.conn.poll(max(0.0, deadline - time.monotonic())):
                raise _PastDeadline(step)
            replies.append(self.conn.recv())
            if step == "check" and replies[-1][0] != "checked":
                break
        return replies

    def kill(self) -> None:
        with self._lock:
            if self.process.exitcode is None:
                self.process.kill()

    def stop(self) -> None:
        with self._lock:
            if self.process.exitcode is None:
                self.process.kill()
            self.process.join()
        self.conn.close()
