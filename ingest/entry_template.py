"""The submission form as a spreadsheet: a template to fill in offline, and reading a filled one back.

The Hub asks submitters to prepare their text in a template first; ours is an
XLSX (openpyxl) whose columns are the form's fields (shapes/form.py): one
column per field, one per language for a text that carries its language. A
header ends with the field's key in brackets ("start date [startDate]",
"title (en) [title@en]"), so a sheet is read back whatever language its
headers were written in. A second sheet explains every field, a third lists
the values a choice field allows (code and label). Each filled row is one
entry; reading it gives the values the form's parser takes, with the cell
each came from, so every problem can name its row and column.

A field of records (an instrument's parties) has a sheet of its own: one record per row, the first
column naming the row of the entry it belongs to ("[party.row]"), the others the record's fields
("[party.dateSigned]"); its problems name that sheet's cell ("parties!D3").
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gcmkg.shapes.form import EntryForm, FormField, Given, Record

from .input_guard import IngestError, check_archive

TEXT_LANGUAGES = ("en", "es", "fr")
SEPARATOR = ";"
_HEADER_KEY = re.compile(r"\[([A-Za-z0-9_.]+)(?:@([a-z]{2,3}))?\]\s*$")
ROW = "row"     # the column of a records sheet that names the entry's row
_YES = {"true", "yes", "y", "si", "sí", "oui", "1", "verdadero", "vrai"}
_NO = {"false", "no", "n", "non", "0", "falso", "faux"}


@dataclass(frozen=True)
class Column:
    key: str
    lang: str | None
    header: str


def columns(form: EntryForm, lang: str) -> list[Column]:
    """The template's columns: every field in form order, a multilingual one once per language
    (a field of records has its own sheet: :func:`record_columns`)."""
    return _columns((f for f in form.fields if f.widget != "records"), lang, "")


def record_columns(records: FormField, lang: str) -> list[Column]:
    """The columns of a records field's sheet: the entry's row, then the record's fields."""
    row = {"en": "row of the entry", "es": "fila del registro", "fr": "ligne de la fiche"}
    return [Column(f"{records.key}.{ROW}", None, f"{row.get(lang, row['en'])} [{records.key}.{ROW}]"),
            *_columns(records.parts, lang, records.key + ".")]


def _columns(fields, lang: str, prefix: str) -> list[Column]:
    out = []
    for f in fields:
        key = prefix + f.key
        if f.widget == "multilingual":
            out += [Column(key, code, f"{f.name(lang)} ({code}) [{key}@{code}]") for code in TEXT_LANGUAGES]
        else:
            out.append(Column(key, None, f"{f.name(lang)} [{key}]"))
    return out


