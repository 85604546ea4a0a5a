"""Sample material of the curation workflow: people in every role, a practice to submit, a complete review.

Used by the tests, the benchmark and, later, the demo that `make run` starts
(whose accounts get passwords generated at start-up and printed once).
"""

from __future__ import annotations

import pyoxigraph as ox

from .accounts import Account, Accounts, generate_password
from .reviews import CRITERIA, Assessment, Review

#: e-mail -> (name, roles, affiliation): one contributor, one curator, one UN and three external reviewers.
PEOPLE: dict[str, tuple[str, list[str], str | None]] = {
    "alice.contributor@example.org": ("Alice Contreras", ["contributor"], None),
    "carlos.curator@example.org": ("Carlos Curado", ["curator"], None),
    "una.reviewer@un.example": ("Una Naciones", ["reviewer"], "un"),
    "ext.one@example.org": ("Esther Uno", ["reviewer"], "external"),
    "ext.two@example.org": ("Eduardo Dos", ["reviewer"], "external"),
    "ext.three@example.org": ("Elena Tres", ["reviewer"], "external"),
}

_PRACTICE = """
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{iri}> a gcm:Practice ;
    dcterms:title "Community interpreters in clinics"@en ;
    dcterms:abstract "Trained community interpreters accompany migrants to health clinics."@en ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/15> ;
    gcm:guidingPrinciple <https://w3id.org/gcmkg/gcm/principle/people-centred> ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/policy-law-regulation> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/ARG> ;
    schema:startDate "2020-03-01"^^xsd:date ;
    gcm:ongoing true ;
    gcm:implementingOrganisation <{organisation}> ;
    dcterms:source <https://example.org/practice/interpreters> ;
    dcterms:language "en"^^xsd:language .
"""


def sample_practice(iri: str, organisation: str) -> list[ox.Triple]:
    """A valid practice draft at `iri`, implemented by `organisation` (an organisation already stored)."""
    text = _PRACTICE.format(iri=ox.NamedNode(iri).value, organisation=ox.NamedNode(organisation).value)
    return [q.triple for q in ox.parse(text.encode(), format=ox.RdfFormat.TURTLE)]


def sample_review(verdict: str = "approve") -> Review:
    """A complete review: every criterion met, each with a justification."""
    return Review(verdict, tuple(Assessment(c, True, f"The entry is {c}: see its summary.") for c in CRITERIA),
                  "Clear and well documented.")


def add_people(accounts: Accounts, *, passwords: bool = False) -> dict[str, tuple[Account, str | None]]:
    """Create PEOPLE's accounts; with `passwords`, each gets a generated one (returned, to be shown once)."""
    made = {}
    for email, (name, roles, affiliation) in PEOPLE.items():
        password = generate_password() if passwords else None
        made[email] = (accounts.add(email, name, roles, affiliation=affiliation, organisation="Demo organisation",
                                    password=password), password)
    return made
