"""Autosaved copies of unsaved work, so a crash or power cut loses at most a couple of minutes.

One recovery entry per project: the current design as a JSON file in the interchange format
(`cluster_designer.io.write_json`) plus a small info file naming the project, the design's
stored name and the time. Entries are removed on save, on discard and on a clean close.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cluster_designer.io import read_json
from cluster_designer.io.files import atomic_write_bytes
from cluster_designer.io.json_format import design_json_chunks
from cluster_designer.model import Design, now_utc

from .settings import state_dir
from .threads import collections_held

WRITE_SLICE = 1 << 20  # characters of the autosave's text encoded and written at a time


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    """What an autosave left behind for one project."""

    project: str
    design_name: str  # the name the design is stored under in the project ("" if never stored)
    saved: datetime
    design_path: Path
    info_path: Path

    def load(self) -> Design:
        return read_json(self.design_path)


def project_key(project_path: str | Path) -> str:
    """A file name for the project: its absolute path (or database URL) hashed."""
    text = str(project_path)
    if "://" not in text:
        text = str(Path(text).resolve())
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class RecoveryStore:
    """The recovery folder: `<user state dir>/recovery/` unless given another."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or state_dir() / "recovery"
        # Writes run on a background thread (serialising 10,000 actors takes half a second);
        # the lock and the epoch keep a write that was overtaken by a discard (a save, a
        # clean close) from bringing the recovery copy back afterwards.
        self._lock = threading.Lock()
        self._epoch = 0
        self._executor: ThreadPoolExecutor | None = None

    @property
    def epoch(self) -> int:
        return self._epoch

    def write_later(self, project_path: str | Path, design: Design, stored_name: str) -> Future:
        """Serialise and write a snapshot of the design on the background thread; the Future
        gives the path (None if a discard came first) or raises what went wrong."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        snapshot, epoch = design.copy(), self._epoch
        return self._executor.submit(self.write, project_path, snapshot, stored_name, epoch)

    def _paths(self, project_path: str | Path) -> tuple[Path, Path]:
        key = project_key(project_path)
        return self.folder / f"{key}.json", self.folder / f"{key}.info.json"

    def write(
        self, project_path: str | Path, design: Design, stored_name: str, epoch: int | None = None
    ) -> Path | None:
        """Write (replace) the recovery copy of this project's current design; None when a
        discard happened since `epoch` (the copy is no longer wanted)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        design_path, info_path = self._paths(project_path)
        part = design_path.with_name(f"{design_path.name}.{threading.get_ident()}.part")
        # The text comes from the pure-Python encoder in small pieces (Python's lock changes
        # hands between its steps), each record built as it is encoded; the pieces are
        # gathered into slices of a megabyte, each encoded in one short call and written in
        # one system call. Writing each piece as it came meant a system call every 8 KB, each
        # giving up and retaking the lock: the window then waited 70-150 ms at a time for it
        # (10,000 actors). Building the whole document first (every record, then the text)
        # made the window's process 25 MB bigger at its peak (10,000 actors) and left it
        # fragmented. The window's collector waits meanwhile: the records built here would
        # otherwise be traversed by its gen-0 collections (10-25 ms each on its thread).
        with collections_held():
            try:
                with part.open("wb") as handle:
                    pending: list[str] = []
                    size = 0
                    for piece in design_json_chunks(design):
                        pending.append(piece)
                        size += len(piece)
                        if size >= WRITE_SLICE:
                            handle.write("".join(pending).encode("utf-8"))
                            pending.clear()
                            size = 0
                    pending.append("\n")
                    handle.write("".join(pending).encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
            except BaseException:
                part.unlink(missing_ok=True)
                raise
        info = {
            "project": str(project_path),
            "design_name": stored_name,
            "saved": now_utc().isoformat(),
        }
        with self._lock:  # the short part: a discard waits for no more than this
            if epoch is not None and epoch != self._epoch:
                part.unlink(missing_ok=True)
                return None
            os.replace(part, design_path)
            atomic_write_bytes(info_path, json.dumps(info, ensure_ascii=False).encode("utf-8"))
        return design_path

    def find(self, project_path: str | Path) -> RecoveryEntry | None:
        """The entry for this project, if one was left behind and is readable."""
        design_path, info_path = self._paths(project_path)
        if not (design_path.exists() and info_path.exists()):
            return None
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
            saved = datetime.fromisoformat(info["saved"])
            return RecoveryEntry(
                str(info["project"]), str(info["design_name"]), saved, design_path, info_path
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def discard(self, project_path: str | Path) -> None:
        with self._lock:
            self._epoch += 1
            for path in self._paths(project_path):
                path.unlink(missing_ok=True)

    def shutdown(self) -> None:
        """Let a write in progress finish (the window is closing)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
