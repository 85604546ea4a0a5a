"""The review shapes (shapes/curation/review.ttl) as data: one valid review, and each way a review goes wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from curation_support import PRACTICE, sample_review
from gcmkg.curation import reviews
from gcmkg.curation.provenance import gcmc, prov

ENTRY = NamedNode(PRACTICE)
REVIEWER = "https://w3id.org/gcmkg/agent/" + "ab" * 16
DECLARED, GIVEN = dt.datetime(2026, 12, 1, 9), dt.datetime(2026, 12, 1, 10)


def record(**changes):
    _, triples = reviews.review_record(ENTRY, 1, sample_review(), REVIEWER, "external", DECLARED, GIVEN)
    for predicate, value in changes.items():
        p = prov(predicate[5:]) if predicate.startswith("prov_") else gcmc(predicate)
        triples = [t for t in triples if t.predicate != p]
        if value is not None:
            review = triples[0].subject
            triples.append(Triple(review, p, value))
    return triples


CASES = {
    "a name instead of an agent IRI": (dict(prov_wasAttributedTo=NamedNode("mailto:esther@example.org")),
                                       "by agent IRI (never a name)"),
    "conflict declared after the review": (dict(conflictDeclaredAt=Literal("2026-12-01T11:00:00Z", datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#dateTime"))), "declared before the review"),
    "a declared conflict": (dict(conflictOfInterest=Literal(True)), "a declared conflict withdraws them"),
    "no verdict": (dict(verdict=None), "Give one verdict"),
    "an unknown verdict": (dict(verdict=gcmc("maybe")), "Give one verdict"),
    "a criterion not assessed": (dict(innovative=None), "Assess the criterion 'innovative' once."),
    "no affiliation": (dict(reviewerAffiliation=None), "UN or external"),
}


def test_a_complete_review_conforms():
    assert reviews.problems(record()) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_faulty_review_is_refused_with_its_message(case):
    changes, expected = CASES[case]
    found = reviews.problems(record(**changes))
    assert any(expected in message for message in found), found


def test_messages_come_in_the_reviewers_language():
    found = reviews.problems(record(verdict=None), lang="fr")
    assert found == ["Donnez un verdict : approuver, approuver avec modifications ou rejeter."]
