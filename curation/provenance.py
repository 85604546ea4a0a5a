"""The curation record as PROV-O in the review store: versions, state changes, assignments, declarations, reviews.

Each record is its own named graph, named by the record's IRI, so recording
is append-only (one transaction, no read-modify-write between processes) and
an entry's history is one query. People appear only as their agent IRIs: a
record could be shared or audited, and must carry no name or e-mail.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Triple

from gcmkg.graph.store import Store
from gcmkg.names import BASE, PROV, RDF_TYPE, RDFS, XSD

GCMC = "https://w3id.org/gcmkg/curation#"
RECORD = BASE + "curation/"


def gcmc(name: str) -> NamedNode:
    return NamedNode(GCMC + name)


def prov(name: str) -> NamedNode:
    return NamedNode(PROV + name)


ABOUT = gcmc("about")
XSD_BOOLEAN, XSD_INTEGER, XSD_DATETIME = (NamedNode(XSD + t) for t in ("boolean", "integer", "dateTime"))


def when(moment: dt.datetime) -> Literal:
    """A naive UTC time as an xsd:dateTime literal (to the microsecond: records made in one second stay ordered)."""
    return Literal(moment.isoformat() + "Z", datatype=XSD_DATETIME)


def moment(literal: Literal) -> dt.datetime:
    """An xsd:dateTime literal written by `when`, back as a naive UTC time (to order records)."""
    return dt.datetime.fromisoformat(literal.value.rstrip("Z"))


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD_BOOLEAN)


def version_iri(entry: NamedNode, number: int) -> NamedNode:
    """The IRI of version `number` of an entry (a prov:Entity, specialisation of the entry)."""
    return NamedNode(f"{entry.value}/version/{number}")


def new_record() -> NamedNode:
    return NamedNode(RECORD + uuid.uuid4().hex)


def graph(record: NamedNode, entry: NamedNode, triples: Iterable[Triple]) -> dict[NamedNode, list[Triple]]:
    """One record about `entry` as the graph `write` would write (for an act that journals its writes)."""
    return {record: [Triple(record, ABOUT, entry), *triples]}


def write(store: Store, record: NamedNode, entry: NamedNode, triples: Iterable[Triple]) -> NamedNode:
    """Write one record (its own graph) about `entry`; returns the record's IRI."""
    store.replace_graphs(graph(record, entry, triples))
    return record


def records(store: Store, entry: NamedNode) -> list[Triple]:
    """Every triple of every record about `entry`."""
    return store.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?g $about $entry . ?s ?p ?o } }",
                           {"about": ABOUT, "entry": entry}, union=False)


def version_record(entry: NamedNode, number: int, agent: str, at: dt.datetime) -> tuple[NamedNode, list[Triple]]:
    """A saved version: who saved it, when, and which version it revises."""
    version = version_iri(entry, number)
    triples = [Triple(version, RDF_TYPE, prov("Entity")), Triple(version, prov("specializationOf"), entry),
               Triple(version, prov("wasAttributedTo"), NamedNode(agent)),
               Triple(version, prov("generatedAtTime"), when(at))]
    if number > 1:
        triples.append(Triple(version, prov("wasRevisionOf"), version_iri(entry, number - 1)))
    return version, triples


def activity(kind: str, agent: str, at: dt.datetime, **links) -> tuple[NamedNode, list[Triple]]:
    """A prov:Activity of the curation (gcmc:<kind>) by `agent` at `at`, with its own links.

    `links` maps a gcmc term to a value: a NamedNode, a Literal, a str (an IRI)
    or a bool; None values are left out.
    """
    record = new_record()
    triples = [Triple(record, RDF_TYPE, prov("Activity")), Triple(record, RDF_TYPE, gcmc(kind)),
               Triple(record, prov("wasAssociatedWith"), NamedNode(agent)),
               Triple(record, prov("startedAtTime"), when(at))]
    for name, value in links.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = boolean(value)
        elif isinstance(value, str):
            value = NamedNode(value)
        predicate = prov("used") if name == "used" else NamedNode(RDFS + "comment") if name == "comment" \
            else gcmc(name)
        triples.append(Triple(record, predicate, value))
    return record, triples


def state(name: str) -> NamedNode:
    """The IRI of a workflow state, as recorded in state changes."""
    return NamedNode(f"{GCMC}state-{name}")
