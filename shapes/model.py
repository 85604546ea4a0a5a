"""Read the SHACL shapes into a small model, refusing what gcmkg does not support.

gcmkg validates with two engines that must agree: pyshacl on one entry, and
SPARQL queries compiled from the same shapes for bulk loads (compile.py). The
compiler knows a fixed part of SHACL Core, so this module is the gate: a shape
that uses anything outside it is refused with an error naming the shape,
instead of being skipped silently by one engine and enforced by the other.

Supported:

- on node shapes: ``sh:targetClass``, ``sh:property``, and the value constraints
  below applied to the focus node;
- on property shapes: ``sh:path`` (an IRI, ``[ sh:inversePath IRI ]``, or a sequence of those:
  ``( dcterms:source [ sh:inversePath dcterms:source ] )``, the entries sharing a source),
  ``sh:minCount``, ``sh:maxCount``, ``sh:uniqueLang``, ``sh:hasValue``,
  ``sh:lessThan`` and ``sh:lessThanOrEquals`` (on shapes of a targeted node
  shape, with an IRI path), ``sh:qualifiedMaxCount`` with its ``sh:qualifiedValueShape`` (a shape
  using only the constraints allowed in ``sh:or`` members), and the value constraints below;
- value constraints: ``sh:datatype``, ``sh:nodeKind``, ``sh:class``, ``sh:node``,
  ``sh:hasValue``, ``sh:in``, ``sh:pattern`` (+ ``sh:flags``), ``sh:minLength``,
  ``sh:maxLength``, ``sh:languageIn``, ``sh:or`` (members using only datatype,
  nodeKind, class and node), ``sh:not`` (around a shape using only hasValue,
  minCount and maxCount, directly or in its property shapes);
- SHACL-SPARQL ``sh:sparql [ a sh:SPARQLConstraint ; sh:select "SELECT $this WHERE { ... }" ]`` on a node
  shape with ``sh:targetClass`` and no other constraint (a rule across an entry's statements that Core cannot
  say: shapes/translation.ttl), the query with full IRIs (no ``sh:prefixes``) and ``$this`` its only
  pre-bound variable; the shape's ``sh:message`` and ``gcmsh:aboutProperty`` describe its results
  (validate.py runs the query itself, parsed once, rather than through pyshacl);
- ``sh:severity``, ``sh:message`` and the form annotations ``sh:name``,
  ``sh:description``, ``sh:order``, ``sh:group``; ``gcmsh:aboutProperty``.

Beyond SHACL Core, entries are closed by namespace: a property that no shape
for the entry's class names is reported by a ``gcmsh:UnknownPropertyRule``
(shapes/unknown.ttl) -- the rule whose ``gcmsh:namespace`` the property is in
(a typo in gcmkg's own ontology: a violation), else the rule without one (a
property from elsewhere: a warning). Both validators implement it, from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

GCMSH = "https://w3id.org/gcmkg/shapes#"
ABOUT_PROPERTY = URIRef(GCMSH + "aboutProperty")
UNKNOWN_PROPERTY_RULE = URIRef(GCMSH + "UnknownPropertyRule")
NAMESPACE = URIRef(GCMSH + "namespace")

#: Constraint parameters by kind. Count and pair constraints need a path.
VALUE_CONSTRAINTS = frozenset(
    SH[n]
    for n in (
        "datatype", "nodeKind", "class", "node", "hasValue", "in", "pattern",
        "minLength", "maxLength", "languageIn", "or", "not",
    )
)
PATH_CONSTRAINTS = frozenset(SH[n] for n in ("minCount", "maxCount", "uniqueLang", "lessThan", "lessThanOrEquals",
                                             "qualifiedMaxCount"))
PAIR_CONSTRAINTS = frozenset((SH.lessThan, SH.lessThanOrEquals))
OR_MEMBER_CONSTRAINTS = frozenset((SH.datatype, SH.nodeKind, SH["class"], SH.node))
NOT_OPERAND_CONSTRAINTS = frozenset((SH.hasValue, SH.minCount, SH.maxCount))

#: Everything else in the sh: namespace that may appear on a shape.
STRUCTURE = frozenset((SH.targetClass, SH.property, SH.path, SH.flags, SH.severity, SH.message,
                       SH.qualifiedValueShape, SH.select))
FORM_ANNOTATIONS = frozenset((SH.name, SH.description, SH.order, SH.group))
ALLOWED_SH_PREDICATES = VALUE_CONSTRAINTS | PATH_CONSTRAINTS | STRUCTURE | FORM_ANNOTATIONS | {SH.sparql}
ALLOWED_SH_TYPES = frozenset((SH.NodeShape, SH.PropertyShape, SH.PropertyGroup, SH.SPARQLConstraint))

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


class UnsupportedShapeError(ValueError):
    """A shape uses a SHACL construct that gcmkg's validators do not both support."""


