"""Reading files defensively and writing them atomically, shared by every format.

Atomic writes matter because a planner's export may be the only copy outside the project:
a full disk or a crash must leave either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..durable import sync_file, sync_folder
from ..i18n import N_, _
from .errors import FormatError

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Larger files are refused before reading: no real design comes near, a mistake could."""

MAX_FIELD_CHARS = 1024 * 1024
"""Longest single CSV field accepted (a very long note is far shorter)."""

# Translated where shown.
ENCODING_HINT = N_("save it as UTF-8 (Excel: 'CSV UTF-8') and try again")


def read_limited_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a file over MAX_FILE_BYTES before reading any of it."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FormatError.at(
            path.name,
            _("the file is too large ({size:.0f} MB; at most {limit} MB is accepted)").format(
                size=size / 1024 / 1024, limit=MAX_FILE_BYTES // 1024 // 1024
            ),
        )
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FormatError.at(path.name, _("the file is too large (it grew while being read)"))
    return data


def decode_text(data: bytes, file_name: str, *, allow_cp932: bool) -> str:
    """UTF-8 (a byte-order mark is dropped); else CP932, the Shift-JIS Excel writes in Japan.

    UTF-8 is tried strictly first: a CP932 file with Japanese text is practically never valid
    UTF-8, so the fallback does not misread real UTF-8 files.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        if allow_cp932:
            try:
                return data.decode("cp932")
            except UnicodeDecodeError:
                pass
        line = data[: utf8_error.start].count(b"\n") + 1
        kinds = "UTF-8 or Shift-JIS (CP932)" if allow_cp932 else "UTF-8"
        raise FormatError.at(
            file_name,
            _("the text is not {kinds}; {encoding_hint}").format(
                kinds=kinds, encoding_hint=_(ENCODING_HINT)
            ),
            line=line,
        ) from None


class WriteFailed(OSError):
    """A file that could not be written (a full disk, a lost network share); the file that
    was there before is untouched. Shown as one line: `out.svg: No space left on device; …`."""

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file next to `path` for a writer that wants a file name.

    When the block ends without an error the temporary file is flushed to the disk and
    renamed over `path` in one step; on any error it is removed and `path` keeps its old
    contents. Failures of the disk become `WriteFailed` naming `path`.
    """
    with atomic_paths([Path(path)]) as temps:
        yield temps[0]


@contextlib.contextmanager
def atomic_paths(paths: list[Path]) -> Iterator[list[Path]]:
    """Several files written together: none is replaced unless all were written completely."""
    temps: list[Path] = []
    current = paths[0] if paths else Path()
    try:
        for current in paths:
            fd, temp_name = tempfile.mkstemp(
                prefix=f".{current.name}.", suffix=".tmp", dir=current.parent
            )
            os.close(fd)
            temps.append(Path(temp_name))
        yield temps
        for current, temp in zip(paths, temps, strict=True):
            sync_file(temp)
            _copy_mode(current, temp)
        for current, temp in zip(paths, temps, strict=True):
            os.replace(temp, current)
        if paths:
            sync_folder(paths[0].parent)
    except OSError as error:
        if isinstance(error, WriteFailed) or error.filename == str(current):
            raise
        raise _failed(error, current) from None
    finally:
        for temp in temps:
            with contextlib.suppress(OSError):
                temp.unlink()


# A missing folder or a permission problem stays what it is (the command line reports those
# as a mistake in what was asked, exit status 2); everything else is a failed write.
_ASKED_WRONG = {errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.EPERM}


def _failed(error: OSError, path: Path) -> OSError:
    reason = error.strerror or str(error)
    if path.exists():
        text = _("{reason}; {name} was left as it was").format(reason=reason, name=path.name)
    else:
        text = _("{reason}; nothing was written").format(reason=reason)
    if error.errno in _ASKED_WRONG:
        return OSError(error.errno, text, str(path))  # FileNotFoundError, PermissionError, …
    return WriteFailed(error.errno or 0, text, str(path))


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` completely or not at all."""
    with atomic_path(path) as temp:
        write_all(temp, data)


def write_all(path: Path, data: bytes) -> None:
    """Write every byte with plain `os.write` calls, so a full disk is an error here and now."""
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view[: 1024 * 1024])
            view = view[written:]
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(path: Path, *, encoding: str, newline: str | None = None) -> Iterator[IO[str]]:
    """Yield a text file that replaces `path` only when the block finishes without error."""
    with atomic_writers([path], encoding=encoding, newline=newline) as handles:
        yield handles[0]


@contextlib.contextmanager
def atomic_writers(
    paths: list[Path], *, encoding: str, newline: str | None = None
) -> Iterator[list[IO[str]]]:
    """Text files written together: none is replaced unless all were written completely.

    The text is collected in memory and written in one go at the end (exports are at most
    tens of megabytes), so every byte goes through `write_all` and its error reporting.
    """
    buffers = [io.StringIO(newline="\n" if newline is None else newline) for _ in paths]
    yield list(buffers)
    with atomic_paths(paths) as temps:
        for path, temp, buffer in zip(paths, temps, buffers, strict=True):
            try:
                write_all(temp, buffer.getvalue().encode(encoding))
            except OSError as error:
                raise _failed(error, path) from None


def _copy_mode(target: Path, temp: Path) -> None:
    """mkstemp makes owner-only files; give the result the mode a plain open() would."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    with contextlib.suppress(OSError):
        os.chmod(temp, mode)
