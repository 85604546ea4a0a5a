"""The scaled set-up's public endpoint: the same guard and dataset rules in front of a SPARQL server."""

from __future__ import annotations

import httpx

from conftest import DATA, gcmkg, start_server, stop

ENTRY = "https://w3id.org/gcmkg/id/practice/test-school-enrolment"
JSON_RESULTS = {"Accept": "application/sparql-results+json"}


def count(url: str, query: str) -> int:
    r = httpx.get(url + "/sparql", params={"query": query}, headers=JSON_RESULTS, timeout=30)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_an_api_process_on_a_sparql_server_guards_and_honours_from(oxigraph_server):
    assert gcmkg("--sparql-endpoint", oxigraph_server, "init").returncode == 0
    assert gcmkg("--sparql-endpoint", oxigraph_server, "load", str(DATA / "entries.ttl")).returncode == 0
    proc, url = start_server("--sparql-endpoint", oxigraph_server)
    try:
        in_graph = count(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ENTRY}> {{ ?s ?p ?o }} }}")
        assert 0 < in_graph < count(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        # The server's union default graph would override FROM: the query's own dataset is sent as the
        # protocol's parameters.
        assert count(url, f"SELECT (COUNT(*) AS ?n) FROM <{ENTRY}> WHERE {{ ?s ?p ?o }}") == in_graph
        refused = httpx.get(url + "/sparql", params={
            "query": "PREFIX l: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE l:svc { ?s ?p ?o } }"})
        assert refused.status_code == 403 and "l:svc" in refused.json()["detail"]
        turtle = httpx.get(url + "/sparql", params={"query": f"DESCRIBE <{ENTRY}>", "format": "turtle"})
        assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    finally:
        stop(proc)
