"""Free text refuses control and invisible format characters (Cc, Cf) but tab and newline."""

from __future__ import annotations

import pytest
from agora_common.text import Line, Text, is_clean_text
from pydantic import BaseModel, ValidationError


class Note(BaseModel):
    title: Line
    body: Text


@pytest.mark.parametrize(
    "text",
    [
        "Новая газета",
        "Łukasz Ðorđević",
        "Meduza — независимое издание",
        "Two\nlines\twith a tab",
        "ГУЛАГ 🕊",
        "",
    ],
)
def test_ordinary_text_in_any_script_is_clean(text: str) -> None:
    assert is_clean_text(text)


@pytest.mark.parametrize(
    "char",
    [
        "\x00",  # NUL
        "\x1b",  # ESC
        "\x7f",  # DEL
        "\x85",  # NEXT LINE (C1)
        "\x9b",  # CSI (C1)
        "\u202e",  # RIGHT-TO-LEFT OVERRIDE
        "\u2066",  # LEFT-TO-RIGHT ISOLATE
        "\u200b",  # ZERO WIDTH SPACE
        "\u200d",  # ZERO WIDTH JOINER
        "\ufeff",  # BYTE ORDER MARK / ZERO WIDTH NO-BREAK SPACE
        "\u00ad",  # SOFT HYPHEN
        "\r",
    ],
)
def test_control_and_format_characters_are_refused_without_echo(char: str) -> None:
    secret = "Ivanova" + char + "Anna"
    assert not is_clean_text(secret)
    with pytest.raises(ValidationError) as refused:
        Note(title="t", body=secret)
    assert "Ivanova" not in str(refused.value.errors(include_input=False))


def test_a_line_refuses_newlines_and_tabs() -> None:
    with pytest.raises(ValidationError):
        Note(title="a\nb", body="")
    with pytest.raises(ValidationError):
        Note(title="a\tb", body="")
    assert Note(title="Новая газета", body="a\nb").body == "a\nb"
