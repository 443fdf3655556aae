"""Every text in the code has a Japanese translation with the same placeholders, and it runs."""

from __future__ import annotations

import re

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


def test_dates_are_written_the_way_the_language_writes_them() -> None:
    import datetime as dt

    day = dt.date(2026, 12, 1)
    stamp = dt.datetime(2026, 12, 1, 14, 5)
    i18n.set_language("ja")
    assert i18n.format_date(day) == "2026年12月1日"
    assert i18n.format_datetime(stamp) == "2026年12月1日 14:05"
    i18n.set_language("en")
    assert i18n.format_date(day) == "1 December 2026"
    assert i18n.format_datetime(stamp) == "1 Dec 2026, 14:05"


def test_labels_of_the_vocabulary_follow_the_language() -> None:
    from cluster_designer.analysis import METRIC_INFO
    from cluster_designer.model import Location, Sector, TieKind

    i18n.set_language("ja")
    assert Sector.SUPPORT.label == "支援機関"
    assert Location.DOMESTIC.label == "国内（地域外）"
    assert TieKind.HUMAN_RESOURCES.label == "人材"
    assert METRIC_INFO["centralization.degree"][0] == "一組織への依存度"
    i18n.set_language("en")
    assert Sector.SUPPORT.label == "Support organization"
    assert METRIC_INFO["centralization.degree"][0] == "Dependence on one actor"


def test_the_compiled_catalogue_header_says_only_what_is_true() -> None:
    import gettext

    with i18n_build.mo_path("ja").open("rb") as handle:
        info = gettext.GNUTranslations(handle).info()
    assert info["language"] == "ja"
    assert info["plural-forms"] == "nplurals=1; plural=0;"
    assert not any("EMAIL@ADDRESS" in value or "VERSION" in value for value in info.values())
    assert "generated-by" not in info


def test_tables_of_headings_and_labels_are_all_in_the_catalogue() -> None:
    """Texts kept in tables (marked with N_() and translated where shown) come out in
    Japanese: a new entry that is not marked fails here."""
    from cluster_designer.analysis import METRIC_INFO
    from cluster_designer.analysis.report import SECTIONS

    i18n.set_language("ja")
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    for heading, _names in SECTIONS:
        assert japanese.search(i18n._(heading)), heading
    for name, (label, meaning, _better) in METRIC_INFO.items():
        assert japanese.search(label), (name, label)
        assert japanese.search(meaning), (name, meaning)
