"""Spreadsheets of practices, one practice per row: CSV (standard library) and XLSX (openpyxl).

openpyxl is the maintained reader of the XLSX format in pure Python; it is
opened read-only (streaming rows) after the archive is checked for bombs.
Each row becomes its own Document whose parts are the row's cells, named by
their column headers, so suggestions can point at a cell.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gcmkg.ingest.document import Document, DocumentBuilder
from gcmkg.ingest.input_guard import IngestError, check_archive, decode_text


def read_csv(path: Path, language: str | None = None) -> list[Document]:
    """Read a CSV with a header row; each following row is one Document."""
    text = decode_text(path.read_bytes(), path.name)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    documents, header = [], None
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = _header(cells, path.name, f"line {reader.line_num}")
                continue
            if len(cells) > len(header):
                raise IngestError(f"{path.name}: line {reader.line_num}, column {len(header) + 1}: the row has"
                                  f" {len(cells)} cells but the header names {len(header)} columns")
            documents.append(_row_document(path.name, "csv", header, cells, f"line {reader.line_num}", language))
    except csv.Error as error:
        line = reader.line_num
        raise IngestError(f"{path.name}: malformed CSV at line {line}, {_bad_column(text, line, delimiter, header)}:"
                          f" {error}") from None
    if header is None:
        raise IngestError(f"{path.name}: the file holds no rows")
    return documents


def read_xlsx(path: Path, language: str | None = None) -> list[Document]:
    """Read the first worksheet of an XLSX; the first non-empty row is the header."""
    import openpyxl

    check_archive(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise IngestError(f"{path.name}: not a readable XLSX ({type(error).__name__}: {error})") from None
    try:
        sheet = workbook.worksheets[0]
        documents, header = [], None
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else str(v) for v in row]
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = _header(cells, path.name, f"{sheet.title} row {number}")
                continue
            documents.append(_row_document(path.name, "xlsx", header, cells, f"{sheet.title} row {number}", language))
    finally:
        workbook.close()
    if header is None:
        raise IngestError(f"{path.name}: the first worksheet holds no rows")
    return documents


def _header(cells: list[str], where: str, locator: str) -> list[str]:
    header = [c.strip() for c in cells]
    while header and not header[-1]:
        header.pop()
    for i, name in enumerate(header, start=1):
        if not name:
            raise IngestError(f"{where}: {locator}, column {i}: the header cell is empty")
    return header


def _row_document(source: str, fmt: str, header: list[str], cells: list[str], locator: str,
                  language: str | None) -> Document:
    builder = DocumentBuilder(source, fmt, language)
    for name, value in zip(header, cells):
        builder.add(value, "cell", column=name, prefix=f"{name}: ")
    return builder.build(locator=locator)


def _delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _bad_column(text: str, line: int, delimiter: str, header: list[str] | None) -> str:
    """Name the column where the quoting breaks on `line`: the first field opened by a quote and not closed by one."""
    lines = text.split("\n")
    raw = lines[line - 1] if 0 < line <= len(lines) else ""
    column, i = 1, 0
    while i < len(raw):
        if raw[i] == '"':
            close = i + 1
            while True:
                close = raw.find('"', close)
                if close < 0 or close + 1 >= len(raw) or raw[close + 1] != '"':
                    break
                close += 2
            if close < 0 or (close + 1 < len(raw) and raw[close + 1] != delimiter):
                break
            i = close + 1
        else:
            nxt = raw.find(delimiter, i)
            if nxt < 0:
                break
            i = nxt
        if i < len(raw) and raw[i] == delimiter:
            column += 1
            i += 1
    name = f" ({header[column - 1]!r})" if header and column <= len(header) else ""
    return f"column {column}{name}"
