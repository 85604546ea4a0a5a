"""Fixtures of the curation tests: the curation database on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from gcmkg.curation import db
from postgres_cluster import postgres_cluster


@pytest.fixture(scope="session")
def postgres_url():
    with postgres_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty curation database: each test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield db.database_url(str(tmp_path / "store"))
        return
    url = request.getfixturevalue("postgres_url")
    engine = db.connect(url)
    db.metadata.drop_all(engine)
    engine.dispose()
    yield url


@pytest.fixture
def engine(database_url):
    engine = db.connect(database_url)
    yield engine
    engine.dispose()


PRACTICE = "https://w3id.org/gcmkg/id/practice/test-community-interpreters"
DRAFT_TTL = """
@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<%s> a gcm:Practice ;
    dcterms:title "Community interpreters in clinics"@en ;
    dcterms:abstract "Trained community interpreters accompany migrants to health clinics."@en ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/15> ;
    gcm:guidingPrinciple <https://w3id.org/gcmkg/gcm/principle/people-centred> ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/policy-law-regulation> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/ARG> ;
    schema:startDate "2020-03-01"^^xsd:date ;
    gcm:ongoing true ;
    gcm:implementingOrganisation <https://w3id.org/gcmkg/id/org/test-ministry> ;
    dcterms:source <https://example.org/practice/interpreters> ;
    dcterms:language "en"^^xsd:language .
""" % PRACTICE

PEOPLE = {  # e-mail -> (name, roles, affiliation)
    "alice.contributor@example.org": ("Alice Contreras", ["contributor"], None),
    "carlos.curator@example.org": ("Carlos Curado", ["curator"], None),
    "una.reviewer@un.example": ("Una Naciones", ["reviewer"], "un"),
    "ext.one@example.org": ("Esther Uno", ["reviewer"], "external"),
    "ext.two@example.org": ("Eduardo Dos", ["reviewer"], "external"),
    "ext.three@example.org": ("Elena Tres", ["reviewer"], "external"),
}


def draft_triples(ttl: str = DRAFT_TTL):
    import pyoxigraph as ox
    return [q.triple for q in ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE)]


def full_review(verdict: str = "approve"):
    from gcmkg.curation.reviews import CRITERIA, Assessment, Review
    return Review(verdict, tuple(Assessment(c, True, f"The entry is {c}: see its summary.") for c in CRITERIA),
                  "Clear and well documented.")


def open_workbench(kg, engine):
    """A workbench over `kg` and `engine` with the test organisations published and PEOPLE as accounts."""
    from gcmkg.curation.workbench import Workbench
    from gcmkg.ingest.rdf_input import parse_file
    from conftest import DATA
    kg.load([parse_file(str(DATA / "entries.ttl"))])
    bench = Workbench(kg, engine)
    for email, (name, roles, affiliation) in PEOPLE.items():
        bench.accounts.add(email, name, roles, affiliation=affiliation, organisation="Test org")
    return bench, {a.email.split("@")[0].replace(".", "_"): a for a in bench.accounts.list()}


def review_and_approve(bench, people, entry):
    """Submit, assign one UN and two external reviewers, and have them approve: ready to publish."""
    from pyoxigraph import NamedNode
    entry = NamedNode(entry) if isinstance(entry, str) else entry
    bench.transition(people["alice_contributor"], entry, "submit")
    for name in ("una_reviewer", "ext_one", "ext_two"):
        bench.assign(people["carlos_curator"], entry, people[name])
        bench.declare_conflict(people[name], entry, False)
        bench.review(people[name], entry, full_review())
