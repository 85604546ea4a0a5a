"""How well the ingest assistant labels and links: objectives, SDG goals, countries, organisations.

    python bench/classify.py               # the held-out test documents, leave-one-out on the demo entries
    python bench/classify.py --split dev   # the documents the weights were set on
    python bench/classify.py --cues-only   # the same without the embedding model (the fallback)

Two measurements:

1. The gold set (tests/data/classify_gold.json): short practice and norm texts in
   en/es/fr written for this benchmark, with the objectives, SDG goals, principles,
   countries and organisations an expert would give them. The demo entries vote
   as examples (none of them is a gold document).
2. Leave-one-out on the demo entries (gcmkg/demo/practices.ttl, norms.ttl): each
   entry's title and summary is classified with its own labels out of the vote.

Precision@k = right labels among the top k / k; recall@k = right labels among the
top k / all right labels; "top-1 primary" = the first label is the gold primary
objective. Linking: the rule layer's country and organisation suggestions against
the gold ones (micro precision and recall).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from gcmkg.ingest.classifier import Classifier
from gcmkg.ingest.document import DocumentBuilder
from gcmkg.ingest.topics import (OBJECTIVE, OBJECTIVE_IRI, SDG, SDG_GOAL, demo_examples,
                                 goal_of)

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "classify_gold.json"
SDG_SHORT = GOLD.with_name("sdg_short_dev.json")
KS = (1, 3, 5)
COUNTRY = "https://w3id.org/gcmkg/country/"
ORG = "https://w3id.org/gcmkg/id/org/"


class Tally:
    """Precision and recall at each k, summed over documents."""

    def __init__(self):
        self.n = 0
        self.precision = defaultdict(float)
        self.recall = defaultdict(float)
        self.primary = 0

    def add(self, ranked: list[str], gold: list[str]) -> None:
        if not gold:
            return
        self.n += 1
        self.primary += ranked[0] == gold[0]
        for k in KS:
            right = len(set(ranked[:k]) & set(gold))
            self.precision[k] += right / k
            self.recall[k] += right / len(gold)

    def row(self, name: str, primary: bool = False) -> str:
        if not self.n:
            return f"{name:<34} (none)"
        cells = " ".join(f"{self.precision[k] / self.n:5.2f} {self.recall[k] / self.n:5.2f}" for k in KS)
        extra = f"  top-1 primary {self.primary / self.n:4.2f}" if primary else ""
        return f"{name:<34} n={self.n:<3} {cells}{extra}"


def header() -> str:
    return f"{'':<34} {'':<5} " + " ".join(f" P@{k}   R@{k} " for k in KS)


def _codes(ranked, scheme) -> list[str]:
    return [r.topic.notation for r in ranked[scheme]]


def gold_set(classifier: Classifier, split: str) -> None:
    documents = [d for d in json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
                 if split == "all" or d["split"] == split]
    objectives, goals = defaultdict(Tally), defaultdict(Tally)
    started = time.perf_counter()
    for doc in documents:
        ranked = classifier.rank(doc["text"], doc["lang"], kind=doc["kind"])
        for lang in (doc["lang"], "all"):
            objectives[lang].add(_codes(ranked, OBJECTIVE), doc["objectives"])
            goals[lang].add(_codes(ranked, SDG_GOAL), doc["sdg_goals"])
    elapsed = time.perf_counter() - started
    print(f"\nGold set, split {split}: {len(documents)} documents, {elapsed / max(1, len(documents)) * 1000:.0f} ms each")
    print(header())
    for lang in ("en", "es", "fr", "all"):
        print(objectives[lang].row(f"GCM objectives [{lang}]", primary=True))
    for lang in ("en", "es", "fr", "all"):
        print(goals[lang].row(f"SDG goals [{lang}]"))
    linking(documents)


def general_sdg_texts(classifier: Classifier) -> None:
    """Top-1 SDG goal on short single-goal texts not about migration (tests/data/sdg_short_dev.json; dev data)."""
    texts = json.loads(SDG_SHORT.read_text(encoding="utf-8"))["texts"]
    right = sum(classifier.rank(text, "en")[SDG_GOAL][0].topic.notation == goal for goal, text in texts)
    print(f"\nGeneral SDG texts (dev, not about migration): top-1 goal right {right}/{len(texts)}"
          f" = {right / len(texts):.2f}")


def linking(documents: list[dict]) -> None:
    from gcmkg.ingest.suggestions import suggest

    counts = defaultdict(lambda: [0, 0, 0])  # (kind, lang) -> right, suggested, gold
    for doc in documents:
        builder = DocumentBuilder(doc["id"], "text", doc["lang"])
        builder.add(doc["text"])
        found = suggest(builder.build(), doc["kind"], with_topics=False)
        countries = {s.value[len(COUNTRY):] for s in found if s.value.startswith(COUNTRY)
                     and s.field in ("dcterms:spatial", "eli:jurisdiction")}
        organisations = {s.value[len(ORG):] for s in found if s.value.startswith(ORG)}
        for kind, got, gold in (("countries", countries, set(doc["countries"])),
                                ("organisations", organisations, set(doc["organisations"]))):
            for lang in (doc["lang"], "all"):
                c = counts[(kind, lang)]
                c[0] += len(got & gold)
                c[1] += len(got)
                c[2] += len(gold)
    print(f"\nLinking (rule layer){'':<14} {'right':>5} {'sugg.':>5} {'gold':>5}  precision recall")
    for kind in ("countries", "organisations"):
        for lang in ("en", "es", "fr", "all"):
            right, suggested, gold = counts[(kind, lang)]
            print(f"{kind + ' [' + lang + ']':<34} {right:>5} {suggested:>5} {gold:>5}  "
                  f"{right / suggested if suggested else 0:9.2f} {right / gold if gold else 0:6.2f}")


def leave_one_out(classifier: Classifier) -> None:
    objectives, goals = defaultdict(Tally), defaultdict(Tally)
    for example in demo_examples():
        ranked = classifier.rank(example.text, example.language, exclude=frozenset({example.iri}), kind=example.kind)
        # Gold: the primary objective first (weight 1), then the others; SDG goals of the goals and targets given.
        gold_objectives = [iri[len(OBJECTIVE_IRI):] for iri, w in sorted(example.topics.items(), key=lambda x: -x[1])
                           if iri.startswith(OBJECTIVE_IRI)]
        gold_goals = sorted({goal_of(iri)[len(SDG):] for iri in example.topics if goal_of(iri)})
        for group in (f"{example.kind}s [{example.language}]", "all"):
            objectives[group].add(_codes(ranked, OBJECTIVE), gold_objectives)
            goals[group].add(_codes(ranked, SDG_GOAL), gold_goals)
    print(f"\nLeave-one-out on the demo entries ({len(demo_examples())}; title and summary, English where given)")
    print(header())
    for group in sorted(objectives):
        print(objectives[group].row(f"GCM objectives {group}", primary=group.startswith("practice") or group == "all"))
    for group in sorted(goals):
        print(goals[group].row(f"SDG goals {group}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--cues-only", action="store_true", help="without the embedding model")
    args = parser.parse_args()
    started = time.perf_counter()
    classifier = Classifier(use_embedder=not args.cues_only)
    print(f"classifier: {classifier.method}; built in {time.perf_counter() - started:.1f} s")
    gold_set(classifier, args.split)
    if args.split != "test":
        general_sdg_texts(classifier)
    leave_one_out(classifier)


if __name__ == "__main__":
    main()
