"""The window process's memory: one malloc arena for all its threads, no cached sources.

glibc's malloc gives each new thread an arena of its own (up to eight per core). The window
process has a few threads that build big temporary things — autosave's JSON text, Compare
loading a stored design, unpacking an evaluation — and what one of them frees stays in its
arena, where the next thread's work cannot reuse it: resident memory grows by each
thread's high-water mark. With one arena, memory freed by any thread is reused by the next
(measured at 10,000 actors: the window's peak 316 -> 308 MB). Python's own lock already
keeps these threads from allocating at the same moment, so sharing the arena costs no
waiting to speak of. Elsewhere than glibc (macOS, Windows, musl) nothing is changed.

PySide6 reads the whole source of every module that runs an import after PySide6 itself is
loaded (its `__feature__` check calls `inspect.getsource`), and Python's `linecache` keeps
those lines for good: at start-up some 27 MB of text (337,000 lines of 680 modules, most of
them SQLAlchemy's and numpy's) that nothing reads again; networkx or pyqtgraph imported later
add 9 and 4 MB. The cache is emptied at start-up and whenever the window's collector finds it
filled again (a traceback reads the lines it shows anew). At 10,000 actors the window's peak
went 303 -> 278 MB: the freed space holds the designs loaded afterwards.
"""

from __future__ import annotations

import ctypes
import linecache
import sys

M_ARENA_MAX = -8  # mallopt's parameter number in glibc's malloc.h

_done = False


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    # Only glibc has this function (and mallopt's arena setting).
    return libc if hasattr(libc, "gnu_get_libc_version") else None


def share_one_arena() -> bool:
    """Make threads started from now on allocate from the main arena (glibc only); whether
    the setting was taken. Call before the first worker thread starts."""
    global _done
    if _done:
        return True
    libc = _libc()
    if libc is None:
        return False
    _done = bool(libc.mallopt(ctypes.c_int(M_ARENA_MAX), ctypes.c_int(1)))
    return _done


def forget_source_lines() -> None:
    """Empty Python's cache of source lines (see the module's text)."""
    if linecache.cache:
        linecache.clearcache()
