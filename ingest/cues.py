"""The words in en/es/fr that say what a date or an organisation is to a practice or a norm.

A cue counts when it comes before the mention in the same sentence, and the
nearest one wins ("implemented by IOM, in partnership with ILO").
"""

from __future__ import annotations

import re

ROLE_CUES = {
    "gcm:implementingOrganisation": [
        "implemented by", "led by", "run by", "carried out by", "managed by", "delivered by",
        "ejecutado por", "ejecutada por", "implementado por", "implementada por", "liderado por", "llevado a cabo por",
        "mis en œuvre par", "mise en œuvre par", "conduit par", "porté par", "géré par", "mené par"],
    "gcm:partnerOrganisation": [
        "in partnership with", "in collaboration with", "in cooperation with", "partners", "partner",
        "together with", "en colaboración con", "en asociación con", "en cooperación con", "junto con", "socio",
        "socios", "en partenariat avec", "en collaboration avec", "en coopération avec", "partenaire",
        "partenaires", "avec le concours de"],
    "gcm:donorOrganisation": [
        "funded by", "financed by", "with funding from", "with financial support from", "donor", "donors",
        "financiado por", "financiada por", "con financiamiento de", "con fondos de", "donante",
        "financé par", "financée par", "avec le financement de", "bailleur", "bailleurs"],
}
# For a national norm, the body that issued it.
ISSUER_CUES = {"eli:passed_by": [
    "issued by", "adopted by", "enacted by", "passed by", "approved by", "expedida por", "expedido por",
    "adoptada por", "aprobada por", "aprobado por", "promulgada por", "dictada por", "adoptée par", "adopté par",
    "promulguée par", "pris par", "édicté par"]}
# After the mention: "The ILO is a partner."
ROLE_AFTER = {
    "gcm:partnerOrganisation": ["is a partner", "as a partner", "as partner", "es socio", "es socia", "como socio",
                                "como socia", "est partenaire", "est un partenaire", "comme partenaire"],
    "gcm:donorOrganisation": ["is the donor", "is a donor", "as donor", "es donante", "como donante",
                              "est bailleur", "comme bailleur"],
}

START_CUES = ["since", "started", "starting", "began", "begun", "launched", "desde", "comenzó", "empezó",
              "inició", "iniciado", "a partir de", "depuis", "a débuté", "a commencé", "lancé", "débuté", "à partir"]
END_CUES = ["ended", "until", "closed", "finished", "terminó", "finalizó", "concluyó", "hasta",
            "s'est achevé", "s'est terminé", "jusqu'en", "jusqu'au", "achevé", "terminé"]
ONGOING_CUES = ["ongoing", "is still running", "continues", "en curso", "sigue vigente", "continúa",
                "se poursuit", "en cours", "toujours en cours"]
ADOPTION_CUES = ["adopted", "approved", "enacted", "promulgated", "signed", "adoptada", "adoptado", "aprobada",
                 "aprobado", "promulgada", "promulgado", "adoptée", "adopté", "promulguée", "promulgué", "signé"]
IN_FORCE_CUES = ["entered into force", "entry into force", "in force since", "took effect", "entró en vigor",
                 "entrada en vigor", "vigente desde", "entrée en vigueur", "est entré en vigueur", "est entrée en vigueur"]
REPEAL_CUES = ["repealed", "derogada", "derogado", "abrogée", "abrogé"]
AMENDMENT_CUES = ["amended", "modificada", "modificado", "reformada", "modifiée", "modifié"]

# Between the two years of a range: "2016-2020", "from 2016 to 2020", "de 2020 à 2024".
RANGE_JOIN = re.compile(r"^\s*(-|–|—|to|until|till|and|a|al|hasta|y|à|au|et|jusqu'en|jusqu'à)\s*$", re.IGNORECASE)

_SENTENCE_BREAK = re.compile(r"[.!?;]\s|\n")


def _phrases(words: list[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?!\w)", re.IGNORECASE)


_ROLE = {field: _phrases(words) for field, words in ROLE_CUES.items()}
_ISSUER = {field: _phrases(words) for field, words in ISSUER_CUES.items()}
_ROLE_AFTER = {field: _phrases(words) for field, words in ROLE_AFTER.items()}
DATE_CUES = {name: _phrases(words) for name, words in (
    ("start", START_CUES), ("end", END_CUES), ("ongoing", ONGOING_CUES), ("adopted", ADOPTION_CUES),
    ("in force", IN_FORCE_CUES), ("repealed", REPEAL_CUES), ("amended", AMENDMENT_CUES))}


def sentence_before(text: str, start: int, window: int = 120) -> str:
    """The words before `start` back to the sentence's beginning (at most `window` characters)."""
    head = text[max(0, start - window):start]
    breaks = list(_SENTENCE_BREAK.finditer(head))
    return head[breaks[-1].end():] if breaks else head


def sentence_after(text: str, end: int, window: int = 40) -> str:
    """The words after `end` up to the sentence's end (at most `window` characters)."""
    tail = text[end:end + window]
    stop = _SENTENCE_BREAK.search(tail)
    return tail[:stop.start() + 1] if stop else tail


def organisation_role(text: str, start: int, end: int, *, norm: bool = False) -> str | None:
    """The role field the sentence gives the organisation at text[start:end], if any.

    A cue right after the name, in its clause ("with IOM as a partner"), beats
    a cue further back in the sentence.
    """
    if not norm:
        clause = sentence_after(text, end).split(",")[0]
        after = next((field for field, pattern in _ROLE_AFTER.items() if pattern.search(clause)), None)
        if after:
            return after
    before = sentence_before(text, start)
    best, best_at = None, -1
    for field, pattern in (_ISSUER if norm else _ROLE).items():
        for match in pattern.finditer(before):
            if match.start() > best_at:
                best, best_at = field, match.start()
    return best


def date_cue(text: str, start: int, window: int = 60) -> str | None:
    """The nearest cue before a date in its sentence: start, end, ongoing, adopted, in force, ..."""
    before = sentence_before(text, start, window)
    best, best_at = None, -1
    for name, pattern in DATE_CUES.items():
        for match in pattern.finditer(before):
            if match.start() > best_at:
                best, best_at = name, match.start()
    return best


def ongoing_cue(sentence: str) -> re.Match | None:
    """Where the sentence says the practice goes on, if it does."""
    return DATE_CUES["ongoing"].search(sentence)
