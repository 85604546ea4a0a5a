"""Word documents (python-docx: maintained, reads the XML parts without Word or LibreOffice).

The archive is checked for bombs before python-docx opens it.
"""

from __future__ import annotations

import re
from pathlib import Path

from gcmkg.ingest.document import Document, DocumentBuilder
from gcmkg.ingest.input_guard import IngestError, check_archive

_HEADING_STYLE = re.compile(r"^(Heading|Titre|Título)\s*(\d)$", re.IGNORECASE)


def read_docx(path: Path, language: str | None = None) -> Document:
    """Read a DOCX's paragraphs and tables in body order; heading styles become headings."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    check_archive(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise IngestError(f"{path.name}: not a readable DOCX ({error})") from None
    builder = DocumentBuilder(path.name, "docx", language)
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                builder.add(" · ".join(_unique_cells(row)))
            continue
        style = block.style.name if block.style is not None else ""
        level = _heading_level(style)
        builder.add(block.text, "heading" if level else "paragraph", level=level)
    if not builder.length:
        raise IngestError(f"{path.name}: the document holds no text")
    return builder.build()


def _heading_level(style: str) -> int | None:
    if style == "Title":
        return 1
    match = _HEADING_STYLE.match(style)
    return int(match.group(2)) if match else None


def _unique_cells(row) -> list[str]:
    # A merged cell is returned once per grid column it spans.
    seen, texts = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            texts.append(cell.text.strip())
    return [t for t in texts if t]
