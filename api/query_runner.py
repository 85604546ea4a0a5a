"""Run public SPARQL queries in worker processes that can be stopped for real.

pyoxigraph has no query timeout, and a query left running in a thread holds
that thread to the end. So public queries run in a small pool of worker
processes, each with the current snapshot of the store opened read-only
(`OxigraphStore.snapshot`: a copy no process writes). A query past its
deadline has its worker killed; a fresh worker takes its place while the
others keep answering. At most `workers` queries run at once; the rest wait
their turn, and the wait counts toward their own deadline.

A lookup, a DESCRIBE of a few named resources with no WHERE clause (what
linked-data clients send), is answered in the calling process over the same
snapshot: its work is bounded by what is said about those resources, so it
needs no killable worker, and the round trip would double its time.

Every query passes the query guard first (no SERVICE, no updates). As a
second line, each worker leaves the network when it starts (an empty Linux
network namespace, where the kernel allows it), so even a query that fooled
the guard's parser could reach no address.

Workers get the query text and a few options, and send back finished bytes:
the round trip costs a fraction of a millisecond on top of Oxigraph itself.
An async caller that finds a worker free talks to it from the event loop
(the reply is read as the pipe becomes readable, the deadline is a loop
timer); one that must wait for a worker waits in a thread, on its own clock.
They are started with the "spawn" method, so the program's main module must be
safe to import (`if __name__ == "__main__":`), as uvicorn's and pytest's are.
"""

from __future__ import annotations

import asyncio
import ctypes
import itertools
import logging
import multiprocessing
import os
import pickle
import queue
import resource
import struct
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

import pyoxigraph as ox

from .result_formats import MEDIA_TYPES as RESULT_MEDIA_TYPES
from .result_formats import write_boolean, write_select

log = logging.getLogger(__name__)

RDF_MEDIA_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}

SnapshotProvider = Callable[[], "tuple[str | os.PathLike, int]"]


class QueryTimeout(Exception):
    """The query did not finish before its deadline; its worker was killed and replaced."""