@dataclass(frozen=True)
class Path:
    """A property path: one predicate, possibly inverted, and the further steps of a sequence path."""

    iri: str
    inverse: bool = False
    then: tuple[tuple[str, bool], ...] = ()     # (predicate IRI, inverted) after the first step

    def sparql(self) -> str:
        steps = ((self.iri, self.inverse), *self.then)
        return "/".join(("^" if inverse else "") + f"<{iri}>" for iri, inverse in steps)

    def __str__(self) -> str:
        # A sequence is reported as the property it starts from (the entry's own statement).
        return self.iri if self.then else ("^" if self.inverse else "") + self.iri


@dataclass(frozen=True)
class Constraint:
    """One constraint parameter of a shape: sh:minCount 1, sh:node gcmsh:X, ..."""

    parameter: URIRef
    value: object  # a Node, a tuple of Nodes (sh:in, sh:languageIn), a Shape, or a tuple of Shapes (sh:or)
    flags: str = ""  # sh:flags, for sh:pattern

    @property
    def name(self) -> str:
        return "sh:" + str(self.parameter)[len(str(SH)):]


@dataclass(frozen=True, eq=False)
class Shape:
    """A node or property shape, with the shapes it refers to already resolved."""

    node: Node
    path: Path | None
    constraints: tuple[Constraint, ...]
    properties: tuple["Shape", ...]
    target_classes: tuple[str, ...]
    severity: str
    messages: dict[str, str] = field(default_factory=dict)
    about_property: str | None = None

    @property
    def id(self) -> str:
        return str(self.node)

    @property
    def is_property_shape(self) -> bool:
        return self.path is not None

    @property
    def reported_path(self) -> str | None:
        """The property a result of this shape is about."""
        return str(self.path) if self.path is not None else self.about_property


@dataclass(frozen=True)
class UnknownPropertyRule:
    """How a property that no shape for the entry's class names is reported (shapes/unknown.ttl)."""

    id: str
    namespace: str | None  # the rule for properties in this namespace; None: for every other property
    severity: str
    messages: dict[str, str]


@dataclass(frozen=True)
class ShapesModel:
    """The targeted node shapes, every shape that can report a result, and the rules for unknown properties."""

    roots: tuple[Shape, ...]
    unknown_property_rules: tuple[UnknownPropertyRule, ...] = ()

    def known_properties(self) -> dict[str, frozenset[str]]:
        """Target class -> the properties its shapes name (rdf:type always): what an entry of it may use."""
        known: dict[str, set[str]] = {}
        for root in self.roots:
            paths = {str(RDF.type)} | {p.path.iri for p in root.properties if not p.path.inverse}
            for c in root.target_classes:
                known.setdefault(c, set()).update(paths)
        return {c: frozenset(ps) for c, ps in known.items()}

    def unknown_property_rule(self, prop: str) -> UnknownPropertyRule | None:
        """The rule that reports `prop` when an entry uses it unknown: its namespace's, else the general one."""
        general = None
        for rule in self.unknown_property_rules:
            if rule.namespace is None:
                general = rule
            elif prop.startswith(rule.namespace):
                return rule
        return general

    def reporting_shapes(self) -> list[Shape]:
        """Root node shapes and their property shapes: the shapes results name."""
        seen: dict[Node, Shape] = {}
        for root in self.roots:
            seen.setdefault(root.node, root)
            for prop in root.properties:
                seen.setdefault(prop.node, prop)
        return list(seen.values())

    def property_targets(self) -> list[tuple[Shape, tuple[str, ...]]]:
        """Each property shape of a root with the classes of every root that lists it."""
        classes: dict[Node, list[str]] = {}
        shapes: dict[Node, Shape] = {}
        for root in self.roots:
            for prop in root.properties:
                shapes[prop.node] = prop
                bucket = classes.setdefault(prop.node, [])
                bucket.extend(c for c in root.target_classes if c not in bucket)
        return [(shapes[n], tuple(classes[n])) for n in shapes]