def write_template(form: EntryForm, lang: str, _: Callable[..., str],
                   choices_of: Callable[[str], list]) -> bytes:
    """The XLSX template of `form` with headers, instructions and allowed values in `lang`
    (`_` translates the interface's words; `choices_of(scheme)` lists a choice field's values)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("entries")
    cols = columns(form, lang)
    sheet.append([c.header for c in cols])
    for cell in sheet[1]:
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for i in range(1, len(cols) + 1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = 28
    sheet.freeze_panes = "A2"

    for records in (f for f in form.fields if f.widget == "records"):
        extra = book.create_sheet(records.name(lang)[:31])
        extra.append([c.header for c in record_columns(records, lang)])
        for cell in extra[1]:
            cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        extra.freeze_panes = "A2"

    guide = book.create_sheet(_("instructions"))
    for line in (_("One entry per row, from row 2. Leave a cell empty when the source does not say."),
                 _("Several values in one cell: separate them with “{separator}”.", separator=SEPARATOR),
                 _("Dates: a day (YYYY-MM-DD) or a year (YYYY). Yes/no fields: yes or no."),
                 _("Choice fields take a code or a label from the sheet of allowed values."),
                 _("Upload the filled file on the form's page: each row becomes a draft you can check and submit."),
                 ""):
        guide.append([line])
    guide.append([_("Field"), _("Column"), _("Required"), _("How many values"), _("What to give")])
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    every = [(f.key, f) for f in form.fields if f.widget != "records"] + [
        (f"{r.key}.{p.key}", p) for r in form.fields if r.widget == "records" for p in r.parts]
    for key, f in every:
        many = _("one") if f.max_count == 1 else _("several") if f.max_count is None else \
            _("up to {n}", n=f.max_count)
        guide.append([f.name(lang), key, _("Yes") if f.required else _("No"), many,
                      f"{f.description(lang)} {f.message(lang)}".strip()])
    for letter, width in zip("ABCDE", (30, 22, 10, 16, 100)):
        guide.column_dimensions[letter].width = width

    allowed = book.create_sheet(_("allowed values"))
    allowed.append([_("Field"), _("Column"), _("Code"), _("Label")])
    for cell in allowed[1]:
        cell.font = Font(bold=True)
    for key, f in every:
        if f.scheme:
            for choice in choices_of(f.scheme):
                allowed.append([f.name(lang), key, choice.code, choice.label(lang)])
    for letter, width in zip("ABCD", (30, 22, 12, 100)):
        allowed.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class FilledRow:
    """One filled row: the values per field, and the cell each field's values came from ("C2")."""
    number: int
    values: dict[str, list[Given]] = field(default_factory=dict)
    cells: dict[str, list[str]] = field(default_factory=dict)
    header: dict[str, list[str]] = field(default_factory=dict)   # key -> its columns' letters


    def columns_of(self, key: str | None) -> str:
        """The columns a field's values came from ("C", "D, E"), else the field's columns (an empty required
        field), or "" for a problem of the whole entry."""
        # A cell of another sheet keeps its row: the entry's row does not say which record it was.
        letters = [c if "!" in c else re.sub(r"\d+", "", c) for c in self.cells.get(key or "", [])] \
            or self.header.get(key or "", [])
        return ", ".join(dict.fromkeys(letters))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_filled(data: bytes, source: str, form: EntryForm) -> list[FilledRow]:
    """The filled rows of a template (the first sheet); IngestError names the file and cell of what cannot be read."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    with tempfile.TemporaryDirectory() as folder:   # the archive guard reads a file
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        check_archive(path)
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
            raise IngestError(f"{source}: not a readable XLSX ({type(error).__name__}: {error})") from None
        try:
            sheets = [(sheet.title, list(sheet.iter_rows(values_only=True))) for sheet in book.worksheets]
        finally:
            book.close()
    rows = sheets[0][1]
    if not rows:
        raise IngestError(f"{source}: the first sheet is empty")
    keys = {f.key: f for f in form.fields if f.widget != "records"}
    header = _header(rows[0], keys, f"{source}: row 1", form.kind)
    filled = []
    for number, row in enumerate(rows[1:], start=2):
        entry = FilledRow(number, header=_letters(header))
        for key, given, cell in _cells(row, header, keys, number, ""):
            entry.values.setdefault(key, []).extend(given)
            entry.cells.setdefault(key, []).append(cell)
        if entry.values:
            filled.append(entry)
    for records in (f for f in form.fields if f.widget == "records"):
        _read_records(records, sheets[1:], {e.number: e for e in filled}, source)
    return filled


def _header(cells, keys: dict, where: str, kind: str) -> list[tuple[str, str | None] | None]:
    from openpyxl.utils import get_column_letter
    header: list[tuple[str, str | None] | None] = []
    for i, cell in enumerate(cells, start=1):
        found = _HEADER_KEY.search(_text(cell))
        if not _text(cell):
            header.append(None)
        elif found is None or found.group(1) not in keys:
            raise IngestError(f"{where}, column {get_column_letter(i)}: “{_text(cell)}” is not a column of "
                              f"the {kind} template (its header ends with the field's key in brackets)")
        else:
            header.append((found.group(1), found.group(2)))
    return header


def _letters(header) -> dict[str, list[str]]:
    from openpyxl.utils import get_column_letter
    letters: dict[str, list[str]] = {}
    for i, known in enumerate(header, start=1):
        if known is not None:
            letters.setdefault(known[0], []).append(get_column_letter(i))
    return letters


def _cells(row, header, keys: dict, number: int, sheet: str):
    """(key, values, cell) of each filled cell of a row; `sheet` prefixes the cell ("parties!") but the first."""
    from openpyxl.utils import get_column_letter
    for i, value in enumerate(row):
        text = _text(value)
        if not text or i >= len(header) or header[i] is None:
            continue
        key, lang = header[i]
        spec = keys[key]
        if spec is None or spec.widget == "multilingual":
            given = [Given(text, lang)]
        else:
            given = [Given(part.strip()) for part in text.replace("\n", SEPARATOR).split(SEPARATOR)
                     if part.strip()]
            if spec.widget == "yes-no":
                given = [Given("true" if g.text.lower() in _YES else "false" if g.text.lower() in _NO
                               else g.text) for g in given]
        yield key, given, f"{sheet}{get_column_letter(i + 1)}{number}"


def _read_records(records: FormField, sheets, entries: dict[int, FilledRow], source: str) -> None:
    """The records of a records field from its sheet (found by its header), added to their entries' rows."""
    row_key = f"{records.key}.{ROW}"
    keys = {row_key: None, **{f"{records.key}.{p.key}": p for p in records.parts}}
    for title, rows in sheets:
        if not rows or not any(_text(c).endswith(f"[{row_key}]") for c in rows[0]):
            continue
        header = _header(rows[0], keys, f"{source}: sheet “{title}”, row 1", records.key)
        for number, row in enumerate(rows[1:], start=2):
            found = list(_cells(row, header, keys, number, f"{title}!"))
            given = {key: values for key, values, _cell in found}
            if not given:
                continue
            entry = entries.get(int(given[row_key][0].text)) if given.get(row_key, [Given("")])[0].text.isdigit() \
                else None
            if entry is None:
                raise IngestError(f"{source}: sheet “{title}”, row {number}: give, in its first column, the row of "
                                  "the entries sheet this record belongs to (a filled row)")
            index = len(entry.values.setdefault(records.key, []))
            entry.values[records.key].append(Record({k.split(".", 1)[1]: v for k, v in given.items()
                                                     if k != row_key}))
            for key, _values, cell in found:
                if key != row_key:
                    entry.cells.setdefault(f"{records.key}.{index}.{key.split('.', 1)[1]}", []).append(cell)
