"""One validator for free text in every service: no control or invisible format characters.

Unicode categories Cc (controls: NUL, C1 controls such as U+0085) and Cf (format characters:
bidirectional overrides such as U+202E, zero-width spaces and joiners, U+FEFF) are refused, except
tab and newline. They let a name display as something else (a right-to-left override turns
"gpj.exe" into "exe.jpg"), hide text from a reviewer, or break storage (PostgreSQL refuses NUL).
Other scripts, Cyrillic included, are text like any other.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator

_ALLOWED_CONTROLS = frozenset("\t\n")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf"})
MESSAGE = "must not contain control or invisible formatting characters"


def is_clean_text(text: str) -> bool:
    """True when ``text`` holds no character of category Cc or Cf other than tab and newline."""
    return not any(
        unicodedata.category(ch) in _REFUSED_CATEGORIES and ch not in _ALLOWED_CONTROLS
        for ch in text
    )


def clean_text(text: str) -> str:
    """A pydantic validator: the text unchanged, or a ValueError that does not echo it."""
    if not is_clean_text(text):
        raise ValueError(MESSAGE)
    return text


def clean_line(text: str) -> str:
    """Like :func:`clean_text`, and also one line (no tab or newline): names, titles, codes."""
    if "\n" in text or "\t" in text or not is_clean_text(text):
        raise ValueError(MESSAGE + " and must be one line")
    return text


Text = Annotated[str, AfterValidator(clean_text)]
"""Free text: may span lines."""

Line = Annotated[str, AfterValidator(clean_line)]
"""One line of text: a name or a title."""

__all__ = ["MESSAGE", "Line", "Text", "clean_line", "clean_text", "is_clean_text"]