def describe(graph: Graph, node: Node) -> str:
    """A readable name for a shape in error messages."""
    if isinstance(node, URIRef):
        return graph.namespace_manager.normalizeUri(node) if str(node).startswith(GCMSH) else f"<{node}>"
    parents = [graph.namespace_manager.normalizeUri(s) if isinstance(s, URIRef) else "a blank node"
               for s in graph.subjects(None, node)]
    where = f" (inside {parents[0]})" if parents else ""
    return f"blank-node shape _:{node}{where}"


def read_shapes(graph: Graph) -> ShapesModel:
    """Check every shape in ``graph`` against the supported subset and model the targeted ones.

    Raises :class:`UnsupportedShapeError` naming the shape and the construct.
    """
    _refuse_unknown_vocabulary(graph)
    reader = _Reader(graph)
    roots = tuple(
        reader.shape(node)
        for node in sorted(set(graph.subjects(SH.targetClass, None)), key=str)
    )
    reader.check_pairs(roots)
    return ShapesModel(roots, _unknown_property_rules(graph))


def _unknown_property_rules(graph: Graph) -> tuple[UnknownPropertyRule, ...]:
    rules = []
    for node in sorted(graph.subjects(RDF.type, UNKNOWN_PROPERTY_RULE), key=str):
        namespace = graph.value(node, NAMESPACE)
        severity = graph.value(node, SH.severity)
        if severity not in SEVERITIES:
            raise UnsupportedShapeError(f"{describe(graph, node)}: an unknown-property rule needs sh:severity")
        messages = {m.language or "en": str(m) for m in graph.objects(node, SH.message) if isinstance(m, Literal)}
        rules.append(UnknownPropertyRule(str(node), str(namespace) if namespace is not None else None,
                                         SEVERITIES[severity], messages))
    if sum(r.namespace is None for r in rules) > 1:
        raise UnsupportedShapeError("more than one gcmsh:UnknownPropertyRule without gcmsh:namespace")
    return tuple(rules)


