"""User preferences in an INI file: recent projects, window geometry and state, view toggles.

The file lives under `platformdirs.user_config_dir("cluster-designer")`; the environment
variable `CLUSTER_DESIGNER_CONFIG_DIR` points it elsewhere (tests never touch the real home).
A schema version lets a later release migrate keys instead of misreading them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

APP_DIR_NAME = "cluster-designer"
CONFIG_ENV = "CLUSTER_DESIGNER_CONFIG_DIR"
STATE_ENV = "CLUSTER_DESIGNER_STATE_DIR"
DATA_ENV = "CLUSTER_DESIGNER_DATA_DIR"
SCHEMA_VERSION = 1
MAX_RECENT = 10


def config_dir() -> Path:
    return Path(os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir(APP_DIR_NAME))


def state_dir() -> Path:
    return Path(os.environ.get(STATE_ENV) or platformdirs.user_state_dir(APP_DIR_NAME))


def data_dir() -> Path:
    return Path(os.environ.get(DATA_ENV) or platformdirs.user_data_dir(APP_DIR_NAME))


def setting_int(value: object, default: int = 0) -> int:
    """A stored whole number (an INI file gives it back as text); the default if unreadable."""
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return default
    return default


def setting_texts(value: object) -> list[str]:
    """A stored list of texts: QSettings gives a one-item list back as plain text."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item]
    return []


# Each step takes the settings at version n-1 and leaves them at version n.
_MIGRATIONS: dict[int, Callable[[QSettings], None]] = {}


class Settings:
    """Typed access to the few things the window remembers between runs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.ini"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._migrate()

    def _migrate(self) -> None:
        version = setting_int(self._qs.value("meta/schema_version", 0))
        if version == 0 and not self._qs.allKeys():
            version = SCHEMA_VERSION
        for step in range(version + 1, SCHEMA_VERSION + 1):
            migrate = _MIGRATIONS.get(step)
            if migrate is not None:
                migrate(self._qs)
        self._qs.setValue("meta/schema_version", SCHEMA_VERSION)

    @property
    def schema_version(self) -> int:
        return setting_int(self._qs.value("meta/schema_version", 0))

    def sync(self) -> None:
        self._qs.sync()

    # --- recent projects ---------------------------------------------------------------
    def recent_files(self) -> list[str]:
        """Most recent first; files that no longer exist are left out."""
        items = setting_texts(self._qs.value("recent/files", []))
        return [p for p in items if Path(p).exists()]

    def add_recent_file(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        items = [text] + [p for p in self.recent_files() if p != text]
        self._qs.setValue("recent/files", items[:MAX_RECENT])

    def last_design(self, project: str) -> str | None:
        """The design last open in this project (a path or a masked database address)."""
        value = self._qs.value(f"last_design/{_key(project)}", "")
        return str(value) if value else None

    def set_last_design(self, project: str, name: str) -> None:
        self._qs.setValue(f"last_design/{_key(project)}", name)

    def clear_recent_files(self) -> None:
        self._qs.setValue("recent/files", [])

    # --- window ------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    # --- view toggles ------------------------------------------------------------------
    def view_flag(self, name: str, default: bool) -> bool:
        value = self._qs.value(f"view/{name}", default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def set_view_flag(self, name: str, value: bool) -> None:
        self._qs.setValue(f"view/{name}", bool(value))

    # --- language ----------------------------------------------------------------------
    def language(self) -> str:
        """The Preferences choice: 'en', 'ja', or '' for the system's language."""
        value = str(self._qs.value("general/language", "") or "")
        return value if value in ("en", "ja") else ""

    def set_language(self, language: str) -> None:
        self._qs.setValue("general/language", language if language in ("en", "ja") else "")

    def last_directory(self) -> str:
        return str(self._qs.value("files/last_directory", "") or "")

    def set_last_directory(self, path: str | Path) -> None:
        self._qs.setValue("files/last_directory", str(path))


def _key(project: str) -> str:
    """A settings key for a project: its path or address hashed (no slashes, no password)."""
    import hashlib

    return hashlib.sha1(project.encode("utf-8")).hexdigest()[:16]
