"""The sandboxed query worker: one process that checks and answers public SPARQL queries.

It runs apart from the server so that it can be stopped for real: pyoxigraph
has no timeout, and rdflib's parser (the guard) holds the GIL for as long as
a long expression takes to read. The server (pool.py) kills a
worker that passes its deadline and starts a fresh one.

When it starts, a worker caps its memory, leaves the network (an empty Linux
network namespace, where the kernel allows it), and watches its parent: a
server killed with SIGKILL leaves no worker running on. Its imports are kept
light (pyoxigraph and the result writers); rdflib is imported only the first
time a query needs the full guard.

The conversation on the pipe, after the worker's hello (whether it left the
network):
    server -> worker   (snapshot path or None, generation, Job)
    worker -> server   ("checked", form, default_graphs, named_graphs) | ("refused", kind, detail, position)
                       -- only when the job asks for the check --
    worker -> server   ("ok", media_type, body, capped, rows) | ("malformed", detail, position)
                       | ("not-acceptable", detail) | ("failed", detail)
                       -- unless the path is None (check only) or the check refused --
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import os
import re
import resource
import sys
import threading
import time
from typing import NamedTuple

import pyoxigraph as ox

from .result_formats import write_boolean, write_select

log = logging.getLogger(__name__)

# Deep enough for the guard's parser at the deepest nesting the screen lets through
# (query_screen.MAX_NESTING); the guard parses on a thread with a large stack.
_RECURSION_LIMIT = 60_000
_WATCH_PARENT_S = 0.5


class Offer(NamedTuple):
    """The media type chosen for one family of results (SELECT/ASK, or graphs), or why none fits."""
    media_type: str | None
    refusal: str | None = None


class Job(NamedTuple):
    """One query for a worker: what the server already decided about it."""
    text: str
    check: bool                      # run the full guard first
    results: Offer                   # for SELECT and ASK
    graphs: Offer                    # for CONSTRUCT and DESCRIBE
    default_graphs: tuple[str, ...]  # the request's default-graph-uri (replaces the dataset)
    named_graphs: tuple[str, ...]    # the request's named-graph-uri
    max_rows: int
    base_iri: str | None


class Answer(NamedTuple):
    body: bytes
    media_type: str
    capped: bool
    rows: int | None


class NotAcceptable(Exception):
    """No offered format fits the query's form."""


def evaluate(store: ox.Store, job: Job, query_dataset: bool = False) -> Answer:
    """Answer `job` over `store`. `query_dataset`: the query names its own graphs (FROM / FROM NAMED),
    which must then be its dataset; otherwise the default graph is the union of the named graphs.

    Raises SyntaxError (Oxigraph found the query invalid), NotAcceptable, or whatever evaluation raises.
    """
    if job.default_graphs or job.named_graphs:
        # The SPARQL protocol: graphs named in the request replace the whole dataset.
        options = {"default_graph": [ox.NamedNode(g) for g in job.default_graphs],
                   "named_graphs": [ox.NamedNode(g) for g in job.named_graphs]}
    elif query_dataset:
        options = {}   # Oxigraph takes the query's FROM and FROM NAMED; the union flag would override them
    else:
        options = {"use_default_graph_as_union": True}
    results = store.query(job.text, base_iri=job.base_iri, **options)
    graph_form = isinstance(results, ox.QueryTriples)
    offer = job.graphs if graph_form else job.results
    if offer.media_type is None:
        raise NotAcceptable(offer.refusal or "no acceptable format")
    if isinstance(results, ox.QueryBoolean):
        return Answer(write_boolean(bool(results), offer.media_type), offer.media_type, False, None)
    if not graph_form:
        written = write_select([v.value for v in results.variables], results, offer.media_type,
                               max_rows=job.max_rows)
        return Answer(written.body, offer.media_type, written.capped, written.rows)
    triples = list(itertools.islice(results, job.max_rows + 1))
    capped = len(triples) > job.max_rows
    del triples[job.max_rows:]
    return Answer(ox.serialize(triples, format=ox.RdfFormat.from_media_type(offer.media_type)), offer.media_type,
                  capped, len(triples))


_POSITION = re.compile(r"error at (\d+):(\d+)")
_PNAME_END = re.compile(r"((?:[^\W\d][\w.-]*)?):[\w.-]*$")


def explain_syntax_error(text: str, error: SyntaxError) -> tuple[str, tuple[int, int] | None]:
    """Oxigraph's syntax error as a reader wants it: what is wrong and where (line, column)."""
    message = str(error)
    found = _POSITION.search(message)
    position = (int(found.group(1)), int(found.group(2))) if found else None
    if "Prefix not found" in message and position:
        line = text.splitlines()[position[0] - 1] if position[0] <= len(text.splitlines()) else ""
        pname = _PNAME_END.search(line[: position[1] - 1])
        if pname:
            prefix = pname.group(1)
            return (f"the prefix '{prefix}:' is not declared (add PREFIX {prefix}: <...> before the query), "
                    f"at line {position[0]}, column {position[1]}"), position
    first = message.splitlines()[0] if message else "syntax error"
    return f"the query is not valid SPARQL: {first}", position


def serve(conn, isolate_network: bool, memory_mb: int | None = None) -> None:
    """The worker's main loop (the target of its process)."""
    _limit_memory(memory_mb)
    isolated = _leave_network() if isolate_network else False   # while this process has one thread
    if isolate_network and not isolated:
        log.warning("query worker %s could not leave the network; the query guard alone keeps SERVICE out",
                    os.getpid())
    _watch_parent()
    sys.setrecursionlimit(_RECURSION_LIMIT)
    conn.send(isolated)
    store, generation = None, None
    while True:
        try:
            path, wanted, job = conn.recv()
        except (EOFError, OSError):
            return
        dataset = False
        if job.check:
            verdict = _check(job.text)
            conn.send(verdict)
            if verdict[0] != "checked" or path is None:
                continue
            dataset = bool(verdict[2] or verdict[3])
        if wanted != generation:
            store, generation = None, None  # let go of the old snapshot before opening the new
            try:
                store, generation = ox.Store.read_only(path), wanted
            except OSError as error:
                log.error("query worker cannot open the snapshot %s: %s", path, error)
                conn.send(("failed", "the store is not available right now"))  # no server paths in public answers
                continue
        conn.send(answer(store, job, dataset))


def answer(store: ox.Store, job: Job, query_dataset: bool = False) -> tuple:
    """The reply for one job, as sent on the pipe (also used for lookups answered in the server)."""
    try:
        return ("ok", *evaluate(store, job, query_dataset))
    except SyntaxError as error:
        return ("malformed", *explain_syntax_error(job.text, error))
    except NotAcceptable as error:
        return ("not-acceptable", str(error))
    except Exception as error:  # noqa: BLE001 - every failure goes back to the caller as text
        return ("failed", f"{error}")


def _check(text: str) -> tuple:
    from .guard import QueryRefused, check_query   # rdflib, only once a query needs it
    try:
        checked = check_query(text)
    except QueryRefused as refused:
        return ("refused", refused.kind, refused.detail, refused.position)
    return ("checked", checked.form, checked.default_graphs, checked.named_graphs)


def _watch_parent() -> None:
    """Exit as soon as the parent is gone (killed with SIGKILL, it cannot stop us itself): a query
    running on without a deadline would hold a core. PR_SET_PDEATHSIG would fire when the parent's
    *thread* that started us ends, which in a thread pool is any time, so the parent is polled."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_PARENT_S)
        os._exit(1)

    threading.Thread(target=watch, name="gcmkg-parent-watch", daemon=True).start()


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
