"""The graphs gcmkg ships: ontology, vocabularies and shapes, read from the installed package."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import NamedNode, Triple

from gcmkg.names import ONTOLOGY_GRAPH, SHAPES_GRAPH, vocab_graph


def _parse(resource) -> list[Triple]:
    return [q.triple for q in ox.parse(resource.read_bytes(), format=ox.RdfFormat.TURTLE)]


@lru_cache(maxsize=1)
def system_graphs() -> dict[NamedNode, tuple[Triple, ...]]:
    """Graph name -> triples, for every Turtle file shipped in gcmkg.ontology and gcmkg.shapes."""
    graphs: dict[NamedNode, tuple[Triple, ...]] = {}
    ontology = files("gcmkg.ontology")
    graphs[ONTOLOGY_GRAPH] = tuple(t for r in sorted(ontology.iterdir(), key=lambda r: r.name)
                                   if r.name.endswith(".ttl") for t in _parse(r))
    for r in sorted(ontology.joinpath("vocab").iterdir(), key=lambda r: r.name):
        if r.name.endswith(".ttl"):
            graphs[vocab_graph(r.name[:-4])] = tuple(_parse(r))
    graphs.update(deployment_vocabularies())
    from gcmkg.profiles import shape_files
    shapes = [r for r in sorted(files("gcmkg.shapes").iterdir(), key=lambda r: r.name) if r.name.endswith(".ttl")]
    graphs[SHAPES_GRAPH] = tuple(t for r in [*shapes, *shape_files()] for t in _parse(r))
    return graphs


def deployment_vocabularies(folder: str | None = None) -> dict[NamedNode, tuple[Triple, ...]]:
    """The deployment's own vocabulary files (setting `vocabularies`): graph `vocab/local-NAME` per NAME.ttl.

    A file that does not parse stops the start with its name and the parser's line and column."""
    from gcmkg.settings import resolve
    folder = folder or resolve("vocabularies")
    if not folder:
        return {}
    if not Path(folder).is_dir():
        raise ValueError(f"{folder}: the vocabularies folder (GCMKG_VOCABULARIES) does not exist")
    graphs = {}
    for path in sorted(Path(folder).glob("*.ttl")):
        try:
            graphs[vocab_graph("local-" + path.stem)] = tuple(_parse(path))
        except SyntaxError as e:
            raise ValueError(f"{path}: not valid Turtle: {e}") from None
    return graphs


def forget_system_graphs() -> None:
    """Read the shipped and deployment graphs again on next use (after the vocabularies setting changed)."""
    for cached in (system_graphs, vocabulary_quads, concept_context):
        cached.cache_clear()


@lru_cache(maxsize=1)
def vocabulary_quads() -> tuple[ox.Quad, ...]:
    """The vocabularies and ontology as quads: the context a validator needs to check concept links."""
    return tuple(ox.Quad(t.subject, t.predicate, t.object, g)
                 for g, ts in system_graphs().items() if g != SHAPES_GRAPH for t in ts)


def demo_files() -> list:
    """The demo data files shipped in gcmkg.demo, as importlib resources."""
    return sorted((r for r in files("gcmkg.demo").iterdir() if r.name.endswith(".ttl")), key=lambda r: r.name)


def demo_organisations() -> list[ox.Quad]:
    """The organisation records shipped with the demo data, in the default graph: what `gcmkg validate`
    checks organisation links against when there is no store."""
    from gcmkg.names import ORGANISATION, RDF_TYPE
    triples = [t for r in demo_files() for t in _parse(r)]
    organisations = {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == ORGANISATION}
    return [ox.Quad(t.subject, t.predicate, t.object) for t in triples if t.subject in organisations]


@lru_cache(maxsize=1)
def concept_context() -> dict:
    """Concept IRI -> its rdf:type and skos:inScheme triples: what shapes check on a linked concept."""
    from gcmkg.names import RDF_TYPE, SKOS
    in_scheme = ox.NamedNode(SKOS + "inScheme")
    context: dict = {}
    for q in vocabulary_quads():
        if q.predicate == RDF_TYPE or q.predicate == in_scheme:
            context.setdefault(q.subject, []).append(q.triple)
    return context
