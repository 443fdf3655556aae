"""Reading files defensively and writing them atomically, shared by every format.

Atomic writes matter because a planner's export may be the only copy outside the project:
a full disk or a crash must leave either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

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


@contextlib.contextmanager
def atomic_writer(path: Path, *, encoding: str, newline: str | None = None) -> Iterator[IO[str]]:
    """Yield a text file that replaces `path` only when the block finishes without error."""
    with atomic_writers([path], encoding=encoding, newline=newline) as handles:
        yield handles[0]


@contextlib.contextmanager
def atomic_writers(
    paths: list[Path], *, encoding: str, newline: str | None = None
) -> Iterator[list[IO[str]]]:
    """Several files written together: none is replaced unless all were written completely."""
    temps: list[tuple[Path, IO[str], Path]] = []
    try:
        for path in paths:
            fd, temp_name = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
            )
            handle = os.fdopen(fd, "w", encoding=encoding, newline=newline)
            temps.append((path, handle, Path(temp_name)))
        yield [written for _, written, _ in temps]
        for path, written, temp in temps:
            written.flush()
            os.fsync(written.fileno())
            written.close()
            _copy_mode(path, temp)
        for path, _, temp in temps:
            os.replace(temp, path)
    finally:
        for _, written, temp in temps:
            if not written.closed:
                written.close()
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


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
