"""Free text: SQLite FTS5 (standard library) over entries' own texts and the vocabularies' labels.

Two tables, so each label is stored once rather than copied into every entry
that links to its concept (an SDG target's labels in six languages would
otherwise dwarf the entries' own texts):

- `entry_text(title, body)`: every title, summary and text field of an entry
  in every language; rowid = entry id. Contentless: the store keeps the text.
- `label_text(labels)`: the labels in every language of a concept or an
  organisation; rowid = the value's id. The caller turns a matching label
  into the entries that link to it through the facet bitmaps, so "remesas"
  finds an English entry tagged with objective 20.

Words are stemmed per language before FTS5 sees them: each text with the
Snowball stemmer of its own language (English, Spanish, French; other
languages as written), so "migrantes" and "migrante" meet in Spanish and
"remittances" and "remittance" in English. A query word is looked for as
each of its three stems and as typed, since a reader's query has no
language tag; a word of MIN_PREFIX letters or more, or one ending in `*`,
also matches the longer words it begins ("Venezuela" finds "Venezuelan",
`migr*` finds "migration"). FTS5 then folds case and accents (unicode61
remove_diacritics 2), so "Niños" finds "ninos".

User text never reaches FTS5 as syntax: `terms` keeps the words (and a
trailing `*`) only and `_fts_string` quotes each form as an FTS5 string.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
from collections.abc import Iterable
from contextlib import contextmanager

import Stemmer

_TOKENIZE = "unicode61 remove_diacritics 2"
TITLE_WEIGHT = 4.0      # bm25 weight of a title match against 1.0 for the body
MAX_TERMS = 12
MIN_PREFIX = 4          # a query word this long also matches longer words it begins
_WORD = re.compile(r"\w+")
_TERM = re.compile(r"\w+\*?")
STEMMED = {"en": "english", "es": "spanish", "fr": "french"}
_local = threading.local()      # a PyStemmer object must not be shared between threads

# Words too common to restrict anything, in the languages of the records; dropped
# from a query unless the query has nothing else.
STOPWORDS = frozenset("""
a an and are as at be by for from in into is of on or the to with
al con de del el en la las lo los para por se sin su sus un una y
au aux avec dans des du et l la le les ou par pour sans sur un une
""".split())


def terms(text: str) -> list[str]:
    """The words of a user query, lower-cased, without repeats or stop words; a prefix keeps its `*`.

    >>> terms('Niños "migrantes" AND OR NEAR( Venezuela*')
    ['niños', 'migrantes', 'near', 'venezuela*']
    >>> terms('the of')
    ['the', 'of']
    """
    words = list(dict.fromkeys(w.casefold() for w in _TERM.findall(text)))
    kept = [w for w in words if w.rstrip("*") not in STOPWORDS] or words
    return kept[:MAX_TERMS]


def _stemmers() -> dict[str, Stemmer.Stemmer]:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {lang: Stemmer.Stemmer(name) for lang, name in STEMMED.items()}
    return stemmers


# Token -> its words stemmed, per language. Texts are split on white space, the fast way, and each
# distinct token (with its punctuation: "migrants," or "l'intégration") is worked out once: a corpus
# repeats a small vocabulary, and a dict lookup is far cheaper than a regular expression and a call
# into the stemmer for every word.
_ANALYSED: dict[str, dict[str, str]] = {}
_MAX_TOKENS = 500_000       # per language; the table starts again past this


def analyse(text: str, lang: str | None) -> str:
    """A text as it is indexed: its words lower-cased and stemmed in its language (as written in others).

    >>> analyse("Remittances of migrants,", "en"), analyse("Los niños migrantes", "es"), analyse("Mitä?", "fi")
    ('remitt of migrant', 'los niñ migrant', 'mitä')
    >>> analyse("l'intégration (SDG 10.7)", "fr")
    'l integr sdg 10 7'
    """
    code = (lang or "").split("-")[0].lower()
    code = code if code in STEMMED else ""
    table = _ANALYSED.setdefault(code, {})
    tokens = text.lower().split()
    try:
        return " ".join(filter(None, [table[t] for t in tokens]))
    except KeyError:
        if len(table) > _MAX_TOKENS:
            table.clear()
        stemmer = _stemmers().get(code)
        for t in tokens:
            if t not in table:
                words = _WORD.findall(t)
                table[t] = " ".join(stemmer.stemWords(words) if stemmer else words)
        return " ".join(filter(None, [table[t] for t in tokens]))


def _fts_string(term: str) -> str:
    """An FTS5 string: operators and punctuation inside it are plain text."""
    return '"' + term.replace('"', '""') + '"'


def fts_query(term: str) -> str:
    """The FTS5 query for one term of `terms`: any of its stems or itself, and as a prefix when long
    enough or asked for with `*`; every form quoted.

    >>> fts_query("venezuela")
    '"venezuel" OR "venezuela" OR "venezuela"*'
    >>> fts_query("ley*")
    '"ley" OR "ley"*'
    """
    word = term.rstrip("*")
    forms = sorted({word} | {stemmer.stemWord(word) for stemmer in _stemmers().values()})
    query = " OR ".join(_fts_string(f) for f in forms)
    if term.endswith("*") or len(word) >= MIN_PREFIX:
        query += " OR " + _fts_string(word) + "*"
    return query


def idf(matches: int, documents: int) -> float:
    """FTS5's bm25 inverse document frequency, so label matches rank on the same scale as text."""
    return max(math.log((documents - matches + 0.5) / (matches + 0.5)), 1e-6)


