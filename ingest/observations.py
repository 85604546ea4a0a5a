"""Reading statistical observations: SDMX-CSV, or a plain CSV whose headers are mapped to SDMX-CSV names.

What comes out is a header and rows of cells by column name, each row with its
line number, for graph/cubes.py to check and store. Nothing here knows codes or
units; a bad file is refused with its row named.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .input_guard import IngestError, check_size, decode_text

#: SDMX-CSV bookkeeping columns, read and ignored (1.0: DATAFLOW; 2.0: STRUCTURE, STRUCTURE_ID, ACTION).
IGNORED = frozenset({"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION"})
MAX_BYTES = 2 * 1024 ** 3   # a million observations of SDMX-CSV is about 100 MB


@dataclass(frozen=True)
class Row:
    """One observation as read: its line in the file and its cells by column name."""
    number: int
    cells: dict[str, str]


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`HEADER=COLUMN` pairs (the command line's --map) as a dict.

    >>> parse_mapping(["Country=REF_AREA", "Year=TIME_PERIOD"])
    {'Country': 'REF_AREA', 'Year': 'TIME_PERIOD'}
    """
    mapping = {}
    for pair in pairs:
        header, sep, column = pair.partition("=")
        if not sep or not header.strip() or not column.strip():
            raise IngestError(f"--map {pair!r}: write HEADER=COLUMN, e.g. Country=REF_AREA")
        mapping[header.strip()] = column.strip().upper()
    return mapping


def read_observations(path: Path, mapping: dict[str, str] | None = None) -> tuple[list[str], list[Row]]:
    """The columns (SDMX-CSV names) and rows of a CSV file of observations.

    `mapping` renames a plain CSV's headers (e.g. {"Country": "REF_AREA", "Year": "TIME_PERIOD",
    "Value": "OBS_VALUE"}); an SDMX-CSV file needs none.
    """
    check_size(path, MAX_BYTES)
    text = decode_text(path.read_bytes(), path.name)
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(records)]
    except StopIteration:
        raise IngestError(f"{path.name}: the file is empty") from None
    except csv.Error as error:
        raise IngestError(f"{path.name}, row 1: {error}") from None
    mapping = mapping or {}
    missing = [h for h in mapping if h not in header]
    if missing:
        raise IngestError(f"{path.name}, header: no column {missing[0]!r} to map (the header has: {', '.join(header)})")
    columns = [mapping.get(h, h) for h in header]
    if len(set(columns)) != len(columns):
        twice = next(c for c in columns if columns.count(c) > 1)
        raise IngestError(f"{path.name}, header: the column {twice} appears twice")
    rows = []
    try:
        for record in records:
            number = records.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(columns):
                raise IngestError(f"{path.name}, row {number}: {len(record)} cells for {len(columns)} columns")
            rows.append(Row(number, {c: v for c, v in zip(columns, record) if c not in IGNORED}))
    except csv.Error as error:
        raise IngestError(f"{path.name}, row {records.line_num}: {error}") from None
    return [c for c in columns if c not in IGNORED], rows
