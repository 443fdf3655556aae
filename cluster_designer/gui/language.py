"""The window's language: our catalogue (`cluster_designer.i18n`) and Qt's own for its dialogs.

Qt words its file, print and message dialogs ("Cancel", "Look in:", "Print range") through
its own catalogues, shipped with PySide6 as `qtbase_<lang>.qm`; they are loaded here when
the language is not English, and Qt's default locale follows, so dates and the like in
Qt's widgets are Japanese too. Which language: the command line's `--lang`, else the
Preferences choice, else the system's (see `i18n.detect_language`).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from cluster_designer import i18n

# Qt's catalogues the window needs: qtbase covers widgets, dialogs and printing.
QT_CATALOGUES = ("qtbase",)
QT_LOCALES = {"ja": QLocale(QLocale.Language.Japanese, QLocale.Country.Japan)}


class _Installed:
    """The Qt translators this module put on the application (replaced on every change)."""

    translators: ClassVar[list[QTranslator]] = []


def qt_translation_folders() -> list[Path]:
    """Where Qt's .qm files may be: Qt's own path, and PySide6's folder (bundles, wheels)."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6

        folders.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    except (ImportError, TypeError):
        pass
    return [f for f in dict.fromkeys(folders) if f.is_dir()]


def load_qt_catalogues(language: str) -> list[QTranslator]:
    """Install Qt's own catalogues for `language` on the application (none for English)."""
    app = QCoreApplication.instance()
    for translator in _Installed.translators:
        if app is not None:
            app.removeTranslator(translator)
    _Installed.translators = []
    if language == "en" or app is None:
        return []
    for name in QT_CATALOGUES:
        for folder in qt_translation_folders():
            translator = QTranslator(app)
            if translator.load(f"{name}_{language}", str(folder)):
                app.installTranslator(translator)
                _Installed.translators.append(translator)
                break
    return list(_Installed.translators)


def apply_language(language: str | None) -> str:
    """Choose the language for everything the window shows; returns it ('en' or 'ja')."""
    chosen = i18n.set_language(language)
    load_qt_catalogues(chosen)
    locale = QT_LOCALES.get(chosen)
    QLocale.setDefault(locale if locale is not None else QLocale.system())
    return chosen
