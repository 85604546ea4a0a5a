"""Properties the ontology and shapes do not know are not loaded in silence: a typo in gcmkg's own
namespace is refused, a property from another vocabulary is loaded with a warning."""

from __future__ import annotations

import pytest

from conftest import gcmkg

ENTRY = """@prefix gcm: <https://w3id.org/gcmkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/gcmkg/id/practice/extra-fields> a gcm:Practice ;
    dcterms:title "A practice with an extra field"@en ;
    dcterms:abstract "Its curator added a field the format does not have."@en ;
    gcm:primaryObjective <https://w3id.org/gcmkg/gcm/objective/3> ;
    gcm:practiceType <https://w3id.org/gcmkg/practice-type/other> ;
    dcterms:spatial <https://w3id.org/gcmkg/country/FRA> ;
    gcm:implementingOrganisation <https://w3id.org/gcmkg/id/org/test-ministry> ;
    dcterms:source <https://example.org/extra> ;
    dcterms:language "en"^^xsd:language ;
    gcm:reviewStatus <https://w3id.org/gcmkg/review-status/approved> ;
    gcm:reviewedBy <https://w3id.org/gcmkg/id/org/test-reviewers> ;
    gcm:reviewedOn "2026-11-24T00:00:00Z"^^xsd:dateTime ;
    %s .
"""
ASK = "ASK { <https://w3id.org/gcmkg/id/practice/extra-fields> ?p ?o }"


@pytest.fixture
def store(store_dir, data_dir):
    for args in (("init",), ("load", str(data_dir / "entries.ttl"))):
        assert gcmkg("--store", str(store_dir), *args).returncode == 0
    return store_dir


def load(store, tmp_path, extra: str):
    path = tmp_path / "extra.ttl"
    path.write_text(ENTRY % extra, encoding="utf-8")
    return path, gcmkg("--store", str(store), "load", str(path))


def test_a_typo_in_a_gcm_property_is_refused_naming_file_entry_and_property(store, tmp_path):
    path, result = load(store, tmp_path, "gcm:objective <https://w3id.org/gcmkg/gcm/objective/3>")
    assert result.returncode == 2
    assert (f"gcmkg: invalid: {path}: https://w3id.org/gcmkg/id/practice/extra-fields, "
            "property <https://w3id.org/gcmkg/ontology#objective>") in result.stderr
    assert "not part of the gcmkg ontology" in result.stderr
    assert gcmkg("--store", str(store), "query", ASK).stdout.strip() == "false"


def test_a_property_from_another_vocabulary_is_loaded_with_a_warning(store, tmp_path):
    path, result = load(store, tmp_path, 'dcterms:description "Unexpected here."@en')
    assert result.returncode == 0, result.stderr
    assert (f"gcmkg: warning: {path}: https://w3id.org/gcmkg/id/practice/extra-fields, "
            "property <http://purl.org/dc/terms/description>") in result.stderr
    assert gcmkg("--store", str(store), "query", ASK).stdout.strip() == "true"


def test_validate_prints_the_warning_in_the_curators_language_and_passes(tmp_path):
    path = tmp_path / "extra.ttl"
    path.write_text(ENTRY.replace("test-ministry", "iom").replace("test-reviewers", "gcmkg-demo-editors")
                    % 'dcterms:description "Inattendue ici."@fr', encoding="utf-8")
    result = gcmkg("--store", str(tmp_path / "none"), "validate", "--lang", "fr", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Aucun champ de ce type d'entrée n'utilise cette propriété" in result.stderr
