"""From the policymaker's browser to the researcher's endpoint: the SPARQL query of a search.

`results_query` writes, from the very SearchRequest a page answered, a
SELECT that returns the same entries from /sparql. Each facet filter uses
the pattern its declaration gives (graph/search_facets.py: the reference
pattern the index's counts are tested against, or for the hierarchies an
equivalent one that runs fast), so a filter means the same thing in both;
tests/test_web_pages.py checks the counts agree. Values are written as N-Triples terms (IRIs checked by pyoxigraph,
literals escaped by it), never pasted as raw text.

Free text is the one approximation: the index ranks stemmed words with
SQLite FTS5; SPARQL gets one case-insensitive CONTAINS per word over the
entry's text fields and the labels of what it links to (no stemming).

>>> from gcmkg.graph.search import SearchRequest
>>> q = results_query(SearchRequest(filters={"objective": ["https://w3id.org/gcmkg/gcm/objective/20"]}))
>>> "objective:20" in q or "<https://w3id.org/gcmkg/gcm/objective/20>" in q
True
"""

from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from gcmkg.graph.search import SearchRequest
from gcmkg.graph.search_facets import KIND_VALUES, KINDS, at_day, declared
from gcmkg.graph.search_queries import TEXT_PROPERTIES
from gcmkg.graph.search_text_index import terms
from gcmkg.names import PREFIXES

_VARIABLE = re.compile(r"\?([A-Za-z_][A-Za-z0-9_]*)")
_USED_PREFIXES = ("gcm", "dcterms", "eli", "skos", "schema", "xsd", "region")
_VALUE_PREFIXES = ("objective", "principle", "country", "region")
BY_NAME = {f.name: f for f in declared()}
_YEAR = next(f.name for f in BY_NAME.values() if f.values == "year")


def _term(iri: str) -> str:
    """An IRI as a SPARQL term, prefixed where a prefix of the query covers it."""
    node = NamedNode(iri)          # raises on anything that is not an IRI
    if iri.startswith(PREFIXES["gcm"]) and iri[len(PREFIXES["gcm"]):].isalnum():
        return "gcm:" + iri[len(PREFIXES["gcm"]):]
    for prefix in _VALUE_PREFIXES:
        namespace = PREFIXES[prefix]
        local = iri[len(namespace):]
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z0-9_-]+", local) and not local[0] == "-":
            return f"{prefix}:{local}"
    return str(node)


def _pattern(dimension: str, suffix: str, at: str) -> str:
    """The filter pattern of a dimension on day `at`, with its own variable names (?e stays the entry)."""
    pattern = at_day(BY_NAME[dimension].bridge_pattern, at)
    return _VARIABLE.sub(lambda m: "?e" if m.group(1) == "e" else f"?{m.group(1)}_{suffix}", pattern)


def results_query(request: SearchRequest) -> str:
    """A SELECT returning the entries (?e) of `request`, one row each, with a title in its language."""
    prefixes = set(_USED_PREFIXES)
    lines = []
    wanted = request.filters.get("kind") or tuple(KINDS)
    kinds = [cls for cls, counted_as in KIND_VALUES.items() if set(counted_as) & set(wanted)]   # instruments with the norms
    lines.append(f"VALUES ?kind {{ {' '.join(_term(k) for k in kinds)} }}")
    lines.append("?e a ?kind ; gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> .")
    for n, (dimension, values) in enumerate(sorted(request.filters.items())):
        if dimension == "kind" or not values:
            continue
        suffix = f"{dimension}"
        terms_text = " ".join(_term(v) for v in values)
        prefixes.update(p for p in _VALUE_PREFIXES if f"{p}:" in terms_text)
        own = f"VALUES ?value_{suffix} {{ {terms_text} }} {_pattern(dimension, suffix, request.on_day)}"
        if dimension == "country" and request.wider:
            # ... or scoped as such to a region the country lies in (the World included).
            own = (f"{{ {own} }} UNION {{ VALUES ?value_{suffix} {{ {terms_text} }} "
                   f"?e dcterms:spatial|eli:jurisdiction ?scope_{suffix} . FILTER(?scope_{suffix} = region:001 "
                   f"|| EXISTS {{ ?value_{suffix} skos:broaderTransitive ?scope_{suffix} }}) }}")
        lines.append(f"FILTER EXISTS {{ {own} }}")
    if request.year_from is not None or request.year_to is not None:
        checks = []
        if request.year_from is not None:
            checks.append(f"?value_year >= {int(request.year_from)}")
        if request.year_to is not None:
            checks.append(f"?value_year <= {int(request.year_to)}")
        lines.append(f"FILTER EXISTS {{ {_pattern(_YEAR, 'year', request.on_day)} FILTER({' && '.join(checks)}) }}")
    words = [w.rstrip("*") for w in terms(request.q)] if request.q else []     # CONTAINS is a prefix match too
    if words:
        fields = "|".join(_short_property(p) for p in TEXT_PROPERTIES)
        for i, word in enumerate(words):
            lines.append(f"FILTER EXISTS {{ {{ ?e {fields} ?text_{i} }} UNION "
                         f"{{ ?e ?link_{i} ?concept_{i} . ?concept_{i} skos:prefLabel|skos:altLabel ?text_{i} }} "
                         f"FILTER(CONTAINS(LCASE(STR(?text_{i})), {Literal(word)})) }}")
    lang = Literal(request.lang.split("-")[0].lower())
    lines.append(f"OPTIONAL {{ ?e dcterms:title ?title_in_lang FILTER(LANGMATCHES(LANG(?title_in_lang), {lang})) }}")
    lines.append('OPTIONAL { ?e dcterms:title ?title_en FILTER(LANGMATCHES(LANG(?title_en), "en")) }')
    lines.append("OPTIONAL { ?e schema:startDate|eli:date_document ?date }")
    lines.append("BIND(COALESCE(?title_in_lang, ?title_en) AS ?t)")
    order = {"newest": "DESC(?year) ?title", "title": "?title", "scope": "?title", "relevance": "DESC(?year) ?title"}
    prologue = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in sorted(prefixes))
    body = "\n  ".join(lines)
    return (f"{prologue}\n# The entries of this search, one row each (the browser's filters, written in SPARQL).\n"
            f"SELECT ?e ?kind (SAMPLE(?t) AS ?title) (MIN(SUBSTR(STR(?date), 1, 4)) AS ?year) WHERE {{\n"
            f"  {body}\n}}\nGROUP BY ?e ?kind\nORDER BY {order[request.sort]}\n")


def _short_property(iri: str) -> str:
    for prefix in ("dcterms", "gcm", "eli"):
        if iri.startswith(PREFIXES[prefix]):
            return f"{prefix}:{iri[len(PREFIXES[prefix]):]}"
    return str(NamedNode(iri))
