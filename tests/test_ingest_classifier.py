"""The topic classifier: GCM objectives, guiding principles and SDGs suggested from a text, with the sentences they rest on."""

from __future__ import annotations

import pytest

from gcmkg.ingest.classifier import Classifier, default_classifier, load_embedder, sentences
from gcmkg.ingest.document import DocumentBuilder
from gcmkg.ingest.evidence import quoted_text
from gcmkg.ingest.suggestions import NORM, PRACTICE, suggest
from gcmkg.ingest.topics import OBJECTIVE, OBJECTIVE_IRI, SDG, SDG_GOAL, demo_examples

# Written for these tests (not the benchmark's gold documents, not the demo entries).
REMITTANCES = {
    "en": "Families of migrant workers in Nepal pay high fees when money is sent home. "
          "The pilot lets them receive remittances on a mobile phone at a third of the cost. "
          "Local agents also help women open savings accounts.",
    "es": "Las familias de los trabajadores migrantes en Honduras pagan comisiones altas por el dinero que reciben. "
          "El proyecto piloto permite recibir las remesas en el teléfono móvil a un tercio del costo. "
          "Agentes locales ayudan a las mujeres a abrir cuentas de ahorro.",
    "fr": "Les familles des travailleurs migrants au Mali paient des frais élevés pour l'argent reçu. "
          "Le projet pilote permet de recevoir les envois de fonds sur un téléphone portable pour un tiers du coût. "
          "Des agents locaux aident les femmes à ouvrir un compte d'épargne.",
}


def document(text: str, language: str):
    builder = DocumentBuilder("note.txt", "text", language)
    builder.add(text)
    return builder.build()


@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_remittance_pilot_gets_objective_20_as_primary_in_every_language(language):
    found = suggest(document(REMITTANCES[language], language))
    [primary] = [s for s in found if s.field == "gcm:primaryObjective"]
    assert primary.value == OBJECTIVE_IRI + "20" and primary.method == "classifier"
    assert "wordllama" in primary.rule
    secondary = [s for s in found if s.field == "gcm:secondaryObjective"]
    assert len(secondary) == 2 and OBJECTIVE_IRI + "20" not in {s.value for s in secondary}
    assert all(primary.confidence > s.confidence for s in secondary)
    sdg = {s.value for s in found if s.field == "gcm:sdg"}
    assert SDG + "10" in sdg
    assert any("." in iri[len(SDG):] for iri in sdg), "targets too"


def test_evidence_of_a_topic_is_the_sentence_that_speaks_of_it():
    doc = document(REMITTANCES["en"], "en")
    found = suggest(doc)
    primary = next(s for s in found if s.field == "gcm:primaryObjective")
    assert primary.confidence >= 0.5, "several English cues and the model agree"
    quotes = []
    for evidence in primary.evidence:
        at_position, exact = quoted_text(doc, evidence["selector"])
        assert at_position == exact
        quotes.append(exact)
    assert any("remittances" in q for q in quotes), quotes


def test_a_norm_gets_the_objectives_it_addresses_not_a_primary_one():
    text = ("Act on foreign nationals. Victims of trafficking in persons receive a residence permit and assistance; "
            "traffickers face prison terms of up to ten years.")
    found = suggest(document(text, "en"), NORM)
    addressed = [s.value for s in found if s.field == "gcm:addressesObjective"]
    assert addressed[0] == OBJECTIVE_IRI + "10" and len(addressed) == 3
    assert not any(s.field in ("gcm:primaryObjective", "gcm:secondaryObjective") for s in found)


def test_model_loads_from_its_wheel_without_the_network(monkeypatch):
    import requests

    def refuse(*args, **kwargs):
        raise AssertionError("the classifier tried to download")

    monkeypatch.setattr(requests, "get", refuse)
    model, reason = load_embedder()
    assert reason is None and model.embed(["migration"]).shape == (1, 256)


def test_without_the_embedding_model_key_words_still_rank_and_every_suggestion_says_so():
    from gcmkg.ingest.suggestions import _Collector
    from gcmkg.ingest.topic_suggestions import suggest_topics

    fallback = Classifier(use_embedder=False)
    assert fallback.embedder is None and "no embedding model" in fallback.method
    doc = document(REMITTANCES["fr"], "fr")
    collector = _Collector(doc)
    suggest_topics(collector, doc, PRACTICE, classifier=fallback)
    found = collector.suggestions()
    primary = next(s for s in found if s.field == "gcm:primaryObjective")
    assert primary.value == OBJECTIVE_IRI + "20"
    assert all("no embedding model" in s.rule and s.evidence for s in found)


def test_a_demo_entry_never_votes_for_itself():
    classifier = default_classifier()
    example = next(e for e in demo_examples() if e.kind == "practice")
    everyone = frozenset(e.iri for e in classifier.examples)
    vectors = classifier._embed([s.text for s in sentences(example.text)])
    assert classifier._vote(OBJECTIVE, vectors, everyone, "practice").sum() == 0
    assert classifier._vote(OBJECTIVE, vectors, everyone - {example.iri}, "practice").sum() > 0


def test_sentences_keep_their_offsets():
    text = "First one. Second one!\n\n2021\nThird; fourth?"
    found = sentences(text, offset=5)
    assert [s.text for s in found] == ["First one.", "Second one!", "Third;", "fourth?"]
    assert all(text[s.start - 5:s.end - 5] == s.text for s in found)


def test_every_sdg_goal_and_target_is_a_topic():
    ranked = default_classifier().rank("Clean water and sanitation for every village.", "en")
    assert len(ranked[SDG_GOAL]) == 17 and len(ranked["sdg-target"]) == 169
    assert ranked[SDG_GOAL][0].topic.notation == "6"


def test_demo_entries_vote_only_on_texts_about_migration():
    text = "Illegal logging cleared the tropical forest, and several endangered species lost their habitat."
    shared = default_classifier()
    alone = Classifier(embedder=shared.embedder, examples=())
    with_examples, without = shared.rank(text, "en"), alone.rank(text, "en")
    assert [r.topic.notation for r in with_examples[SDG_GOAL]] == [r.topic.notation for r in without[SDG_GOAL]]
    assert with_examples[SDG_GOAL][0].topic.notation == "15"
    migration = "Migrant workers cleared the tropical forest for a logging company."
    assert [r.score for r in shared.rank(migration, "en")[OBJECTIVE]] != \
        [r.score for r in alone.rank(migration, "en")[OBJECTIVE]]
