"""Compile the SHACL shapes into SPARQL SELECT queries.

The bulk-load validator (``validate_dataset``) runs these on a pyoxigraph store
where every entry is a named graph, with the default graph as the union of all
graphs: an order of magnitude faster than pyshacl on a large graph (ENGINE_FACTS:
28 s for 10k practices). Each query selects ``?this`` (the focus node) and, when
its constraints are about the values of a property, ``?value``. The target
pattern comes first because Oxigraph keeps the join order as written.

The meaning of each construct follows the SHACL Core definitions as pyshacl
implements them (the conformance cases in tests/shapes_cases check that the two
agree), with one deliberate reading for ordered dates: see :func:`in_order`.

    >>> from gcmkg.shapes.validate import load_shapes
    >>> checks = compile_shapes(load_shapes())
    >>> [c.constraints for c in checks if c.path == "http://purl.org/dc/terms/title"]
    [('sh:datatype', 'sh:minLength'), ('sh:minCount', 'sh:uniqueLang'), ('sh:maxCount',)]
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from .model import Constraint, Shape, ShapesModel, read_shapes

__all__ = ["CompiledCheck", "compile_shapes", "in_order"]


@dataclass(frozen=True)
class CompiledCheck:
    """Constraints of one shape as a SPARQL query, with what a result of it reports."""

    query: str
    constraints: tuple[str, ...]  # e.g. ("sh:minCount", "sh:maxCount"), for logs and debugging
    source_shape: str
    path: str | None
    severity: str
    messages: Mapping[str, str]
    reports_value: bool  # whether the query binds ?value
    reports_path: bool = False  # whether the query binds ?path (unknown properties: the path varies)
    target_classes: frozenset[str] = frozenset()  # the classes whose instances (and subclasses') it checks


def compile_shapes(shapes: Graph) -> list[CompiledCheck]:
    """Turn the constraints of the targeted shapes in ``shapes`` into SPARQL checks.

    A shape's constraints on its values (datatype, pattern, node, ...) share a
    query, and so do its constraints on the focus node (counts, entry-level
    rules): they report the same Violation, and every query costs a scan of
    the targets. Raises :class:`gcmkg.shapes.model.UnsupportedShapeError` if a
    shape uses a construct outside the supported subset.
    """
    model = read_shapes(shapes)
    shapes_and_targets = [*model.property_targets(), *((root, root.target_classes) for root in model.roots)]
    checks: list[CompiledCheck] = []
    for shape, classes in shapes_and_targets:
        checks.extend(_sparql_check(shape, classes, c) for c in shape.constraints if c.parameter == SH.sparql)
        on_values = [c for c in shape.constraints if shape.is_property_shape and c.parameter in _VALUE_LEVEL]
        on_focus = [c for c in shape.constraints if c not in on_values and c.parameter != SH.sparql]
        for constraints, binds_value in ((on_values, True), (on_focus, False)):
            if constraints:
                checks.append(_check(shape, classes, constraints, binds_value))
    checks.extend(_unknown_property_checks(model))
    return checks


def _unknown_property_checks(model: ShapesModel) -> list[CompiledCheck]:
    """One check per unknown-property rule: properties of a targeted node that no shape for any of its
    classes names, in the rule's namespace (or, for the general rule, in none of the others)."""
    known = model.known_properties()
    if not known or not model.unknown_property_rules:
        return []
    # A row per class of the node; a property no shape for that class names is reported unless
    # another class of the node names it (checked for those rows only: EXISTS tests on every
    # triple took seconds on the demo data, a VALUES table of the pairs minutes). The triple
    # pattern sits inside each branch: joined after the union, Oxigraph took 20 times longer.
    def targets(var: str, then: str = "") -> str:
        return " UNION ".join(f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* <{c}> .{then} BIND(<{c}> AS {var}) }}"
                              for c in sorted(known))

    def named(var: str) -> str:
        test = "false"
        for c, ps in sorted(known.items(), reverse=True):
            test = f"IF({var} = <{c}>, ?path IN ({', '.join(f'<{p}>' for p in sorted(ps))}), {test})"
        return test

    namespaced = [r.namespace for r in model.unknown_property_rules if r.namespace is not None]
    checks = []
    for rule in model.unknown_property_rules:
        if rule.namespace is not None:
            where = f"STRSTARTS(STR(?path), {_string(rule.namespace)})"
        else:
            where = " && ".join(f"!STRSTARTS(STR(?path), {_string(n)})" for n in namespaced) or "true"
        query = (
            f"SELECT DISTINCT ?this ?path ?value WHERE {{\n  {targets('?class', ' ?this ?path ?value .')}\n"
            f"  FILTER({where} && !{named('?class')}\n"
            f"         && NOT EXISTS {{ {targets('?other')} FILTER({named('?other')}) }})\n}}"
        )
        checks.append(CompiledCheck(query=query, constraints=("gcmsh:UnknownPropertyRule",), source_shape=rule.id,
                                    path=None, severity=rule.severity, messages=dict(rule.messages),
                                    reports_value=True, reports_path=True, target_classes=frozenset(known)))
    return checks


