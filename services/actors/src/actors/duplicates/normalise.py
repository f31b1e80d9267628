"""Normalised forms of an actor's identity, for matching across custodians (pure functions).

A legal name becomes a *set* of forms: one per Cyrillic→Latin transliteration scheme (``iuliia``:
ISO 9 / GOST 7.79, BGN/PCGN, ICAO Doc 9303 and the Russian passport schemes MVD 310 and 782,
Wikipedia, the scholarly system, …), each case-folded, without diacritics or punctuation, with its
words sorted. Two names match when their sets share a form. A Latin name has one form (there is
nothing to transliterate), so it matches a Cyrillic name written in any of those schemes, but not
another Latin spelling of it ("Iuliia" and "Yulia" do not match: see docs/actors.md).
"""

from __future__ import annotations

import re
import unicodedata

import iuliia

# Every Russian scheme iuliia maintains (not UZ, which is Uzbek): the passport schemes (ICAO Doc
# 9303 since 2014, MVD 782 and 310 before, MVD 310 FR), ISO 9 / GOST 7.79, BGN/PCGN, UNGEGN,
# BS 2979, ALA-LC, the scholarly system, and the spellings of Wikipedia, maps and messengers.
SCHEMES: tuple[iuliia.Schema, ...] = (
    iuliia.ALA_LC,
    iuliia.ALA_LC_ALT,
    iuliia.BGN_PCGN,
    iuliia.BGN_PCGN_ALT,
    iuliia.BS_2979,
    iuliia.BS_2979_ALT,
    iuliia.GOST_16876,
    iuliia.GOST_16876_ALT,
    iuliia.GOST_52290,
    iuliia.GOST_52535,
    iuliia.GOST_7034,
    iuliia.GOST_779,
    iuliia.GOST_779_ALT,
    iuliia.ICAO_DOC_9303,
    iuliia.ISO_9_1954,
    iuliia.ISO_9_1968,
    iuliia.ISO_9_1968_ALT,
    iuliia.MOSMETRO,
    iuliia.MVD_310,
    iuliia.MVD_310_FR,
    iuliia.MVD_782,
    iuliia.SCIENTIFIC,
    iuliia.TELEGRAM,
    iuliia.UNGEGN_1987,
    iuliia.WIKIPEDIA,
    iuliia.YANDEX_MAPS,
    iuliia.YANDEX_MONEY,
)

# Words split on blanks, dashes and punctuation; apostrophes and primes (the soft sign written as
# ' or ʹ) are dropped inside a word instead, so "Gul'nara" and "Gulnara" are one word.
_WORD_BREAK = re.compile(r"[\s\-‐‑‒–—―,.;:/\\()\[\]{}\"«»„“”!?&+*_|<>=~#@$%^]+")
_KEPT = {"Ll", "Lu", "Lt", "Lo", "Nd"}  # letters and digits; not marks, not modifier letters
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# Patronymics (Sergeevich, Sergeevna, Ilyich, Fominichna …), in Cyrillic or Latin letters.
_PATRONYMIC = re.compile(
    r"(ович|евич|ёвич|ич|овна|евна|ёвна|ична|ovich|evich|ich|ovna|evna|ichna)$"
)
# The English-language press writes a final "-ия" as "-ia" (Yulia, Maria), no scheme does.
_FINAL_IYA = re.compile(r"ия$")


def _ascii_word(word: str) -> str:
    """A word case-folded, diacritics stripped (NFKD), only letters and digits kept."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if unicodedata.category(c) in _KEPT)


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [word for word in _WORD_BREAK.split(folded) if word]


def _form(words: list[str]) -> str | None:
    kept = sorted(w for w in (_ascii_word(word) for word in words) if w)
    return " ".join(kept) or None


def name_forms(name: str) -> set[str]:
    """Every normalised form of a legal name: one per transliteration scheme, words sorted."""
    words = _words(name)
    spellings = [words]
    # "ё" is often written "е"; some schemes keep "ё" as it is (stripped to "e" below anyway).
    if any("ё" in word for word in words):
        spellings.append([word.replace("ё", "е") for word in words])
    if any(_FINAL_IYA.search(word) for word in words):
        spellings.append([_FINAL_IYA.sub("иа", word) for word in words])
    # A patronymic is in a passport's full name but often not in another record of the person.
    without_patronymic = [w for w in words if not _PATRONYMIC.search(w)]
    if 2 <= len(without_patronymic) < len(words):
        spellings.append(without_patronymic)
    forms: set[str] = set()
    for spelling in spellings:
        if not any(_CYRILLIC.search(word) for word in spelling):
            form = _form(spelling)
            if form:
                forms.add(form)
            continue
        for schema in SCHEMES:
            form = _form([schema.translate(word) for word in spelling])
            # A scheme that leaves a letter untransliterated (some keep "ё") gives no form.
            if form and not _CYRILLIC.search(form):
                forms.add(form)
    return forms


def email_form(email: str) -> str | None:
    """An email address case-folded (the local part too: no provider tells case apart)."""
    form = unicodedata.normalize("NFKC", email).strip().casefold()
    return form if "@" in form else None


def phone_form(phone: str) -> str | None:
    """A phone number as its digits; a Russian number dialled with the trunk 8 becomes +7."""
    digits = "".join(c for c in phone if c.isdigit())
    international = phone.strip().startswith("+")
    if not international and len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    return digits if len(digits) >= 7 else None