class QueryFailed(Exception):
    """The query could not be answered: an error while evaluating or writing it, or its worker stopped."""

    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class QueryTooLarge(QueryFailed):
    """The query's worker stopped mid-query: it needed more memory than a query may use (or was killed)."""


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
    after the next generation appears): workers read it lazily.
    """

    def __init__(self, snapshot_dir_provider: SnapshotProvider, *, workers: int = 2,
                 timeout_s: float = 30.0, max_rows: int = 10_000, memory_mb: int | None = 4096,
                 isolate_network: bool = True, start_method: str = "spawn"):
        if workers < 1:
            raise ValueError("a query runner needs at least one worker")
        self.timeout_s, self.max_rows, self.memory_mb = timeout_s, max_rows, memory_mb
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
    def run(self, query_text: str, form: str, *, result_format: str,
            default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = (),
            union_default_graph: bool = True) -> RunResult:
        """Answer one query, blocking until done.

        Raises QueryRefused (the guard's verdict, or Oxigraph found the query
        invalid), QueryTimeout, or QueryFailed; ValueError when `form` or
        `result_format` do not fit the query (a bug in the caller).
        """
        started = time.monotonic()
        job, lookup = self._job(query_text, form, result_format, default_graph_uris, named_graph_uris,
                                union_default_graph)
        if lookup:
            return self._look_up(job, started)
        return self._run(job, started, _Ticket())

    async def run_async(self, query_text: str, form: str, *, result_format: str,
                        default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = (),
                        union_default_graph: bool = True) -> RunResult:
        """Like `run`, without blocking the event loop. Cancelling it stops the query's worker too."""
        started = time.monotonic()
        job, lookup = self._job(query_text, form, result_format, default_graph_uris, named_graph_uris,
                                union_default_graph)
        if lookup:
            # On the event loop itself: a thread hop would cost a fifth of the answer, and the
            # work is bounded (MAX_LOOKUP_RESOURCES resources, at most max_rows triples).
            return self._look_up(job, started)
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
    def _job(self, text, form, media_type, default_graphs, named_graphs, union) -> tuple:
        from .query_guard import QueryRefused, check_query  # here, so workers never import rdflib

        checked = check_query(text)
        if checked.form != form:
            raise ValueError(f"the query is a {checked.form} query, not {form}")
        allowed = RESULT_MEDIA_TYPES if form in ("SELECT", "ASK") else RDF_MEDIA_TYPES
        if media_type not in allowed:
            raise ValueError(f"{form} results cannot be written as {media_type!r}; "
                             f"expected one of {', '.join(allowed)}")
        for iri in (*_graph_names(default_graphs), *_graph_names(named_graphs)):
            try:
                ox.NamedNode(iri)
            except ValueError as error:
                raise QueryRefused("malformed", f"graph name {iri!r} is not an IRI: {error}") from None
        job = (text, form, media_type, tuple(default_graphs), tuple(named_graphs), union, self.max_rows)
        return job, checked.lookup and not default_graphs and not named_graphs

    def _look_up(self, job: tuple, started: float) -> RunResult:
        """A lookup (query_guard.CheckedQuery.lookup) answered here, over the same snapshot: its work is
        bounded, so it needs no killable worker, and skipping the round trip halves its time."""
        from .query_guard import QueryRefused
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
        try:
            body, capped, rows = _evaluate(store, *job)
        except SyntaxError as error:
            raise QueryRefused("malformed", f"the query is not valid SPARQL: {error}") from None
        except Exception as error:  # noqa: BLE001 - as from a worker: the caller gets the text
            raise QueryFailed(f"{error}") from None
        return RunResult(body, job[2], capped, rows, (time.monotonic() - started) * 1000)

    def _run(self, job: tuple, started: float, ticket: _Ticket) -> RunResult:
        if self._closed:
            raise RuntimeError("the query runner is closed")
        deadline = started + self.timeout_s
        path, generation = self._snapshot()
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
            reply = worker.exchange((str(path), generation, *job), deadline - time.monotonic())
        except (EOFError, OSError):  # the worker died: killed by a cancelled caller, by close, or by the system
            self._replace(worker)
            if ticket.abandoned:
                raise QueryTimeout(self._timeout_message()) from None
            raise self._too_large() from None
        if reply is None:
            log.warning("query stopped after %g s; worker %s killed: %.200s",
                        self.timeout_s, worker.process.pid, job[0])
            self._replace(worker)
            raise QueryTimeout(self._timeout_message())
        if ticket.release():
            self._idle.put(worker)
        else:  # given up on just as it finished: the worker may have been killed
            self._replace(worker)
        return self._result(reply, job, started)

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

    async def _exchange_async(self, worker: _Worker, job: tuple, started: float) -> RunResult:
        path, generation = self._snapshot()
        try:
            # A request is small and the worker is waiting for it: sending does not block the loop.
            worker.conn.send((str(path), generation, *job))
            reply = await _reply(worker.conn, started + self.timeout_s)
        except TimeoutError:
            log.warning("query stopped after %g s; worker %s killed: %.200s",
                        self.timeout_s, worker.process.pid, job[0])
            self._replace(worker)
            raise QueryTimeout(self._timeout_message()) from None
        except (EOFError, OSError):  # the worker died: killed by close, or by the system
            self._replace(worker)
            raise self._too_large() from None
        except BaseException:  # cancelled: the worker may still be running the query
            self._replace(worker)
            raise
        self._idle.put(worker)
        return self._result(reply, job, started)

    def _result(self, reply: tuple, job: tuple, started: float) -> RunResult:
        status, *payload = reply
        if status == "malformed":
            from .query_guard import QueryRefused
            raise QueryRefused("malformed", payload[0])
        if status != "ok":
            raise QueryFailed(payload[0])
        body, capped, rows = payload
        return RunResult(body, job[2], capped, rows, (time.monotonic() - started) * 1000)

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


