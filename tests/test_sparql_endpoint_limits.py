"""No single request can freeze or kill the public SPARQL endpoint, and standard clients get what they ask.

Each test starts from an attack or a client found to misbehave against an
earlier version, over real HTTP against a real `gcmkg serve`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from SPARQLWrapper import SPARQLWrapper, TURTLE

from conftest import BIN, gcmkg, start_server, stop, wait_for

ENTRY = "https://w3id.org/gcmkg/id/practice/mda-diaspora-succeeds-at-home-dar-1-3"
JSON_RESULTS = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("limits") / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0
    return store


@pytest.fixture(scope="module")
def server(demo_dir):
    """The demo data served with a 3 s query timeout."""
    proc, url = start_server("--store", str(demo_dir), serve=("--query-timeout", "3"))
    yield url
    stop(proc)


def count(url: str, query: str) -> int:
    r = httpx.get(url + "/sparql", params={"query": query}, headers=JSON_RESULTS, timeout=30)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def while_running(url: str, request) -> tuple[httpx.Response, list[str]]:
    """Send `request` on a thread; meanwhile ask for other pages, and note which answered before it."""
    done, outcome, answered = threading.Event(), {}, []

    def slow():
        outcome["response"] = request()
        done.set()
    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)   # the slow request is in; what follows must not wait for it
    for path in ("/void", "/sparql?query=ASK%7B%7D"):
        r = httpx.get(url + path, headers={} if path == "/void" else JSON_RESULTS, timeout=30)
        if r.status_code == 200 and not done.is_set():
            answered.append(path)
    thread.join(timeout=60)
    return outcome["response"], answered


# -- 1. a "lookup" that carries clauses is no lookup ---------------------------------------------
def test_a_describe_carrying_having_exists_runs_in_a_worker_and_is_stopped_at_the_deadline(server):
    # Answered in the server process as a bounded lookup, this ran 36 s past a 5 s timeout while
    # every other request waited.
    attack = ('DESCRIBE <http://a> HAVING (EXISTS { ?a ?b ?c . ?d a ?f '
              'FILTER(STR(?c)=CONCAT(STR(?f),"x")) })')
    response, answered = while_running(server, lambda: httpx.get(
        server + "/sparql", params={"query": attack}, headers={"Accept": "text/turtle"}, timeout=60))
    assert response.status_code == 503 and response.json()["type"].endswith("/timeout")
    assert answered == ["/void", "/sparql?query=ASK%7B%7D"]


def test_a_real_lookup_is_still_answered(server):
    r = httpx.get(server + "/sparql", params={"query": f"DESCRIBE <{ENTRY}>"}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and b"Diaspora" in r.content


# -- 2. the guard's parse never blocks the server ---------------------------------------------------
def test_a_query_too_long_to_check_in_time_is_refused_and_the_server_answers_meanwhile(server):
    # 10,000 OR'd comparisons (about 100 KB): rdflib's parser needs tens of seconds, holding the GIL.
    # It once froze every request for 34 s. The word "from" sends it to the full guard.
    text = "# from a generator\nSELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(
        f"?o = {i}" for i in range(10_000)) + ") }"
    response, answered = while_running(server, lambda: httpx.post(
        server + "/sparql", content=text, timeout=60,
        headers={"Content-Type": "application/sparql-query", **JSON_RESULTS}))
    assert response.status_code == 413, response.text
    assert response.json()["type"].endswith("/too-large") and "could not be checked" in response.json()["detail"]
    assert answered == ["/void", "/sparql?query=ASK%7B%7D"]


def test_queries_that_tools_nest_a_hundred_deep_are_answered_on_both_paths(server):
    nested = "{ " * 100 + "?s a ?t" + " }" * 100
    assert count(server, f"SELECT (COUNT(*) AS ?n) WHERE {nested}") > 0
    # A comment with "from" takes it through the full guard, which once refused 40 levels.
    assert count(server, f"# from a generator\nSELECT (COUNT(*) AS ?n) WHERE {nested}") > 0


# -- 3. SERVICE with a prefixed name --------------------------------------------------------------------
def test_service_with_a_prefixed_name_is_a_403_problem(server):
    q = "PREFIX l: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE l:svc { ?s ?p ?o } }"
    r = httpx.get(server + "/sparql", params={"query": q})
    assert r.status_code == 403 and r.json()["type"].endswith("/forbidden") and "l:svc" in r.json()["detail"]


# -- 4. FROM gives exactly the dataset it names ----------------------------------------------------------
def test_from_one_entry_graph_counts_that_graph_only(server):
    in_graph = count(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTRY}> {{ ?s ?p ?o }} }}")
    everything = count(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert 0 < in_graph < everything
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM <{ENTRY}> WHERE {{ ?s ?p ?o }}") == in_graph
    assert count(server, "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/gcmkg/id/none> WHERE { ?s ?p ?o }") == 0
    assert count(server, f"SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED <{ENTRY}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}") == 1


# -- 5. workers die with their server ---------------------------------------------------------------------
def descendants(pid: int) -> set[int]:
    found, stack = set(), [pid]
    while stack:
        parent = stack.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    stack.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def test_a_server_killed_with_sigkill_leaves_no_query_worker_running(demo_dir, tmp_path):
    store = tmp_path / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0
    proc, url = start_server("--store", str(store), serve=("--query-timeout", "120"))
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    threading.Thread(target=lambda: _ignore(lambda: httpx.get(
        url + "/sparql", params={"query": runaway}, timeout=5)), daemon=True).start()
    time.sleep(1.0)   # a worker is busy with the runaway query
    workers = descendants(proc.pid)
    assert workers, "the server runs its queries in worker processes"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if alive(pid)], "workers outlived their server"


def _ignore(call):
    try:
        call()
    except httpx.HTTPError:
        pass


# -- 6. long URLs get our problem shape ------------------------------------------------------------------
def test_a_get_url_past_the_http_limit_gets_a_problem_document(server):
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(b"GET /sparql?query=ASK%7B%7D%23" + b"x" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        reply = b""
        while b"}" not in reply:
            chunk = conn.recv(65536)
            if not chunk:
                break
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and b"application/problem+json" in head
    assert b"X-Content-Type-Options: nosniff" in head      # the security headers, as on every response
    assert b"POST" in body


def test_a_get_url_just_under_the_limit_is_answered(server):
    r = httpx.get(server + "/sparql", params={"query": "ASK {} #" + "x" * 60_000}, headers=JSON_RESULTS)
    assert r.status_code == 200 and r.json()["boolean"] is True


# -- 7. standard clients and conventions --------------------------------------------------------------------
def test_sparqlwrapper_asking_for_turtle_gets_turtle(server):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(f"CONSTRUCT WHERE {{ <{ENTRY}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    assert b"Diaspora" in client.query().convert()


@pytest.mark.parametrize("name, value, media_type", [
    ("format", "turtle", "text/turtle"), ("output", "n-triples", "application/n-triples"),
    ("results", "json-ld", "application/ld+json"), ("format", "rdf+xml", "application/rdf+xml"),
    ("format", "application/n-triples", "application/n-triples"),
])
def test_format_aliases_other_servers_accept_are_accepted(server, name, value, media_type):
    r = httpx.get(server + "/sparql", params={"query": f"DESCRIBE <{ENTRY}>", name: value})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media_type)


def test_two_queries_in_one_request_are_refused(server):
    r = httpx.get(server + "/sparql", params=[("query", "ASK {}"), ("query", "ASK { ?s ?p ?o }")])
    assert r.status_code == 400 and "2 queries" in r.json()["detail"]


def test_relative_iris_are_resolved_against_the_base_iri(server):
    relative = ENTRY.removeprefix("https://w3id.org/gcmkg/")
    r = httpx.get(server + "/sparql", params={"query": f"ASK {{ <{relative}> ?p ?o }}"}, headers=JSON_RESULTS)
    assert r.status_code == 200 and r.json()["boolean"] is True


def test_an_undeclared_prefix_is_named(server):
    r = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s dct:title ?t }"})
    assert r.status_code == 400 and "'dct:'" in r.json()["detail"]
