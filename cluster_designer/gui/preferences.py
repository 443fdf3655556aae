"""Edit ▸ Preferences: the choices a planner makes once, kept in the settings file.

Today that is the language. The window's texts are built when it opens, so a new language
shows from the next start; the dialog says so, and the command line's `--lang` still wins.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cluster_designer import i18n
from cluster_designer.i18n import _

from .settings import Settings

# Each language is offered in its own words, so whoever cannot read the current one finds theirs.
LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}


class PreferencesDialog(QDialog):
    """The language of the window, the reports and the printed pages."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(_("Preferences"))
        self.settings = settings
        self.language = QComboBox(self)
        self.language.setObjectName("preferences_language")
        system = LANGUAGE_NAMES[i18n.detect_language()]
        self.language.addItem(_("System language ({language})").format(language=system), "")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language())))
        self.language.currentIndexChanged.connect(self._update_note)
        self.note = QLabel(self)
        self.note.setObjectName("preferences_note")
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Language:"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._update_note()
        self.setMinimumWidth(420)

    def chosen_language(self) -> str:
        return str(self.language.currentData() or "")

    def _update_note(self) -> None:
        wanted = self.chosen_language() or i18n.detect_language()
        if wanted == i18n.current_language():
            text = _(
                "Menus, panels, reports and printed pages use this language. "
                "The command line's --lang option overrides it."
            )
        else:
            text = _(
                "The new language applies the next time Cluster Designer starts: "
                "close and reopen the program to see it."
            )
        self.note.setText(text)

    def accept(self) -> None:
        self.settings.set_language(self.chosen_language())
        self.settings.sync()
        super().accept()