async def _reply(conn, deadline: float):
    """The worker's reply on `conn`, read from the event loop as it arrives; TimeoutError at `deadline`.

    It is read in the framing of multiprocessing's Connection.send (a 4-byte
    big-endian length, or -1 and an 8-byte one, then the pickle), from a
    duplicate of the pipe, so that whoever closes the connection meanwhile
    (a runner being closed) cannot pull the descriptor from under the loop.
    EOFError if the worker dies first.
    """
    loop = asyncio.get_running_loop()
    fd = os.dup(conn.fileno())
    done = loop.create_future()
    buffer = bytearray()

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
        if len(buffer) < 4:
            return
        start, size = 4, struct.unpack("!i", buffer[:4])[0]
        if size == -1:
            if len(buffer) < 12:
                return
            start, size = 12, struct.unpack("!Q", buffer[4:12])[0]
        if len(buffer) >= start + size:
            done.set_result(pickle.loads(memoryview(buffer)[start:start + size]))

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


def _graph_names(uris: Sequence[str]) -> Sequence[str]:
    if isinstance(uris, str):  # a lone string would be taken for a list of one-letter graph names
        raise TypeError("graph URIs must be a sequence of strings, not one string")
    return uris


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
        self.process = context.Process(target=_serve, args=(child, isolate_network, memory_mb),
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

    def exchange(self, request: tuple, timeout: float):
        """Send one request and wait for the reply; None if `timeout` passes first."""
        deadline = time.monotonic() + timeout
        if self.isolated is None:
            if not self.conn.poll(max(0.0, timeout)):
                return None
            self.isolated = self.conn.recv()
        self.conn.send(request)
        if not self.conn.poll(max(0.0, deadline - time.monotonic())):
            return None
        return self.conn.recv()

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


# -- the worker process --------------------------------------------------------
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


def _leave_network() -> bool:
    """Move this process into a new, empty network namespace: no address is reachable from it.

    Must run while the process has one thread. Needs Linux with user
    namespaces (or root); elsewhere the query guard is the only line.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return any(libc.unshare(flags) == 0 for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET))
    except (OSError, AttributeError):
        return False


def _limit_memory(memory_mb: int | None) -> None:
    """Cap this process's address space: a query that needs more fails its allocation, and Oxigraph
    (Rust) then aborts the process, which the runner sees as a worker that stopped mid-query."""
    if memory_mb:
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _serve(conn, isolate_network: bool, memory_mb: int | None = None) -> None:
    _limit_memory(memory_mb)
    isolated = _leave_network() if isolate_network else False
    if isolate_network and not isolated:
        log.warning("query worker %s could not leave the network; the query guard alone keeps SERVICE out",
                    os.getpid())
    conn.send(isolated)
    store, generation = None, None
    while True:
        try:
            path, wanted, *job = conn.recv()
        except (EOFError, OSError):
            return
        if wanted != generation:
            store, generation = None, None  # let go of the old snapshot before opening the new
            try:
                store, generation = ox.Store.read_only(path), wanted
            except OSError as error:
                log.error("query worker cannot open the snapshot %s: %s", path, error)
                conn.send(("failed", "the store is not available right now"))  # no server paths in public answers
                continue
        try:
            reply = ("ok", *_evaluate(store, *job))
        except SyntaxError as error:  # rdflib read it, Oxigraph finds it wrong (e.g. an ungrouped variable)
            reply = ("malformed", f"the query is not valid SPARQL: {error}")
        except Exception as error:  # noqa: BLE001 - every failure goes back to the caller as text
            reply = ("failed", f"{error}")
        conn.send(reply)


def _evaluate(store: ox.Store, text: str, form: str, media_type: str, default_graphs: tuple,
              named_graphs: tuple, union: bool, max_rows: int) -> tuple[bytes, bool, int | None]:
    if default_graphs or named_graphs:
        # The SPARQL protocol: graphs named in the request replace the whole dataset.
        options = {"default_graph": [ox.NamedNode(g) for g in default_graphs],
                   "named_graphs": [ox.NamedNode(g) for g in named_graphs]}
    else:
        options = {"use_default_graph_as_union": union}
    results = store.query(text, **options)
    if form == "ASK":
        return write_boolean(bool(results), media_type), False, None
    if form == "SELECT":
        written = write_select([v.value for v in results.variables], results, media_type, max_rows=max_rows)
        return written.body, written.capped, written.rows
    triples = list(itertools.islice(results, max_rows + 1))
    capped = len(triples) > max_rows
    del triples[max_rows:]
    return ox.serialize(triples, format=RDF_MEDIA_TYPES[media_type]), capped, len(triples)
