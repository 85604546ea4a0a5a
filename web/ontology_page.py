"""The ontology's page (/ontology for browsers): documentation of the data model for researchers.

Each kind of entry with its fields as the SHACL shapes define them (name,
property, range, cardinality, vocabulary), the prefixes, a diagram of the
model drawn here as SVG (no script, no CDN), and an example practice and
norm in Turtle taken from the published data. Machines asking for RDF get
the ontology itself (api/linked_data.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import Request
from fastapi.responses import HTMLResponse

from gcmkg.graph.queries import pick
from gcmkg.graph.search import SearchRequest
from gcmkg.names import ENTRY_CLASSES, PREFIXES
from gcmkg.shapes.fields import field_rules, fields_for

from .i18n import translator
from .render import local_href, reader, render

# The demo's practice and norm make the examples when the store has them; else the first of each kind.
EXAMPLES = ("https://w3id.org/gcmkg/id/practice/mda-diaspora-succeeds-at-home-dar-1-3",
            "https://w3id.org/gcmkg/id/norm/arg-ley-25871-migraciones")
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
RDFS_RANGE = "http://www.w3.org/2000/01/rdf-schema#range"


def prefixed(iri: str) -> str:
    """`gcm:Practice` for an IRI under a known prefix, else the IRI.

    >>> prefixed("https://w3id.org/gcmkg/ontology#Practice"), prefixed("http://example.org/x")
    ('gcm:Practice', 'http://example.org/x')
    """
    best = max((p for p, ns in PREFIXES.items() if iri.startswith(ns) and "/" not in iri[len(ns):]),
               key=lambda p: len(PREFIXES[p]), default=None)
    return f"{best}:{iri[len(PREFIXES[best]):]}" if best else iri


@dataclass
class FieldDoc:
    name: str
    description: str
    property: str
    property_href: str
    range: str
    range_href: str | None
    cardinality: str
    vocabulary: str | None
    vocabulary_href: str | None
    link: bool


@dataclass
class ClassDoc:
    iri: str
    name: str
    label: str
    comment: str
    fields: list[FieldDoc]


def class_docs(texts: dict[str, dict[str, dict[str, str]]], ranges: dict[str, str], lang: str,
               base: str) -> list[ClassDoc]:
    """The entry classes with their fields, from the shapes (the ontology's rdfs:range where the shapes
    only say "an IRI"); names in `lang`."""
    _ = translator(lang)
    out = []
    for cls in ENTRY_CLASSES:
        rules = field_rules(cls.value)
        docs = []
        for f in fields_for(cls.value):
            rule = rules[f.path]
            if rule.vocabulary:
                range_, range_href = pick(rule.vocabulary_names, lang) or "skos:Concept", None
            elif rule.classes:
                range_, range_href = " | ".join(prefixed(c) for c in rule.classes), local_href(rule.classes[0], base)
            elif rule.datatypes:
                range_, range_href = " | ".join(prefixed(d) for d in rule.datatypes), None
            elif f.path in ranges:
                range_, range_href = prefixed(ranges[f.path]), local_href(ranges[f.path], base)
            else:
                range_, range_href = "IRI", None
            docs.append(FieldDoc(f.name(lang), f.description(lang), prefixed(f.path), f.path, range_, range_href,
                                 rule.cardinality(), prefixed(rule.vocabulary) if rule.vocabulary else None,
                                 local_href(rule.vocabulary, base) if rule.vocabulary else None,
                                 not f.literal))
        own = texts.get(cls.value, {})
        label = pick(own.get(RDFS_LABEL, {}), lang) or _({"org:Organization": "Organisation"}.get(prefixed(cls.value), ""))
        out.append(ClassDoc(cls.value, prefixed(cls.value), label or prefixed(cls.value),
                            pick(own.get(RDFS_COMMENT, {}), lang) or "", docs))
    return out


# -- the diagram -----------------------------------------------------------------------------

BOX_WIDTH, LINE, HEAD, GAP, TOP = 450, 17, 30, 60, 120


def diagram(classes: list[ClassDoc]) -> dict:
    """A class diagram as shapes for the template's inline SVG: a box per kind of entry listing its fields,
    and an arrow for each field that links one kind of entry to another."""
    boxes, by_iri = [], {}
    for i, c in enumerate(classes):
        x = i * (BOX_WIDTH + GAP) + 10
        rows = [f"{f.property}: {f.range} [{f.cardinality}]" for f in c.fields]
        box = {"x": x, "y": TOP, "width": BOX_WIDTH, "height": HEAD + LINE * len(rows) + 10,
               "title": f"{c.name} · {c.label}", "rows": [(TOP + HEAD + LINE * (n + 1) - 4, text)
                                                          for n, text in enumerate(rows)]}
        boxes.append(box)
        by_iri[c.iri] = box
    arrows = []
    for c in classes:
        start = by_iri[c.iri]
        targets: dict[str, list[str]] = {}
        for f in c.fields:
            target = next((iri for iri in by_iri if f.range_href and prefixed(iri) in f.range.split(" | ")), None)
            if target and target != c.iri:
                targets.setdefault(target, []).append(f.property)
        for target, properties in sorted(targets.items()):
            end = by_iri[target]
            x1, x2 = start["x"] + BOX_WIDTH / 2, end["x"] + BOX_WIDTH / 2
            lift = 18 + 22 * len(arrows)        # each arrow its own height, so labels never overlap
            arrows.append({"path": f"M{x1:.0f},{TOP} C{x1:.0f},{TOP - lift * 2} {x2:.0f},{TOP - lift * 2} "
                                   f"{x2 + 8:.0f},{TOP}",
                           "label": ", ".join(properties), "lx": (x1 + x2) / 2, "ly": TOP - lift * 1.5 - 4})
    width = len(classes) * (BOX_WIDTH + GAP) - GAP + 20
    height = max(b["y"] + b["height"] for b in boxes) + 10
    return {"width": width, "height": height, "boxes": boxes, "arrows": arrows}


# -- examples ---------------------------------------------------------------------------------

def _example(request: Request, iri: str, kind: str) -> tuple[str, str] | None:
    """(IRI, its graph in Turtle) of an example entry: the preferred one, else the first of its kind."""
    public = request.app.state.public
    triples = public.graph(iri)
    if triples is None:
        rows = request.app.state.search.search(SearchRequest(filters={"kind": [kind]}, page_size=1)).rows
        if not rows:
            return None
        iri = rows[0].iri
        triples = public.graph(iri) or []
    used = {p: ns for p, ns in PREFIXES.items() if any(
        term.value.startswith(ns) for t in triples for term in (t.predicate, t.object) if isinstance(term, ox.NamedNode))}
    return iri, ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used).decode()


def ontology_page(request: Request, iri: str, triples, jsonld: str) -> HTMLResponse:
    """The documentation page of the ontology at `iri` (its statements are `triples`)."""
    lang = reader(request).lang
    _ = translator(lang)
    texts: dict[str, dict[str, dict[str, str]]] = {}
    for t in triples:
        if isinstance(t.object, ox.Literal) and t.predicate.value in (RDFS_LABEL, RDFS_COMMENT):
            texts.setdefault(t.subject.value, {}).setdefault(t.predicate.value, {})[t.object.language or ""] = t.object.value
    ranges = {t.subject.value: t.object.value for t in triples
              if t.predicate.value == RDFS_RANGE and isinstance(t.object, ox.NamedNode)}
    classes = class_docs(texts, ranges, lang, request.app.state.base_iri)
    examples = [e for e in (_example(request, EXAMPLES[0], "practice"), _example(request, EXAMPLES[1], "norm")) if e]
    return render(request, "ontology.html", title=_("The data model"), iri=iri, classes=classes,
                  diagram=diagram(classes), prefixes=sorted(PREFIXES.items()), examples=examples,
                  jsonld=jsonld.replace("</", "<\\/"))
