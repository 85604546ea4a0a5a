"""Guards on documents from outside: size cap, archive bombs, text encodings.

Every reader calls these before it hands the bytes to a parsing library, so a
hostile or broken file is refused with one line that says what and where.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# DOCX and XLSX are zip archives: what they unpack to is checked from the
# archive's directory before any library opens them.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBER_RATIO = 100  # deflate reaches ~1000:1 on zeros; real XML stays near 10:1
MAX_MEMBERS = 10_000

# For text that is not UTF-8, only the encodings documents in en/es/fr are
# really saved in; a wider search turns French cp1252 into Czech cp1250.
_FALLBACK_ENCODINGS = ["cp1252", "iso8859_15", "mac_roman"]
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


class IngestError(ValueError):
    """A document that cannot be read; the message names the file and where in it."""


def check_size(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Refuse a file larger than `max_bytes`; return its size."""
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(f"{path.name}: {_mib(size)} MB is over the {_mib(max_bytes)} MB limit for a document")
    return size


def _mib(size: int) -> str:
    return f"{round(size / 2**20, 1):g}"


def check_archive(path: Path, *, max_unpacked: int = MAX_UNPACKED_BYTES, max_ratio: int = MAX_MEMBER_RATIO) -> None:
    """Refuse a zip-based document (DOCX, XLSX) that would unpack to too much.

    The sizes come from the archive's central directory; Python's zipfile
    stops reading a member at its declared size, so they bound what the
    parsers will read even if the archive lies.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise IngestError(f"{path.name}: not a readable {path.suffix.lstrip('.').upper()} file ({error})") from None
    if len(members) > MAX_MEMBERS:
        raise IngestError(f"{path.name}: the archive holds {len(members)} parts, over the limit of {MAX_MEMBERS}")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > 1024 * 1024 and member.file_size > max_ratio * max(member.compress_size, 1):
            raise IngestError(f"{path.name}: part {member.filename} unpacks {member.file_size // max(member.compress_size, 1)}"
                              f" times its packed size (limit {max_ratio}); refused as an archive bomb")
    if total > max_unpacked:
        raise IngestError(f"{path.name}: unpacks to {_mib(total)} MB, over the {_mib(max_unpacked)} MB limit;"
                          " refused as an archive bomb")


def decode_text(data: bytes, where: str) -> str:
    """Decode a text file: a BOM, else UTF-8, else a Western encoding that fits cleanly.

    Anything else (binary data, an encoding we cannot tell) is refused rather
    than guessed, since a wrong guess would put wrong words in the evidence.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise IngestError(f"{where}: invalid {encoding} at byte {error.start}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=_FALLBACK_ENCODINGS).best() if b"\x00" not in data else None
    if best is None:
        raise IngestError(f"{where}: unknown text encoding (not UTF-8, UTF-16 or a Western code page);"
                          " save it as UTF-8")
    return str(best)
