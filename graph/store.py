"""The one small interface every part of gcmkg uses to reach the quad store.

A store holds one dataset: the system graphs (ontology, vocabularies, shapes)
and one named graph per entry. Two backends implement it: the embedded
Oxigraph store (`oxigraph_store.py`) and any SPARQL 1.1 server
(`remote_store.py`). Terms are pyoxigraph's on both, so callers never see
which backend answered.

Bound values, the one substitution mechanism: queries name their parameters
`$name` (SPARQL treats `$x` and `?x` alike) and pass `bindings={"name": term}`,
or a list of terms for a `VALUES ?x { $name }` list. Both backends write each
`$name` as the terms' N-Triples form, which pyoxigraph escapes, so a value is
always an RDF term. (Oxigraph's own substitutions reach only projected
variables.) User text is never pasted into a query any other way.

Named queries (`named_query`) carry a name; with GCMKG_LOG_QUERIES set, each
run is logged (logger `gcmkg.queries`) with its name, time and row count.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import BinaryIO

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Triple, parse

from gcmkg.names import STORE_VERSION, VERSION_GRAPH
from gcmkg.settings import resolve

Term = NamedNode | BlankNode | Literal | Triple
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
Row = dict[str, Term]
Bindings = Mapping[str, Term | Sequence[Term]]
query_log = logging.getLogger("gcmkg.queries")


class NamedQuery(str):
    """A query's text with a name, for the query log (it is a `str`, so any store runs it)."""

    name: str

    def __new__(cls, name: str, text: str) -> NamedQuery:
        query = super().__new__(cls, text)
        query.name = name
        return query


def named_query(name: str, text: str) -> NamedQuery:
    """A query that the log names: `named_query("entry summaries", PROLOGUE + "SELECT ...")`.

    >>> q = named_query("one", "ASK {}"); (q.name, q)
    ('one', 'ASK {}')
    """
    return NamedQuery(name, text)


def _log_queries() -> bool:
    return (resolve("log_queries") or "").lower() not in ("", "0", "no", "false")


class StoreError(Exception):
    """The store could not do what was asked (unreachable, locked, refused)."""


