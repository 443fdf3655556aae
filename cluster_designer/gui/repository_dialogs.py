"""The team repository in the window: connecting, copying designs, and a save that lost a race.

Passwords are typed, used and forgotten: recent repositories are remembered without them,
and every address shown on screen has its password masked.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.i18n import N_, _, ngettext
from cluster_designer.model import ClusterError
from cluster_designer.storage import (
    ConflictError,
    Project,
    conflict_choice,
    copy_design,
    free_design_name,
    is_url,
    mask_password,
    store_copy,
    without_password,
)
from cluster_designer.storage.locations import is_server_url

from .dialogs import ask_design_name
from .settings import setting_texts

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .settings import Settings

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
MAX_RECENT_REPOSITORIES = 8
PROJECT_FILTER = N_("Cluster Designer projects (*.cluster)")  # translated where shown
Opener = Callable[..., Project]


# --- addresses -------------------------------------------------------------------------
def build_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """A SQLAlchemy URL for a PostgreSQL repository; every part is quoted (パスワード too)."""
    host = host.strip() or "localhost"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    login = quote(user.strip(), safe="")
    if password:
        login += ":" + quote(password, safe="")
    at = f"{login}@" if login else ""
    return f"{DRIVER}://{at}{host}:{port}/{quote(database.strip(), safe='')}"


def split_url(url: str) -> tuple[str, int, str, str]:
    """(host, port, database, user) of a repository address, for filling the form."""
    parts = urlsplit(url)
    return (
        parts.hostname or "",
        parts.port or DEFAULT_PORT,
        unquote(parts.path.lstrip("/")),
        unquote(parts.username or ""),
    )


class RecentRepositories:
    """Repository addresses opened before, newest first, never with a password."""

    KEY = "repositories/recent"

    def __init__(self, settings: Settings) -> None:
        # A second QSettings on the same file shares Qt's in-process cache with `settings`.
        self._qs = QSettings(str(settings.path), QSettings.Format.IniFormat)

    def urls(self) -> list[str]:
        return setting_texts(self._qs.value(self.KEY, []))

    def add(self, url: str) -> None:
        clean = without_password(url)
        items = [clean] + [u for u in self.urls() if u != clean]
        self._qs.setValue(self.KEY, items[:MAX_RECENT_REPOSITORIES])


# --- connecting ------------------------------------------------------------------------
class RepositoryDialog(QDialog):
    """Host, port, database, user and password of a team repository, with a connection test."""

    def __init__(
        self,
        recent: Iterable[str] = (),
        parent: QWidget | None = None,
        opener: Opener = Project.open,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("repositoryDialog")
        self.setWindowTitle(_("Open Team Repository"))
        self._opener = opener
        intro = QLabel(
            _(
                "A team repository is a PostgreSQL database that several planners share. Ask your "
                "administrator for these details."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.recent = QComboBox(self)
        self.recent.setObjectName("repository_recent")
        self.recent.addItem(_("Choose a repository you used before…"))
        for url in recent:
            self.recent.addItem(mask_password(url), url)
        self.recent.setEnabled(self.recent.count() > 1)
        self.host = QLineEdit(self)
        self.host.setObjectName("repository_host")
        self.host.setPlaceholderText("db.example.org")  # untranslated: an example address
        self.port = QSpinBox(self)
        self.port.setObjectName("repository_port")
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.database.setObjectName("repository_database")
        self.database.setPlaceholderText("cluster")  # untranslated: an example name
        self.user = QLineEdit(self)
        self.user.setObjectName("repository_user")
        self.password = QLineEdit(self)
        self.password.setObjectName("repository_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setToolTip(_("Used for this connection only; never stored"))
        self.create_check = QCheckBox(_("Set up an empty database as a new repository"), self)
        self.create_check.setObjectName("repository_create")
        self.address = QLabel(self)
        self.address.setObjectName("repository_address")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address.setStyleSheet("color: palette(placeholder-text);")
        self.status = QLabel(self)
        self.status.setObjectName("repository_status")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Recent:"), self.recent)
        form.addRow(_("Host:"), self.host)
        form.addRow(_("Port:"), self.port)
        form.addRow(_("Database:"), self.database)
        form.addRow(_("User:"), self.user)
        form.addRow(_("Password:"), self.password)
        form.addRow(_("Address:"), self.address)
        self.test_button = QPushButton(_("Test Connection"), self)
        self.test_button.setObjectName("repository_test")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.create_check)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.status, 1)
        layout.addLayout(test_row)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        for edit in (self.host, self.database, self.user, self.password):
            edit.textChanged.connect(self._update)
        self.port.valueChanged.connect(self._update)
        self.recent.activated.connect(self._fill_from_recent)
        self.test_button.clicked.connect(self.test_connection)
        self.setMinimumWidth(460)
        self._update()

    def url(self) -> str:
        """The full address, password included: for opening, never for showing or storing."""
        return build_url(
            self.host.text(),
            self.port.value(),
            self.database.text(),
            self.user.text(),
            self.password.text(),
        )

    def _update(self) -> None:
        self.address.setText(mask_password(self.url()))
        ready = bool(self.host.text().strip() and self.database.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(ready)
        self.test_button.setEnabled(ready)
        self.status.clear()

    def _fill_from_recent(self, index: int) -> None:
        url = self.recent.itemData(index)
        if not url:
            return
        host, port, database, user = split_url(str(url))
        self.host.setText(host)
        self.port.setValue(port)
        self.database.setText(database)
        self.user.setText(user)
        self.password.setFocus()

    def test_connection(self) -> bool:
        """Connect once and say plainly what happened; True when the repository answered."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            project = self._opener(self.url(), create=self.create_check.isChecked())
            try:
                count = len(project.design_names())
            finally:
                project.close()
        except ClusterError as exc:
            self._show_status(False, str(exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        if count == 0:
            status = _("Connected: the repository holds no designs yet.")
        else:
            status = ngettext(
                "Connected: the repository holds {count} design.",
                "Connected: the repository holds {count} designs.",
                count,
            ).format(count=count)
        self._show_status(True, status)
        return True

    def _show_status(self, ok: bool, text: str) -> None:
        self.status.setStyleSheet(f"color: {'#1B7F3B' if ok else '#B3261E'};")
        self.status.setText(("✔ " if ok else "✘ ") + text)


class OtherProjectDialog(QDialog):
    """Where the other project of a copy is: a `.cluster` file or a team repository."""

    def __init__(
        self,
        title: str,
        text: str,
        recent: Iterable[str],
        ok_text: str = "OK",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("otherProjectDialog")
        self.setWindowTitle(title)
        self._recent = list(recent)
        self._secret: dict[str, str] = {}  # shown (masked) address → address with password
        label = QLabel(text, self)
        label.setWordWrap(True)
        self.location = QLineEdit(self)
        self.location.setObjectName("other_location")
        self.location.setPlaceholderText(_("A .cluster file or a repository address"))
        self.location.setMinimumWidth(380)
        browse = QPushButton(_("Project File…"), self)
        browse.setObjectName("other_browse")
        repository = QPushButton(_("Team Repository…"), self)
        repository.setObjectName("other_repository")
        row = QHBoxLayout()
        row.addWidget(browse)
        row.addWidget(repository)
        row.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.location)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        browse.clicked.connect(self._browse)
        repository.clicked.connect(self._choose_repository)
        self.location.textChanged.connect(
            lambda t: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(t.strip())
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Project File"),
            "",
            _(PROJECT_FILTER),
            "",
            QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.location.setText(path if path.endswith(".cluster") else path + ".cluster")

    def _choose_repository(self) -> None:
        dialog = RepositoryDialog(self._recent, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            url = dialog.url()
            shown = mask_password(url)
            self._secret[shown] = url
            self.location.setText(shown)

    def chosen(self) -> str:
        text = self.location.text().strip()
        return self._secret.get(text, text)


def ask_other_project(
    parent: QWidget | None, title: str, text: str, recent: Iterable[str], ok_text: str
) -> str | None:
    dialog = OtherProjectDialog(title, text, recent, ok_text, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_design(parent: QWidget | None, names: list[str], where: str) -> str | None:
    name, ok = QInputDialog.getItem(
        parent, _("Copy Design From"), _("Designs in {where}:").format(where=where), names, 0, False
    )
    return name if ok and name else None


# --- a save that lost a race -----------------------------------------------------------
class ConflictAnswer(enum.Enum):
    RELOAD = "reload"
    SAVE_AS_NEW = "save_as_new"
    CANCEL = "cancel"


def ask_conflict(
    parent: QWidget | None, error: ConflictError, taken: Iterable[str]
) -> ConflictAnswer:
    """Reload theirs, save ours as a new design, or cancel: never a silent overwrite."""
    choice = conflict_choice(error, taken)
    box = QMessageBox(parent)
    box.setObjectName("conflictDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(choice.title)
    if error.deleted:
        box.setText(
            _("Someone else deleted “{design_name}” since you opened it.").format(
                design_name=error.design_name
            )
        )
        box.setInformativeText(
            _("Your changes are still here. Save them as a new design to keep them.")
        )
    else:
        box.setText(
            _("Someone else saved “{design_name}” since you opened it.").format(
                design_name=error.design_name
            )
        )
        box.setInformativeText(
            _(
                "Reload their version (your changes are lost), or save yours as a new design so "
                "both are kept."
            )
        )
    answers: dict[object, ConflictAnswer] = {}
    if choice.reload_label is not None:
        answers[
            box.addButton(_("Reload Their Version"), QMessageBox.ButtonRole.DestructiveRole)
        ] = ConflictAnswer.RELOAD
    save_as = box.addButton(_("Save Yours as a New Design…"), QMessageBox.ButtonRole.AcceptRole)
    answers[save_as] = ConflictAnswer.SAVE_AS_NEW
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.setEscapeButton(cancel)
    box.exec()
    return answers.get(box.clickedButton(), ConflictAnswer.CANCEL)


# --- operations ------------------------------------------------------------------------
class RepositoryOps:
    """File ▸ Open Repository, Copy Design To and Copy Design From for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.recent = RecentRepositories(window.settings)

    def open_repository_dialog(self) -> bool:
        dialog = RepositoryDialog(self.recent.urls(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.open_repository(dialog.url(), create=dialog.create_check.isChecked())

    def open_repository(self, url: str, create: bool = False) -> bool:
        if not self.window.ops.open_project(url, create=create):
            return False
        self.recent.add(url)
        return True

    def _open_other(self, location: str, create: bool) -> Project | None:
        """The other project of a copy; a message (and None) if it cannot be used."""
        current = self.window.document.project
        try:
            # A new project file may be made; a server database is set up only from Open Repository.
            other = Project.open(location, create=create and not is_server_url(location))
        except ClusterError as exc:
            QMessageBox.warning(self.window, _("Cannot open the other project"), str(exc))
            return None
        if current is not None and other.same_store(current):
            other.close()
            QMessageBox.warning(
                self.window,
                _("Same project"),
                _("{project} is the project that is open now.").format(
                    project=mask_password(location)
                ),
            )
            return None
        if is_url(location):
            self.recent.add(location)
        return other

    def copy_to(self, location: str | None = None) -> bool:
        """Copy the current design (as shown, unsaved edits included) into another project."""
        design = self.window.document.design
        if design is None:
            return False
        if location is None:
            location = ask_other_project(
                self.window,
                _("Copy Design To"),
                _(
                    "Copy “{name}” into which project? A project file that does not exist yet is "
                    "created."
                ).format(name=design.name),
                self.recent.urls(),
                _("Copy"),
            )
            if not location:
                return False
        other = self._open_other(location, create=True)
        if other is None:
            return False
        try:
            names = other.design_names()
            target = design.name
            if target in names:
                chosen = ask_design_name(
                    self.window,
                    _("Copy Design To"),
                    _("{project} already has a design named “{target}”. Name of the copy:").format(
                        project=mask_password(location), target=target
                    ),
                    free_design_name(target, names),
                    names,
                )
                if chosen is None:
                    return False
                target = chosen
            store_copy(design, other, target)
        except ClusterError as exc:
            QMessageBox.warning(self.window, _("Cannot copy"), str(exc))
            return False
        finally:
            other.close()
        self.window.statusBar().showMessage(
            _("Copied “{name}” to {label} as “{target}”").format(
                name=design.name, label=other.label, target=target
            ),
            6000,
        )
        return True

    def copy_from(self, location: str | None = None) -> bool:
        """Copy a design of another project into the open one, then open the copy."""
        project = self.window.document.project
        if project is None:
            return False
        if location is None:
            location = ask_other_project(
                self.window,
                _("Copy Design From"),
                _("Copy a design from which project?"),
                self.recent.urls(),
                _("Choose Design…"),
            )
            if not location:
                return False
        other = self._open_other(location, create=False)
        if other is None:
            return False
        try:
            names = other.design_names()
            if not names:
                QMessageBox.information(
                    self.window,
                    _("Copy Design From"),
                    _("{label} holds no designs.").format(label=other.label),
                )
                return False
            name = choose_design(self.window, names, other.label)
            if name is None:
                return False
            taken = project.design_names()
            target = name
            if name in taken:
                chosen = ask_design_name(
                    self.window,
                    _("Copy Design From"),
                    _("This project already has a design named “{name}”. Name of the copy:").format(
                        name=name
                    ),
                    free_design_name(name, taken),
                    taken,
                )
                if chosen is None:
                    return False
                target = chosen
            copy_design(other, project, name, new_name=target)
        except ClusterError as exc:
            QMessageBox.warning(self.window, _("Cannot copy"), str(exc))
            return False
        finally:
            other.close()
        self.window.ops.refresh_designs()
        self.window.statusBar().showMessage(
            _("Copied “{name}” as “{target}”").format(name=name, target=target), 6000
        )
        return self.window.ops.switch_design(target)
