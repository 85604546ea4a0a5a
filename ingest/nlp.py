"""The spaCy pipelines of the rule layer: blank language pipelines (tokeniser, sentence
splitter) and PhraseMatchers built from the gazetteer. Nothing is downloaded.

The pipeline is declared in `PIPELINE` and recorded with every run, so a
suggestion can say what made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from threading import Lock

from gcmkg.ingest.gazetteer import Entry, Gazetteer, build_gazetteer

PIPELINE_LANGUAGES = ("en", "es", "fr")  # others use spaCy's multi-language tokeniser "xx"
PIPELINE = {"name": "gcmkg-ingest-rules", "version": "1",
            "components": ["spacy.blank tokenizer", "sentencizer", "gazetteer PhraseMatcher", "date rules",
                           "cue rules"]}
_lock = Lock()


@dataclass(frozen=True)
class Mention:
    """A gazetteer name found in a text."""

    start: int  # character offsets in the text given to `find_mentions`
    end: int
    entry: Entry


class RulePipeline:
    """One language's tokeniser, sentence splitter and gazetteer matchers."""

    def __init__(self, language: str, gazetteer: Gazetteer):
        import spacy
        from spacy.matcher import PhraseMatcher

        self.gazetteer = gazetteer
        self.nlp = spacy.blank(language)
        self.nlp.add_pipe("sentencizer")
        self.nlp.max_length = 5_000_000
        self.names = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.entries: dict[str, list[Entry]] = {}
        by_label: dict[tuple[str, bool], list[Entry]] = {}
        for entry in gazetteer.entries:
            label = entry.label if entry.case_sensitive else entry.label.lower()
            by_label.setdefault((label, entry.case_sensitive), []).append(entry)
        for i, ((label, case_sensitive), entries) in enumerate(by_label.items()):
            key = f"g{i}"
            self.entries[key] = entries
            pattern = self.nlp.make_doc(entries[0].label.replace("\u2019", "'"))
            (self.acronyms if case_sensitive else self.names).add(key, [pattern])

    def parse(self, text: str):
        """Tokens and sentences of `text` (a spaCy Doc)."""
        return self.nlp(text)

    def find_mentions(self, doc) -> list[Mention]:
        """Gazetteer names in `doc`; where names of one kind overlap, the longest wins."""
        from spacy.util import filter_spans

        strings = self.nlp.vocab.strings
        spans = []
        for matcher in (self.names, self.acronyms):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                for entry in self.entries[strings[match_id]]:
                    # Names are proper nouns; demonyms are lower case in Spanish and French.
                    if entry.how != "demonym" and not entry.case_sensitive and not span.text[0].isupper():
                        continue
                    spans.append((span, entry))
        mentions = []
        for kinds in ({"country", "region"}, {"organisation"}, {"norm-type"}):
            group = [(s, e) for s, e in spans if e.kind in kinds]
            kept = {(s.start, s.end) for s in filter_spans([s for s, _ in group])}
            mentions += [Mention(s.start_char, s.end_char, e) for s, e in group if (s.start, s.end) in kept]
        # A region inside an organisation's name is no place ("World" in "World Bank"); a country may be.
        names = [(m.start, m.end) for m in mentions if m.entry.kind == "organisation"]
        mentions = [m for m in mentions if m.entry.kind != "region"
                    or not any(start <= m.start and m.end <= end for start, end in names)]
        return sorted(mentions, key=lambda m: (m.start, m.end))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer from the vocabularies and the demo organisations (built once per process)."""
    return build_gazetteer()


def rule_pipeline(language: str, gazetteer: Gazetteer | None = None) -> RulePipeline:
    """The rule pipeline for `language` ("xx" for languages without their own), built once per gazetteer."""
    gazetteer = gazetteer or default_gazetteer()
    code = language if language in PIPELINE_LANGUAGES else "xx"
    with _lock:
        if code not in gazetteer.pipelines:
            gazetteer.pipelines[code] = RulePipeline(code, gazetteer)
        return gazetteer.pipelines[code]
