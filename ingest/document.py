"""A read document: its full text, and where its pages, headings and parts lie in it.

Offsets count Unicode code points of `Document.text` (as W3C Web Annotation
text selectors do), and the text is NFC-normalised once when it is built, so an
offset stays valid for as long as the document is kept.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from gcmkg.ingest.language import UNDETERMINED, detect_language, too_short_to_tell

PART_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Part:
    """A block of the text: a heading, a paragraph, or one cell of a spreadsheet row."""

    start: int
    end: int
    kind: str  # "heading" | "paragraph" | "cell"
    language: str = UNDETERMINED
    page: int | None = None
    level: int | None = None  # heading level, 1 = title
    column: str | None = None  # the spreadsheet column a cell came from


@dataclass(frozen=True)
class Page:
    """A PDF page's span of the text (1-based number, as printed by viewers)."""

    number: int
    start: int
    end: int


@dataclass
class Document:
    """One document (or one spreadsheet row) as text with its structure."""

    source: str  # the file name
    format: str  # pdf | html | docx | text | csv | xlsx
    text: str
    parts: list[Part]
    pages: list[Page] = field(default_factory=list)
    locator: str | None = None  # where in the file, for one row of a spreadsheet: "line 3", "Sheet1 row 3"
    language: str = UNDETERMINED

    @property
    def headings(self) -> list[Part]:
        """The heading parts, in reading order."""
        return [p for p in self.parts if p.kind == "heading"]

    def page_at(self, offset: int) -> int | None:
        """The page number holding the character at `offset` (PDF only)."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.number
        return None

    def summary(self) -> dict:
        """What the command line prints about the document (no full text)."""
        out = {"source": self.source, "format": self.format, "language": self.language,
               "characters": len(self.text), "parts": len(self.parts),
               "languages": dict(Counter(p.language for p in self.parts)),
               "headings": [{"text": self.text[h.start:h.end], "level": h.level, "start": h.start, "end": h.end,
                             **({"page": h.page} if h.page else {})} for h in self.headings]}
        if self.pages:
            out["pages"] = len(self.pages)
        if self.locator:
            out["locator"] = self.locator
        return out


def normalise(text: str) -> str:
    """One form for every reader: NFC, Unix line ends, no NUL or form feeds."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\f", "\n")
    return unicodedata.normalize("NFC", text)


class DocumentBuilder:
    """Appends blocks of text and remembers where each one starts and ends."""

    def __init__(self, source: str, fmt: str, language: str | None = None):
        self.source, self.format, self.language = source, fmt, language
        self._chunks: list[str] = []
        self._length = 0
        self._parts: list[dict] = []
        self._pages: list[Page] = []

    def add(self, text: str, kind: str = "paragraph", *, page: int | None = None, level: int | None = None,
            column: str | None = None, prefix: str = "") -> None:
        """Add a block (whitespace-trimmed, skipped if empty); `prefix` is text before it outside the part."""
        text = " ".join(normalise(text).split()) if kind == "cell" else normalise(text).strip()
        if not text:
            return
        if self._length:
            self._append(PART_SEPARATOR)
        self._append(normalise(prefix))
        start = self._length
        self._append(text)
        self._parts.append({"start": start, "end": self._length, "kind": kind, "page": page, "level": level,
                            "column": column})

    def mark_page(self, number: int) -> None:
        """Close page `number`: it runs from its first part to the current end of the text."""
        starts = [p["start"] for p in self._parts if p["page"] == number]
        self._pages.append(Page(number, starts[0] if starts else self._length, self._length))

    @property
    def length(self) -> int:
        """The length of the text built so far."""
        return self._length

    def _append(self, text: str) -> None:
        self._chunks.append(text)
        self._length += len(text)

    def build(self, locator: str | None = None) -> Document:
        """The finished document, each part's language detected (or the one given for all)."""
        text = "".join(self._chunks)
        parts = [Part(language=self.language or detect_language(text[p["start"]:p["end"]]), **p) for p in self._parts]
        language = self.language or _dominant_language(text, parts)
        # A part too short to tell (a heading, a year) takes the document's language;
        # a long one in a language we do not detect stays undetermined.
        parts = [replace(p, language=language) if p.language == UNDETERMINED and too_short_to_tell(text[p.start:p.end])
                 else p for p in parts]
        return Document(self.source, self.format, text, parts, self._pages, locator, language)


def _dominant_language(text: str, parts: list[Part]) -> str:
    weights: Counter = Counter()
    for part in parts:
        if part.language != UNDETERMINED:
            weights[part.language] += part.end - part.start
    if weights:
        return weights.most_common(1)[0][0]
    return detect_language(text[:5000])