def _refuse_unknown_vocabulary(graph: Graph) -> None:
    """Refuse any sh: predicate or type outside the supported subset, wherever it is."""
    # Named shapes first, so an error names the shape a person wrote.
    for s, p, o in sorted(graph, key=lambda t: (not isinstance(t[0], URIRef), str(t[0]), str(t[1]))):
        if str(p).startswith(str(SH)) and p not in ALLOWED_SH_PREDICATES:
            if p == SH.inversePath:
                continue  # checked where paths are read
            raise UnsupportedShapeError(
                f"{describe(graph, s)} uses {graph.namespace_manager.normalizeUri(p)}, which gcmkg's "
                "validators do not support (see gcmkg.shapes.model for the supported SHACL Core subset)"
            )
        if p == RDF.type and str(o).startswith(str(SH)) and o not in ALLOWED_SH_TYPES:
            raise UnsupportedShapeError(
                f"{describe(graph, s)} is a {graph.namespace_manager.normalizeUri(o)}, which gcmkg's "
                "validators do not support"
            )


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.done: dict[Node, Shape] = {}
        self.busy: set[Node] = set()

    def fail(self, node: Node, what: str) -> UnsupportedShapeError:
        return UnsupportedShapeError(f"{describe(self.g, node)}: {what}")

    def one(self, node: Node, p: URIRef) -> Node | None:
        values = list(self.g.objects(node, p))
        if len(values) > 1:
            raise self.fail(node, f"has {len(values)} values for {self.g.namespace_manager.normalizeUri(p)}")
        return values[0] if values else None

    def shape(self, node: Node) -> Shape:
        if node in self.done:
            return self.done[node]
        if node in self.busy:
            raise self.fail(node, "refers to itself through sh:node/sh:property; recursive shapes are not supported")
        self.busy.add(node)
        try:
            built = self._build(node)
        finally:
            self.busy.discard(node)
        self.done[node] = built
        return built

    def _build(self, node: Node) -> Shape:
        g = self.g
        path = self.path(node)
        targets = tuple(str(c) for c in g.objects(node, SH.targetClass))
        if targets and path is not None:
            raise self.fail(node, "sh:targetClass on a property shape is not supported; target a node shape")
        constraints: list[Constraint] = []
        for p in sorted(set(g.predicates(node, None)), key=str):
            if p not in VALUE_CONSTRAINTS | PATH_CONSTRAINTS:
                continue
            if p in PATH_CONSTRAINTS and path is None:
                raise self.fail(node, f"{g.namespace_manager.normalizeUri(p)} needs a property shape (sh:path)")
            for value in sorted(g.objects(node, p), key=str):
                constraints.append(self.constraint(node, p, value))
        constraints.extend(self.sparql(node, targets, path, constraints))
        if self.one(node, SH.flags) is not None and SH.pattern not in {c.parameter for c in constraints}:
            raise self.fail(node, "sh:flags without sh:pattern")
        properties = tuple(self.shape(p) for p in sorted(g.objects(node, SH.property), key=str))
        for prop in properties:
            if prop.path is None:
                raise self.fail(prop.node, "is listed with sh:property but has no sh:path")
        severity_node = self.one(node, SH.severity)
        if severity_node is not None and severity_node not in SEVERITIES:
            raise self.fail(node, f"unknown severity {severity_node}")
        messages = {}
        for m in g.objects(node, SH.message):
            if isinstance(m, Literal):
                messages[m.language or "en"] = str(m)
        about = self.one(node, ABOUT_PROPERTY)
        return Shape(
            node=node,
            path=path,
            constraints=tuple(constraints),
            properties=properties,
            target_classes=targets,
            severity=SEVERITIES.get(severity_node, "Violation"),
            messages=messages,
            about_property=str(about) if about is not None else None,
        )

    def sparql(self, node: Node, targets: tuple[str, ...], path: Path | None,
               others: list[Constraint]) -> list[Constraint]:
        """The SHACL-SPARQL constraints of a node shape: each its SELECT text (``$this`` the focus node)."""
        found = []
        for constraint in sorted(self.g.objects(node, SH.sparql), key=str):
            if not targets or path is not None or others or self.g.value(node, SH.property) is not None:
                raise self.fail(node, "sh:sparql is only supported on a node shape with sh:targetClass and no "
                                      "other constraint or property shape")
            select = self.one(constraint, SH.select)
            if not isinstance(select, Literal) or "$this" not in str(select) \
                    or not str(select).lstrip().upper().startswith("SELECT $THIS "):
                raise self.fail(node, "sh:sparql needs one sh:select of the form \"SELECT $this WHERE { ... }\"")
            found.append(Constraint(SH.sparql, select))
        return found

    def path(self, node: Node) -> Path | None:
        p = self.one(node, SH.path)
        if p is None:
            return None
        if isinstance(p, URIRef):
            return Path(str(p))
        if (p, RDF.first, None) in self.g:
            steps = [self._step(node, member) for member in Collection(self.g, p)]
            if len(steps) < 2:
                raise self.fail(node, "a sequence sh:path needs at least two steps")
            return Path(steps[0][0], steps[0][1], tuple(steps[1:]))
        return Path(*self._step(node, p))

    def _step(self, node: Node, p: Node) -> tuple[str, bool]:
        """One step of a path: a predicate IRI, or [ sh:inversePath IRI ]."""
        if isinstance(p, URIRef):
            return str(p), False
        inverse = self.one(p, SH.inversePath)
        other = set(self.g.predicates(p, None)) - {SH.inversePath}
        if isinstance(inverse, URIRef) and not other:
            return str(inverse), True
        raise self.fail(node, "sh:path must be a predicate IRI, [ sh:inversePath IRI ] or a sequence of those; "
                              "other paths are not supported")

    def constraint(self, node: Node, p: URIRef, value: Node) -> Constraint:
        g = self.g
        if p == SH["in"] or p == SH.languageIn:
            return Constraint(p, tuple(Collection(g, value)))
        if p == SH.node:
            return Constraint(p, self.shape(value))
        if p == SH["or"]:
            members = tuple(self.shape(m) for m in Collection(g, value))
            for m in members:
                bad = {c.parameter for c in m.constraints} - OR_MEMBER_CONSTRAINTS
                if bad or m.properties or m.path is not None:
                    raise self.fail(node, "sh:or members may only use sh:datatype, sh:nodeKind, sh:class and sh:node")
            return Constraint(p, members)
        if p == SH["not"]:
            operand = self.shape(value)
            parts = [operand, *operand.properties]
            for part in parts:
                bad = {c.parameter for c in part.constraints} - NOT_OPERAND_CONSTRAINTS
                if bad or (part is not operand and part.properties):
                    raise self.fail(node, "sh:not may only wrap sh:hasValue, sh:minCount and sh:maxCount "
                                          "(directly or in the property shapes of the wrapped shape)")
            return Constraint(p, operand)
        if p == SH.qualifiedMaxCount:
            # Counts only the values that conform to the qualified shape (e.g. the other *entries* citing a
            # source, not the entry's own assessment nodes): the value is (count, shape).
            qualified = self.one(node, SH.qualifiedValueShape)
            if qualified is None:
                raise self.fail(node, "sh:qualifiedMaxCount needs sh:qualifiedValueShape")
            shape = self.shape(qualified)
            bad = {c.parameter for c in shape.constraints} - OR_MEMBER_CONSTRAINTS
            if bad or shape.properties or shape.path is not None:
                raise self.fail(node, "sh:qualifiedValueShape may only use sh:datatype, sh:nodeKind, sh:class and sh:node")
            if not (isinstance(value, Literal) and isinstance(value.toPython(), int) and value.toPython() >= 0):
                raise self.fail(node, "sh:qualifiedMaxCount must be a non-negative integer")
            return Constraint(p, (value, shape))
        if p == SH.pattern:
            flags = self.one(node, SH.flags)
            return Constraint(p, value, flags=str(flags) if flags is not None else "")
        if p in PAIR_CONSTRAINTS and not isinstance(value, URIRef):
            raise self.fail(node, f"{g.namespace_manager.normalizeUri(p)} must name a property IRI")
        if p in (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength):
            if not (isinstance(value, Literal) and isinstance(value.toPython(), int) and value.toPython() >= 0):
                raise self.fail(node, f"{g.namespace_manager.normalizeUri(p)} must be a non-negative integer")
        return Constraint(p, value)

    def check_pairs(self, roots: tuple[Shape, ...]) -> None:
        """Pair constraints only where validate_entry evaluates them itself: on a root's property shapes."""
        root_properties = {p.node for r in roots for p in r.properties}
        for s in self.done.values():
            if not any(c.parameter in PAIR_CONSTRAINTS for c in s.constraints):
                continue
            if s.path is None or s.path.inverse or s.path.then or s.node not in root_properties:
                raise self.fail(s.node, "sh:lessThan / sh:lessThanOrEquals are only supported on a property shape "
                                        "with a predicate IRI path, listed by a node shape with sh:targetClass")
