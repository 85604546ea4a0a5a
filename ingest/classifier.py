"""Which GCM objectives, guiding principles and SDG goals/targets a text is about, offline on CPU.

Three signals, each standardised over the topics of one scheme, averaged with weights:

1. meaning: the text's sentences and the topics' own texts (titles, short
   labels; for SDGs the goal with its targets and indicators) embedded with
   WordLlama's 256-dimension model, which ships inside its wheel;
2. key words: the cues of `topic_cues.py` found in the text;
3. examples: the curated demo entries most like the text vote with their labels
   (a nearest-neighbour vote; an entry never votes for itself, see `exclude`),
   only if the text speaks of migration at all (`MIGRATION_WORDS`): the demo
   entries all do, and would pull a text about forests towards SDG 10.

If the embedding model cannot be loaded, key words alone rank the topics and
every suggestion says so (`Classifier.method`). The evidence of a topic is the
sentences that score highest for it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock

import numpy as np

from gcmkg.ingest.topic_cues import MIGRATION_WORDS
from gcmkg.ingest.topics import (LANGUAGES, OBJECTIVE, PRINCIPLE, SCHEMES, SDG_GOAL, SDG_TARGET, Example, Topic,
                                 demo_examples, topics)

MODEL = {"name": "wordllama", "config": "l2_supercat", "dim": 256}
# Weights of the three signals (set on the dev documents, see bench/classify.py). The model was trained on
# English and the demo entries are English: in other languages meaning and examples count for less.
WEIGHTS = {"en": {"meaning": 1.0, "cues": 2.0, "examples": 0.8},
           "other": {"meaning": 0.25, "cues": 2.0, "examples": 0.25}}
TOP_SENTENCES = 3
NEIGHBOURS = 7
MAX_SENTENCES = 600  # a long report: its first 600 sentences say what it is about
WITH_EVIDENCE = 8  # the best topics of each scheme get their evidence sentences
_SENTENCE = re.compile(r"[^.!?;\n]+(?:[.!?;]+|$)", re.MULTILINE)
_lock = Lock()
_MIGRATION = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in MIGRATION_WORDS) + ")", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Ranked:
    """A topic's place for one text: its score, a 0-1 confidence, and its best sentences."""

    topic: Topic
    score: float
    confidence: float
    evidence: list[Sentence]


