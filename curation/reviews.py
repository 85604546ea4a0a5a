"""Peer reviews as data: a review record in RDF, checked by SHACL, and the publication rule over a round.

The shapes are in ``shapes/curation/review.ttl``: what a review is (a conflict
of interest declared before the review, a verdict, an assessment against each
criterion of promising practices with a justification) and when an entry may
be published (at least one UN and two external reviewers approve, none with a
declared conflict). The server calls :func:`publication_refusal` before every
publication, so the rule holds whatever the client.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
from dataclasses import dataclass

import pyshacl
import rdflib
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize
from rdflib.namespace import SH

from gcmkg.names import RDF_TYPE, RDFS

from . import provenance as pv
from .provenance import gcmc, prov

CRITERIA: dict[str, dict[str, str]] = {
    "implemented": {"en": "implemented (not a proposal)", "es": "implementada (no una propuesta)",
                    "fr": "mise en œuvre (pas une proposition)"},
    "relevant": {"en": "relevant to the named GCM objectives", "es": "pertinente para los objetivos del PMM indicados",
                 "fr": "pertinente pour les objectifs du PMM indiqués"},
    "coherent": {"en": "coherent with the guiding principles", "es": "coherente con los principios rectores",
                 "fr": "cohérente avec les principes directeurs"},
    "innovative": {"en": "innovative", "es": "innovadora", "fr": "innovante"},
    "replicable": {"en": "replicable", "es": "replicable", "fr": "reproductible"},
    "crossCutting": {"en": "cross-cutting", "es": "transversal", "fr": "transversale"},
    "timely": {"en": "timely (implemented after December 2018)",
               "es": "oportuna (implementada después de diciembre de 2018)",
               "fr": "opportune (mise en œuvre après décembre 2018)"},
}
VERDICTS: dict[str, dict[str, str]] = {
    "approve": {"en": "approve", "es": "aprobar", "fr": "approuver"},
    "approveWithChanges": {"en": "approve with changes", "es": "aprobar con cambios",
                           "fr": "approuver avec modifications"},
    "reject": {"en": "reject", "es": "rechazar", "fr": "rejeter"},
}
AFFILIATION_TERMS = {"un": gcmc("UN"), "external": gcmc("External")}


@dataclass(frozen=True)
class Assessment:
    criterion: str        # a key of CRITERIA
    met: bool
    justification: str


@dataclass(frozen=True)
class Review:
    """What a reviewer gives: a verdict, the criteria assessed, comments to the contributor."""

    verdict: str          # a key of VERDICTS
    assessments: tuple[Assessment, ...]
    comment: str = ""


class ReviewInvalid(Exception):
    """A review record, or a round, that the shapes refuse; `messages` says why, one line each."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


def review_record(entry: NamedNode, version: int, review: Review, reviewer: str, affiliation: str,
                  conflict_declared_at: dt.datetime, at: dt.datetime) -> tuple[NamedNode, list[Triple]]:
    """The RDF of one review (its IRI and triples), as the shapes expect it."""
    record = pv.new_record()
    triples = [Triple(record, RDF_TYPE, gcmc("Review")), Triple(record, RDF_TYPE, prov("Entity")),
               Triple(record, gcmc("reviewOf"), pv.version_iri(entry, version)),
               Triple(record, prov("wasAttributedTo"), NamedNode(reviewer)),
               Triple(record, gcmc("conflictOfInterest"), pv.boolean(False)),
               Triple(record, gcmc("conflictDeclaredAt"), pv.when(conflict_declared_at)),
               Triple(record, prov("generatedAtTime"), pv.when(at)),
               Triple(record, gcmc("verdict"), gcmc(review.verdict))]
    if affiliation in AFFILIATION_TERMS:
        triples.append(Triple(record, gcmc("reviewerAffiliation"), AFFILIATION_TERMS[affiliation]))
    for a in review.assessments:
        if a.criterion not in CRITERIA:
            raise ReviewInvalid([f"there is no criterion {a.criterion!r} (criteria: {', '.join(CRITERIA)})"])
        node = NamedNode(f"{record.value}#{a.criterion}")
        triples += [Triple(record, gcmc(a.criterion), node), Triple(node, gcmc("met"), pv.boolean(a.met)),
                    Triple(node, gcmc("justification"), Literal(a.justification.strip()))]
    if review.comment.strip():
        triples.append(Triple(record, NamedNode(RDFS + "comment"), Literal(review.comment.strip())))
    return record, triples


