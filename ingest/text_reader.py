"""Plain text (and Markdown): paragraphs split on blank lines, `#` lines as headings."""

from __future__ import annotations

import re
from pathlib import Path

from gcmkg.ingest.document import Document, DocumentBuilder
from gcmkg.ingest.input_guard import IngestError, decode_text

_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.+)$")


def read_text(path: Path, language: str | None = None) -> Document:
    """Read a text file in UTF-8 (or a Western code page it fits cleanly)."""
    text = decode_text(path.read_bytes(), path.name)
    builder = DocumentBuilder(path.name, "text", language)
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        heading = _MARKDOWN_HEADING.match(lines[0]) if lines else None
        if heading:
            builder.add(heading.group(2), "heading", level=len(heading.group(1)))
            block = "\n".join(lines[1:])
        builder.add(" ".join(line.strip() for line in block.split("\n")))
    if not builder.length:
        raise IngestError(f"{path.name}: the file holds no text")
    return builder.build()
