"""Validate entries against the gcmkg shapes.

Two validators, one result type. ``validate_entry`` runs pyshacl on one entry's
graph (a submission, an edit); ``validate_dataset`` runs the shapes compiled to
SPARQL (compile.py) on a pyoxigraph store holding many entries (a bulk load).
Both return the same :class:`Violation` list for the same data: the
conformance cases in tests/shapes_cases hold them to it.

    >>> from rdflib import Graph
    >>> entry = Graph().parse(format="turtle", data='''
    ...     @prefix gcm: <https://w3id.org/gcmkg/ontology#> .
    ...     <https://w3id.org/gcmkg/id/practice/x> a gcm:Practice .''')
    >>> [v.message("es")[:27] for v in validate_entry(entry) if v.path == "http://purl.org/dc/terms/title"]
    ['Indique al menos un título,']
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass, field
from typing import Iterable

import pyoxigraph
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

from gcmkg.names import ENTRY_CLASSES
from gcmkg.profiles import shape_files

from .compile import CompiledCheck, compile_shapes, in_order
from .model import PAIR_CONSTRAINTS, SEVERITIES, Shape, ShapesModel, read_shapes

__all__ = ["Violation", "load_shapes", "validate_entry", "validate_dataset", "compiled_checks"]


@dataclass(frozen=True)
class Violation:
    """One validation result, the same whichever validator produced it."""

    focus_node: str  # the entry's IRI (or "_:id" for a blank node)
    path: str | None  # the property the constraint is about ("^iri" for an inverse path)
    value: str | None  # the offending value in N-Triples form; None for a missing value or an entry-level rule
    severity: str  # "Violation" | "Warning" | "Info"
    source_shape: str  # IRI (or blank node id) of the property or node shape
    messages: dict[str, str] = field(hash=False)  # {"en": ..., "es": ..., "fr": ...} from sh:message

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``, else in English."""
        return self.messages.get(lang) or self.messages.get("en") or next(iter(self.messages.values()), "")


@functools.cache
def load_shapes() -> Graph:
    """All shapes of the package (every ``*.ttl`` of gcmkg.shapes, and each profile's) in one graph. Cached: do not modify it.

    Refuses shapes outside the supported SHACL subset (UnsupportedShapeError),
    so neither validator runs with a rule the other would not enforce.
    """
    graph = Graph()
    package = importlib.resources.files("gcmkg.shapes")
    for resource in sorted(package.iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".ttl"):
            graph.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    for resource in shape_files():
        graph.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    read_shapes(graph)
    return graph


def validate_entry(data: Graph) -> list[Violation]:
    """Validate one entry's graph with pyshacl.

    ``data`` holds the entry (a practice, a norm or an organisation record) and
    what it links to: the ``rdf:type`` and ``skos:inScheme`` of each linked
    concept and the ``rdf:type`` of each linked organisation. Only the entry is
    validated: nodes of the graph that the entry links to are context, not
    records (a linked organisation has no labels here).
    """
    shapes = _shapes()
    _, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes.for_pyshacl,
        inference="none",
        advanced=False,
        allow_warnings=True,
        allow_infos=True,
    )
    entries = _entry_nodes(data, shapes.model)
    found = []
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        if focus not in entries:
            continue
        shape = shapes.by_id.get(str(report.value(result, SH.sourceShape)))
        if shape is None:  # cannot happen: every reporting shape is modelled
            raise RuntimeError(f"pyshacl reported an unknown shape {report.value(result, SH.sourceShape)}")
        value = report.value(result, SH.value) if shape.is_property_shape else None
        severity = SEVERITIES.get(report.value(result, SH.resultSeverity), shape.severity)
        found.append(_violation(focus, shape, value, severity))
    found.extend(_ordered_pairs(data, shapes, entries))
    found.extend(_sparql_rules(data, shapes, entries))
    found.extend(_unknown_properties(data, shapes.model, entries))
    return _tidy(found)


def validate_dataset(store: pyoxigraph.Store) -> list[Violation]:
    """Validate every entry in ``store`` with the compiled SPARQL checks.

    The store holds each entry in its own named graph and the vocabularies in
    others; the queries read the union of all graphs as one data graph.
    """
    return _run(compiled_checks(), store)


_RDF_TYPE, _SUBCLASS_OF = f"<{RDF.type}>", f"<{RDFS.subClassOf}>"


def _run(checks: Iterable[CompiledCheck], store: pyoxigraph.Store) -> list[Violation]:
    found = [
        Violation(
            focus_node=_oxigraph_nt(row["this"], focus=True),
            path=row["path"].value if check.reports_path else check.path,
            value=_oxigraph_nt(row["value"]) if check.reports_value else None,
            severity=check.severity,
            source_shape=check.source_shape,
            messages=dict(check.messages),
        )
        for check in checks
        for row in store.query(check.query, use_default_graph_as_union=True)
    ]
    return _tidy(found)


