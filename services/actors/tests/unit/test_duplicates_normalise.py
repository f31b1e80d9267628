"""Normalisation and transliteration of identities for possible duplicates (docs/actors.md has
the table of what matches and what does not, naming these tests)."""

import pytest
from actors.duplicates.fingerprints import IdentityKey
from actors.duplicates.normalise import email_form, name_forms, phone_form


def names_match(a: str, b: str) -> bool:
    return bool(name_forms(a) & name_forms(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Анна Иванова", "Anna Ivanova"),
        ("Анна Иванова", "Ivanova Anna"),  # word order
        ("ANNA IVANOVA", "anna ivanova"),  # case
        ("Anna Ivanová", "Anna Ivanova"),  # diacritics
        ("Ivanova, Anna", "Anna  Ivanova"),  # punctuation and blanks
        ("Фёдор Щукин", "Fyodor Shchukin"),  # BGN/PCGN, Wikipedia
        ("Фёдор Щукин", "Fedor Shchukin"),  # ICAO Doc 9303 (passports since 2014)
        ("Фёдор Щукин", "Fjodor Shhukin"),  # GOST 7.79 system B
        ("Фёдор Щукин", "Федор Щукин"),  # "ё" written "е"
        ("Юлия Навальная", "Iuliia Navalnaia"),  # ICAO
        ("Юлия Навальная", "Yuliya Navalnaya"),  # BGN/PCGN
        ("Юлия Навальная", "Yulia Navalnaya"),  # the English press: final "-ия" as "-ia"
        ("Хабибуллина Гульнара", "Gul'nara Khabibullina"),  # soft sign as an apostrophe
        ("Хабибуллина Гульнара", "Gulnara Khabibullina"),
        ("Иванова Анна Сергеевна", "Anna Ivanova"),  # patronymic left out
        ("Anna Sergeevna Ivanova", "Анна Иванова"),
        ("Memorial", "MEMORIAL"),
    ],
)
def test_these_names_match(a: str, b: str) -> None:
    assert names_match(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Иванов", "Иванова"),  # another person (or the same family)
        ("Анна Иванова", "Анна Петрова"),
        ("Анна Иванова", "Anna"),  # a part of a name is not the name
        ("Iuliia Navalnaia", "Yulia Navalnaya"),  # two Latin spellings: a known false negative
        ("Федор Щукин", "Fyodor Shchukin"),  # "ё" written "е" loses "yo": a false negative
        ("Roman Abramovich", "Roman"),  # a surname in -ovich is not dropped to one word
    ],
)
def test_these_names_do_not_match(a: str, b: str) -> None:
    assert not names_match(a, b)


def test_two_people_with_one_common_name_match_a_known_false_positive() -> None:
    # Nothing in a name tells two Anna Ivanovas apart: the custodians decide.
    assert names_match("Анна Иванова", "Анна Иванова")


def test_forms_are_ascii_letters_and_digits_sorted_by_word() -> None:
    for form in name_forms("Хабибуллина Гульнара Ильинична"):
        assert form.isascii()
        assert form.split() == sorted(form.split())
        assert all(word.isalnum() for word in form.split())


def test_a_name_of_only_punctuation_has_no_form() -> None:
    assert name_forms(" - , ") == set()


def test_emails_match_regardless_of_case_and_blanks() -> None:
    assert email_form(" Anna@Example.ORG ") == email_form("anna@example.org")
    assert email_form("anna@example.org") != email_form("anna.i@example.org")


def test_phones_match_as_digits_and_the_russian_trunk_prefix() -> None:
    assert phone_form("+7 (495) 123-45-67") == phone_form("8 495 123 45 67") == "74951234567"
    assert phone_form("+49 30 1234567") == "49301234567"
    assert phone_form("12-34") is None


def test_fingerprints_are_keyed_hashes_never_the_text() -> None:
    key = IdentityKey(bytes(32))
    personal = {"legal_name": "Анна Иванова", "contact": {"email": "anna@example.org"}}
    fingerprints = key.fingerprints(personal)
    assert {kind for kind, _ in fingerprints} == {"legal_name", "email"}
    assert all(len(digest) == 64 and "anna" not in digest for _, digest in fingerprints)
    # Another key, other hashes: a copy of the table without the key tests no guess.
    assert not fingerprints & IdentityKey(bytes([1]) * 32).fingerprints(personal)
    assert key.fingerprints({"legal_name": "Anna Ivanova"}) & fingerprints


def test_a_match_id_names_the_pair_in_either_order_and_neither_actor() -> None:
    key = IdentityKey(bytes(32))
    match_id = key.match_id("act_a", "act_b")
    assert match_id == key.match_id("act_b", "act_a")
    assert "act_a" not in match_id
    assert match_id != key.match_id("act_a", "act_c")
