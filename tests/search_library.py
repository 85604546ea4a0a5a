"""A small knowledge graph for the search tests: the test entries (tests/data/entries.ttl) and what a
test adds, in memory, with a search index that follows every write."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from gcmkg.graph.knowledge_graph import KnowledgeGraph
from gcmkg.graph.open import open_knowledge_graph
from gcmkg.graph.search_index import SearchIndex
from gcmkg.ingest.rdf_input import parse_bytes, parse_file

DATA = Path(__file__).parent / "data"
B = "https://w3id.org/gcmkg/"
PREFIXES = """@prefix gcm: <https://w3id.org/gcmkg/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> . @prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def practice(slug: str, statements: str, scope: str = "country/MEX") -> str:
    """Turtle of an approved practice <id/practice/SLUG> scoped to `scope`, with extra `statements`."""
    return f"""
<{B}id/practice/{slug}> a gcm:Practice ;
    dcterms:title "Practice {slug}"@en ; dcterms:abstract "A practice for the search tests."@en ;
    gcm:primaryObjective <{B}gcm/objective/16> ; gcm:practiceType <{B}practice-type/other> ;
    dcterms:spatial <{B}{scope}> ; gcm:implementingOrganisation <{B}id/org/test-ministry> ;
    dcterms:source <https://example.org/practice/{slug}> ; dcterms:language "en"^^xsd:language ;
    {statements}
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:reviewedBy <https://w3id.org/gcmkg/id/org/test-reviewers> ;
    gcm:reviewedOn "2026-11-23T00:00:00Z"^^xsd:dateTime .
"""


@contextmanager
def indexed(turtle: str = "") -> Iterator[tuple[KnowledgeGraph, SearchIndex]]:
    """The test entries plus `turtle` (after PREFIXES) loaded in memory, and an index following each write."""
    kg = open_knowledge_graph(in_memory=True)
    kg.init()
    files = [parse_file(DATA / "entries.ttl")]
    if turtle:
        files.append(parse_bytes((PREFIXES + turtle).encode(), ox.RdfFormat.TURTLE, "added.ttl"))
    kg.load(files)
    index = SearchIndex.build(kg.public)
    kg.on_change(index.apply_changes)
    try:
        yield kg, index
    finally:
        kg.close()