def _check(shape: Shape, classes: Iterable[str], constraints: list[Constraint], binds_value: bool) -> CompiledCheck:
    names = _Names()
    if binds_value:
        fails = " || ".join(_value_fails(c, "?value", names) for c in constraints)
        body = f"  ?this {shape.path.sparql()} ?value .\n  FILTER({fails})"
    else:
        fails = " || ".join(_constraint_fails(shape, c, "?this", names) for c in constraints)
        body = f"  FILTER({fails})"
    query = (
        "SELECT DISTINCT ?this" + (" ?value" if binds_value else "") + " WHERE {\n"
        + _target_pattern(classes) + "\n" + body + "\n}"
    )
    return CompiledCheck(
        query=query,
        constraints=tuple(c.name for c in constraints),
        source_shape=shape.id,
        path=shape.reported_path,
        severity=shape.severity,
        messages=dict(shape.messages),
        reports_value=binds_value,
        target_classes=frozenset(classes),
    )


def _sparql_check(shape: Shape, classes: Iterable[str], c: Constraint) -> CompiledCheck:
    """A SHACL-SPARQL constraint (model.py: a node shape's ``SELECT $this``) as a subquery joined to the
    target: a row of it is a focus node in violation, as pyshacl reads the query with ``$this`` pre-bound."""
    select = re.sub(r"\$this\b", "?this", str(c.value))
    query = f"SELECT DISTINCT ?this WHERE {{\n{_target_pattern(classes)}\n  {{ {select.strip()} }}\n}}"
    return CompiledCheck(query=query, constraints=("sh:sparql",), source_shape=shape.id, path=shape.reported_path,
                         severity=shape.severity, messages=dict(shape.messages), reports_value=False,
                         target_classes=frozenset(classes))


def _target_pattern(classes: Iterable[str]) -> str:
    # SHACL's class targets include instances of subclasses, as in pyshacl.
    alternatives = [f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* <{c}> }}" for c in classes]
    return "  " + " UNION ".join(alternatives) + " ."


class _Names:
    """Fresh variable names, so nested EXISTS blocks never capture each other's variables."""

    def __init__(self) -> None:
        self._n = itertools.count(1)

    def __call__(self, stem: str = "v") -> str:
        return f"?{stem}{next(self._n)}"


def _shape_fails(shape: Shape, x: str, names: _Names) -> str:
    """A SPARQL expression, true when the node ``x`` does not conform to ``shape``."""
    parts = [_constraint_fails(shape, c, x, names) for c in shape.constraints]
    for prop in shape.properties:
        parts.extend(_constraint_fails(prop, c, x, names) for c in prop.constraints)
    return "(" + " || ".join(parts) + ")" if parts else "false"