@functools.cache
def review_shapes() -> rdflib.Graph:
    """The review and publication-rule shapes (shapes/curation/review.ttl)."""
    text = importlib.resources.files("gcmkg.shapes").joinpath("curation/review.ttl").read_text(encoding="utf-8")
    return rdflib.Graph().parse(data=text, format="turtle")


def problems(triples: list[Triple], lang: str = "en") -> list[str]:
    """What the shapes find wrong in these records, one message each (empty: they conform)."""
    data = rdflib.Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=review_shapes(), inference="none", allow_warnings=True)
    if conforms:
        return []
    found = set()
    for result in report.objects(None, SH.result):
        messages = {m.language or "en": str(m) for m in report.objects(result, SH.resultMessage)}
        found.add(messages.get(lang) or messages.get("en") or next(iter(messages.values()), "does not conform"))
    return sorted(found)


def check_review(triples: list[Triple]) -> None:
    """Raise ReviewInvalid unless the review record conforms to the shapes."""
    found = problems(triples)
    if found:
        raise ReviewInvalid(found)


def round_of(records: list[Triple], entry: NamedNode, version: int) -> list[Triple]:
    """The review round of one version under one gcmc:ReviewRound: each reviewer's latest review of it.

    One review per reviewer, so that a reviewer who revises a review is counted once.
    """
    target = pv.version_iri(entry, version)
    of_version = {t.subject for t in records if t.predicate == gcmc("reviewOf") and t.object == target}
    latest: dict[str, tuple[tuple[dt.datetime, str], NamedNode]] = {}
    facts = {(t.subject, t.predicate): t.object for t in records if t.subject in of_version}
    for review in of_version:
        reviewer = facts.get((review, prov("wasAttributedTo")))
        at = facts.get((review, prov("generatedAtTime")))
        key = reviewer.value if reviewer is not None else review.value
        stamp = (pv.moment(at) if at is not None else dt.datetime.min,
                 review.value)
        if key not in latest or stamp > latest[key][0]:
            latest[key] = (stamp, review)
    reviews = {review for _, review in latest.values()}
    round_iri = NamedNode(f"{target.value}#round")
    linked = [Triple(round_iri, RDF_TYPE, gcmc("ReviewRound"))]
    linked += [Triple(round_iri, gcmc("review"), r) for r in sorted(reviews, key=lambda n: n.value)]
    owned = {r.value for r in reviews}
    return linked + [t for t in records if t.subject.value.split("#")[0] in owned]


def publication_refusal(records: list[Triple], entry: NamedNode, version: int, conflicted=frozenset(),
                        lang: str = "en") -> str | None:
    """Why version `version` of `entry` may not be published yet under the review rule (None: it may).

    `conflicted`: agent IRIs of reviewers who have since declared a conflict;
    their reviews are marked so, and the shapes refuse the round.
    """
    declared = {t.subject for t in records if t.predicate == prov("wasAttributedTo") and t.object.value in conflicted}
    records = [Triple(t.subject, t.predicate, pv.boolean(True))
               if t.subject in declared and t.predicate == gcmc("conflictOfInterest") else t for t in records]
    found = problems(round_of(records, entry, version), lang)
    return " ".join(found) if found else None


@dataclass(frozen=True)
class RoundSummary:
    """What a public page may say of a review: "reviewed by 3 experts (1 UN, 2 external)" — never who."""

    reviewers: int
    un: int
    external: int


def round_summary(records: list[Triple], entry: NamedNode, version: int) -> RoundSummary:
    """How many reviewers reviewed version `version`, by affiliation (each reviewer's latest review)."""
    triples = round_of(records, entry, version)
    reviews = {t.object for t in triples if t.predicate == gcmc("review")}
    kinds = [t.object for t in triples if t.subject in reviews and t.predicate == gcmc("reviewerAffiliation")]
    return RoundSummary(len(reviews), kinds.count(AFFILIATION_TERMS["un"]), kinds.count(AFFILIATION_TERMS["external"]))
