"""Every save of a draft is a version; stale saves are refused without losing what the user typed."""

from __future__ import annotations

import threading

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from curation_support import (PRACTICE, database_url, draft_triples, engine, open_workbench,  # noqa: F401
                              postgres_url)
from gcmkg.curation import versions
from gcmkg.curation.versions import StaleVersion
from gcmkg.names import DCTERMS, GCM

ENTRY = NamedNode(PRACTICE)
TITLE = NamedNode(DCTERMS + "title")


def retitled(triples, title):
    return [Triple(t.subject, t.predicate, Literal(title, language="en")) if t.predicate == TITLE else t
            for t in triples]


def test_each_save_is_a_version_with_its_author(memory_kg, engine):
    wb, people = open_workbench(memory_kg, engine)
    alice = people["alice_contributor"]
    first = wb.save_draft(alice, ENTRY, draft_triples(), 0)
    second = wb.save_draft(alice, ENTRY, retitled(draft_triples(), "Interpreters"), first)
    history = versions.history(engine, ENTRY)
    assert [(v.number, v.author_id) for v in history] == [(1, alice.id), (2, alice.id)] and second == 2
    assert {t.object.value for t in history[0].triples if t.predicate == TITLE} == {"Community interpreters in clinics"}
    revised = [t for t in wb.history(ENTRY) if t.predicate.value == "http://www.w3.org/ns/prov#wasRevisionOf"]
    assert [(t.subject.value, t.object.value) for t in revised] == [(PRACTICE + "/version/2", PRACTICE + "/version/1")]


def test_a_save_from_a_stale_version_is_refused_and_carries_what_was_sent(memory_kg, engine):
    wb, people = open_workbench(memory_kg, engine)
    alice, carlos = people["alice_contributor"], people["carlos_curator"]
    wb.save_draft(alice, ENTRY, draft_triples(), 0)
    wb.save_draft(carlos, ENTRY, retitled(draft_triples(), "Edited by the curator"), 1)
    mine = retitled(draft_triples(), "Edited by Alice from version 1")
    with pytest.raises(StaleVersion, match="latest is 2") as stale:
        wb.save_draft(alice, ENTRY, mine, 1)
    assert {t.object.value for t in stale.value.sent if t.predicate == TITLE} == {"Edited by Alice from version 1"}
    assert {q.object.value for q in memory_kg.review.quads(ENTRY) if q.predicate == TITLE} == {"Edited by the curator"}


def test_of_two_saves_from_the_same_version_exactly_one_wins(engine):
    versions.save(engine, ENTRY, draft_triples(), 0, None)
    outcomes: list[str] = []
    start = threading.Barrier(4)

    def save(n):
        start.wait()
        try:
            versions.save(engine, ENTRY, retitled(draft_triples(), f"writer {n}"), 1, None)
            outcomes.append("saved")
        except StaleVersion:
            outcomes.append("stale")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["saved", "stale", "stale", "stale"]
    assert versions.latest_number(engine, ENTRY) == 2


def test_the_difference_of_two_versions_is_added_and_removed_values_per_field():
    old = draft_triples()
    new = [t for t in retitled(old, "Interpreters in clinics") if t.predicate != NamedNode(GCM + "ongoing")]
    new.append(Triple(ENTRY, NamedNode(GCM + "secondaryObjective"),
                      NamedNode("https://w3id.org/gcmkg/gcm/objective/16")))
    changes = {c.key: c for c in versions.diff(old, new, ENTRY)}
    assert set(changes) == {"title", "secondaryObjective", "ongoing"}
    assert changes["title"].added == ('"Interpreters in clinics"@en',)
    assert changes["title"].removed == ('"Community interpreters in clinics"@en',)
    assert changes["secondaryObjective"].added == ("<https://w3id.org/gcmkg/gcm/objective/16>",)
    assert changes["ongoing"].removed == ('"true"^^<http://www.w3.org/2001/XMLSchema#boolean>',)
    assert changes["title"].name("fr") != "title", "fields are named from the shapes in the user's language"