def _constraint_fails(shape: Shape, c: Constraint, x: str, names: _Names) -> str:
    """A SPARQL expression, true when focus node ``x`` violates constraint ``c`` of ``shape``."""
    p = c.parameter
    if shape.path is None:  # node shape: the focus node is the value node
        if p == SH.hasValue:
            return f"!sameTerm({x}, {_term(c.value)})"
        return _value_fails(c, x, names)
    path = shape.path.sparql()
    if p == SH.minCount:
        n = int(c.value)
        if n == 0:
            return "false"
        vs = [names() for _ in range(n)]
        return f"NOT EXISTS {{ {_values(x, path, vs)} }}"
    if p == SH.maxCount:
        vs = [names() for _ in range(int(c.value) + 1)]
        return f"EXISTS {{ {_values(x, path, vs)} }}"
    if p == SH.qualifiedMaxCount:
        count, qualified = c.value
        vs = [names() for _ in range(int(count) + 1)]
        conform = " && ".join(f"!{_shape_fails(qualified, v, names)}" for v in vs)
        return f"EXISTS {{ {_values(x, path, vs)} FILTER({conform}) }}"
    if p == SH.uniqueLang:
        if not c.value.toPython():
            return "false"
        a, b = names(), names()
        return (f"EXISTS {{ {x} {path} {a} . {x} {path} {b} . FILTER(!sameTerm({a}, {b}) && "
                f"isLiteral({a}) && LANG({a}) != \"\" && LCASE(LANG({a})) = LCASE(LANG({b}))) }}")
    if p == SH.hasValue:
        return f"NOT EXISTS {{ {x} {path} {_term(c.value)} }}"
    v = names()
    return f"EXISTS {{ {x} {path} {v} . FILTER({_value_fails(c, v, names)}) }}"


def _values(x: str, path: str, vs: list[str]) -> str:
    """``x`` has pairwise distinct values ``vs`` for ``path``: counting without aggregates."""
    triples = " ".join(f"{x} {path} {v} ." for v in vs)
    distinct = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(vs, 2)]
    return triples + (f" FILTER({' && '.join(distinct)})" if distinct else "")


_VALUE_LEVEL = frozenset(
    SH[n] for n in ("datatype", "nodeKind", "class", "node", "in", "pattern",
                    "minLength", "maxLength", "languageIn", "or", "not")
) | {SH.lessThan, SH.lessThanOrEquals}

# Datatypes whose lexical form pyshacl checks (through rdflib's parser): an
# ill-formed "2010-13-45"^^xsd:date is not an xsd:date. SPARQL checks it by
# casting. pyshacl accepts any lexical form of other datatypes, and so do we.
_CHECKED_LEXICAL = frozenset(map(str, (XSD.date, XSD.dateTime, XSD.boolean, XSD.integer, XSD.decimal, XSD.double,
                                        XSD.float, XSD.time)))


def _value_fails(c: Constraint, v: str, names: _Names) -> str:
    """A SPARQL expression, true when the value node ``v`` violates a value constraint."""
    p = c.parameter
    if p == SH.lessThan or p == SH.lessThanOrEquals:
        # Only on the property shapes of a targeted shape (model.py refuses them
        # elsewhere), so ``?this`` is the focus node and ``v`` a value of the path.
        w = names()
        ok = _in_order_sparql(v, w, strict=p == SH.lessThan)
        return f"EXISTS {{ ?this <{c.value}> {w} . FILTER(!{ok}) }}"
    if p == SH.datatype:
        d = str(c.value)
        if d == str(RDF.langString):
            return f"!(isLiteral({v}) && LANG({v}) != \"\")"
        if d == str(XSD.string):
            return f"!(isLiteral({v}) && LANG({v}) = \"\" && DATATYPE({v}) = <{d}>)"
        well_formed = f" && COALESCE(isLiteral(<{d}>(STR({v}))), false)" if d in _CHECKED_LEXICAL else ""
        return f"!(isLiteral({v}) && DATATYPE({v}) = <{d}>{well_formed})"
    if p == SH.nodeKind:
        return _NODE_KIND[c.value].format(v=v)
    if p == SH["class"]:
        return f"NOT EXISTS {{ {v} <{RDF.type}>/<{RDFS.subClassOf}>* {_term(c.value)} }}"
    if p == SH.node:
        return _shape_fails(c.value, v, names)
    if p == SH.hasValue:
        return f"!sameTerm({v}, {_term(c.value)})"
    if p == SH["in"]:
        options = " || ".join(f"sameTerm({v}, {_term(t)})" for t in c.value)
        return f"!({options or 'false'})"
    if p == SH.pattern:
        flags = f", {_string(c.flags)}" if c.flags else ""
        return f"(isBlank({v}) || !REGEX(STR({v}), {_string(str(c.value))}{flags}))"
    if p == SH.minLength:
        return f"(isBlank({v}) || STRLEN(STR({v})) < {int(c.value)})"
    if p == SH.maxLength:
        return f"(isBlank({v}) || STRLEN(STR({v})) > {int(c.value)})"
    if p == SH.languageIn:
        options = " || ".join(f"LANGMATCHES(LANG({v}), {_string(str(t))})" for t in c.value)
        return f"!(isLiteral({v}) && ({options or 'false'}))"
    if p == SH["or"]:
        return "(" + " && ".join(_shape_fails(m, v, names) for m in c.value) + ")"
    if p == SH["not"]:
        return f"!{_shape_fails(c.value, v, names)}"
    raise AssertionError(f"unhandled constraint {c.name}")  # model.py refuses anything else


