"""The classifier's suggestions for a draft: objectives, guiding principles, SDG goals and targets.

A practice gets its best objective as the primary one and the next two as
secondary ones; a norm gets its three best as the objectives it addresses.
Every suggestion's evidence is the sentences that scored highest for its topic.
"""

from __future__ import annotations

from gcmkg.ingest.classifier import default_classifier
from gcmkg.ingest.document import Document
from gcmkg.ingest.topics import OBJECTIVE, PRINCIPLE, SDG_GOAL, SDG_TARGET

# (scheme, how many, the field of each rank) for a practice and for a norm.
PLAN = {
    "practice": [(OBJECTIVE, ["gcm:primaryObjective", "gcm:secondaryObjective", "gcm:secondaryObjective"]),
                 (PRINCIPLE, ["gcm:guidingPrinciple"] * 2), (SDG_GOAL, ["gcm:sdg"] * 3), (SDG_TARGET, ["gcm:sdg"] * 2)],
    "norm": [(OBJECTIVE, ["gcm:addressesObjective"] * 3), (PRINCIPLE, ["gcm:guidingPrinciple"] * 2),
             (SDG_GOAL, ["gcm:sdg"] * 3), (SDG_TARGET, ["gcm:sdg"] * 2)],
}


def suggest_topics(found, document: Document, kind: str, classifier=None) -> None:
    """Add the topic suggestions for `document` to `found` (a suggestions._Collector)."""
    classifier = classifier or default_classifier()
    ranked = classifier.rank(document.text, document.language, kind=kind)
    for scheme, fields in PLAN[kind]:
        for rank, (field_name, place) in enumerate(zip(fields, ranked[scheme]), start=1):
            topic = place.topic
            if not place.evidence:  # key words alone and none of this topic's found: nothing to show
                continue
            found.add(field_name, topic.iri, [(s.start, s.end) for s in place.evidence], is_iri=True,
                      label=topic.labels.get(document.language) or topic.labels.get("en"),
                      confidence=place.confidence, method="classifier", rule=f"{classifier.method}; rank {rank}")