def validate_one(entry: str, triples: Iterable) -> list[Violation]:
    """Validate the one entry `entry` (an IRI) with the compiled SPARQL checks: the same results as
    ``validate_entry`` on the same triples (pyoxigraph Triples: the entry and what it links to), several
    times faster, so the form can check an entry as the user types.

    The triples go into a small in-memory store; results about other nodes (a
    linked organisation typed for the entry's sake) are context, not records,
    and are left out, as ``validate_entry`` leaves them out. Results about the
    entry's blank nodes (its party records) are kept, with focus "_:id".
    """
    triples = list(triples)
    store = pyoxigraph.Store()
    graph = pyoxigraph.NamedNode("urn:gcmkg:validate:entry")
    store.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    # Each query costs its parsing even on a tiny store: run only those that target a class of the entry
    # (its types and, as the queries' rdf:type/rdfs:subClassOf* reads them, their superclasses in the data).
    # The entry's own nested records (its blank nodes, a party record say) are checked with it.
    own = {f"_:{t.subject.value}" for t in triples if isinstance(t.subject, pyoxigraph.BlankNode)}
    classes = {t.object.value for t in triples if str(t.predicate) == _RDF_TYPE
               and (t.subject.value == entry or isinstance(t.subject, pyoxigraph.BlankNode))}
    broader: dict[str, set[str]] = {}
    for t in triples:
        if str(t.predicate) == _SUBCLASS_OF:
            broader.setdefault(t.subject.value, set()).add(t.object.value)
    todo = list(classes)
    while todo:
        for parent in broader.get(todo.pop(), ()):
            if parent not in classes:
                classes.add(parent)
                todo.append(parent)
    checks = [c for c in compiled_checks() if c.target_classes & classes and not c.reports_path]
    found = [v for v in _run(checks, store) if v.focus_node == entry or v.focus_node in own]
    # Unknown properties as validate_entry finds them: for one entry the compiled queries (written for a
    # whole dataset) cost more than every other check together.
    model = _shapes().model
    known = [ps for cls, ps in model.known_properties().items() if cls in classes]
    if known:
        allowed = set().union(*known)
        for t in triples:
            rule = model.unknown_property_rule(t.predicate.value) \
                if t.subject.value == entry and t.predicate.value not in allowed else None
            if rule is not None:
                found.append(Violation(focus_node=entry, path=t.predicate.value, value=_oxigraph_nt(t.object),
                                       severity=rule.severity, source_shape=rule.id, messages=dict(rule.messages)))
    return _tidy(found)


@functools.cache
def compiled_checks() -> tuple[CompiledCheck, ...]:
    """The shapes as SPARQL checks, compiled once."""
    return tuple(compile_shapes(load_shapes()))


#################################################################
# pyshacl side
#################################################################


@dataclass(frozen=True)
class _Shapes:
    model: ShapesModel
    by_id: dict[str, Shape]
    for_pyshacl: Graph
    pairs: tuple[tuple[Shape, tuple[str, ...]], ...]
    sparql: tuple[tuple[Shape, object], ...] = ()     # (node shape, its sh:select prepared by rdflib)


@functools.cache
def _shapes() -> _Shapes:
    graph = load_shapes()
    model = read_shapes(graph)
    # pyshacl 0.40.1 cannot order xsd:gYear values (see shapes/practice.ttl),
    # so it gets the shapes without sh:lessThan(OrEquals); _ordered_pairs
    # evaluates those with compile.in_order, the reading the SPARQL uses.
    # A store without contexts: pyshacl reads the shapes graph thousands of
    # times per entry, and this makes validate_entry ~20% faster.
    # Nor the SHACL-SPARQL rules (shapes/translation.ttl): pyshacl parses a rule's query again for every
    # focus node, which made one practice with two translation records take ~1 s instead of ~0.1 s;
    # _sparql_rules runs each query, parsed once, on rdflib's engine over the entry's graph.
    for_pyshacl = Graph(store=SimpleMemory())
    for triple in graph:
        if triple[1] not in PAIR_CONSTRAINTS and triple[1] != SH.sparql:
            for_pyshacl.add(triple)
    pairs = tuple((shape, classes) for shape, classes in model.property_targets()
                  if any(c.parameter in PAIR_CONSTRAINTS for c in shape.constraints))
    sparql = tuple((root, prepareQuery(str(c.value))) for root in model.roots for c in root.constraints
                   if c.parameter == SH.sparql)
    return _Shapes(model, {s.id: s for s in model.reporting_shapes()}, for_pyshacl, pairs, sparql)


