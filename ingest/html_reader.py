"""Web pages: the main content only (trafilatura), without menus, headers and footers.

trafilatura is maintained and scores best among open main-content extractors
in published comparisons; it runs offline on lxml. Before extraction the page
is checked for markup that would make a parser silently drop text (a comment,
tag or script never closed), which is refused with its line and column.
"""

from __future__ import annotations

import re
from pathlib import Path

from gcmkg.ingest.document import Document, DocumentBuilder
from gcmkg.ingest.input_guard import IngestError, decode_text

_OPENINGS = re.compile(r"<!--|<(script|style|textarea|title)\b[^>]*>|<[A-Za-z/!?]", re.IGNORECASE)
_BLOCKS = {"head", "p", "item", "row", "quote", "code"}


def read_html(path: Path, language: str | None = None) -> Document:
    """Read a web page's main content as headings and paragraphs."""
    import trafilatura
    from lxml import etree

    page = decode_text(path.read_bytes(), path.name)
    check_markup(page, path.name)
    extracted = trafilatura.extract(page, output_format="xml", include_comments=False, include_tables=True,
                                    favor_recall=True, include_formatting=False, deduplicate=False)
    if not extracted:
        raise IngestError(f"{path.name}: no main text found in the page")
    builder = DocumentBuilder(path.name, "html", language)
    main = etree.fromstring(extracted.encode("utf-8")).find("main")
    for element in main.iter(*_BLOCKS) if main is not None else ():
        if element.tag == "row":
            text = " · ".join(" ".join(cell.itertext()).strip() for cell in element)
        elif element.getparent() is not None and element.getparent().tag in _BLOCKS:
            continue  # nested inside a block already read
        else:
            text = "".join(element.itertext())
        if element.tag == "head":
            rend = (element.get("rend") or "").lstrip("h")
            builder.add(text, "heading", level=int(rend) if rend.isdigit() else 2)
        else:
            builder.add(text)
    if not builder.length:
        raise IngestError(f"{path.name}: no main text found in the page")
    return builder.build()


def check_markup(page: str, where: str) -> None:
    """Refuse markup whose end never comes (a parser would swallow the rest of the page)."""
    position, lowered = 0, page.lower()
    while (match := _OPENINGS.search(page, position)) is not None:
        if match.group(0) == "<!--":
            end = page.find("-->", match.end())
            what = "comment"
        elif match.group(1):
            end = lowered.find(f"</{match.group(1).lower()}", match.end())
            what = f"<{match.group(1).lower()}> element"
        else:
            end = _tag_end(page, match.end())
            what = "tag"
        if end < 0:
            line = page.count("\n", 0, match.start()) + 1
            column = match.start() - (page.rfind("\n", 0, match.start()) + 1) + 1
            raise IngestError(f"{where}: malformed HTML: {what} opened at line {line}, column {column} is never closed")
        position = max(end, match.end())


def _tag_end(page: str, start: int) -> int:
    """The index of the `>` closing a tag, skipping quoted attribute values; -1 if none."""
    quote = None
    for i in range(start, len(page)):
        c = page[i]
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == ">":
            return i
        elif c == "<":
            return -1
    return -1
