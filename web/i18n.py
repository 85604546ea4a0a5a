"""The interface in English, Spanish and French: one catalogue of UI strings and the choice of language.

Concept labels are not here: they come from the vocabularies (graph/labels.py),
in the reader's language with English as fallback. This module holds only the
words of the interface itself, keyed by their English text, so a template
reads naturally and a missing translation falls back to English.

>>> translator("es")("Search")
'Buscar'
>>> translator("fr")("{n} results", n=3)
'3 résultats'
>>> choose_language(None, None, "fr-CH, fr;q=0.9, en;q=0.8")
('fr', False)
"""

from __future__ import annotations

from collections.abc import Callable

from gcmkg.accept import parse_accept

from .catalogue import CATALOGUE

LANGUAGES = {"en": "English", "es": "Español", "fr": "Français"}
DEFAULT = "en"
COOKIE = "gcmkg_lang"

_TABLES = {"en": {}, "es": {k: v[0] for k, v in CATALOGUE.items()}, "fr": {k: v[1] for k, v in CATALOGUE.items()}}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}

# Names of the languages entries are written in, for the "language of the record" field.
LANGUAGE_NAMES = {
    "en": {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "ar": "Arabic", "ru": "Russian",
           "zh": "Chinese", "de": "German", "it": "Italian", "ro": "Romanian", "tr": "Turkish"},
    "es": {"en": "inglés", "es": "español", "fr": "francés", "pt": "portugués", "ar": "árabe", "ru": "ruso",
           "zh": "chino", "de": "alemán", "it": "italiano", "ro": "rumano", "tr": "turco"},
    "fr": {"en": "anglais", "es": "espagnol", "fr": "français", "pt": "portugais", "ar": "arabe", "ru": "russe",
           "zh": "chinois", "de": "allemand", "it": "italien", "ro": "roumain", "tr": "turc"},
}


def translator(lang: str) -> Callable[..., str]:
    """`_(text, **values)`: `text` in `lang` (English when untranslated), with `{name}` fields filled in."""
    table = _TABLES.get(lang, {})

    def _(text: str, **values) -> str:
        out = table.get(text, text)
        return out.format(**values) if values else out
    return _


def _accept_language(header: str | None) -> list[str]:
    return [tag.split("-")[0] for tag, _q in parse_accept(header, default="")]


def choose_language(param: str | None, cookie: str | None, accept_language: str | None) -> tuple[str, bool]:
    """The page language and whether it was chosen explicitly (`?lang=`), else cookie, else Accept-Language.

    >>> choose_language("es", "fr", "en")
    ('es', True)
    >>> choose_language("xx", "fr", "en")
    ('fr', False)
    >>> choose_language(None, None, "de, es;q=0.5")
    ('es', False)
    """
    if param in LANGUAGES:
        return param, True
    if cookie in LANGUAGES:
        return cookie, False
    for tag in _accept_language(accept_language):
        if tag in LANGUAGES:
            return tag, False
        if tag == "*":
            break
    return DEFAULT, False


def format_date(value: str, lang: str) -> str:
    """An ISO date, year-month or year as a reader writes it.

    >>> format_date("2003-12-17", "es"), format_date("2021", "fr"), format_date("2019-03", "en")
    ('17 de diciembre de 2003', '2021', 'March 2019')
    """
    parts = value[:10].split("-")
    try:
        if len(parts) == 3:
            y, m, d = int(parts[0]), int(parts[1]), int(parts[2])
            month = MONTHS[lang][m - 1]
            if lang == "en":
                return f"{d} {month} {y}"
            if lang == "es":
                return f"{d} de {month} de {y}"
            return f"{'1er' if d == 1 else d} {month} {y}"
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            month = MONTHS[lang][m - 1]
            return f"{month} de {y}" if lang == "es" else f"{month.capitalize() if lang == 'en' else month} {y}"
    except (ValueError, IndexError, KeyError):
        return value
    return value


def format_number(n: int, lang: str) -> str:
    """Thousands separated as each language does.

    >>> format_number(12345, "en"), format_number(12345, "es"), format_number(12345, "fr")
    ('12,345', '12.345', '12\u202f345')
    """
    text = f"{n:,}"
    if lang == "es":
        return text.replace(",", ".")
    if lang == "fr":
        return text.replace(",", "\u202f")
    return text
