"""Stopping a project's database work from another thread: on request, or at a deadline.

A save to a repository whose server has frozen (stopped, swapped out, a half-dead network)
would otherwise wait for ever: the operating system keeps acknowledging the connection, so
neither TCP keepalives nor the server's own timeouts help. Every transaction on a server
therefore runs against a deadline, and the window can stop one at any moment (its Cancel
button). Stopping asks the server to cancel the statement, then shuts the connection's
socket, which ends even a wait on a server that no longer answers; SQLite's own interrupt
stops work on a file. Either way the transaction is not committed: nothing is saved.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, event

CANCELLED = "cancelled"
TIMED_OUT = "timed out"
CANCEL_REQUEST_S = 1.0  # how long to wait for the server to accept a cancel request


class Interrupted(Exception):
    """Raised instead of opening a new connection once the work was stopped."""


class Interrupter:
    """Watches the connections of one engine and stops them when asked or when late."""

    def __init__(self, engine: Engine, deadline_s: float | None) -> None:
        self.deadline_s = deadline_s
        self.reason: str | None = None
        self._lock = threading.Lock()
        self._connections: dict[int, Any] = {}
        self._timer: threading.Timer | None = None
        self._depth = 0
        event.listen(engine, "connect", self._on_connect)
        event.listen(engine, "close", self._on_close)
        event.listen(engine, "close_detached", self._on_close_detached)
        event.listen(engine, "do_connect", self._before_connect)

    # --- bookkeeping of live connections -------------------------------------------------
    def _on_connect(self, dbapi_conn: Any, _record: object) -> None:
        with self._lock:
            self._connections[id(dbapi_conn)] = dbapi_conn

    def _on_close(self, dbapi_conn: Any, _record: object) -> None:
        self._forget(dbapi_conn)

    def _on_close_detached(self, dbapi_conn: Any) -> None:
        self._forget(dbapi_conn)

    def _forget(self, dbapi_conn: Any) -> None:
        with self._lock:
            self._connections.pop(id(dbapi_conn), None)

    def _before_connect(self, *_args: object) -> None:
        if self.reason is not None:
            raise Interrupted(self.reason)

    # --- one piece of work ---------------------------------------------------------------
    @contextlib.contextmanager
    def watching(self, patience: float = 1.0) -> Iterator[None]:
        """Run a transaction under the deadline (times `patience`: opening a repository may
        upgrade its schema); the outermost one starts and stops the clock."""
        with self._lock:
            self._depth += 1
            outermost = self._depth == 1
            if outermost:
                self.reason = None
                if self.deadline_s is not None:
                    seconds = self.deadline_s * patience
                    self._timer = threading.Timer(seconds, self.stop, (TIMED_OUT,))
                    self._timer.daemon = True
                    self._timer.start()
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if outermost and self._timer is not None:
                    self._timer.cancel()
                    self._timer = None

    def stopped(self) -> bool:
        return self.reason is not None

    def check(self) -> None:
        """Raise `Interrupted` if the work was stopped (called just before a commit)."""
        if self.reason is not None:
            raise Interrupted(self.reason)

    def stop(self, reason: str = CANCELLED) -> None:
        """Stop the work now (from any thread); the transaction raises and commits nothing."""
        with self._lock:
            if self._depth == 0:
                return
            self.reason = reason
            connections = list(self._connections.values())
        for dbapi_conn in connections:
            _stop(dbapi_conn)


def _stop(dbapi_conn: Any) -> None:
    interrupt = getattr(dbapi_conn, "interrupt", None)
    if interrupt is not None:  # SQLite
        with contextlib.suppress(Exception):
            interrupt()
        return
    with contextlib.suppress(Exception):
        dbapi_conn.cancel_safe(timeout=CANCEL_REQUEST_S)
    with contextlib.suppress(Exception):
        _shut_socket(dbapi_conn.pgconn.socket)


def _shut_socket(fd: int) -> None:
    """End the connection at our side: a wait for a frozen server returns at once."""
    duplicate = socket.fromfd(fd, socket.AF_INET, socket.SOCK_STREAM)  # a duplicate handle
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    finally:
        duplicate.close()
