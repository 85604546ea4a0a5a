"""Public queries run in worker processes over a read-only snapshot, and runaway ones are stopped for real."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import socket
import threading
import time

import pyoxigraph as ox
import pytest
from pyoxigraph import Literal, NamedNode, Quad

from gcmkg.api.sparql import pool as query_runner
from gcmkg.api.sparql import QueryRefused
from gcmkg.api.sparql.pool import PublicQuery, QueryFailed, QueryNotAcceptable, QueryRunner, QueryTimeout
from gcmkg.api.sparql.worker import Job, Offer
from gcmkg.api.sparql.result_formats import JSON, TSV
from gcmkg.graph.oxigraph_store import OxigraphStore

EX = "http://example.org/"
GRAPHS = 10
TRIPLES = 3000
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?o1 . ?b ?p2 ?o2 . ?c ?p3 ?o3 . ?d ?p4 ?o4 }")


def practice_quads(start: int, count: int):
    for i in range(start, start + count):
        yield Quad(NamedNode(f"{EX}practice/{i}"), NamedNode(f"{EX}title"),
                   Literal(f"Practice {i}", language="en"), NamedNode(f"{EX}graph/{i % GRAPHS}"))


class Snapshots:
    """What the server does: a store, and a fresh snapshot after each write."""

    def __init__(self, root):
        self.root, self.generation = root, 0
        self.store = OxigraphStore(root / "db")
        self.store.raw.extend(practice_quads(0, TRIPLES))
        self.take()

    def take(self):
        self.generation += 1
        self.path = self.store.snapshot(self.root / f"snap-{self.generation}")

    def __call__(self):
        return self.path, self.generation


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    snapshots = Snapshots(tmp_path_factory.mktemp("runner"))
    yield snapshots
    snapshots.store.close()


@pytest.fixture(scope="module")
def runner(snapshots):
    with QueryRunner(snapshots, workers=2, timeout_s=2.0, max_rows=1000) as runner:
        yield runner


def run(runner, text, **request):
    return runner.run(PublicQuery(text, **request))


def run_async(runner, text, **request):
    return runner.run_async(PublicQuery(text, **request))


def bindings(result) -> list[dict]:
    return json.loads(result.body)["results"]["bindings"]


class Listener:
    """A bare TCP server on loopback that records every connection it gets."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self.socket.close()