class Store(ABC):
    """A quad store: query it, replace or delete whole graphs, bulk-load new ones."""

    shared = False  # True when other processes may write the same data (a SPARQL server)

    # -- reading -----------------------------------------------------------
    def select(self, query: str, bindings: Bindings | None = None, *, union: bool = True) -> list[Row]:
        """Rows of a SELECT query; `union` makes the default graph the union of all graphs."""
        return self._logged(self._select, query, bindings, union)

    def ask(self, query: str, bindings: Bindings | None = None, *, union: bool = True) -> bool:
        return self._logged(self._ask, query, bindings, union)

    def construct(self, query: str, bindings: Bindings | None = None, *, union: bool = True) -> list[Triple]:
        return self._logged(self._construct, query, bindings, union)

    @staticmethod
    def _logged(run, query: str, bindings, union: bool):
        if not query_log.isEnabledFor(logging.INFO) or not _log_queries():
            return run(query, bindings, union)
        started = time.perf_counter()
        result = run(query, bindings, union)
        rows = len(result) if isinstance(result, list) else int(result)
        query_log.info("query %s: %.1f ms, %d rows", getattr(query, "name", "unnamed"),
                       (time.perf_counter() - started) * 1000, rows)
        return result

    @abstractmethod
    def _select(self, query: str, bindings: Bindings | None, union: bool) -> list[Row]: ...

    @abstractmethod
    def _ask(self, query: str, bindings: Bindings | None, union: bool) -> bool: ...

    @abstractmethod
    def _construct(self, query: str, bindings: Bindings | None, union: bool) -> list[Triple]: ...

    @abstractmethod
    def run(self, query: str, *, union: bool = True):
        """Any query as pyoxigraph results: QuerySolutions, QueryBoolean or QueryTriples.

        For callers that serialise results in a standard format (the CLI, the
        SPARQL endpoint) rather than read rows.
        """

    @abstractmethod
    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """Every quad of one named graph, or of the whole store."""

    @abstractmethod
    def named_graphs(self) -> set[str]: ...

    def version(self) -> str | None:
        """The store's version token: it changes with every write through this interface (None: never written).

        What is derived from the store and kept elsewhere (the search index saved on
        disk) records the version it was built from, and is thrown away when they differ.
        """
        rows = self.select(f"SELECT ?v WHERE {{ GRAPH {VERSION_GRAPH} {{ {VERSION_GRAPH} {STORE_VERSION} ?v }} }}",
                           union=False)
        return rows[0]["v"].value if rows else None

    def contains_graph(self, name: NamedNode) -> bool:
        return self.ask("ASK { GRAPH $g { ?s ?p ?o } }", {"g": name}, union=False)

    def types_of(self, iris: list[NamedNode]) -> list[Triple]:
        """The rdf:type triples of the given resources, from any graph."""
        found: list[Triple] = []
        for start in range(0, len(iris), 400):
            values = " ".join(str(n) for n in iris[start:start + 400])
            for row in self.select(f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {values} }} ?s a ?t }}"):
                found.append(Triple(row["s"], _RDF_TYPE, row["t"]))
        return found

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads."""

    @abstractmethod
    def dump(self, output: BinaryIO, mime: str) -> None:
        """Write the whole dataset as N-Quads or TriG (by media type)."""

    # -- writing -----------------------------------------------------------
    @abstractmethod
    def _update(self, update: str) -> None:
        """Run one SPARQL Update request: one transaction on every backend we support."""

    def replace_graphs(self, graphs: Mapping[NamedNode, Iterable[Triple]]) -> None:
        """Replace each named graph by the given triples, all in one transaction."""
        parts = []
        for name, triples in graphs.items():
            parts.append(f"DROP SILENT GRAPH {name}")
            triples = list(triples)
            if triples:
                parts.append(self._insert_data(name, triples))
        if parts:
            self._update(" ;\n".join([*parts, _new_version_update()]))   # last: a loaded copy of the graph cannot win

    def replace_graphs_from_nquads(self, names: Iterable[NamedNode], nquads: bytes) -> None:
        """`replace_graphs` with the graphs' new content given as N-Quads (as the journal of store writes keeps
        it); a graph named but without quads is removed."""
        graphs: dict[NamedNode, list[Triple]] = {name: [] for name in names}
        for quad in parse(nquads, format=RdfFormat.N_QUADS):
            graphs[quad.graph_name].append(quad.triple)
        self.replace_graphs(graphs)

    def _insert_data(self, name: NamedNode, triples: list[Triple]) -> str:
        """The update operation that adds these triples to graph `name` (a backend may need another form)."""
        body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
        return f"INSERT DATA {{ GRAPH {name} {{\n{body}\n}} }}"

    def delete_graphs(self, names: Iterable[NamedNode]) -> None:
        """Remove the named graphs, all in one transaction."""
        ops = [f"DROP SILENT GRAPH {n}" for n in names]
        if ops:
            self._update(" ;\n".join([*ops, _new_version_update()]))

    def insert(self, quads: Iterable[Quad]) -> None:
        """Add quads in named graphs, in one transaction (no new version: for the store's own bookkeeping)."""
        body = "\n".join(f"GRAPH {q.graph_name} {{ {q.subject} {q.predicate} {q.object} }}" for q in quads)
        if body:
            self._update(f"INSERT DATA {{\n{body}\n}}")

    def add_new_graphs(self, quads: list[Quad]) -> None:
        """Bulk-add quads of graphs that do not exist yet: the fast path for big loads.

        Not one transaction, so backends journal it: a load interrupted half-way
        is rolled back (its graphs dropped) the next time the store is opened.
        The version changes first, so nothing derived can match a half-written store.
        """
        if quads:
            self._update(_new_version_update())
            self._add_new_graphs(quads)

    @abstractmethod
    def _add_new_graphs(self, quads: list[Quad]) -> None:
        """add_new_graphs without the version: journal, bulk-write, clear the journal."""

    def close(self) -> None:
        """Release the store (flush, free locks)."""


def _new_version_update() -> str:
    """The update that gives the store a new version token."""
    token = Literal(uuid.uuid4().hex)
    return (f"DROP SILENT GRAPH {VERSION_GRAPH} ;\n"
            f"INSERT DATA {{ GRAPH {VERSION_GRAPH} {{ {VERSION_GRAPH} {STORE_VERSION} {token} }} }}")


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def inline_bindings(query: str, bindings: Bindings | None) -> str:
    """Write `$name` parameters as N-Triples terms (a list: the terms, space-separated, for VALUES).

    >>> inline_bindings('ASK { $s ?p "x" }', {"s": NamedNode("http://e/a")})
    'ASK { <http://e/a> ?p "x" }'
    >>> inline_bindings('SELECT * { VALUES ?s { $some } }', {"some": [NamedNode("http://e/a"), Literal("b")]})
    'SELECT * { VALUES ?s { <http://e/a> "b" } }'
    """
    if not bindings:
        return query

    def term(match: re.Match) -> str:
        name = match.group(1)
        if name not in bindings:
            return match.group(0)
        value = bindings[name]
        return " ".join(map(_term, value)) if isinstance(value, (list, tuple)) else _term(value)

    return _PARAM.sub(term, query)


_INTEGER = NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_DIGITS = re.compile(r"^[+-]?[0-9]+$")


def _term(value) -> str:
    """A bound term in N-Triples form; an xsd:integer as its bare digits, so it may stand in LIMIT.

    >>> _term(Literal(6)), _term(Literal("x"))
    ('6', '"x"')
    """
    if not isinstance(value, (NamedNode, BlankNode, Literal, Triple)):
        raise TypeError(f"a bound value must be an RDF term, not {type(value).__name__}")
    if isinstance(value, Literal) and value.datatype == _INTEGER and _DIGITS.match(value.value):
        return value.value
    return str(value)


def nquads(quads: Iterable[Quad]) -> bytes:
    """Serialise quads as N-Quads (pyoxigraph escapes every term)."""
    from pyoxigraph import RdfFormat, serialize
    return serialize(quads, format=RdfFormat.N_QUADS)
