"""The ingest assistant's suggestions as PROV-O records in the review store, and the curators' decisions on them.

An ingest run is a prov:Activity (gcmc:IngestRun) associated with the account
that started it and with the pipeline (a prov:SoftwareAgent named by its
version); it used the document (a prov:Entity holding the text the evidence
points into) and generated the draft's first version and every suggestion.
A suggestion (gcmc:Suggestion, a prov:Entity) says which field, which value,
how sure, by which method and rule, and its evidence as W3C Web Annotation
selectors (oa:TextQuoteSelector, oa:TextPositionSelector) over that document.
A decision (gcmc:SuggestionDecision, a prov:Activity) used the suggestion and
was associated with the curator; an accepted or edited value generated a new
version of the draft, derived from the suggestion. Rejected suggestions stay,
marked by their decision, so the pipeline can be measured on real decisions.

Each run's record for an entry, and each decision, is its own named graph
about the entry (provenance.write), so an entry's history holds them all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Triple

from gcmkg.names import BASE, DCTERMS, PREFIXES, RDF_TYPE, RDFS, XSD

from . import provenance as pv

OA = "http://www.w3.org/ns/oa#"
XSD_DECIMAL = NamedNode(XSD + "decimal")
ACCEPTED, REJECTED, EDITED, PENDING = "accepted", "rejected", "edited", "pending"


def oa(name: str) -> NamedNode:
    return NamedNode(OA + name)


def expand(curie: str) -> str:
    """A field or datatype as the suggestions name it ("gcm:sdg", "xsd:gYear") as a full IRI."""
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES and local else curie


@dataclass
class StoredSuggestion:
    """A suggestion as the review store holds it, with the decision taken on it (if any)."""

    iri: str
    entry: str
    run: str
    document: str
    field: str  # the property's IRI; "organisation" (role not said) is kept as given
    value: NamedNode | Literal
    confidence: float
    method: str
    rule: str
    label: str | None = None
    evidence: list[dict] = field(default_factory=list)  # as ingest.evidence made it: source, selector, page...
    status: str = PENDING
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    final_value: NamedNode | Literal | None = None  # what entered the draft (the curator's, when edited)
    final_field: str | None = None  # where it entered (the curator's choice, when edited)
    document_text: str | None = field(default=None, repr=False)  # the text the selectors point into

    def to_json(self) -> dict:
        """The suggestion as the desk's pages and the API show it."""
        value = {"iri": self.value.value} if isinstance(self.value, NamedNode) else {
            "literal": self.value.value, **({"language": self.value.language} if self.value.language else {}),
            **({"datatype": self.value.datatype.value} if not self.value.language else {})}
        return {"iri": self.iri, "entry": self.entry, "run": self.run, "document": self.document,
                "field": self.field, "value": value, "label": self.label, "confidence": self.confidence,
                "method": self.method, "rule": self.rule, "evidence": self.evidence, "status": self.status,
                "decided_at": self.decided_at.isoformat() + "Z" if self.decided_at else None}


def literal_value(suggestion: dict) -> NamedNode | Literal:
    """The RDF term of a suggestion's value as ingest's JSON gives it."""
    value = suggestion["value"]
    if "iri" in value:
        return NamedNode(value["iri"])
    if value.get("language"):
        return Literal(value["literal"], language=value["language"])
    return Literal(value["literal"], datatype=NamedNode(expand(value.get("datatype", "xsd:string"))))


def pipeline_agent(pipeline: dict) -> NamedNode:
    """The software agent of a pipeline version: the same IRI for every run of the same versions."""
    digest = hashlib.sha256(json.dumps(pipeline, sort_keys=True).encode()).hexdigest()[:16]
    return NamedNode(f"{BASE}agent/ingest-pipeline/{digest}")


def new_run() -> NamedNode:
    return NamedNode(f"{pv.RECORD}ingest-run/{uuid.uuid4().hex}")


def document_iri(source: str, locator: str | None, text: str) -> NamedNode:
    digest = hashlib.sha256(f"{source}\n{locator or ''}\n{text}".encode()).hexdigest()
    return NamedNode(f"{pv.RECORD}document/{digest}")


