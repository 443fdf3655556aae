"""Where a project lives: a `.cluster` file path or a database URL, and how to show it safely.

Kept free of SQLAlchemy so the command line can tell paths from URLs and mask passwords
before the database libraries are imported.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

# A scheme such as "postgresql+psycopg://" or "sqlite:///"; a Windows path "C:\…" has no "//".
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_url(location: str | os.PathLike[str]) -> bool:
    """True for a database URL, False for a file path."""
    return bool(_URL.match(os.fspath(location)))


def is_server_url(location: str | os.PathLike[str]) -> bool:
    """A URL of a database server (not an SQLite file or memory database)."""
    return is_url(location) and not os.fspath(location).lower().startswith("sqlite")


def mask_password(location: str | os.PathLike[str]) -> str:
    """The location as it may be printed: `postgresql+psycopg://cd:***@host/db`."""
    text = os.fspath(location)
    if not is_url(text):
        return text
    try:
        parts = urlsplit(text)
    except ValueError:
        return text.split("://", 1)[0] + "://***"  # unparsable: show no part of it
    if parts.password is None:
        return text
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()
