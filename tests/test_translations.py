"""Every text in the code has a Japanese translation with the same placeholders, and it runs."""

from __future__ import annotations

import pytest

from cluster_designer import i18n, i18n_build


@pytest.fixture(autouse=True)
def _restore_language():
    yield
    i18n.set_language("en")


def test_compiled_catalogue_is_up_to_date() -> None:
    for language in i18n.LANGUAGES:
        if language == "en":
            continue
        path = i18n_build.mo_path(language)
        assert path.exists(), "run: uv run python -m cluster_designer.i18n_build"
        assert path.read_bytes() == i18n_build.compiled(language), (
            "the .mo is older than its .po sources: run uv run python -m cluster_designer.i18n_build"
        )


def test_every_marked_text_is_translated_with_the_same_placeholders() -> None:
    assert i18n_build.missing("ja") == []


def test_placeholder_check_catches_a_renamed_placeholder() -> None:
    assert i18n_build.placeholders("{count} of {total}") != i18n_build.placeholders("{count} / {n}")
    assert i18n_build.placeholders("{count} of {total}") == i18n_build.placeholders(
        "{total} 中 {count}"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ja_JP.UTF-8", "ja"),
        ("ja-JP", "ja"),
        ("Japanese_Japan.932", "ja"),
        ("en_GB.UTF-8", "en"),
        ("C", "en"),
        ("POSIX", "en"),
        ("fr_FR.UTF-8", None),
        ("", None),
    ],
)
def test_locale_names_map_to_our_languages(value: str, expected: str | None) -> None:
    assert i18n.normalise_language(value) == expected


def test_language_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert i18n.set_language(None) == "ja"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert i18n.set_language(None) == "en"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "ja")
    assert i18n.set_language(None) == "ja"
    assert i18n.set_language("en") == "en"


def test_listeners_hear_every_change() -> None:
    heard: list[str] = []
    i18n.on_language_change(heard.append)
    try:
        i18n.set_language("ja")
        i18n.set_language("en")
    finally:
        i18n._listeners.remove(heard.append)
    assert heard == ["ja", "en"]
