"""Researchers' access over real HTTP: a uvicorn server started like a deployment, real clients."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time

import httpx
import pyoxigraph as ox
import pytest

from conftest import gcmkg, start_server, stop

COUNT_PRACTICES = ("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE "
                   "{ ?p a <https://w3id.org/gcmkg/ontology#Practice> }")
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(tmp_path_factory, data_dir_module):
    """The embedded set-up: demo data plus one draft in the review queue, 2 s query timeout."""
    store = tmp_path_factory.mktemp("served") / "store"
    assert gcmkg("--store", str(store), "demo").returncode == 0
    assert gcmkg("--store", str(store), "load", str(data_dir_module / "entries.ttl"),
                 str(data_dir_module / "draft_practice.ttl")).returncode == 0
    proc, url = start_server("--store", str(store))
    yield url
    stop(proc)


@pytest.fixture(scope="module")
def data_dir_module():
    from conftest import DATA
    return DATA


def sparql_json(url: str, query: str) -> dict:
    r = httpx.get(url + "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    return r.json()


def test_sparqlwrapper_gets_every_select_format(server):
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(COUNT_PRACTICES)
    client.setReturnFormat(JSON)
    n = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert n >= 40
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("literal")[0].firstChild.data == str(n)
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().split() == ["n", str(n)]
    client.setReturnFormat(TSV)
    header, value = client.query().convert().decode().split()
    assert header == "?n" and value.startswith(f'"{n}"') or value == str(n)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_rdflib_sparqlstore_reads_the_endpoint(server, fmt):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    store = SPARQLStore(server + "/sparql", returnFormat=fmt)
    rows = list(store.query("SELECT ?label WHERE { <https://w3id.org/gcmkg/gcm/objective/20> "
                            "<http://www.w3.org/2004/02/skos/core#altLabel> ?label FILTER(LANG(?label) = 'es') }"))
    assert [str(r[0]) for r in rows] == ["Remesas"]


def test_construct_is_negotiated_and_post_forms_work(server):
    q = ("CONSTRUCT { ?o ?p ?v } WHERE { BIND(<https://w3id.org/gcmkg/gcm/objective/20> AS ?o) ?o ?p ?v }")
    for accept, fmt in (("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD),
                        ("application/n-triples", ox.RdfFormat.N_TRIPLES), ("application/rdf+xml", ox.RdfFormat.RDF_XML)):
        r = httpx.post(server + "/sparql", content=q, headers={"Content-Type": "application/sparql-query", "Accept": accept})
        assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
        assert len(list(ox.parse(r.content, format=fmt))) > 5
    r = httpx.post(server + "/sparql", data={"query": COUNT_PRACTICES}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.startswith("n")


def test_protocol_dataset_parameters_choose_the_graphs(server):
    entry = "https://w3id.org/gcmkg/id/practice/test-school-enrolment"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    r = httpx.get(server + "/sparql", params={"query": count, "default-graph-uri": entry},
                  headers={"Accept": "application/sparql-results+json"})
    in_entry = int(r.json()["results"]["bindings"][0]["n"]["value"])
    assert 10 < in_entry < 100
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = httpx.post(server + "/sparql", data={"query": graphs, "named-graph-uri": entry},
                   headers={"Accept": "application/sparql-results+json"})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [entry]


def test_a_malformed_query_gets_400_with_the_parsers_position(server):
    r = httpx.get(server + "/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    body = r.json()
    assert body["type"].endswith("/malformed") and body["status"] == 400 and body["detail"]


def test_updates_are_refused_on_the_public_endpoint(server):
    for request in (dict(data={"update": "DROP ALL"}),
                    dict(content="DROP ALL", headers={"Content-Type": "application/sparql-update"})):
        r = httpx.post(server + "/sparql", **request)
        assert r.status_code == 403 and r.json()["type"].endswith("/forbidden")
    assert int(sparql_json(server, COUNT_PRACTICES)["results"]["bindings"][0]["n"]["value"]) >= 40


def test_service_clause_is_refused_and_no_request_leaves_the_server(server):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(3)
    port = listener.getsockname()[1]
    arrived = []

    def accept():
        try:
            conn, _ = listener.accept()
            arrived.append(conn)
        except OSError:
            pass
    thread = threading.Thread(target=accept)
    thread.start()
    q = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    r = httpx.get(server + "/sparql", params={"query": q})
    thread.join()
    listener.close()
    assert r.status_code == 403 and "SERVICE" in r.json()["detail"]
    assert arrived == []


def test_a_runaway_query_times_out_and_others_are_still_answered(tmp_path):
    store = tmp_path / "store"
    gcmkg("--store", str(store), "demo")
    proc, url = start_server("--store", str(store), serve=("--query-timeout", "2"))
    try:
        results, done = {}, threading.Event()

        def slow():
            results["slow"] = httpx.get(url + "/sparql", params={"query": EXPENSIVE}, timeout=60)
            done.set()
        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.3)
        quick = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert quick.status_code == 200 and not done.is_set(), "answered while the runaway ran"
        thread.join(timeout=60)
        slow_r = results["slow"]
        assert slow_r.status_code == 503
        assert slow_r.json()["type"].endswith("/timeout")
    finally:
        stop(proc)


def test_a_query_that_needs_too_much_memory_gets_a_problem_and_the_endpoint_goes_on(tmp_path):
    store = tmp_path / "store"
    gcmkg("--store", str(store), "demo")
    # 1.5 GiB: a worker's own address space is about 0.7 GiB before any query (pyoxigraph, the snapshot).
    proc, url = start_server("--store", str(store), serve=("--query-memory", "1536", "--query-timeout", "60"))
    try:
        hog = "SELECT * WHERE { ?a ?p ?o . ?b ?q ?r . ?c ?s ?t } ORDER BY ?a ?b ?c"
        r = httpx.get(url + "/sparql", params={"query": hog}, timeout=70)
        assert r.status_code == 503 and r.json()["type"].endswith("/too-large"), r.text
        after = httpx.get(url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
        assert after.status_code == 200, after.text
    finally:
        stop(proc)


def test_results_are_capped_and_the_response_says_so(tmp_path):
    store = tmp_path / "store"
    gcmkg("--store", str(store), "demo")
    proc, url = start_server("--store", str(store), serve=("--max-rows", "5"))
    try:
        r = httpx.get(url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                      headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200
        assert len(r.json()["results"]["bindings"]) == 5
        assert "capped" in r.headers["gcmkg-results-capped"]
    finally:
        stop(proc)


def test_an_entry_that_is_not_approved_stays_invisible_to_every_public_route(server):
    draft = "https://w3id.org/gcmkg/id/practice/draft-secret"
    assert sparql_json(server, f"ASK {{ {{ <{draft}> ?p ?o }} UNION {{ GRAPH ?g {{ <{draft}> ?p ?o }} }} }}")["boolean"] is False
    assert httpx.get(server + "/id/practice/draft-secret", headers={"Accept": "text/turtle"}).status_code == 404
    dump = httpx.get(server + "/dumps/gcmkg.nq.gz")
    assert dump.status_code == 200
    assert b"draft-secret" not in gzip.decompress(dump.content)
    approved = httpx.get(server + "/id/practice/test-school-enrolment", headers={"Accept": "text/turtle"})
    assert approved.status_code == 200 and b"School enrolment" in approved.content


def test_minted_iris_dereference_for_people_and_machines(server):
    html = httpx.get(server + "/id/practice/test-school-enrolment", headers={"Accept": "text/html"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert '<script type="application/ld+json">' in html.text
    for path in ("/gcm/objective/20", "/gcm/principle/child-sensitive", "/country/MDA", "/region/150",
                 "/id/org/test-ministry", "/countries", "/ontology"):
        r = httpx.get(server + path, headers={"Accept": "application/ld+json"})
        assert r.status_code == 200, path
        assert json.loads(r.text), path
        assert "Accept" in r.headers["vary"]
    assert httpx.get(server + "/gcm/objective/99").status_code == 404


def test_dumps_are_described_with_their_licence(server):
    r = httpx.get(server + "/dumps/", headers={"Accept": "text/turtle"})
    assert "creativecommons.org/licenses/by/4.0" in r.text and "dcat:Distribution" in r.text
    trig = httpx.get(server + "/dumps/gcmkg.trig.gz")
    quads = list(ox.parse(gzip.decompress(trig.content), format=ox.RdfFormat.TRIG))
    assert len(quads) > 10_000


def test_service_description_and_cors(server):
    r = httpx.get(server + "/sparql", headers={"Accept": "text/turtle", "Origin": "https://yasgui.example"})
    assert "sd:UnionDefaultGraph" in r.text
    assert r.headers["access-control-allow-origin"] == "*"


def test_query_answers_and_refusals_carry_the_cors_headers_too(server):
    origin = {"Origin": "https://yasgui.example"}
    r = httpx.post(server + "/sparql", data={"query": "ASK {}"},
                   headers={**origin, "Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["boolean"] is True
    assert r.headers["access-control-allow-origin"] == "*"
    assert "gcmkg-results-capped" in r.headers["access-control-expose-headers"].lower()
    refused = httpx.post(server + "/sparql", data={"update": "DROP ALL"}, headers=origin)
    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/forbidden")
    assert refused.headers["access-control-allow-origin"] == "*"


def test_the_example_queries_all_run(server):
    from gcmkg.graph.example_queries import EXAMPLES
    for example in EXAMPLES:
        r = httpx.get(server + "/sparql", params={"query": example.query}, headers={"Accept": "text/csv"})
        assert r.status_code == 200, (example.title, r.text)


def test_two_api_processes_share_one_sparql_server(sparql_server, data_dir_module):
    assert gcmkg("--sparql-endpoint", sparql_server, "init").returncode == 0
    a, url_a = start_server("--sparql-endpoint", sparql_server)
    b, url_b = start_server("--sparql-endpoint", sparql_server)
    try:
        loaded = gcmkg("--sparql-endpoint", sparql_server, "load", str(data_dir_module / "entries.ttl"))
        assert loaded.returncode == 0, loaded.stderr
        for url in (url_a, url_b):
            assert sparql_json(url, COUNT_PRACTICES)["results"]["bindings"][0]["n"]["value"] == "1"
            # Each process's search index follows the change log in the store within a second or two.
            deadline = time.monotonic() + 5
            while httpx.get(url + "/api/practices").json()["total"] != 1 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert httpx.get(url + "/api/practices").json()["total"] == 1
            assert httpx.get(url + "/id/practice/test-school-enrolment",
                             headers={"Accept": "text/turtle"}).status_code == 200
        assert httpx.post(url_a + "/sparql", data={"update": "DROP ALL"}).status_code == 403
        # Blank nodes (the shapes' lists) come back whatever the engine calls them (Virtuoso: nodeID://...).
        blank = sparql_json(url_a, "SELECT ?o WHERE { ?s ?p ?o FILTER(isBlank(?o)) } LIMIT 1")
        assert blank["results"]["bindings"][0]["o"]["type"] == "bnode"
        entry = httpx.get(url_b + "/id/practice/test-school-enrolment", headers={"Accept": "text/turtle"})
        assert entry.status_code == 200 and "School enrolment without documents" in entry.text
    finally:
        stop(a)
        stop(b)


def test_programmers_get_an_entry_as_clean_json_in_their_language(server):
    r = httpx.get(server + "/api/practices/test-school-enrolment", params={"lang": "es"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["kind"] == "practice" and doc["label"] == "Matrícula escolar sin documentos"
    assert doc["primaryObjective"][0]["iri"].endswith("/objective/15")
    assert doc["primaryObjective"][0]["label"].startswith("15. ")
    assert doc["spatial"][0]["label"] == "Argentina"


def test_unknown_entries_are_404_and_bad_parameters_are_422_naming_them(server):
    r = httpx.get(server + "/api/practices/draft-secret")
    assert r.status_code == 404 and r.json()["type"].endswith("/not-found")
    r = httpx.get(server + "/api/vocabularies/objectives", params={"lang": "not a language!"})
    assert r.status_code == 422 and r.json()["parameter"] == "lang"


def test_vocabularies_are_listed_with_labels_in_the_requested_language(server):
    r = httpx.get(server + "/api/vocabularies/objectives", params={"lang": "fr"})
    concepts = r.json()["concepts"]
    assert len(concepts) == 23 and concepts[19]["short_label"] == "Envois de fonds"
    names = {v["name"] for v in httpx.get(server + "/api/vocabularies").json()}
    assert {"objectives", "principles", "sdg", "countries"} <= names
    assert "/api/vocabularies/{name}" in httpx.get(server + "/openapi.json").json()["paths"]
