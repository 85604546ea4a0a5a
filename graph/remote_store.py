"""The scale-out backend: any SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB).

Queries go over the SPARQL 1.1 Protocol, updates over SPARQL Update, bulk
loads and dumps over the Graph Store Protocol. The server must be set to use
the union of its named graphs as the default graph (Oxigraph:
`--union-default-graph`; Fuseki: `tdb2:unionDefaultGraph true`), because each
entry lives in a graph of its own and gcmkg's queries read them together.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import BinaryIO

import httpx
import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, Triple

from gcmkg.names import JOURNAL_GRAPH

from .store import Row, Store, StoreError, Term, inline_bindings, nquads

_JSON = "application/sparql-results+json"


def endpoints_for(query_url: str) -> tuple[str, str, str]:
    """Update and Graph Store URLs beside a query URL, by the Oxigraph server's and Fuseki's layouts.

    >>> endpoints_for("http://localhost:7878/query")
    ('http://localhost:7878/query', 'http://localhost:7878/update', 'http://localhost:7878/store')
    >>> endpoints_for("http://localhost:3030/ds/sparql")
    ('http://localhost:3030/ds/sparql', 'http://localhost:3030/ds/update', 'http://localhost:3030/ds/data')
    """
    base, _, last = query_url.rstrip("/").rpartition("/")
    if last == "query":
        return query_url, f"{base}/update", f"{base}/store"
    return query_url, f"{base}/update", f"{base}/data"


class RemoteStore(Store):
    shared = True
    def __init__(self, query_url: str, update_url: str | None = None, store_url: str | None = None,
                 *, timeout: float = 60.0):
        q, u, s = endpoints_for(query_url)
        self.query_url, self.update_url, self.store_url = q, update_url or u, store_url or s
        self._http = httpx.Client(timeout=timeout)

    def _post(self, url: str, **kwargs) -> httpx.Response:
        try:
            response = self._http.post(url, **kwargs)
        except httpx.HTTPError as error:
            raise StoreError(f"the SPARQL server at {url} did not answer: {error}") from error
        if response.status_code >= 400:
            raise StoreError(f"the SPARQL server at {url} answered {response.status_code}: "
                             f"{response.text.strip()[:300]}")
        return response

    def _query(self, query: str, bindings, accept: str) -> bytes:
        return self._post(self.query_url, data={"query": inline_bindings(query, bindings)},
                          headers={"Accept": accept}).content

    # -- reading -----------------------------------------------------------
    def select(self, query: str, bindings: Mapping[str, Term] | None = None, *, union: bool = True) -> list[Row]:
        solutions = ox.parse_query_results(self._query(query, bindings, _JSON), format=ox.QueryResultsFormat.JSON)
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in solutions]

    def ask(self, query: str, bindings: Mapping[str, Term] | None = None, *, union: bool = True) -> bool:
        return bool(ox.parse_query_results(self._query(query, bindings, _JSON), format=ox.QueryResultsFormat.JSON))

    def construct(self, query: str, bindings: Mapping[str, Term] | None = None, *, union: bool = True) -> list[Triple]:
        body = self._query(query, bindings, "application/n-triples")
        return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]

    def run(self, query: str, *, union: bool = True):
        response = self._post(self.query_url, data={"query": query},
                              headers={"Accept": f"{_JSON}, application/n-triples;q=0.9"})
        if response.headers.get("content-type", "").startswith("application/n-triples"):
            return ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
        return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        if graph is None:
            rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            return (Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)
        rows = self.select("SELECT ?s ?p ?o WHERE { GRAPH $g { ?s ?p ?o } }", {"g": graph})
        return (Quad(r["s"], r["p"], r["o"], graph) for r in rows)

    def named_graphs(self) -> set[str]:
        return {r["g"].value for r in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value)

    def dump(self, output: BinaryIO, mime: str) -> None:
        try:
            with self._http.stream("GET", self.store_url, headers={"Accept": mime}) as response:
                if response.status_code >= 400:
                    raise StoreError(f"the SPARQL server refused the dump: {response.status_code}")
                for chunk in response.iter_bytes():
                    output.write(chunk)
        except httpx.HTTPError as error:
            raise StoreError(f"the SPARQL server at {self.store_url} did not answer: {error}") from error

    # -- writing -----------------------------------------------------------
    def _update(self, update: str) -> None:
        self._post(self.update_url, content=update.encode(),
                   headers={"Content-Type": "application/sparql-update"})

    def _add_new_graphs(self, quads: list[Quad]) -> None:
        names = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, NamedNode)})
        if not names:
            return
        journal = " , ".join(f"<{n}>" for n in names)
        self._update(f"INSERT DATA {{ GRAPH {JOURNAL_GRAPH} {{ {JOURNAL_GRAPH} "
                     f"<https://w3id.org/gcmkg/ontology#pendingGraph> {journal} }} }}")
        self._post(self.store_url, content=nquads(quads), headers={"Content-Type": "application/n-quads"})
        self._update(f"DROP SILENT GRAPH {JOURNAL_GRAPH}")

    def recover_interrupted_load(self) -> list[str]:
        rows = self.select(f"SELECT ?g WHERE {{ GRAPH {JOURNAL_GRAPH} {{ ?load "
                           "<https://w3id.org/gcmkg/ontology#pendingGraph> ?g } }")
        if rows:
            self.delete_graphs([r["g"] for r in rows] + [JOURNAL_GRAPH])
        return [r["g"].value for r in rows]

    def close(self) -> None:
        self._http.close()
