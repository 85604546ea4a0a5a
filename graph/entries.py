"""Cutting parsed RDF into entries: one named graph per practice, norm or organisation.

An entry is every statement about a resource typed gcm:Practice,
gcm:NationalNorm or org:Organization, plus the blank nodes hanging from it.
Graph names given in the input are not trusted: statements are regrouped by
subject, so a TriG export loads back into the same graphs and a Turtle file
needs no graph names at all. Quads in gcmkg's own system graphs (a full
export) are kept as whole graphs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, Triple

from gcmkg.names import ENTRY_CLASSES, RDF_TYPE, is_system_graph


class EntryError(ValueError):
    """Statements that cannot be placed in exactly one entry."""


@dataclass
class Batch:
    """What a load would write: entry graphs and whole system graphs, with where each came from."""

    entries: dict[NamedNode, list[Triple]] = field(default_factory=dict)
    system: dict[NamedNode, list[Triple]] = field(default_factory=dict)
    sources: dict[NamedNode, str] = field(default_factory=dict)

    def entry_quads(self) -> list[Quad]:
        return [Quad(t.subject, t.predicate, t.object, g) for g, ts in self.entries.items() for t in ts]

    def __len__(self) -> int:
        return sum(map(len, self.entries.values())) + sum(map(len, self.system.values()))


def split_entries(files: list) -> Batch:
    """Group the quads of parsed files (ingest.rdf_input.ParsedFile) into entry graphs."""
    batch = Batch()
    by_subject: dict = defaultdict(list)
    subject_source: dict = {}
    for parsed in files:
        for q in parsed.quads:
            g = q.graph_name
            if not isinstance(g, DefaultGraph) and isinstance(g, NamedNode) and is_system_graph(g.value):
                batch.system.setdefault(g, []).append(q.triple)
                continue
            by_subject[q.subject].append(q.triple)
            subject_source.setdefault(q.subject, parsed.source)

    entries = [s for s, triples in by_subject.items() if isinstance(s, NamedNode)
               and any(t.predicate == RDF_TYPE and t.object in ENTRY_CLASSES for t in triples)]
    owner: dict = {}
    for entry in entries:
        graph: list[Triple] = []
        stack = [entry]
        owner[entry] = entry
        while stack:
            subject = stack.pop()
            for t in by_subject.get(subject, ()):
                graph.append(t)
                o = t.object
                if isinstance(o, BlankNode) and o in by_subject:
                    if o in owner and owner[o] != entry:
                        raise EntryError(f"{subject_source[o]}: blank node _:{o.value} is shared by "
                                         f"{owner[o]} and {entry}; give it an IRI or copy it")
                    if o not in owner:
                        owner[o] = entry
                        stack.append(o)
        batch.entries[entry] = graph
        batch.sources[entry] = subject_source[entry]

    orphans = [s for s in by_subject if s not in owner]
    if orphans:
        first = orphans[0]
        more = f" (and {len(orphans) - 1} more subjects)" if len(orphans) > 1 else ""
        raise EntryError(f"{subject_source[first]}: statements about {first} belong to no entry{more}; "
                         "an entry is a resource typed gcm:Practice, gcm:NationalNorm or org:Organization")
    return batch
