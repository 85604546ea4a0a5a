"""The scale-out backend: any SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, GraphDB).

Queries go over the SPARQL 1.1 Protocol, updates over SPARQL Update, bulk
loads and dumps over the Graph Store Protocol where the server takes a whole
dataset as N-Quads there (Oxigraph, Fuseki), else over SPARQL (Virtuoso). The
server must use the union of its named graphs as the default graph (Oxigraph:
`--union-default-graph`; Virtuoso: its default, with its own graphs made
private by deploy/virtuoso/setup.sql; Fuseki: `tdb2:unionDefaultGraph true`),
because each entry lives in a graph of its own and gcmkg's queries read them
together.

Where Virtuoso differs, and what this module does about it:
- updates go to the query URL (`/sparql`), Graph Store requests to
  `/sparql-graph-crud`, one graph at a time: bulk writes are INSERT DATA, dumps
  are read back by SELECT;
- it refuses blank nodes in INSERT DATA (error SP031), so such data is written
  as `INSERT { ... } WHERE {}`, which makes the same fresh blank nodes;
- its JSON results name blank nodes `nodeID://b1`, which is no blank node
  label: `portable_results` rewrites them;
- it cuts results at `ResultSetMaxRows` and may answer part of a query when it
  runs out of time, with a `200`; both are marked by response headers, and are
  raised here as errors rather than read as the whole answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox
from pyoxigraph import BlankNode, NamedNode, Quad, Triple

from gcmkg.names import JOURNAL_GRAPH

from .store import Row, Store, StoreError, inline_bindings, nquads

_JSON = "application/sparql-results+json"
_INSERT_CHUNK = 5000      # triples per request when a bulk write goes over SPARQL Update


@dataclass(frozen=True)
class Endpoints:
    """Where a SPARQL server takes queries, updates and Graph Store Protocol requests."""

    query: str
    update: str
    graph_store: str
    whole_dataset: bool     # its Graph Store takes and gives the whole dataset as N-Quads
    engine: str


def endpoints_for(query_url: str) -> Endpoints:
    """Update and Graph Store URLs beside a query URL, by the layouts of Oxigraph server, Virtuoso and Fuseki.

    >>> endpoints_for("http://localhost:7878/query")
    Endpoints(query='http://localhost:7878/query', update='http://localhost:7878/update', \
graph_store='http://localhost:7878/store', whole_dataset=True, engine='oxigraph')
    >>> endpoints_for("http://localhost:8890/sparql")
    Endpoints(query='http://localhost:8890/sparql', update='http://localhost:8890/sparql', \
graph_store='http://localhost:8890/sparql-graph-crud', whole_dataset=False, engine='virtuoso')
    >>> endpoints_for("http://localhost:3030/ds/sparql")
    Endpoints(query='http://localhost:3030/ds/sparql', update='http://localhost:3030/ds/update', \
graph_store='http://localhost:3030/ds/data', whole_dataset=True, engine='fuseki')
    """
    base, _, last = query_url.rstrip("/").rpartition("/")
    if last == "query":
        return Endpoints(query_url, f"{base}/update", f"{base}/store", True, "oxigraph")
    if urlsplit(query_url).path.rstrip("/") in ("/sparql", "/sparql-auth"):    # Virtuoso's fixed paths
        crud = "/sparql-graph-crud-auth" if last == "sparql-auth" else "/sparql-graph-crud"
        return Endpoints(query_url, query_url, base + crud, False, "virtuoso")
    return Endpoints(query_url, f"{base}/update", f"{base}/data", True, "fuseki")


_VIRTUOSO_BNODE = re.compile(rb'("type":\s*"bnode",\s*"value":\s*")nodeID://')


def portable_results(body: bytes) -> bytes:
    """SPARQL JSON results with Virtuoso's blank node names (`nodeID://b1`) made labels any parser reads.

    >>> portable_results(b'{"s": { "type": "bnode", "value": "nodeID://b10000" }}')
    b'{"s": { "type": "bnode", "value": "b10000" }}'
    """
    return _VIRTUOSO_BNODE.sub(rb"\1", body)


def as_sent_to(engine: str, query: str) -> str:
    """The query as a server of this engine should get it.

    Virtuoso's optimiser can search for minutes, holding up every other request, for a plan of
    a query with a few nested IF/COALESCE (the search index's reads); gcmkg writes its patterns
    in a good join order already (Oxigraph keeps that order too), so Virtuoso is told to keep it.

    >>> as_sent_to("virtuoso", "ASK {}")
    'DEFINE sql:select-option "order"\\nASK {}'
    """
    return f'DEFINE sql:select-option "order"\n{query}' if engine == "virtuoso" else query


class RemoteStore(Store):
    shared = True

    def __init__(self, query_url: str, update_url: str | None = None, store_url: str | None = None,
                 *, timeout: float = 60.0):
        found = endpoints_for(query_url)
        self.endpoints = Endpoints(found.query, update_url or found.update, store_url or found.graph_store,
                                   found.whole_dataset, found.engine)
        self.query_url, self.update_url, self.store_url = self.endpoints.query, self.endpoints.update, \
            self.endpoints.graph_store
        self._http = httpx.Client(timeout=timeout)

    def _post(self, url: str, **kwargs) -> httpx.Response:
        try:
            response = self._http.post(url, **kwargs)
        except httpx.HTTPError as error:
            raise StoreError(f"the SPARQL server at {url} did not answer: {error}") from error
        if response.status_code >= 400:
            raise StoreError(f"the SPARQL server at {url} answered {response.status_code}: "
                             f"{response.text.strip()[:300]}")
        _refuse_partial_answer(url, response)
        return response

    def _query(self, query: str, bindings, accept: str) -> bytes:
        body = self._post(self.query_url, data={"query": self._dialect(inline_bindings(query, bindings))},
                          headers={"Accept": accept}).content
        return portable_results(body) if accept == _JSON else body

    def _dialect(self, query: str) -> str:
        return as_sent_to(self.endpoints.engine, query)

    # -- reading -----------------------------------------------------------
    def _select(self, query: str, bindings, union: bool) -> list[Row]:
        solutions = ox.parse_query_results(self._query(query, bindings, _JSON), format=ox.QueryResultsFormat.JSON)
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names if s[n] is not None} for s in solutions]

    def _ask(self, query: str, bindings, union: bool) -> bool:
        return bool(ox.parse_query_results(self._query(query, bindings, _JSON), format=ox.QueryResultsFormat.JSON))

    def _construct(self, query: str, bindings, union: bool) -> list[Triple]:
        body = self._query(query, bindings, "application/n-triples")
        return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]

    def run(self, query: str, *, union: bool = True):
        # Asked for either, Virtuoso sends a graph as a table of ?s ?p ?o: ask for what the form gives.
        graph_form = query_form(query) in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples" if graph_form else _JSON
        response = self._post(self.query_url, data={"query": self._dialect(query)}, headers={"Accept": accept})
        if response.headers.get("content-type", "").startswith("application/n-triples"):
            return ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
        return ox.parse_query_results(portable_results(response.content), format=ox.QueryResultsFormat.JSON)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        if graph is None:
            rows = self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            return (Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)
        rows = self.select("SELECT ?s ?p ?o WHERE { GRAPH $g { ?s ?p ?o } }", {"g": graph})
        return (Quad(r["s"], r["p"], r["o"], graph) for r in rows)

    def named_graphs(self) -> set[str]:
        # Not SELECT DISTINCT ?g: Virtuoso answers that one from its list of graphs, private ones included.
        return {r["g"].value for r in self.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value)

    def dump(self, output: BinaryIO, mime: str) -> None:
        if not self.endpoints.whole_dataset:
            ox.serialize(self.quads(), output, format=ox.RdfFormat.from_media_type(mime))
            return
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
        if self.endpoints.whole_dataset:
            self._post(self.store_url, content=nquads(quads), headers={"Content-Type": "application/n-quads"})
        else:
            self._insert_in_chunks(quads)
        self._update(f"DROP SILENT GRAPH {JOURNAL_GRAPH}")

    def _insert_in_chunks(self, quads: list[Quad]) -> None:
        """Quads written by SPARQL Update, a few thousand triples per request (no graph split in two)."""
        graphs: dict[NamedNode, list[Triple]] = {}
        for q in quads:
            graphs.setdefault(q.graph_name, []).append(q.triple)
        parts, size = [], 0
        for name, triples in graphs.items():
            parts.append(self._insert_data(name, triples))
            size += len(triples)
            if size >= _INSERT_CHUNK:
                self._update(" ;\n".join(parts))
                parts, size = [], 0
        if parts:
            self._update(" ;\n".join(parts))

    def _insert_data(self, name: NamedNode, triples: list[Triple]) -> str:
        if self.endpoints.engine != "virtuoso":
            return super()._insert_data(name, triples)
        # Virtuoso's parser runs out of stack past about 5,000 triples in one block (SP030): blocks of 1,000.
        blocks = " ".join(f"GRAPH {name} {{\n" + "\n".join(f"{t.subject} {t.predicate} {t.object} ."
                                                         for t in triples[start:start + 1000]) + "\n}"
                          for start in range(0, len(triples), 1000))
        if any(isinstance(term, BlankNode) for t in triples for term in (t.subject, t.object)):
            # It refuses blank nodes in INSERT DATA; a template over one empty solution makes the same fresh
            # nodes. It compiles a template to SQL of at most 10,000 lines (SP031), about 1,000 triples: so
            # templates of at most 500, each holding whole blank-node groups (a label is fresh per operation).
            return " ;\n".join(f"INSERT {{ GRAPH {name} {{\n" + "\n".join(f"{t.subject} {t.predicate} {t.object} ."
                                                                         for t in chunk) + "\n} } WHERE {}"
                               for chunk in _blank_node_chunks(triples, 500))
        return f"INSERT DATA {{ {blocks} }}"

    def recover_interrupted_load(self) -> list[str]:
        rows = self.select(f"SELECT ?g WHERE {{ GRAPH {JOURNAL_GRAPH} {{ ?load "
                           "<https://w3id.org/gcmkg/ontology#pendingGraph> ?g } }")
        if rows:
            self.delete_graphs([r["g"] for r in rows] + [JOURNAL_GRAPH])
        return [r["g"].value for r in rows]

    def close(self) -> None:
        self._http.close()


def _refuse_partial_answer(url: str, response: httpx.Response) -> None:
    """Virtuoso answers 200 with part of the result when it hits ResultSetMaxRows or, for an
    "anytime" query, its time limit; gcmkg reads whole results, so that is an error."""
    if "x-sparql-maxrows" in response.headers:
        raise StoreError(f"the SPARQL server at {url} cut the result at {response.headers['x-sparql-maxrows']} "
                         "rows (Virtuoso: raise ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")
    if response.headers.get("x-sql-state"):
        raise StoreError(f"the SPARQL server at {url} sent a partial result: {response.headers['x-sql-state']} "
                         f"{response.headers.get('x-sql-message', '')}".strip())


_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s+[^:\s]*:\s*<[^>]*>)*", re.IGNORECASE)


def query_form(query: str) -> str:
    """The form of a query (SELECT, ASK, CONSTRUCT, DESCRIBE) read after its prologue.

    >>> query_form("PREFIX ex: <http://e/#x> # a comment\\n construct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    rest = query[_PROLOGUE.match(query).end():]
    return rest.split(None, 1)[0].upper() if rest.strip() else ""


def _blank_node_chunks(triples: list[Triple], size: int) -> list[list[Triple]]:
    """`triples` in chunks of about `size`, never splitting the triples that share a blank node.

    >>> from pyoxigraph import BlankNode, NamedNode, Triple
    >>> p, x, b, c = NamedNode("urn:p"), NamedNode("urn:x"), BlankNode("b"), BlankNode("c")
    >>> ts = [Triple(x, p, b), Triple(b, p, c), Triple(c, p, x), Triple(x, p, x), Triple(x, p, NamedNode("urn:y"))]
    >>> [len(chunk) for chunk in _blank_node_chunks(ts, 2)]
    [3, 2]
    >>> [len(chunk) for chunk in _blank_node_chunks([Triple(x, p, x)] * 5 + ts[:3], 2)]
    [2, 2, 1, 3]
    """
    parent: dict = {}

    def root(node):
        while parent.get(node, node) != node:
            node = parent[node]
        return node
    for t in triples:
        blanks = [x for x in (t.subject, t.object) if isinstance(x, BlankNode)]
        if len(blanks) == 2 and root(blanks[0]) != root(blanks[1]):
            parent[root(blanks[0])] = root(blanks[1])
    groups: dict = {}
    for i, t in enumerate(triples):
        blank = next((x for x in (t.subject, t.object) if isinstance(x, BlankNode)), None)
        # A triple without a blank node is a group of its own, never one big group of them all.
        groups.setdefault(root(blank) if blank is not None else i, []).append(t)
    chunks: list[list[Triple]] = [[]]
    for group in groups.values():
        if chunks[-1] and len(chunks[-1]) + len(group) > size:
            chunks.append([])
        chunks[-1].extend(group)
    return chunks

