"""Evidence for a suggestion: W3C Web Annotation selectors over the document's text.

Each span is given twice, as the Web Annotation model recommends for text that
may be re-extracted: a TextQuoteSelector (the exact words with some context
before and after) and a TextPositionSelector (code-point offsets).
https://www.w3.org/TR/annotation-model/#text-quote-selector
"""

from __future__ import annotations

from gcmkg.ingest.document import Document

CONTEXT_CHARS = 32


def evidence(document: Document, start: int, end: int) -> dict:
    """The evidence for `document.text[start:end]`: source, selectors, and page or row."""
    text = document.text
    out = {"source": document.source,
           "selector": [
               {"type": "TextQuoteSelector", "exact": text[start:end],
                "prefix": text[max(0, start - CONTEXT_CHARS):start], "suffix": text[end:end + CONTEXT_CHARS]},
               {"type": "TextPositionSelector", "start": start, "end": end},
           ]}
    page = document.page_at(start)
    if page is not None:
        out["page"] = page
    if document.locator:
        out["locator"] = document.locator
    return out


def quoted_text(document: Document, selector: list[dict]) -> tuple[str, str]:
    """(the text at the position selector, the quote's exact text): equal when the evidence is sound."""
    position = next(s for s in selector if s["type"] == "TextPositionSelector")
    quote = next(s for s in selector if s["type"] == "TextQuoteSelector")
    return document.text[position["start"]:position["end"]], quote["exact"]