@pytest.fixture
def listener():
    listener = Listener()
    yield listener
    listener.close()


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def dead(pid: int) -> bool:
    """Gone, or a zombie its parent has not reaped yet."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


# -- answers -----------------------------------------------------------------
def test_select_is_answered_in_the_requested_format(runner):
    result = run(runner, f"SELECT ?title WHERE {{ <{EX}practice/7> <{EX}title> ?title }}",
                        format=JSON)
    assert result.media_type == JSON and result.rows == 1 and not result.capped
    assert bindings(result) == [{"title": {"type": "literal", "value": "Practice 7", "xml:lang": "en"}}]
    assert result.elapsed_ms > 0


def test_ask_construct_and_describe_are_answered(runner):
    assert run(runner, f"ASK {{ <{EX}practice/1> ?p ?o }}", format=TSV).body == b"true"
    construct = run(runner, f"CONSTRUCT WHERE {{ <{EX}practice/1> ?p ?o }}", format="text/turtle")
    assert construct.media_type == "text/turtle" and construct.rows == 1
    assert [q.triple for q in ox.parse(construct.body, format=ox.RdfFormat.TURTLE)] == [
        ox.Triple(NamedNode(f"{EX}practice/1"), NamedNode(f"{EX}title"), Literal("Practice 1", language="en"))]
    describe = run(runner, f"DESCRIBE <{EX}practice/2>", format="application/ld+json")
    assert json.loads(describe.body)[0]["@id"] == f"{EX}practice/2"


def test_big_select_stops_at_max_rows_and_says_it_was_capped(runner):
    result = run(runner, "SELECT * WHERE { ?s ?p ?o }", format=JSON)
    assert result.capped and result.rows == 1000 and len(bindings(result)) == 1000


def test_big_construct_stops_at_max_rows_too(runner):
    result = run(runner, "CONSTRUCT WHERE { ?s ?p ?o }", format="application/n-triples")
    assert result.capped and result.rows == 1000 and result.body.count(b"\n") == 1000


def test_result_of_exactly_max_rows_is_not_capped(runner):
    result = run(runner, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1000", format=TSV)
    assert not result.capped and result.rows == 1000


def test_default_graph_is_the_union_of_all_graphs_unless_the_request_names_graphs(runner):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    n = lambda result: int(bindings(result)[0]["n"]["value"])  # noqa: E731
    assert n(run(runner, count, format=JSON)) == TRIPLES
    one_graph = run(runner, count, format=JSON, default_graphs=[f"{EX}graph/3"])
    assert n(one_graph) == TRIPLES // GRAPHS
    named = run(runner, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", format=JSON,
                named_graphs=[f"{EX}graph/1", f"{EX}graph/2"])
    assert sorted(b["g"]["value"] for b in bindings(named)) == [f"{EX}graph/1", f"{EX}graph/2"]


def test_a_query_that_names_its_own_graphs_gets_exactly_that_dataset(runner):
    # Regression: the union-default-graph option overrode FROM, so this counted the whole store.
    n = lambda text: int(bindings(run(runner, text, format=JSON))[0]["n"]["value"])  # noqa: E731
    assert n(f"SELECT (COUNT(*) AS ?n) FROM <{EX}graph/3> WHERE {{ ?s ?p ?o }}") == TRIPLES // GRAPHS
    assert n(f"SELECT (COUNT(*) AS ?n) FROM <{EX}graph/nowhere> WHERE {{ ?s ?p ?o }}") == 0
    assert n(f"PREFIX g: <{EX}graph/> SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED g:1 FROM NAMED g:2 "
             "WHERE { GRAPH ?g { ?s ?p ?o } }") == 2
    # the request's dataset parameters still win over the query's own, as the protocol says
    overridden = run(runner, f"SELECT (COUNT(*) AS ?n) FROM <{EX}graph/3> WHERE {{ ?s ?p ?o }}", format=JSON,
                     default_graphs=[f"{EX}graph/1", f"{EX}graph/2"])
    assert int(bindings(overridden)[0]["n"]["value"]) == 2 * TRIPLES // GRAPHS


def test_relative_iris_are_resolved_against_the_endpoints_base(snapshots):
    with QueryRunner(snapshots, workers=1, timeout_s=5.0, base_iri=EX) as based:
        assert run(based, "ASK { <practice/7> <title> ?t }", format=JSON).body.endswith(b"true}")


def test_graph_name_that_is_not_an_iri_is_refused(runner):
    with pytest.raises(QueryRefused) as caught:
        run(runner, "ASK {}", format=JSON, default_graphs=["not an iri"])
    assert caught.value.kind == "malformed"


def test_query_oxigraph_finds_invalid_is_refused_as_malformed(runner):
    with pytest.raises(QueryRefused, match="not valid SPARQL") as caught:
        run(runner, "SELECT (COUNT(*) AS ?n) ?s WHERE { ?s ?p ?o }", format=JSON)
    assert caught.value.kind == "malformed"


def test_a_format_that_cannot_carry_the_results_is_not_acceptable(runner):
    with pytest.raises(QueryNotAcceptable):
        run(runner, "ASK {}", format="text/turtle")
    with pytest.raises(QueryNotAcceptable):
        run(runner, "CONSTRUCT WHERE { ?s ?p ?o }", format=JSON)
    # the usual aliases name the right format for each form
    assert run(runner, "ASK {}", format="xml").media_type == "application/sparql-results+xml"
    assert run(runner, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", format="xml").media_type == "application/rdf+xml"
    assert run(runner, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", format="turtle").media_type == "text/turtle"


# -- runaway queries -----------------------------------------------------------
def test_runaway_query_is_stopped_and_others_still_answered(runner):
    before = set(runner.pids())
    outcome = {}

    def runaway():
        started = time.monotonic()
        try:
            run(runner, RUNAWAY, format=JSON)
        except QueryTimeout as error:
            outcome["error"] = error
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    answer = run(runner, f"ASK {{ <{EX}practice/1> ?p ?o }}", format=JSON)
    assert json.loads(answer.body)["boolean"] is True
    assert "seconds" not in outcome, "the other worker answered while one was busy"
    thread.join(timeout=60)

    assert isinstance(outcome.get("error"), QueryTimeout)
    assert outcome["seconds"] >= runner.timeout_s * 0.95, "stopped at its deadline, not before"
    killed = before - set(runner.pids())
    assert len(killed) == 1 and all(gone(pid) for pid in killed)
    assert len(runner.pids()) == 2, "a fresh worker took the killed one's place"
    assert run(runner, "ASK { ?s ?p ?o }", format=JSON).body == b'{"head":{},"boolean":true}'


def test_queued_queries_wait_their_turn_on_their_own_clock_without_blocking_the_event_loop(runner):
    async def scenario():
        ticks = 0

        async def ticker():
            nonlocal ticks
            while True:
                await asyncio.sleep(0.05)
                ticks += 1

        tick = asyncio.create_task(ticker())
        # Two runaways take both workers; the third query waits for one and runs out of time waiting.
        outcomes = await asyncio.gather(*(run_async(runner, RUNAWAY, format=JSON) for _ in range(2)),
                                        run_async(runner, "ASK {}", format=JSON),
                                        return_exceptions=True)
        tick.cancel()
        return outcomes, ticks

    outcomes, ticks = asyncio.run(scenario())
    assert all(isinstance(o, QueryTimeout) for o in outcomes), outcomes
    # Over the 2 s deadline a free loop ticks about 40 times; a blocked one would not tick at all.
    assert ticks >= 10, "the event loop kept running while queries waited"
    assert run(runner, "ASK {}", format=JSON).rows is None  # both workers were replaced


def test_async_query_that_is_cancelled_stops_its_worker(runner):
    before = set(runner.pids())

    async def scenario():
        task = asyncio.create_task(run_async(runner, RUNAWAY, format=JSON))
        await asyncio.sleep(0.5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(scenario())
    deadline = time.monotonic() + 30
    while before == set(runner.pids()) and time.monotonic() < deadline:
        time.sleep(0.02)
    killed = before - set(runner.pids())
    assert len(killed) == 1 and all(gone(pid) for pid in killed)
    assert len(runner.pids()) == 2


def test_async_answers_are_the_blocking_ones_even_big_and_need_no_thread_when_a_worker_is_free(snapshots):
    with QueryRunner(snapshots, workers=2, timeout_s=10.0, max_rows=5000) as runner:
        big = "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s"
        expected = {fmt: run(runner, big, format=fmt) for fmt in (JSON, TSV)}  # greets both workers
        assert len(expected[JSON].body) > 300_000, "big enough to arrive in several reads"

        async def scenario():
            return [await run_async(runner, big, format=fmt) for fmt in (JSON, TSV, JSON, TSV)]

        threads_before = set(threading.enumerate())
        answers = asyncio.run(scenario())
        assert [a.body for a in answers] == [expected[f].body for f in (JSON, TSV, JSON, TSV)]
        assert all(a.rows == TRIPLES and not a.capped for a in answers)
        assert not [t for t in set(threading.enumerate()) - threads_before if t.name.startswith("gcmkg-query")]


def test_async_query_whose_worker_dies_fails_and_a_fresh_worker_answers_the_next(snapshots):
    with QueryRunner(snapshots, workers=1, timeout_s=10.0) as runner:
        assert run(runner, "ASK {}", format=JSON).body.endswith(b"true}")
        [pid] = runner.pids()

        async def scenario():
            task = asyncio.create_task(run_async(runner, RUNAWAY, format=JSON))
            await asyncio.sleep(0.5)
            os.kill(pid, 9)
            with pytest.raises(QueryFailed):
                await task

        asyncio.run(scenario())
        assert gone(pid) and len(runner.pids()) == 1 and runner.pids() != [pid]
        assert asyncio.run(run_async(runner, "ASK {}", format=JSON)).body.endswith(b"true}")


def test_async_query_finding_a_worker_that_died_before_saying_hello_is_answered_by_a_fresh_one(snapshots):
    with QueryRunner(snapshots, workers=1, timeout_s=10.0) as runner:
        [pid] = runner.pids()
        os.kill(pid, 9)  # a spawned worker takes far longer than this to start and say hello
        while not dead(pid):
            time.sleep(0.01)
        answer = asyncio.run(run_async(runner, "ASK {}", format=JSON))
        assert answer.body.endswith(b"true}") and runner.pids() != [pid]


# -- snapshots -----------------------------------------------------------------
def test_workers_see_new_data_once_a_new_snapshot_generation_appears(snapshots, runner):
    ask = f"ASK {{ <{EX}practice/new> ?p ?o }}"
    assert run(runner, ask, format=TSV).body == b"false"
    snapshots.store.raw.add(Quad(NamedNode(f"{EX}practice/new"), NamedNode(f"{EX}title"), Literal("New"),
                                 NamedNode(f"{EX}graph/new")))
    assert run(runner, ask, format=TSV).body == b"false", "the old snapshot does not change"
    snapshots.take()
    answers = {run(runner, ask, format=TSV).body for _ in range(4)}  # every worker in turn
    assert answers == {b"true"}


# -- SERVICE never leaves the building -------------------------------------------
def test_oxigraph_on_its_own_would_call_any_address_which_is_why_the_guard_exists(listener):
    with pytest.raises(OSError):
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"))
    assert listener.connections == 1


def test_service_query_through_the_runner_is_refused_and_no_connection_arrives(runner, listener):
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryRefused) as caught:
        run(runner, query, format=JSON)
    with pytest.raises(QueryRefused):
        asyncio.run(run_async(runner, query, format=JSON))
    time.sleep(0.2)
    assert caught.value.kind == "forbidden"
    assert listener.connections == 0


def test_a_worker_reaches_no_address_even_if_a_service_query_slipped_past_the_guard(snapshots, listener):
    worker = query_runner._Worker(multiprocessing.get_context("spawn"), isolate_network=True)
    try:
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
        path, generation = snapshots()
        unchecked = Job(query, False, Offer(JSON), Offer(None), (), (), 10, None)
        [reply] = worker.exchange((str(path), generation, unchecked), [(time.monotonic() + 10, "query")])
        if not worker.isolated:
            pytest.skip("this kernel does not let an unprivileged process leave the network")
        assert reply[0] == "failed" and "unreachable" in reply[1].lower()
        assert listener.connections == 0
    finally:
        worker.stop()


# -- life cycle ------------------------------------------------------------------
def test_closing_the_runner_stops_every_worker(snapshots):
    runner = QueryRunner(snapshots, workers=2, timeout_s=5.0)
    with runner:
        assert run(runner, "ASK {}", format=JSON).body.endswith(b"true}")
        pids = runner.pids()
    assert len(pids) == 2 and all(gone(pid) for pid in pids)
    with pytest.raises(RuntimeError):
        run(runner, "ASK {}", format=JSON)


def test_missing_snapshot_is_reported_as_a_failed_query(tmp_path):
    with QueryRunner(lambda: (tmp_path / "nowhere", 1), workers=1, timeout_s=5.0) as runner:
        with pytest.raises(QueryFailed):
            run(runner, "ASK {}", format=JSON)


# -- lookups ---------------------------------------------------------------------
def test_a_lookup_is_answered_even_while_every_worker_is_busy(snapshots):
    with QueryRunner(snapshots, workers=1, timeout_s=3.0, max_rows=1000) as busy:
        outcome = {}
        runaway = threading.Thread(target=lambda: _expect_timeout(busy, outcome))
        runaway.start()
        time.sleep(0.5)     # the one worker is now on the runaway query
        describe = run(busy, f"DESCRIBE <{EX}practice/3>", format="application/n-triples")
        assert b"Practice 3" in describe.body and "done" not in outcome, "answered while the worker was busy"
        runaway.join(timeout=10)
        assert outcome["done"] == "timeout"


def _expect_timeout(runner, outcome):
    try:
        run(runner, RUNAWAY, format=JSON)
        outcome["done"] = "answered"
    except QueryTimeout:
        outcome["done"] = "timeout"


def test_a_lookup_sees_new_snapshots_and_respects_the_row_cap(snapshots):
    with QueryRunner(snapshots, workers=1, timeout_s=3.0, max_rows=2) as capped:
        subjects = " ".join(f"<{EX}practice/{i}>" for i in range(3))
        result = asyncio.run(run_async(capped, f"DESCRIBE {subjects}", format="text/turtle"))
        assert result.capped and result.rows == 2
        lookup = f"DESCRIBE <{EX}practice/looked-up>"
        assert run(capped, lookup, format="application/n-triples").rows == 0
        snapshots.store.raw.add(Quad(NamedNode(f"{EX}practice/looked-up"), NamedNode(f"{EX}title"),
                                     Literal("Looked up"), NamedNode(f"{EX}graph/new")))
        snapshots.take()
        assert run(capped, lookup, format="application/n-triples").rows == 1


# -- memory ------------------------------------------------------------------------
def test_a_query_that_needs_too_much_memory_is_stopped_and_its_worker_replaced(snapshots):
    from gcmkg.api.sparql.pool import QueryTooLarge
    hog = "SELECT * WHERE { ?a ?p ?o . ?b ?q ?r . ?c ?s ?t } ORDER BY ?a ?b ?c"     # sorts 27 billion rows
    with QueryRunner(snapshots, workers=1, timeout_s=60.0, max_rows=10, memory_mb=1024) as small:
        before = small.pids()
        with pytest.raises(QueryTooLarge, match="1,024 MiB"):
            run(small, hog, format=JSON)
        assert small.pids() != before, "a fresh worker took its place"
        assert run(small, f"ASK {{ <{EX}practice/1> ?p ?o }}", format=TSV).body == b"true"
