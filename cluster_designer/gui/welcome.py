"""The first-run welcome: the sample project is already open; here is what else one can do.

Shown (not exec'd) beside the main window on the very first start only: once any project
has been opened, the settings remember it and later starts reopen the last project instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from cluster_designer.i18n import _

from .resources import app_icon

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .settings import Settings

OPENED_KEY = "start/project_opened"


def _store(settings: Settings) -> QSettings:
    # A second QSettings on the same file shares Qt's in-process cache with `settings`.
    return QSettings(str(settings.path), QSettings.Format.IniFormat)


def project_was_opened(settings: Settings) -> bool:
    value = _store(settings).value(OPENED_KEY, False)
    return value.lower() in ("true", "1") if isinstance(value, str) else bool(value)


def mark_project_opened(settings: Settings) -> None:
    store = _store(settings)
    if not project_was_opened(settings):
        store.setValue(OPENED_KEY, True)


def is_first_run(settings: Settings) -> bool:
    """Nothing opened before: no remembered project and no recent files."""
    return not project_was_opened(settings) and not settings.recent_files()


class WelcomeDialog(QDialog):
    """Explore the sample, create a project, open one (file or team repository), or a recent one."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(_("Welcome to Cluster Designer"))
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(QSize(64, 64)))
        title = QLabel(_("Welcome to Cluster Designer"), self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        blurb = QLabel(
            _(
                "Draw the universities, companies and support organizations of your region and "
                "the ties between them, then evaluate and compare scenarios. A sample project is "
                "open so you can look around."
            ),
            self,
        )
        blurb.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(blurb)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addLayout(heading, 1)

        button = self._button
        self.explore_button = button(
            "welcome_explore",
            _("Explore the sample project"),
            _("It is open now: close this window and look around"),
        )
        self.create_button = button(
            "welcome_create",
            _("Create a new project…"),
            _("Start an empty project file for your own region"),
        )
        self.open_button = button(
            "welcome_open", _("Open a project…"), _("Open a .cluster file you or a colleague made")
        )
        self.repository_button = button(
            "welcome_repository",
            _("Open a team repository…"),
            _("Connect to a shared PostgreSQL repository"),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        for each in (
            self.explore_button,
            self.create_button,
            self.open_button,
            self.repository_button,
        ):
            layout.addWidget(each)
        self.recent = QListWidget(self)
        self.recent.setObjectName("welcome_recent")
        current = window.document.project_path
        shown_now = str(current.resolve()) if isinstance(current, Path) else None
        files = [
            p for p in window.settings.recent_files() if p != shown_now
        ]  # the open one is no news
        for path in files:
            item = QListWidgetItem(path)
            item.setToolTip(_("Open {path}").format(path=path))
            self.recent.addItem(item)
        if files:
            recent_label = QLabel(_("<b>Recent projects</b>"), self)
            layout.addSpacing(6)
            layout.addWidget(recent_label)
            self.recent.setMaximumHeight(min(160, 24 * len(files) + 8))
            layout.addWidget(self.recent)
        else:
            self.recent.hide()
        self.explore_button.clicked.connect(self.accept)
        self.create_button.clicked.connect(lambda: self._after(window.ops.new_project()))
        self.open_button.clicked.connect(lambda: self._after(window.ops.open_project_dialog()))
        self.repository_button.clicked.connect(
            lambda: self._after(window.repository_ops.open_repository_dialog())
        )
        self.recent.itemActivated.connect(
            lambda item: self._after(window.open_project(item.text()))
        )
        self.setMinimumWidth(520)

    def _button(self, name: str, text: str, description: str) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description, self)
        button.setObjectName(name)
        return button

    def _after(self, done: bool) -> None:
        """Close once the user got a project; stay when they cancelled a file dialog."""
        if done:
            self.accept()