def run_triples(run: NamedNode, agent: str, pipeline: dict, started: dt.datetime, ended: dt.datetime) -> list[Triple]:
    """The run as an activity: who started it, which pipeline ran, when."""
    software = pipeline_agent(pipeline)
    return [Triple(run, RDF_TYPE, pv.prov("Activity")), Triple(run, RDF_TYPE, pv.gcmc("IngestRun")),
            Triple(run, pv.prov("wasAssociatedWith"), NamedNode(agent)),
            Triple(run, pv.prov("wasAssociatedWith"), software),
            Triple(run, pv.prov("startedAtTime"), pv.when(started)), Triple(run, pv.prov("endedAtTime"), pv.when(ended)),
            Triple(software, RDF_TYPE, pv.prov("SoftwareAgent")),
            Triple(software, RDFS_LABEL, Literal(f"{pipeline.get('name')} {pipeline.get('version')}")),
            Triple(software, pv.gcmc("pipeline"), Literal(json.dumps(pipeline, sort_keys=True)))]


RDFS_LABEL = NamedNode(RDFS + "label")


def document_triples(doc: NamedNode, run: NamedNode, summary: dict, text: str) -> list[Triple]:
    """The document the run read: its file name, format, language, place in the file, and full text."""
    triples = [Triple(doc, RDF_TYPE, pv.prov("Entity")), Triple(doc, RDF_TYPE, pv.gcmc("Document")),
               Triple(run, pv.prov("used"), doc),
               Triple(doc, NamedNode(DCTERMS + "title"), Literal(summary["source"])),
               Triple(doc, NamedNode(DCTERMS + "format"), Literal(summary["format"])),
               Triple(doc, NamedNode(DCTERMS + "language"), Literal(summary["language"])),
               Triple(doc, pv.gcmc("text"), Literal(text))]
    if summary.get("locator"):
        triples.append(Triple(doc, pv.gcmc("locator"), Literal(summary["locator"])))
    return triples


_S = {name: pv.gcmc(name) for name in ("Suggestion", "forEntry", "field", "value", "confidence", "method", "rule",
                                       "evidence", "page")}
_P = {name: pv.prov(name) for name in ("Entity", "wasGeneratedBy", "wasDerivedFrom")}
_OA = {name: oa(name) for name in ("SpecificResource", "hasSource", "hasSelector", "TextQuoteSelector",
                                   "TextPositionSelector", "exact", "prefix", "suffix", "start", "end")}


def suggestion_triples(entry: NamedNode, run: NamedNode, doc: NamedNode, suggestion: dict) -> list[tuple]:
    """One suggestion (ingest's JSON form) as a prov:Entity generated by the run, with its selectors.

    As (subject, predicate, object) tuples: a spreadsheet's thousand drafts hold
    hundreds of thousands of them, and each pyoxigraph object made costs.
    """
    s = NamedNode(f"{pv.RECORD}suggestion/{uuid.uuid4().hex}")
    facts = [(s, RDF_TYPE, _P["Entity"]), (s, RDF_TYPE, _S["Suggestion"]), (s, _P["wasGeneratedBy"], run),
             (s, _P["wasDerivedFrom"], doc), (s, _S["forEntry"], entry),
             (s, _S["field"], NamedNode(expand(suggestion["field"])) if ":" in suggestion["field"]
              else Literal(suggestion["field"])),
             (s, _S["value"], literal_value(suggestion)),
             (s, _S["confidence"], Literal(f"{suggestion['confidence']:.2f}", datatype=XSD_DECIMAL)),
             (s, _S["method"], Literal(suggestion["method"])), (s, _S["rule"], Literal(suggestion["rule"]))]
    if suggestion.get("label"):
        facts.append((s, RDFS_LABEL, Literal(suggestion["label"])))
    for i, found in enumerate(suggestion.get("evidence", []), start=1):
        target = NamedNode(f"{s.value}/evidence/{i}")
        facts += [(s, _S["evidence"], target), (target, RDF_TYPE, _OA["SpecificResource"]),
                  (target, _OA["hasSource"], doc)]
        if found.get("page") is not None:
            facts.append((target, _S["page"], Literal(str(found["page"]), datatype=pv.XSD_INTEGER)))
        for selector in found["selector"]:
            node = NamedNode(f"{target.value}/{selector['type']}")
            facts += [(target, _OA["hasSelector"], node), (node, RDF_TYPE, _OA[selector["type"]])]
            facts += [(node, _OA[key], Literal(selector[key])) for key in ("exact", "prefix", "suffix") if key in selector]
            facts += [(node, _OA[key], Literal(str(selector[key]), datatype=pv.XSD_INTEGER))
                      for key in ("start", "end") if key in selector]
    return facts


