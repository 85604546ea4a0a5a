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

User text never reaches FTS5 as syntax: `terms` keeps the words only and
`_fts_string` quotes each as an FTS5 string.

Both tables fold case and accents (unicode61 remove_diacritics 2) and stem
with Porter, so "Niños" finds "ninos" and "remittance" finds "remittances".
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager

_TOKENIZE = "porter unicode61 remove_diacritics 2"
TITLE_WEIGHT = 4.0      # bm25 weight of a title match against 1.0 for the body
MAX_TERMS = 12
_WORD = re.compile(r"\w+")

# Words too common to restrict anything, in the languages of the records; dropped
# from a query unless the query has nothing else.
STOPWORDS = frozenset("""
a an and are as at be by for from in into is of on or the to with
al con de del el en la las lo los para por se sin su sus un una y
au aux avec dans des du et l la le les ou par pour sans sur un une
""".split())


def terms(text: str) -> list[str]:
    """The words of a user query, lower-cased, without repeats or stop words.

    >>> terms('Niños "migrantes" AND OR NEAR(')
    ['niños', 'migrantes', 'near']
    >>> terms('the of')
    ['the', 'of']
    """
    words = list(dict.fromkeys(w.casefold() for w in _WORD.findall(text)))
    kept = [w for w in words if w not in STOPWORDS] or words
    return kept[:MAX_TERMS]


def _fts_string(term: str) -> str:
    """An FTS5 string: operators and punctuation inside it are plain text."""
    return '"' + term.replace('"', '""') + '"'


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

    def add_entries(self, rows: Iterable[tuple[int, str, str]]) -> None:
        """Index (entry id, titles, other texts); an id is never reused, so no row is replaced."""
        with self._transaction():
            self.db.executemany("INSERT INTO entry_text(rowid, title, body) VALUES (?, ?, ?)", rows)

    def set_labels(self, rows: Iterable[tuple[int, str]]) -> None:
        """Index (value id, all its labels), replacing what the value had."""
        rows = list(rows)
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
                               "WHERE entry_text MATCH ?", (_fts_string(term),))
        return {rowid: -score for rowid, score in rows}

    def labelled(self, term: str) -> list[int]:
        """Ids of the values whose labels hold the term."""
        rows = self.db.execute("SELECT rowid FROM label_text WHERE label_text MATCH ?", (_fts_string(term),))
        return [rowid for (rowid,) in rows]

    def size_bytes(self) -> int:
        page_count = self.db.execute("PRAGMA page_count").fetchone()[0]
        return page_count * self.db.execute("PRAGMA page_size").fetchone()[0]
