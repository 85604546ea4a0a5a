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


def problems(triples: list[pyoxigraph.Triple], lang: str = "en") -> list[tuple[str, str]]:
    """The dataset's violations, by the validator that suits its size."""
    check = problems_pyshacl if len(triples) <= PYSHACL_LIMIT else problems_compiled
    return check(triples, lang)
