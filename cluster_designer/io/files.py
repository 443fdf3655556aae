"""Reading files defensively and writing them atomically, shared by every format.

Atomic writes matter because a planner's export may be the only copy outside the project:
a full disk or a crash must leave either the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
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


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+\Z")


def text_lines(text: str) -> Iterator[str]:
    """The lines of `text` with their endings, for `csv.reader`, one at a time.

    `io.StringIO(text, newline="")` splits the same way (at \\n, \\r\\n and \\r) but keeps
    a copy of the text at four bytes a character: 800 MB for a 200 MB file."""
    return (match.group() for match in _LINE.finditer(text))


def decode_text(data: bytes, file_name: str, *, allow_cp932: bool) -> str:
    """The file's text, or a refusal naming the encodings tried; never a silent guess.

    Read: UTF-8 and UTF-16 with a byte-order mark (Excel's "CSV UTF-8" and "Unicode text"),
    UTF-16 without one when every other byte is zero, UTF-8 without a mark, and — when
    `allow_cp932` — CP932 (Shift-JIS, Excel's plain "CSV" on a Japanese Windows). Bytes that
    are none of these, or that CP932 decodes into text with no kana and with rare kanji only
    (how a Western single-byte file such as Windows-1252 "Musée" looks through CP932: 'Mus馥'),
    are refused: single-byte encodings cannot be told apart from each other reliably.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise _not_decodable(data, file_name, error.start + len(bom), (encoding,)) from None
    guessed = _utf16_without_bom(data)
    if guessed is not None:
        try:
            return data.decode(guessed)
        except UnicodeDecodeError as error:
            raise _not_decodable(data, file_name, error.start, (guessed,)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if allow_cp932:
            try:
                text = data.decode("cp932")
            except UnicodeDecodeError:
                pass
            else:
                refuse_mixed_encodings(data, file_name)
                if looks_japanese(data, text):
                    return text
        tried = ("utf-8", "utf-16", "cp932") if allow_cp932 else ("utf-8", "utf-16")
        raise _not_decodable(data, file_name, utf8_error.start, tried) from None


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

ENCODING_NAMES: dict[str, str] = {
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp932": "Shift-JIS (CP932)",
}


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 that lost its byte-order mark: mostly ASCII text with a zero in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def refuse_mixed_encodings(data: bytes, file_name: str) -> None:
    """All or nothing per file: refuse bytes whose lines are partly UTF-8 and partly not.

    Called once the whole file failed as UTF-8 but read as CP932. UTF-8 bytes of Japanese
    text are valid CP932 too, so decoding such a file as CP932 would store mojibake
    (静岡大学 as 髱吝ｲ｡螟ｧ蟄ｦ). A line of real CP932 text is practically never valid UTF-8.
    """
    utf8_line = other_line = None
    for number, line in enumerate(io.BytesIO(data), start=1):  # one line at a time
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            utf8_line = utf8_line or number
        if utf8_line and other_line:
            raise FormatError.at(
                file_name,
                _(
                    "the text mixes encodings: line {utf8_line} is UTF-8 but line {other_line} "
                    "is not (UTF-8 and Shift-JIS (CP932) were tried); save the whole file in "
                    "one encoding (Excel: 'CSV UTF-8') and try again"
                ).format(utf8_line=utf8_line, other_line=other_line),
                line=max(utf8_line, other_line),
            )


def looks_japanese(data: bytes, text: str) -> bool:
    """Whether CP932-decoded bytes are Japanese text rather than a Western single-byte file.

    Japanese text has kana or Japanese punctuation almost always; a file of kanji only is
    taken as Japanese when every two-byte character is a symbol or a common (JIS level 1)
    kanji, lead bytes 0x81-0x9F. Western accented letters (0xE0-0xFF in Windows-1252 and
    Latin-1) read as lead bytes 0xE0-0xFC, the rare kanji of JIS level 2 and beyond."""
    if any(
        "\u3040" <= c <= "\u30ff" or "\uff61" <= c <= "\uff9f" or "\u3000" <= c <= "\u303f"
        for c in text
    ):
        return True
    index = 0
    while index < len(data):
        byte = data[index]
        if 0x81 <= byte <= 0x9F or 0xE0 <= byte <= 0xFC:
            if byte >= 0xE0:
                return False
            index += 2
        else:
            index += 1
    return True


def _not_decodable(
    data: bytes, file_name: str, position: int, tried: tuple[str, ...]
) -> FormatError:
    line = data[:position].count(b"\n") + 1
    names = ", ".join(dict.fromkeys(ENCODING_NAMES[t] for t in tried))
    return FormatError.at(
        file_name,
        _(
            "the text is not in an encoding that can be told safely (tried {names}); "
            "{encoding_hint}"
        ).format(names=names, encoding_hint=_(ENCODING_HINT)),
        line=line,
    )


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
