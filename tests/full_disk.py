"""A folder on a full disk, three ways: a real tiny file system, or failures injected where
the program writes (a write cut short) or flushes (fsync refused).

`FullDisk.folder` holds `old.*` files a test may try to replace; `check_untouched()` asserts
they kept their bytes and that nothing else (no temporary file, empty or not) was left.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cluster_designer.io import files

MODES = ["tmpfs", "write", "fsync"]
TMPFS_BYTES = 256 * 1024
FREE_BYTES = 6 * 1024  # what is left free on the tiny file system once it is filled


class FullDisk:
    def __init__(self, folder: Path, mode: str) -> None:
        self.folder = folder
        self.mode = mode
        self._before: dict[str, bytes] = {}

    def existing(self, name: str, content: bytes = b"the planner's old file\n") -> Path:
        path = self.folder / name
        path.write_bytes(content)
        self._before[name] = content
        return path

    def fill(self) -> None:
        """Take the remaining space (real mode) so that the next sizeable write fails."""
        if self.mode != "tmpfs":
            return
        filler = self.folder.parent / "filler"
        free = shutil.disk_usage(self.folder).free
        with filler.open("wb") as handle:
            handle.write(b"\0" * max(0, free - FREE_BYTES))

    def check_untouched(self) -> None:
        present = {p.name: p.read_bytes() for p in self.folder.iterdir()}
        assert present == self._before, sorted(present)


def _mount_tmpfs(where: Path) -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_BYTES}", "tmpfs", str(where)],
        capture_output=True,
    )
    return done.returncode == 0


@pytest.fixture(params=MODES)
def full_disk(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FullDisk]:
    mode: str = request.param
    if mode == "tmpfs":
        mount = tmp_path / f"tiny-{uuid.uuid4().hex[:6]}"
        if not _mount_tmpfs(mount):
            pytest.skip("a tiny tmpfs needs root and mount; the injected modes still run")
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
    else:
        real_sync = files.sync_file

        def refuse(path: Path) -> None:
            if folder not in Path(path).parents:
                real_sync(path)
                return
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(files, "sync_file", refuse)
        monkeypatch.setattr("cluster_designer.storage.sqlite_file.sync_file", refuse)
    yield FullDisk(folder, mode)
