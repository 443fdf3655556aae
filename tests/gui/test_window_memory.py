"""The window process keeps no source text it does not need, and its threads share one malloc
arena (see gui/heap.py)."""

from __future__ import annotations

import ctypes
import linecache
import sys
from typing import Any

import pytest

from cluster_designer.gui import heap, threads
from cluster_designer.gui.app import make_application


def _fill_line_cache() -> None:
    assert linecache.getline(heap.__file__, 1)
    assert linecache.cache


def test_start_up_forgets_the_source_lines_pyside_read(qtbot: Any) -> None:
    """PySide6's `__feature__` check reads the source of each module imported after it, and
    linecache kept it all (27 MB at start-up): the application empties the cache."""
    _fill_line_cache()
    make_application()
    assert not linecache.cache


def test_the_window_collector_forgets_source_lines_read_later(qtbot: Any) -> None:
    """A module imported on first use (pyqtgraph, networkx) fills the cache again: the
    window's collector empties it at its next turn."""
    make_application()
    _fill_line_cache()
    collector = threads._collector
    assert collector is not None
    collector.check()
    assert not linecache.cache


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc only")
def test_threads_share_one_malloc_arena_on_glibc() -> None:
    if not hasattr(ctypes.CDLL(None), "gnu_get_libc_version"):
        pytest.skip("not glibc")
    assert heap.share_one_arena()
    assert heap.share_one_arena()  # once is enough; asking again changes nothing
