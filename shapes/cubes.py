"""The dataset shapes (shapes/cube/cube.ttl) run by both validators: pyshacl, and the shapes compiled to SPARQL.

graph/cubes.py checks a small dataset with pyshacl and a large one with the
compiled queries on a scratch Oxigraph store (pyshacl would take minutes on a
million observations); tests/test_indicators.py holds the two to the same answers.
"""

from __future__ import annotations

import functools
import importlib.resources

import pyoxigraph
import pyshacl
from rdflib import Graph
from rdflib.namespace import SH

from .compile import CompiledCheck, compile_shapes

#: Up to this many triples, pyshacl; above, the compiled checks.
PYSHACL_LIMIT = 20_000


@functools.cache
def cube_shapes() -> Graph:
    text = importlib.resources.files("gcmkg.shapes").joinpath("cube/cube.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@functools.cache
def _checks() -> tuple[CompiledCheck, ...]:
    return tuple(compile_shapes(cube_shapes()))


def _messages(graph: Graph, shape) -> dict[str, str]:
    return {(m.language or "en"): str(m) for m in graph.objects(shape, SH.message)}


def problems_pyshacl(triples: list[pyoxigraph.Triple], lang: str = "en") -> list[tuple[str, str]]:
    """(focus node, message) for each violation pyshacl finds."""
    data = Graph().parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
    shapes = cube_shapes()
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False)
    found = []
    for result in report.objects(None, SH.result):
        messages = _messages(shapes, report.value(result, SH.sourceShape))
        found.append((str(report.value(result, SH.focusNode)), messages.get(lang) or messages.get("en", "")))
    return sorted(set(found))


def problems_compiled(triples: list[pyoxigraph.Triple], lang: str = "en") -> list[tuple[str, str]]:
    """(focus node, message) for each violation the compiled SPARQL checks find."""
    store = pyoxigraph.Store()
    store.bulk_extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph()) for t in triples)
    found = []
    for check in _checks():
        for row in store.query(check.query):
            found.append((row["this"].value, check.messages.get(lang) or check.messages.get("en", "")))
    return sorted(set(found))


def problems_in_graph(store, graph: pyoxigraph.NamedNode, lang: str = "en") -> list[tuple[str, str]]:
    """(focus node, message) for each violation the compiled checks find in one named graph of `store` (a
    gcmkg Store): a large dataset is checked where it was bulk-written, before it becomes current, rather
    than loaded a second time into a scratch store (which cost as much as the write itself)."""
    # The version graph holds no rdfs:subClassOf statement (the loader writes none), so a target class's
    # `rdf:type/rdfs:subClassOf*` path is its rdf:type: the same answers, without a path search per node.
    path = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*"
    found = []
    for check in _checks():
        query = check.query.replace(path, "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")
        head, brace, body = query.partition("{")   # SELECT ... WHERE { body }: run body inside GRAPH $g
        scoped = head + brace + " GRAPH $g {" + body.rstrip().removesuffix("}") + "} }"
        for row in store.select(scoped, {"g": graph}):
            found.append((row["this"].value, check.messages.get(lang) or check.messages.get("en", "")))
    return sorted(set(found))


def problems(triples: list[pyoxigraph.Triple], lang: str = "en") -> list[tuple[str, str]]:
    """The dataset's violations, by the validator that suits its size."""
    check = problems_pyshacl if len(triples) <= PYSHACL_LIMIT else problems_compiled
    return check(triples, lang)
