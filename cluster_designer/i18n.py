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
"""

from __future__ import annotations

import gettext
import locale
import os
import sys
from collections.abc import Callable
from pathlib import Path

DOMAIN = "cluster_designer"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "ja")
LANGUAGE_ENV = "CLUSTER_DESIGNER_LANG"
DEFAULT_LANGUAGE = "en"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language: str | None = None
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
    global _translations, _language
    chosen = normalise_language(language) if language else None
    chosen = chosen or detect_language()
    if chosen == "en":
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(
            DOMAIN, localedir=str(LOCALE_DIR), languages=[chosen], fallback=True
        )
    _language = chosen
    for listener in list(_listeners):
        listener(chosen)
    return chosen


def current_language() -> str:
    """The language texts are being translated into ('en' or 'ja')."""
    if _language is None:
        set_language(None)
    assert _language is not None
    return _language


def on_language_change(listener: Callable[[str], None]) -> None:
    """Call `listener(language)` after every `set_language()` (e.g. to load Qt's own catalogue)."""
    _listeners.append(listener)


def _(message: str) -> str:
    """The translation of `message` in the current language."""
    if _language is None:
        set_language(None)
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The translation of the form of `singular`/`plural` that fits `count`."""
    if _language is None:
        set_language(None)
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`_()` for a short word whose translation depends on where it is used."""
    if _language is None:
        set_language(None)
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it now (translate it where shown)."""
    return message
