"""A folder on a full disk, several ways: real write failures from the operating system (a
file-size limit, and a tiny tmpfs where root may mount one), and failures injected where the
program writes (a write cut short) or flushes (fsync refused).

`FullDisk.folder` holds `old.*` files a test may try to replace; `fill()` makes the disk
"full" from then on; `check_untouched()` asserts the old files kept their bytes and that
nothing else (no temporary file, empty or not) was left.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cluster_designer.io import files

try:
    import resource
except ImportError:  # Windows
    resource = None

TMPFS_BYTES = 256 * 1024
FREE_BYTES = 6 * 1024  # what is left free on the tiny file system once it is filled
FILE_SIZE_LIMIT = 16 * 1024  # the most any file may grow to once the disk is "full"


def _can_mount() -> bool:
    """Whether this machine lets the tests mount a tiny tmpfs (root on Linux)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where = Path(tempfile.mkdtemp(prefix="cd-tmpfs-probe-"))
    try:
        if not _mount_tmpfs(where):
            return False
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
        return True
    finally:
        shutil.rmtree(where, ignore_errors=True)


def _mount_tmpfs(where: Path) -> bool:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_BYTES}", "tmpfs", str(where)],
        capture_output=True,
    )
    return done.returncode == 0


# Real failures first; a mode the machine cannot offer is left out rather than skipped.
REAL_MODES = (["rlimit"] if resource is not None else []) + (["tmpfs"] if _can_mount() else [])
MODES = [*REAL_MODES, "write", "fsync"]
# SQLite writes its files itself: a failure injected into our own write calls cannot reach it.
SQLITE_MODES = [*REAL_MODES, "fsync"]


class FullDisk:
    def __init__(self, folder: Path, mode: str) -> None:
        self.folder = folder
        self.mode = mode
        self._before: dict[str, bytes] = {}
        self._limit: tuple[int, int] | None = None
        self._handler: object = None

    def existing(self, name: str, content: bytes = b"the planner's old file\n") -> Path:
        path = self.folder / name
        path.write_bytes(content)
        self._before[name] = content
        return path

    def fill(self) -> None:
        """From now on, sizeable writes fail (in the real modes)."""
        if self.mode == "tmpfs":
            filler = self.folder.parent / "filler"
            free = shutil.disk_usage(self.folder).free
            with filler.open("wb") as handle:
                handle.write(b"\0" * max(0, free - FREE_BYTES))
        elif self.mode == "rlimit":
            assert resource is not None
            self._handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            self._limit = resource.getrlimit(resource.RLIMIT_FSIZE)
            resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, self._limit[1]))

    def release(self) -> None:
        if self._limit is not None and resource is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, self._limit)
            signal.signal(signal.SIGXFSZ, self._handler)
            self._limit = None

    def check_untouched(self) -> None:
        self.release()
        present = {p.name: p.read_bytes() for p in self.folder.iterdir()}
        assert present == self._before, sorted(present)


def _full_disk(mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FullDisk]:
    if mode == "tmpfs":
        mount = tmp_path / f"tiny-{uuid.uuid4().hex[:6]}"
        mount.mkdir()
        assert _mount_tmpfs(mount)
        folder = mount / "exports"
        folder.mkdir()
        try:
            yield FullDisk(folder, mode)
        finally:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)
        return
    folder = tmp_path / "exports"
    folder.mkdir()
    if mode == "write":
        real = files.write_all

        def cut_short(path: Path, data: bytes) -> None:
            if folder not in Path(path).parents:
                real(path, data)
                return
            real(path, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(files, "write_all", cut_short)
    elif mode == "fsync":
        real_sync = files.sync_file

        def refuse(path: Path) -> None:
            if folder not in Path(path).parents:
                real_sync(path)
                return
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(files, "sync_file", refuse)
        monkeypatch.setattr("cluster_designer.storage.sqlite_file.sync_file", refuse)
    disk = FullDisk(folder, mode)
    try:
        yield disk
    finally:
        disk.release()


@pytest.fixture(params=MODES)
def full_disk(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FullDisk]:
    yield from _full_disk(request.param, tmp_path, monkeypatch)


@pytest.fixture(params=SQLITE_MODES)
def full_disk_sqlite(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FullDisk]:
    """The modes that reach SQLite's own writes (project files)."""
    yield from _full_disk(request.param, tmp_path, monkeypatch)
