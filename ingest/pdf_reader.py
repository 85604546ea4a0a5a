"""PDF documents through their text layer (pypdf: pure Python, maintained, no system libraries).

There is no OCR: a scanned PDF is refused with that reason rather than read as
an empty document.
"""

from __future__ import annotations

import re
from pathlib import Path

from gcmkg.ingest.document import Document, DocumentBuilder
from gcmkg.ingest.input_guard import IngestError

_SENTENCE_END = re.compile(r"[.!?:;»\")]$")
_NUMBERED_HEADING = re.compile(r"^(\d+(\.\d+)*\.?|[IVX]+\.)\s+\S")


def read_pdf(path: Path, language: str | None = None) -> Document:
    """Read a PDF's text page by page, keeping page numbers, paragraphs and likely headings."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not _opens_without_password(reader):
            raise IngestError(f"{path.name}: the PDF is encrypted with a password; decrypt it first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DependencyError as error:
        raise IngestError(f"{path.name}: the PDF is encrypted in a way this reader cannot open ({error})") from None
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise IngestError(f"{path.name}: not a readable PDF ({type(error).__name__}: {error})") from None
    if not any(c.isalpha() for text in pages for c in text):
        raise IngestError(f"{path.name}: no text layer; OCR is not supported")
    builder = DocumentBuilder(path.name, "pdf", language)
    for number, text in enumerate(pages, start=1):
        for kind, block in _blocks(text):
            # The document's first heading, before any paragraph, is its title.
            level = (1 if not builder.length else 2) if kind == "heading" else None
            builder.add(block, kind, page=number, level=level)
        builder.mark_page(number)
    return builder.build()


def _opens_without_password(reader) -> bool:
    # Many published PDFs carry only an owner password (printing rights);
    # their text opens with the empty user password.
    return bool(reader.decrypt(""))


def _blocks(page_text: str):
    """Split a page's text into headings and paragraphs from line lengths and punctuation."""
    lines = [line.strip() for line in page_text.split("\n")]
    longest = max((len(line) for line in lines), default=0)
    paragraph: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            if paragraph:
                yield "paragraph", " ".join(paragraph)
                paragraph = []
            continue
        following = next((x for x in lines[i + 1:] if x), "")
        after_sentence = not paragraph or _SENTENCE_END.search(paragraph[-1])
        if after_sentence and _looks_like_heading(line, following, longest):
            if paragraph:
                yield "paragraph", " ".join(paragraph)
                paragraph = []
            yield "heading", line
            continue
        paragraph.append(line)
        if _SENTENCE_END.search(line) and len(line) < 0.75 * longest:
            yield "paragraph", " ".join(paragraph)
            paragraph = []
    if paragraph:
        yield "paragraph", " ".join(paragraph)


def _looks_like_heading(line: str, following: str, longest: int) -> bool:
    if len(line) > 90 or _SENTENCE_END.search(line) or not (line[0].isupper() or _NUMBERED_HEADING.match(line)):
        return False
    return bool(_NUMBERED_HEADING.match(line)) or len(line) < 0.6 * max(longest, len(following), 1)
