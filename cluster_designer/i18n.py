"""One translation catalogue for the core, the command line and the window (gettext).

Every text a user reads passes through `_()` (or `ngettext()` for counts). Texts defined at
import time (tables of labels, help texts) are marked with `N_()` and translated where they
are shown, so that switching the language takes effect without re-importing anything.

The catalogue's sources are the `.po` files under `cluster_designer/locale/<lang>/`, one per
area of the program; `python -m cluster_designer.i18n_build` merges and compiles them into
`locale/<lang>/LC_MESSAGES/cluster_designer.mo`, which is what runs. English is the source
language and needs no catalogue.

The language: `set_language()` (the command line's `--lang`, the window's preference), else
`CLUSTER_DESIGNER_LANG`, else the system's (`LC_ALL`, `LC_MESSAGES`, `LANG`, then the
operating system's own setting). Only this module and `i18n_build` know about gettext.

Dates are written the way the language writes them (`format_date`: 2026年12月1日,
1 December 2026) with Babel's locale data; digits, grouping and the decimal point are the
same in both languages, so numbers need no helper.
"""

from __future__ import annotations

import gettext
import locale
import os
import sys
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

DOMAIN = "cluster_designer"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "ja")
LANGUAGE_ENV = "CLUSTER_DESIGNER_LANG"
DEFAULT_LANGUAGE = "en"
# The locale whose conventions dates follow in each language (British English: 1 December 2026).
BABEL_LOCALES = {"en": "en_GB", "ja": "ja"}


class _State:
    """The language in use and its catalogue (one per process)."""

    translations: gettext.NullTranslations = gettext.NullTranslations()
    language: str | None = None


_state = _State()
_listeners: list[Callable[[str], None]] = []


def normalise_language(value: str | None) -> str | None:
    """'ja_JP.UTF-8', 'ja-JP', 'Japanese_Japan.932' → 'ja'; unknown or empty → None."""
    if not value:
        return None
    text = value.strip().lower().replace("-", "_")
    if text.startswith("japanese"):
        return "ja"
    code = text.split(".")[0].split("@")[0].split("_")[0]
    if code in ("c", "posix"):
        return "en"
    return code if code in LANGUAGES else None


def _system_language() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            # LANGUAGE may list several ("ja:en"); the first we know wins.
            for part in value.split(":"):
                found = normalise_language(part)
                if found:
                    return found
            return DEFAULT_LANGUAGE
    if sys.platform == "win32":
        try:
            import ctypes

            lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
            return "ja" if lang_id & 0x3FF == 0x11 else DEFAULT_LANGUAGE
        except (AttributeError, OSError):
            return DEFAULT_LANGUAGE
    if sys.platform == "darwin":
        return _macos_language()
    try:
        found = normalise_language(locale.getlocale()[0])
    except ValueError:
        found = None
    return found or DEFAULT_LANGUAGE


def _macos_language() -> str:
    import subprocess

    try:
        output = subprocess.run(
            ["defaults", "read", "-g", "AppleLanguages"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return DEFAULT_LANGUAGE
    for word in output.replace("(", " ").replace(")", " ").replace(",", " ").split():
        found = normalise_language(word.strip('"'))
        if found:
            return found
    return DEFAULT_LANGUAGE


def detect_language() -> str:
    """The language asked for by the environment, else the system's."""
    return normalise_language(os.environ.get(LANGUAGE_ENV)) or _system_language()


def set_language(language: str | None) -> str:
    """Use `language` ('en', 'ja', a locale name, or None for the detected one); returns it."""
    chosen = normalise_language(language) if language else None
    chosen = chosen or detect_language()
    if chosen == "en":
        _state.translations = gettext.NullTranslations()
    else:
        _state.translations = gettext.translation(
            DOMAIN, localedir=str(LOCALE_DIR), languages=[chosen], fallback=True
        )
    _state.language = chosen
    for listener in list(_listeners):
        listener(chosen)
    return chosen


def current_language() -> str:
    """The language texts are being translated into ('en' or 'ja')."""
    if _state.language is None:
        set_language(None)
    assert _state.language is not None
    return _state.language


def on_language_change(listener: Callable[[str], None]) -> None:
    """Call `listener(language)` after every `set_language()` (e.g. to load Qt's own catalogue)."""
    _listeners.append(listener)


def _(message: str) -> str:
    """The translation of `message` in the current language."""
    if _state.language is None:
        set_language(None)
    return _state.translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The translation of the form of `singular`/`plural` that fits `count`."""
    if _state.language is None:
        set_language(None)
    return _state.translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`_()` for a short word whose translation depends on where it is used."""
    if _state.language is None:
        set_language(None)
    return _state.translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it now (translate it where shown)."""
    return message


def format_date(value: date) -> str:
    """A date as the language writes it in a sentence: 2026年12月1日, 1 December 2026."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, "long", locale=BABEL_LOCALES[current_language()])


def format_datetime(value: datetime) -> str:
    """A time stamp in a list or a message: 2026年12月1日 14:05, 1 Dec 2026, 14:05."""
    from babel.dates import format_datetime as babel_format_datetime
    from babel.dates import get_date_format, get_datetime_format

    where = BABEL_LOCALES[current_language()]
    day = get_date_format("long" if current_language() == "ja" else "medium", locale=where)
    pattern = str(get_datetime_format("medium", locale=where))
    pattern = pattern.replace("{1}", day.pattern).replace("{0}", "HH:mm")
    return babel_format_datetime(value, pattern, locale=where)


# --- text in a terminal ------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: Japanese (wide) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# Japanese lines may break between any two wide characters, but never before closing
# punctuation or after opening punctuation (kinsoku shori, simplified).
_NO_LINE_START = frozenset("、。，．）」』】〕〉》・ー？！々…ゃゅょっャュョッ%％")
_NO_LINE_END = frozenset("（「『【〔〈《")


def _tokens(text: str) -> list[str]:
    """Words (with their following space) and single wide characters: the units a line
    may break between."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if unicodedata.east_asian_width(char) in "WF":
            if word:
                tokens.append(word)
                word = ""
            if tokens and (char in _NO_LINE_START or tokens[-1][-1] in _NO_LINE_END):
                tokens[-1] += char
            else:
                tokens.append(char)
        elif char == " ":
            if word:
                tokens.append(word + " ")
                word = ""
            elif tokens:
                tokens[-1] += " "
        else:
            if word == "" and tokens and char in _NO_LINE_START:
                tokens[-1] += char
            else:
                word += char
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal columns (Japanese characters count two)."""
    lines: list[str] = []
    current = ""
    for token in _tokens(" ".join(text.split())):
        if current and display_width((current + token).rstrip()) > width:
            lines.append(current.rstrip())
            current = token
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines
