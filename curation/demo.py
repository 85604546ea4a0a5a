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


#: The demo's administrator, beside PEOPLE (who are the tests' cast too).
ADMIN = ("ada.admin@example.org", "Ada Admin", ["admin"], None)
DEMO_ORGANISATION = "https://w3id.org/gcmkg/id/org/iom"   # in the demo data


def sample_practice_json(entry_id: str, title: str = "Community interpreters in clinics") -> dict:
    """A complete practice as the curation API's JSON (the shapes' field names), for tests and benchmarks."""
    return {"type": "practice", "id": entry_id, "title": {"en": title},
            "abstract": {"en": "Trained community interpreters accompany migrants to health clinics."},
            "language": "en", "practiceType": ["https://w3id.org/gcmkg/practice-type/policy-law-regulation"],
            "primaryObjective": ["https://w3id.org/gcmkg/gcm/objective/15"],
            "guidingPrinciple": ["https://w3id.org/gcmkg/gcm/principle/people-centred"],
            "spatial": ["https://w3id.org/gcmkg/country/ARG"], "startDate": "2020-03-01", "ongoing": True,
            "implementingOrganisation": [DEMO_ORGANISATION],
            "source": ["https://example.org/practice/interpreters"]}

#: The demo's entries under curation: (id under BASE/id/, title, the state it is walked to).
WALKS = (
    ("practice/demo-birth-registration", "Mobile birth registration for migrant children", "draft"),
    ("practice/demo-job-matching", "Job matching for returning migrants", "submitted"),
    ("practice/demo-language-classes", "Free language classes in reception centres", "in_review"),
    ("practice/demo-legal-clinics", "Legal clinics for migrant workers", "ready_to_publish"),
    ("practice/demo-remittance-fees", "Lower remittance fees through mobile money", "changes_requested"),
    ("practice/demo-interpreters", "Community interpreters in clinics", "approved"),
    ("practice/demo-border-kiosks", "Self-service kiosks at border posts", "rejected"),
    ("practice/demo-housing-vouchers", "Housing vouchers for newcomers", "withdrawn"),
    ("practice/demo-seasonal-visas", "Seasonal work visas pilot", "unpublished"),
)


def demo_people(accounts: Accounts) -> list[tuple[Account, str]]:
    """PEOPLE and an admin, each with a password generated now (a restarted demo gives existing ones a new one)."""
    made = []
    for email, (name, roles, affiliation) in [*PEOPLE.items(), (ADMIN[0], ADMIN[1:])]:
        password = generate_password()
        existing = accounts.find(email)
        if existing is None:
            existing = accounts.add(email, name, roles, affiliation=affiliation, organisation="Demo organisation",
                                    password=password)
        else:
            accounts.set_password(existing, password)
        made.append((existing, password))
    return made


def walk_demo_entries(bench, base: str = "https://w3id.org/gcmkg/") -> int:
    """Put the demo's entries in every workflow state (once: an entry already under curation is left alone),
    so that each role finds something to do; returns how many were made."""
    import datetime as dt

    from . import db
    from .workbench import NotFound
    people = {a.email: a for a in bench.accounts.list()}
    alice, carlos = people["alice.contributor@example.org"], people["carlos.curator@example.org"]
    una, one, two = (people[e] for e in ("una.reviewer@un.example", "ext.one@example.org", "ext.two@example.org"))
    due = db.now() + dt.timedelta(days=14)
    made = 0
    for entry_id, title, target in WALKS:
        entry = ox.NamedNode(f"{base}id/{entry_id}")
        try:
            bench.state(entry)
            continue
        except NotFound:
            pass
        triples = [t for t in sample_practice(entry.value, DEMO_ORGANISATION) if t.predicate.value !=
                   "http://purl.org/dc/terms/title"]
        triples.append(ox.Triple(entry, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal(title, language="en")))
        bench.save_draft(alice, entry, triples, based_on=0)
        made += 1
        if target == "draft":
            continue
        bench.transition(alice, entry, "submit")
        if target == "submitted":
            continue
        if target in ("withdrawn",):
            bench.transition(alice, entry, "withdraw")
            continue
        if target in ("rejected", "changes_requested"):
            bench.transition(carlos, entry, "reject" if target == "rejected" else "request_changes",
                             "Please say how many people took part and what it cost.")
            continue
        reviewers = (una, one, two) if target != "in_review" else (una,)
        for reviewer in reviewers:
            bench.assign(carlos, entry, reviewer, due)
            bench.declare_conflict(reviewer, entry, False)
            bench.review(reviewer, entry, sample_review())
        if target == "in_review":     # Esther and Eduardo have it to declare and review
            for reviewer in (one, two):
                bench.assign(carlos, entry, reviewer, due)
            continue
        if target == "ready_to_publish":
            continue
        bench.transition(carlos, entry, "publish")
        if target == "unpublished":
            bench.transition(carlos, entry, "unpublish", "The pilot ended in 2023; see the national programme.")
    return made
