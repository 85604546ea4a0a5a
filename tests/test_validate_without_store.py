"""`gcmkg validate` with no store: organisation links are checked against what gcmkg ships (the
vocabularies and the demo organisations), and the command says so, instead of calling every link wrong."""

from __future__ import annotations

from conftest import gcmkg

PRACTICE = """@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/gcmkg/id/practice/offline-check> a gcm:Practice ;
    dcterms:title "A practice checked offline"@en ;
    dcterms:abstract "Checked before any store exists."@en ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/3> ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/other> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/FRA> ;
    gcm:implementingOrganisation <https://w3id.org/gcmkg/id/org/%s> ;
    dcterms:source <https://example.org/offline> ;
    dcterms:language "en"^^xsd:language ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/submitted> .
"""


def validate_offline(tmp_path, organisation: str):
    path = tmp_path / "practice.ttl"
    path.write_text(PRACTICE % organisation, encoding="utf-8")
    return gcmkg("--store", str(tmp_path / "no-store-here"), "validate", str(path))


def test_curator_without_a_store_can_link_a_demo_organisation_and_is_told_what_was_checked(tmp_path):
    result = validate_offline(tmp_path, "iom")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "valid: 1 entries"
    notes = [line for line in result.stderr.splitlines() if "no store at" in line]
    assert len(notes) == 1 and "demo organisations shipped with gcmkg only" in notes[0]
    assert not (tmp_path / "no-store-here").exists()


def test_a_link_to_an_organisation_nobody_knows_is_still_reported(tmp_path):
    result = validate_offline(tmp_path, "nobody-knows-this-one")
    assert result.returncode == 2
    assert "implementingOrganisation" in result.stdout and "nobody-knows-this-one" in result.stdout
    assert "1 violations in 1 entries" in result.stderr