def _instances(data: Graph, classes: Iterable[str]) -> set[Node]:
    found: set[Node] = set()
    for cls in classes:
        for sub in data.transitive_subjects(RDFS.subClassOf, URIRef(cls)):
            found.update(data.subjects(RDF.type, sub))
    return found


def _entry_nodes(data: Graph, model: ShapesModel) -> set[Node]:
    """The records in ``data``: targeted nodes that nothing in the graph links to, and the parts of those
    records (targeted nodes of a class that is not an entry class, such as an instrument's gcm:Party
    records, linked from a record only). Linked entries (an organisation) stay context."""
    targeted = _instances(data, {c for root in model.roots for c in root.target_classes})
    records = {n for n in targeted if next(data.subject_predicates(n), None) is None}
    entry_typed = _instances(data, {c.value for c in ENTRY_CLASSES})
    parts = {n for n in targeted - records - entry_typed
             if all(s in records for s, _p in data.subject_predicates(n))}
    return records | parts


def _ordered_pairs(data: Graph, shapes: _Shapes, entries: set[Node]) -> list[Violation]:
    found = []
    for shape, classes in shapes.pairs:
        path = URIRef(shape.path.iri)
        for c in shape.constraints:
            if c.parameter not in PAIR_CONSTRAINTS:
                continue
            for focus in _instances(data, classes) & entries:
                for first in data.objects(focus, path):
                    if not all(in_order(first, second, strict=c.parameter == SH.lessThan)
                               for second in data.objects(focus, c.value)):
                        found.append(_violation(focus, shape, first, shape.severity))
    return found


def _sparql_rules(data: Graph, shapes: _Shapes, entries: set[Node]) -> list[Violation]:
    """The SHACL-SPARQL constraints: each query's ``$this`` rows that are targets of its shape (SHACL
    pre-binds ``$this`` to each target in turn; one evaluation over the graph finds the same nodes)."""
    found = []
    for shape, query in shapes.sparql:
        targets = _instances(data, shape.target_classes) & entries
        if targets:
            found.extend(_violation(row[0], shape, None, shape.severity) for row in data.query(query)
                         if row[0] in targets)
    return found


def _unknown_properties(data: Graph, model: ShapesModel, entries: set[Node]) -> list[Violation]:
    """Properties of each entry that no shape for any of its classes names (model.UnknownPropertyRule)."""
    allowed: dict[Node, set[str]] = {}
    for cls, known in model.known_properties().items():
        for focus in _instances(data, [cls]) & entries:
            allowed.setdefault(focus, set()).update(known)
    found = []
    for focus, known in allowed.items():
        for p, value in data.predicate_objects(focus):
            rule = model.unknown_property_rule(str(p)) if str(p) not in known else None
            if rule is not None:
                found.append(Violation(focus_node=_rdflib_nt(focus, focus=True), path=str(p), value=_rdflib_nt(value),
                                       severity=rule.severity, source_shape=rule.id, messages=dict(rule.messages)))
    return found


def _violation(focus: Node, shape: Shape, value: Node | None, severity: str) -> Violation:
    """A result of pyshacl or of the pair check, in the shared form."""
    return Violation(
        focus_node=_rdflib_nt(focus, focus=True),
        path=shape.reported_path,
        value=_rdflib_nt(value) if value is not None else None,
        severity=severity,
        source_shape=shape.id,
        messages=dict(shape.messages),
    )


def _tidy(found: list[Violation]) -> list[Violation]:
    """One result per (focus, path, value, shape), in a stable order."""
    unique = {(v.focus_node, v.path, v.value, v.source_shape, v.severity): v for v in found}
    return [unique[k] for k in sorted(unique, key=lambda k: tuple(x or "" for x in k))]


#################################################################
# Terms in N-Triples form, the same from rdflib and from pyoxigraph
#################################################################


# A blank node value (an entry's nested record, such as an assessment) has no name outside the
# graph it was parsed into, so both validators report it alike, as "[]"; a blank focus node keeps its id.
def _rdflib_nt(term: Node, focus: bool = False) -> str:
    if isinstance(term, URIRef):
        return str(term) if focus else f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}" if focus else "[]"
    if isinstance(term, Literal):
        return _nt_literal(str(term), term.language, str(term.datatype) if term.datatype else None)
    raise TypeError(f"not an RDF term: {term!r}")


def _oxigraph_nt(term, focus: bool = False) -> str:
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value if focus else f"<{term.value}>"
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}" if focus else "[]"
    if isinstance(term, pyoxigraph.Literal):
        return _nt_literal(term.value, term.language, term.datatype.value)
    raise TypeError(f"not an RDF term: {term!r}")


def _nt_literal(lexical: str, language: str | None, datatype: str | None) -> str:
    escaped = lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if language:
        return f'"{escaped}"@{language.lower()}'
    if datatype and datatype != str(XSD.string):
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'