def sentences(text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of `text` with their offsets (plus `offset`), blanks and bare numbers left out."""
    out = []
    for match in _SENTENCE.finditer(text):
        chunk = match.group()
        stripped = chunk.strip()
        if sum(c.isalpha() for c in stripped) < 3:
            continue
        start = offset + match.start() + (len(chunk) - len(chunk.lstrip()))
        out.append(Sentence(start, start + len(stripped), stripped))
    return out


def _cue_pattern(cues: list[str]) -> re.Pattern | None:
    if not cues:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(c) for c in sorted(set(cues), key=len, reverse=True)) + ")",
                      re.IGNORECASE)


def _standardise(values: np.ndarray) -> np.ndarray:
    spread = values.std()
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros_like(values)


def _dot(rows: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Similarities of each row with `other` (a vector, or each of its rows), without BLAS: on two shared
    cores, BLAS threads fighting over these small products made them 4x slower."""
    return np.einsum("id,d->i", rows, other) if other.ndim == 1 else np.einsum("id,jd->ij", rows, other)


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def load_embedder():
    """WordLlama from the files inside its wheel (None and the reason if it cannot be loaded).

    Its loader looks for the tokenizer in `tokenizer/` beside the package and
    then in `<cache_dir>/tokenizers/`; the wheel holds `tokenizers/`, so the
    package folder itself is the cache, and downloading is switched off.
    """
    try:
        from pathlib import Path

        import wordllama
        from wordllama import WordLlama

        model = WordLlama.load(config=MODEL["config"], dim=MODEL["dim"], cache_dir=Path(wordllama.__file__).parent,
                               disable_download=True)
        return model, None
    except Exception as error:  # noqa: BLE001 - any failure leaves the key words working
        return None, f"{type(error).__name__}: {error}".splitlines()[0][:200]


class Classifier:
    """Ranks the topics of every scheme for a text; build once (`default_classifier`) and share."""

    def __init__(self, embedder=None, examples: tuple[Example, ...] | None = None, *, use_embedder: bool = True):
        self.embedder, self.unavailable = (embedder, None) if embedder is not None else \
            load_embedder() if use_embedder else (None, "switched off")
        self.topics = topics()
        self.examples = demo_examples() if examples is None else examples
        self.patterns = {scheme: [_cue_pattern(t.cues) for t in self.topics[scheme]] for scheme in SCHEMES}
        self.index = {scheme: {t.iri: i for i, t in enumerate(self.topics[scheme])} for scheme in SCHEMES}
        self.goal_of_target = np.asarray([self.index[SDG_GOAL][t.goal] for t in self.topics[SDG_TARGET]])
        if self.embedder is not None:
            self._embed_topics()

    @property
    def method(self) -> str:
        """What ranked the topics, as each suggestion's rule says it."""
        if self.embedder is None:
            return f"key words and no embedding model ({self.unavailable})"
        return f"{MODEL['name']} {MODEL['config']}-{MODEL['dim']} embeddings + key words + demo entries"

    def _embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, MODEL["dim"]), dtype=np.float32)
        return _normalise(np.asarray(self.embedder.embed(texts), dtype=np.float32))

    def _embed_topics(self) -> None:
        # Per scheme and language: one matrix of every text, and which topic each row describes.
        self.topic_vectors: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        for scheme in SCHEMES:
            for lang in LANGUAGES:
                rows, spans = [], []  # a topic's texts are consecutive rows: (topic, first row, end row)
                for i, topic in enumerate(self.topics[scheme]):
                    texts = topic.texts.get(lang, [])
                    if texts:
                        spans.append((i, len(rows), len(rows) + len(texts)))
                        rows += texts
                self.topic_vectors[(scheme, lang)] = _TopicMatrix(self._embed(rows), spans)
        self.example_vectors = self._embed([e.text for e in self.examples])

    def rank(self, text: str, language: str = "en", *, exclude: frozenset[str] = frozenset(),
             kind: str | None = None) -> dict[str, list[Ranked]]:
        """Every scheme's topics for `text`, best first.

        `exclude`: example IRIs that may not vote (the entry being evaluated);
        `kind`: "practice" or "norm", whose examples weigh double.
        """
        found = sentences(text)[:MAX_SENTENCES] or [Sentence(0, len(text), text)]
        languages = (language,) if language in LANGUAGES else LANGUAGES
        weights = WEIGHTS.get(language, WEIGHTS["other"])
        vote = len(self.examples) > 0 and _MIGRATION.search(text) is not None
        totals, per_sentences = {}, {}
        vectors = None
        if self.embedder is not None:
            with _lock:
                vectors = self._embed([s.text for s in found])
        for scheme in SCHEMES:
            cue_scores, cue_sentences = self._cues(scheme, found)
            total, weight = weights["cues"] * cue_scores, weights["cues"]
            per_sentence = cue_sentences.astype(np.float32)
            if vectors is not None:
                meaning, sentence_meaning = self._meaning(scheme, vectors, languages)
                total, weight = total + weights["meaning"] * _standardise(meaning), weight + weights["meaning"]
                per_sentence = per_sentence + sentence_meaning
                if scheme != SDG_TARGET and vote:
                    total = total + weights["examples"] * _standardise(self._vote(scheme, vectors, exclude, kind))
                    weight += weights["examples"]
            # A weighted mean: scores (and so confidences) mean the same in every language.
            totals[scheme], per_sentences[scheme] = total / weight, per_sentence
        # A target ranks by its own score and its goal's: 10.7 over 3.8 in a text about migration.
        totals[SDG_TARGET] = (totals[SDG_TARGET] + 0.5 * totals[SDG_GOAL][self.goal_of_target]) / 1.5
        return {scheme: self._ranked(scheme, totals[scheme], per_sentences[scheme], found) for scheme in SCHEMES}

    def _cues(self, scheme: str, found: list[Sentence]) -> tuple[np.ndarray, np.ndarray]:
        """Per topic log(1 + distinct cues + repeats, capped); and per sentence and topic, its cue count."""
        scores = np.zeros(len(self.topics[scheme]), dtype=np.float32)
        per_sentence = np.zeros((len(found), len(self.topics[scheme])), dtype=np.float32)
        for j, pattern in enumerate(self.patterns[scheme]):
            if pattern is None:
                continue
            counts: dict[str, int] = {}
            for i, sentence in enumerate(found):
                hits = [m.group(1).lower() for m in pattern.finditer(sentence.text)]
                per_sentence[i, j] = len(hits)
                for hit in hits:
                    counts[hit] = counts.get(hit, 0) + 1
            scores[j] = math.log1p(sum(min(c, 3) for c in counts.values()))
        return scores, per_sentence

    def _meaning(self, scheme: str, vectors: np.ndarray, languages: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """Per topic: how near the text (as a whole and its best sentences) comes to the topic's texts."""
        n = len(self.topics[scheme])
        document = _normalise(vectors.mean(axis=0))
        whole = np.full(n, -1.0, dtype=np.float32)
        by_sentence = np.full((len(vectors), n), -1.0, dtype=np.float32)
        for lang in languages:
            texts = self.topic_vectors[(scheme, lang)]
            if not texts.spans:
                continue
            doc_sims, sentence_sims = _dot(texts.matrix, document), _dot(vectors, texts.matrix)
            here = texts.topics
            by_sentence[:, here] = np.maximum(by_sentence[:, here],
                                              np.maximum.reduceat(sentence_sims, texts.starts, axis=1))
            whole[here] = np.maximum(whole[here], texts.top_mean(doc_sims))
        top = np.sort(by_sentence, axis=0)[-TOP_SENTENCES:].mean(axis=0)
        return 0.5 * whole + 0.5 * top, _standardise_rows(by_sentence)

    def _vote(self, scheme: str, vectors: np.ndarray, exclude: frozenset[str], kind: str | None) -> np.ndarray:
        """The nearest curated examples' labels, weighted by similarity."""
        scores = np.zeros(len(self.topics[scheme]), dtype=np.float32)
        document = _normalise(vectors.mean(axis=0))
        sims = _dot(self.example_vectors, document)
        nearest = [i for i in np.argsort(-sims) if self.examples[i].iri not in exclude][:NEIGHBOURS]
        index = self.index[scheme]
        for i in nearest:
            example = self.examples[i]
            weight = max(float(sims[i]), 0.0) * (2.0 if kind and example.kind == kind else 1.0)
            for iri, strength in example.topics.items():
                if iri in index:
                    scores[index[iri]] += weight * strength
        return scores

    def _ranked(self, scheme: str, total: np.ndarray, per_sentence: np.ndarray, found: list[Sentence]) -> list[Ranked]:
        order = np.argsort(-total)
        sure = confidences(total)
        out = []
        for place, j in enumerate(order):
            evidence = []
            if place < WITH_EVIDENCE:  # nobody shows the evidence of the 50th topic
                best = np.argsort(-per_sentence[:, j])[:2]
                evidence = [found[i] for i in sorted(best) if per_sentence[i, j] > 0 or self.embedder is not None]
            out.append(Ranked(self.topics[scheme][j], float(total[j]), float(sure[j]), evidence))
        return out


class _TopicMatrix:
    """One scheme's topic texts in one language: their vectors, and which rows belong to which topic."""

    def __init__(self, matrix: np.ndarray, spans: list[tuple[int, int, int]]):
        self.matrix, self.spans = matrix, spans
        self.topics = np.asarray([j for j, _, _ in spans], dtype=int)
        self.starts = np.asarray([start for _, start, _ in spans], dtype=int)
        lengths = np.asarray([end - start for _, start, end in spans], dtype=int)
        width = int(lengths.max()) if len(spans) else 0
        self.mask = np.arange(width)[None, :] < lengths[:, None]
        self.rows = np.where(self.mask, self.starts[:, None] + np.arange(width)[None, :], 0)
        self.counts = np.minimum(lengths, 3)

    def top_mean(self, sims: np.ndarray) -> np.ndarray:
        """Per topic, the mean of its three nearest texts: a goal with many targets gains no edge from numbers."""
        padded = np.where(self.mask, sims[self.rows], -np.inf)
        top = -np.sort(-padded, axis=1)[:, :3]
        return np.where(np.isfinite(top), top, 0.0).sum(axis=1) / self.counts


def _standardise_rows(matrix: np.ndarray) -> np.ndarray:
    mean, spread = matrix.mean(axis=1, keepdims=True), matrix.std(axis=1, keepdims=True)
    return (matrix - mean) / np.where(spread > 1e-9, spread, 1.0)


def confidences(scores: np.ndarray) -> np.ndarray:
    """`confidence` of each score."""
    return np.clip(1.0 / (1.0 + np.exp(-4.5 * (scores - 0.74))), 0.05, 0.95)


def confidence(score: float) -> float:
    """A 0.05-0.95 confidence from a combined score.

    A logistic curve fitted by eye to how often a topic of each score was right on
    the dev documents and the demo entries (English): about 1 in 5 at score 0.3,
    2 in 5 at 0.8, all at 1.05 and above.
    """
    return float(confidences(np.asarray(score)))


@lru_cache(maxsize=1)
def default_classifier() -> Classifier:
    """The classifier with the packaged model, vocabularies and demo examples (built once per process)."""
    with _lock:
        return Classifier()


__all__ = ["Classifier", "Ranked", "default_classifier", "sentences", "OBJECTIVE", "PRINCIPLE", "SDG_GOAL",
           "SDG_TARGET"]
