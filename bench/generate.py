"""Deterministic synthetic practices that look like the real ones, for benchmarks.

Same properties as the demo practices, realistic fan-out (1-2 primary and 0-4
secondary objectives, 0-3 principles, 1-4 SDGs, 1-3 countries, 1-3
implementing organisations from a shared pool), all valid against the shapes.
The same size and seed give the same bytes.

    python bench/generate.py 10000 -o bench/data/practices-10k.nt
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from gcmkg.graph.system_graphs import system_graphs
from gcmkg.names import SKOS, vocab_graph

WORDS = ("migrant workers diaspora remittances integration labour mobility return reintegration "
         "education school enrolment recognition skills qualifications border management data "
         "statistics consular protection trafficking smuggling detention alternatives children "
         "women gender health access services cities municipalities partnership capacity training "
         "information campaign digital platform registration identity documents regularisation "
         "social cohesion inclusion discrimination employment recruitment decent work pathways").split()

TYPES = ["project-programme", "partnership", "strategy-framework", "policy-law-regulation",
         "tool-guidance", "capacity-building", "research-data", "other"]
PRINCIPLES = ["people-centred", "international-cooperation", "national-sovereignty", "rule-of-law-and-due-process",
              "sustainable-development", "human-rights", "gender-responsive", "child-sensitive",
              "whole-of-government-approach", "whole-of-society-approach"]
ORG_TYPES = ["un-entity", "government", "civil-society", "academia", "local-government", "private-sector"]
B = "https://w3id.org/gcmkg/"
P = "https://w3id.org/gcmkg/ontology#"


def _concepts(vocab: str) -> list[str]:
    inscheme = SKOS + "inScheme"
    return sorted({t.subject.value for t in system_graphs()[vocab_graph(vocab)] if t.predicate.value == inscheme})


def _lit(text: str, lang: str = "en") -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + f'"@{lang}'


def generate(n: int, seed: int = 73195, out=sys.stdout) -> int:
    """Write n practices (and their organisations) as N-Triples; returns the number of triples."""
    rng = random.Random(seed)
    countries = [c for c in _concepts("countries") if "/country/" in c]
    targets = [c for c in _concepts("sdg") if c.rsplit("/", 1)[-1].replace(".", "").isalnum()
               and "." in c.rsplit("/", 1)[-1]]
    orgs = [f"{B}id/org/synthetic-{i}" for i in range(max(20, n // 20))]
    count = 0

    def emit(s: str, p: str, o: str) -> None:
        nonlocal count
        out.write(f"<{s}> <{p}> {o} .\n")
        count += 1

    for i, org in enumerate(orgs):
        emit(org, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "<http://www.w3.org/ns/org#Organization>")
        emit(org, SKOS + "prefLabel", _lit(f"Synthetic organisation {i}"))
        emit(org, "http://www.w3.org/ns/org#classification", f"<{B}organisation-type/{rng.choice(ORG_TYPES)}>")
    for i in range(n):
        s = f"{B}id/practice/synthetic-{i}"
        words = lambda k: " ".join(rng.choice(WORDS) for _ in range(k))  # noqa: E731
        emit(s, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", f"<{P}Practice>")
        emit(s, "http://purl.org/dc/terms/title", _lit(words(6).capitalize() + f" {i}"))
        if rng.random() < 0.3:
            emit(s, "http://purl.org/dc/terms/title", _lit(words(6).capitalize(), "es"))
        emit(s, "http://purl.org/dc/terms/abstract", _lit(words(60).capitalize() + "."))
        objectives = rng.sample(range(1, 24), rng.randint(1, 2) + rng.randint(0, 4))
        primary = rng.randint(1, 2)
        for k, obj in enumerate(objectives):
            prop = "primaryObjective" if k < primary else "secondaryObjective"
            emit(s, P + prop, f"<{B}gcm/objective/{obj}>")
        for pr in rng.sample(PRINCIPLES, rng.randint(0, 3)):
            emit(s, P + "guidingPrinciple", f"<{B}gcm/principle/{pr}>")
        for t in rng.sample(targets, rng.randint(1, 4)):
            emit(s, P + "sdg", f"<{t}>")
        emit(s, P + "practiceType", f"<{B}practice-type/{rng.choice(TYPES)}>")
        scope = rng.random()
        if scope < 0.05:
            emit(s, "http://purl.org/dc/terms/spatial", f"<{B}region/001>")
        else:
            for c in rng.sample(countries, rng.randint(1, 3)):
                emit(s, "http://purl.org/dc/terms/spatial", f"<{c}>")
        start = rng.randint(2000, 2024)
        emit(s, "https://schema.org/startDate", f'"{start}-{rng.randint(1, 12):02d}-01"^^<http://www.w3.org/2001/XMLSchema#date>')
        if rng.random() < 0.6:
            emit(s, "https://schema.org/endDate",
                 f'"{start + rng.randint(1, 5)}-12-31"^^<http://www.w3.org/2001/XMLSchema#date>')
        else:
            emit(s, P + "ongoing", '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>')
        emit(s, P + "benefitAndImpact", _lit(words(30).capitalize() + "."))
        emit(s, P + "keyLessons", _lit(words(30).capitalize() + "."))
        for org in rng.sample(orgs, rng.randint(1, 3)):
            emit(s, P + "implementingOrganisation", f"<{org}>")
        if rng.random() < 0.4:
            emit(s, P + "donorOrganisation", f"<{rng.choice(orgs)}>")
        emit(s, "http://purl.org/dc/terms/source", f"<https://example.org/practices/{i}>")
        emit(s, "http://purl.org/dc/terms/language", '"en"^^<http://www.w3.org/2001/XMLSchema#language>')
        emit(s, P + "reviewStatus", f"<{B}review-status/approved>")
        emit(s, P + "reviewedBy", f"<{B}id/org/gcmkg-demo-editors>")
        emit(s, P + "reviewedOn", '"2026-11-23T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>')
    return count


def dataset(n: int) -> Path:
    """The generated file of n practices under bench/data/, made once and then reused."""
    path = Path(__file__).parent / "data" / f"practices-{n}.nt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as out:
            generate(n, out=out)
        tmp.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=73195)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as out:
        count = generate(args.n, args.seed, out)
    print(f"{args.output}: {args.n} practices, {count} triples", file=sys.stderr)


if __name__ == "__main__":
    main()