class TextIndex:
    """The two FTS5 tables in an in-memory SQLite database; callers serialise access."""

    def __init__(self, saved: bytes | None = None) -> None:
        """Empty tables, or the database `to_bytes` gave."""
        self.db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        if saved is not None:
            self.db.deserialize(saved)
            return
        self.db.execute(f"CREATE VIRTUAL TABLE entry_text USING fts5(title, body, tokenize='{_TOKENIZE}', "
                        "content='', detail=full)")
        self.db.execute(f"CREATE VIRTUAL TABLE label_text USING fts5(labels, tokenize='{_TOKENIZE}')")

    def to_bytes(self) -> bytes:
        """The whole database, for saving (`TextIndex(saved)` reads it back)."""
        return self.db.serialize()

    def add_entries(self, rows: Iterable[tuple[int, list[tuple[str, str]], list[tuple[str, str]]]]) -> None:
        """Index (entry id, its titles, its other texts), each text a (language, text) pair.

        An id is never reused, so no row is replaced.
        """
        def analysed():
            for entry_id, titles, bodies in rows:
                yield (entry_id, "\n".join(analyse(text, lang) for lang, text in titles),
                       "\n".join(analyse(text, lang) for lang, text in bodies))
        with self._transaction():
            self.db.executemany("INSERT INTO entry_text(rowid, title, body) VALUES (?, ?, ?)", analysed())

    def set_labels(self, rows: Iterable[tuple[int, list[tuple[str, str]]]]) -> None:
        """Index (value id, all its labels as (language, text) pairs), replacing what the value had."""
        rows = [(value_id, "\n".join(analyse(text, lang) for lang, text in labels)) for value_id, labels in rows]
        with self._transaction():
            self.db.executemany("DELETE FROM label_text WHERE rowid = ?", [(i,) for i, _ in rows])
            self.db.executemany("INSERT INTO label_text(rowid, labels) VALUES (?, ?)", rows)

    @contextmanager
    def _transaction(self):
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def entry_scores(self, term: str) -> dict[int, float]:
        """Entry id -> relevance (bm25, higher is better) of the entries whose own texts hold the term."""
        rows = self.db.execute(f"SELECT rowid, bm25(entry_text, {TITLE_WEIGHT}, 1.0) FROM entry_text "
                               "WHERE entry_text MATCH ?", (fts_query(term),))
        return {rowid: -score for rowid, score in rows}

    def labelled(self, term: str) -> list[int]:
        """Ids of the values whose labels hold the term."""
        rows = self.db.execute("SELECT rowid FROM label_text WHERE label_text MATCH ?", (fts_query(term),))
        return [rowid for (rowid,) in rows]

    def size_bytes(self) -> int:
        page_count = self.db.execute("PRAGMA page_count").fetchone()[0]
        return page_count * self.db.execute("PRAGMA page_size").fetchone()[0]