def decision_triples(suggestion: StoredSuggestion, curator: str, at: dt.datetime, status: str,
                     version: NamedNode | None, value: NamedNode | Literal | None) -> tuple[NamedNode, list[Triple]]:
    """A curator's decision on a suggestion; an accepted or edited value generated `version`, derived from it."""
    record, triples = pv.activity("SuggestionDecision", curator, at, used=NamedNode(suggestion.iri),
                                  decision=pv.gcmc(status))
    if value is not None and status == EDITED:
        triples.append(Triple(record, pv.gcmc("value"), value))
    if version is not None:
        triples += [Triple(record, pv.prov("generated"), version),
                    Triple(version, pv.prov("wasDerivedFrom"), NamedNode(suggestion.iri))]
    return record, triples


def stored_suggestions(record: list[Triple], entry: NamedNode) -> list[StoredSuggestion]:
    """The suggestions for `entry` in its provenance record (provenance.records), with their decisions."""
    facts: dict = {}
    for t in record:
        facts.setdefault(t.subject, {}).setdefault(t.predicate, []).append(t.object)

    def one(subject, predicate):
        found = facts.get(subject, {}).get(predicate)
        return found[0] if found else None

    out = {}
    for subject, props in facts.items():
        if pv.gcmc("Suggestion") not in props.get(RDF_TYPE, []) or one(subject, pv.gcmc("forEntry")) != entry:
            continue
        doc = one(subject, pv.prov("wasDerivedFrom"))
        text = one(doc, pv.gcmc("text"))
        evidence = []
        for target in sorted(props.get(pv.gcmc("evidence"), []), key=lambda n: int(n.value.rsplit("/", 1)[-1])):
            selectors = []
            for node in facts.get(target, {}).get(oa("hasSelector"), []):
                kind = one(node, RDF_TYPE).value[len(OA):]
                selector = {"type": kind}
                for key in ("exact", "prefix", "suffix", "start", "end"):
                    value = one(node, oa(key))
                    if value is not None:
                        selector[key] = int(value.value) if key in ("start", "end") else value.value
                selectors.append(selector)
            selectors.sort(key=lambda s: s["type"] != "TextQuoteSelector")
            item = {"source": one(doc, NamedNode(DCTERMS + "title")).value, "selector": selectors}
            if (page := one(target, pv.gcmc("page"))) is not None:
                item["page"] = int(page.value)
            evidence.append(item)
        field_term = one(subject, pv.gcmc("field"))
        label = one(subject, RDFS_LABEL)
        out[subject] = StoredSuggestion(
            subject.value, entry.value, one(subject, pv.prov("wasGeneratedBy")).value, doc.value, field_term.value,
            one(subject, pv.gcmc("value")), float(one(subject, pv.gcmc("confidence")).value),
            one(subject, pv.gcmc("method")).value, one(subject, pv.gcmc("rule")).value,
            label.value if label is not None else None, evidence,
            document_text=text.value if text is not None else None)
    for subject, props in facts.items():
        if pv.gcmc("SuggestionDecision") not in props.get(RDF_TYPE, []):
            continue
        target = out.get(one(subject, pv.prov("used")))
        if target is None:
            continue
        target.status = one(subject, pv.gcmc("decision")).value[len(pv.GCMC):]
        target.decided_by = one(subject, pv.prov("wasAssociatedWith")).value
        target.decided_at = pv.moment(one(subject, pv.prov("startedAtTime")))
        if target.status in (ACCEPTED, EDITED):
            target.final_value = one(subject, pv.gcmc("value")) or target.value
            chosen = one(subject, pv.gcmc("field"))       # where the curator put it, if not the suggested field
            target.final_field = chosen.value if chosen is not None else target.field
    return sorted(out.values(), key=lambda s: (s.field, -s.confidence, s.iri))
