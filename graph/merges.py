"""Two entries that are one: what the second has that the first lacks, and the redirect left in its place.

When a curator merges entry B into entry A (curation/merge.py), A keeps its IRI and takes the
values of B the curator chose; B's own graph in the public store then holds only

    B dcterms:isReplacedBy A .   B owl:sameAs A .

so a SPARQL user sees where it went, and B's IRI answers 301 to A's (api/linked_data.py,
api/json_api.py ask :func:`replacement`). Links to B in the other published entries are re-pointed to
A in the same transaction rather than left to the redirect: queries, facets and the coverage matrix join
on IRIs and would not follow one. So are the links of the drafts under curation (curation/merge.py), so
that they are not published later with a link to the redirect.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from gcmkg.names import DCTERMS, GCM, OWL, RDF_TYPE, REVIEW_STATUS
from gcmkg.shapes.fields import Field, fields_for

from .store import Store, named_query

IS_REPLACED_BY, SAME_AS = NamedNode(DCTERMS + "isReplacedBy"), NamedNode(OWL + "sameAs")
# Set by the workbench when it publishes, never taken from another entry.
_MANAGED = frozenset({REVIEW_STATUS.value, GCM + "reviewedBy", GCM + "reviewedOn"})
# What a merge takes from B unless the curator says otherwise: its sources, titles, and every link.
DEFAULT_KEYS = frozenset({"source", "title"})
# Records about B's own texts (which of them are translations): offered unticked, since A keeps its own
# texts in a language it has, and a record about texts A does not take would say something untrue of A.
ABOUT_ITS_TEXTS = frozenset({"translation"})

_REPLACEMENT = named_query("the entry a merged entry became",
                           "SELECT ?into WHERE { $entry <%s> ?into } LIMIT 1" % IS_REPLACED_BY.value)
_LINKING = named_query("graphs that link to an entry", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p $entry } }")


def replacement(store: Store, entry: NamedNode) -> NamedNode | None:
    """The entry that `entry` was merged into (None: it was not merged)."""
    rows = store.select(_REPLACEMENT, {"entry": entry})
    found = rows[0]["into"] if rows else None
    return found if isinstance(found, NamedNode) else None


def linking_graphs(store: Store, entry: NamedNode) -> list[NamedNode]:
    """The named graphs (entries) that hold a link to `entry`."""
    return [r["g"] for r in store.select(_LINKING, {"entry": entry}, union=False) if r["g"] != entry]


def redirect(merged: NamedNode, into: NamedNode) -> list[Triple]:
    """What stays under a merged entry's IRI: where it went."""
    return [Triple(merged, IS_REPLACED_BY, into), Triple(merged, SAME_AS, into)]


def fingerprint(*graphs: Iterable[Triple]) -> str:
    """A short hash of some graphs' triples, whatever their order (the ETag of a merge's two entries)."""
    digest = hashlib.sha256()
    for triples in graphs:
        digest.update("\n".join(sorted(str(t) for t in triples if not isinstance(t.subject, BlankNode))).encode())
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Offer:
    """The values of one field that the merged entry has and the one it merges into lacks."""

    field: Field
    values: tuple
    default: bool               # ticked unless the curator unticks it
    replaces: bool = False      # a one-value field: taking it replaces the entry's own value

    @property
    def key(self) -> str:
        return self.field.key


def _objects(triples: Iterable[Triple], subject: NamedNode, path: str) -> list:
    return [t.object for t in triples if t.subject == subject and t.predicate.value == path]


def offers(into: NamedNode, kept: list[Triple], merged: NamedNode, taken: list[Triple],
           class_iri: str) -> list[Offer]:
    """Field by field, what `merged` (its triples `taken`) could give `into` (its triples `kept`).

    A text in a language `into` already has is not offered (`into` keeps its own), nor a value past a
    field's maximum count, nor a link from one of the two to the other. In a field of one value that
    `into` has already (a practice's one source document), `merged`'s value is offered instead of it,
    unticked.
    """
    found = []
    for field in fields_for(class_iri):
        if field.path in _MANAGED:
            continue
        have = _objects(kept, into, field.path)
        new = [v for v in _objects(taken, merged, field.path) if v not in have and v not in (into, merged)]
        languages = {v.language for v in have if isinstance(v, Literal) and v.language}
        new = [v for v in new if not (isinstance(v, Literal) and v.language and v.language in languages)]
        if field.max_count == 1 and have and new:
            found.append(Offer(field, tuple(new[:1]), False, replaces=True))
            continue
        if field.max_count is not None:
            new = new[:max(0, field.max_count - len(have))]
        if new:
            found.append(Offer(field, tuple(new), field.key in DEFAULT_KEYS
                               or not field.literal and field.key not in ABOUT_ITS_TEXTS))
    return found


def _subtree(triples: list[Triple], node: BlankNode) -> list[Triple]:
    """The triples of a nested node (a party record, say) and of the nodes nested in it."""
    inner = [t for t in triples if t.subject == node]
    return inner + [s for t in inner if isinstance(t.object, BlankNode) for s in _subtree(triples, t.object)]


def merged_entry(into: NamedNode, kept: list[Triple], merged: NamedNode, taken: list[Triple],
                 chosen: Collection[Offer]) -> list[Triple]:
    """`into`'s triples with the chosen offers added (nested nodes with everything under them),
    and its own links to `merged` dropped (they would become links to itself)."""
    replaced = {NamedNode(o.field.path) for o in chosen if o.replaces}
    result = [t for t in kept if t.object != merged and not (t.subject == into and t.predicate in replaced)]
    for offer in chosen:
        for value in offer.values:
            result.append(Triple(into, NamedNode(offer.field.path), value))
            if isinstance(value, BlankNode):
                result.extend(_subtree(taken, value))
    return result


def repointed(triples: Iterable[Triple], old: NamedNode, new: NamedNode) -> list[Triple]:
    """A graph's triples with every link to `old` made a link to `new` (duplicates fold into one)."""
    return list(dict.fromkeys(Triple(t.subject, t.predicate, new if t.object == old else t.object)
                              for t in triples))


def entry_class(triples: Iterable[Triple], entry: NamedNode, classes: Iterable[NamedNode]) -> NamedNode | None:
    """Which of `classes` the entry is (None: none of them)."""
    wanted = set(classes)
    return next((t.object for t in triples if t.subject == entry and t.predicate == RDF_TYPE
                 and t.object in wanted), None)