_NODE_KIND = {
    SH.IRI: "!isIRI({v})",
    SH.BlankNode: "!isBlank({v})",
    SH.Literal: "!isLiteral({v})",
    SH.BlankNodeOrIRI: "isLiteral({v})",
    SH.BlankNodeOrLiteral: "isIRI({v})",
    SH.IRIOrLiteral: "isBlank({v})",
}


#################################################################
# Ordered dates: one reading, two implementations
#################################################################

_YEAR_PATTERN = "^[0-9]{4}$"


def in_order(first: Node, second: Node, strict: bool = False) -> bool:
    """Whether ``first`` comes before ``second`` (or equals it, unless ``strict``), for SHACL's lessThan(OrEquals).

    Dates are xsd:date, or xsd:gYear when only the year is known. A year stands
    for the whole year, so the pair is in order when the first day ``first``
    can be is not after the last day ``second`` can be: two dates compare as
    dates; a year against a date or a year compares years. Anything else (an
    IRI, text, an ill-formed date) cannot be compared and is out of order, as
    SHACL requires. :func:`_in_order_sparql` is the same rule in SPARQL.

    >>> from rdflib import Literal
    >>> from rdflib.namespace import XSD
    >>> in_order(Literal("2010", datatype=XSD.gYear), Literal("2010-03-01", datatype=XSD.date))
    True
    >>> in_order(Literal("2015", datatype=XSD.gYear), Literal("2014-12-31", datatype=XSD.date))
    False
    """
    a, b = comparison_bounds(first)[0], comparison_bounds(second)[1]
    if a is None or b is None:
        return False
    return a < b if strict else a <= b


def comparison_bounds(term: Node) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and last day a date or year literal can stand for; (None, None) if it is neither."""
    if not isinstance(term, Literal):
        return None, None
    if term.datatype == XSD.date:
        value = term.toPython()
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value, value
        return None, None
    if term.datatype == XSD.gYear and len(str(term)) == 4 and str(term).isascii() and str(term).isdigit():
        year = int(str(term))
        if year >= 1:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return None, None


def _in_order_sparql(v: str, w: str, strict: bool) -> str:
    """SPARQL for :func:`in_order`: true when ``v`` is before (or at) ``w``; errors count as false."""

    def bound(t: str, suffix: str) -> str:
        year = f"(DATATYPE({t}) = <{XSD.gYear}> && REGEX(STR({t}), \"{_YEAR_PATTERN}\") && STR({t}) != \"0000\")"
        date = f"(DATATYPE({t}) = <{XSD.date}> && COALESCE(isLiteral(<{XSD.date}>(STR({t}))), false))"
        return (f"IF({year}, STRDT(CONCAT(STR({t}), \"{suffix}\"), <{XSD.date}>), "
                f"IF({date}, {t}, \"not a date\"))")

    op = "<" if strict else "<="
    return (f"COALESCE(isLiteral({v}) && isLiteral({w}) && "
            f"DATATYPE({bound(v, '-01-01')}) = <{XSD.date}> && DATATYPE({bound(w, '-12-31')}) = <{XSD.date}> && "
            f"{bound(v, '-01-01')} {op} {bound(w, '-12-31')}, false)")


#################################################################
# Terms
#################################################################


def _term(t: Node) -> str:
    if isinstance(t, URIRef):
        return f"<{t}>"
    if isinstance(t, Literal):
        lexical = _string(str(t))
        if t.language:
            return f"{lexical}@{t.language}"
        if t.datatype is not None:
            return f"{lexical}^^<{t.datatype}>"
        return lexical
    if isinstance(t, BNode):
        raise ValueError("blank nodes cannot be compiled as constraint values")
    raise TypeError(t)


def _string(s: str) -> str:
    escaped = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'
