"""Where a project lives: a `.cluster` file path or a database URL, and how to show it safely.

Kept free of SQLAlchemy so the command line can tell paths from URLs and mask passwords
before the database libraries are imported.
"""

from __future__ import annotations

import os
import re
from urllib.parse import SplitResult, quote, unquote, unquote_plus, urlsplit

# A scheme such as "postgresql+psycopg://" or "sqlite:///"; a Windows path "C:\…" has no "//".
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_url(location: str | os.PathLike[str]) -> bool:
    """True for a database URL, False for a file path."""
    return bool(_URL.match(os.fspath(location)))


def is_server_url(location: str | os.PathLike[str]) -> bool:
    """A URL of a database server (not an SQLite file or memory database)."""
    return is_url(location) and not os.fspath(location).lower().startswith("sqlite")


def _secret_key(key: str) -> bool:
    """A query option that holds a secret: `password`, `sslpassword`, `passwd`, `PASSWORD`…"""
    return "pass" in unquote(key).lower()


def _query_without_secrets(query: str, replacement: str | None) -> str:
    """The query with every secret's value replaced (or, for None, the option left out)."""
    kept = []
    for option in query.split("&") if query else []:
        key = option.split("=", 1)[0]
        if not _secret_key(key):
            kept.append(option)
        elif replacement is not None:
            kept.append(f"{key}={replacement}")
    return "&".join(kept)


def _split(text: str) -> SplitResult | None:
    try:
        parts = urlsplit(text)
        _ = parts.password, parts.port  # both parse lazily and may raise
    except ValueError:
        return None
    return parts


def mask_password(location: str | os.PathLike[str]) -> str:
    """The location as it may be printed: `postgresql+psycopg://cd:***@host/db`.

    Every form of password is masked: `user:password@host` and the `password=` (or
    `sslpassword=`…) query options; an address too broken to parse shows only its scheme.
    """
    text = os.fspath(location)
    if not is_url(text):
        return text
    parts = _split(text)
    if parts is None:
        return text.split("://", 1)[0] + "://***"  # unparsable: show no part of it
    netloc = parts.netloc
    if parts.password is not None:
        user = parts.username or ""
        host = netloc.rsplit("@", 1)[1]
        netloc = f"{user}:***@{host}"
    query = _query_without_secrets(parts.query, "***")
    if netloc == parts.netloc and query == parts.query:
        return text
    return parts._replace(netloc=netloc, query=query).geturl()


def without_password(location: str | os.PathLike[str]) -> str:
    """The location as it may be stored (recent repositories, settings): no password at all;
    the user is asked for it again when it is opened."""
    text = os.fspath(location)
    if not is_url(text):
        return text
    parts = _split(text)
    if parts is None:
        return text.split("://", 1)[0] + "://"
    netloc = parts.netloc
    if parts.password is not None:
        login = quote(unquote(parts.username or ""), safe="")
        host = netloc.rsplit("@", 1)[1]
        netloc = f"{login}@{host}" if login else host
    query = _query_without_secrets(parts.query, None)
    if netloc == parts.netloc and query == parts.query:
        return text
    return parts._replace(netloc=netloc, query=query).geturl()


def secrets_of(location: str | os.PathLike[str]) -> list[str]:
    """The passwords an address holds, as written and decoded (to scrub them from texts)."""
    text = os.fspath(location)
    if not is_url(text):
        return []
    found: list[str] = []
    parts = _split(text)
    if parts is None:
        after = text.split("://", 1)[1]
        login = after.rsplit("@", 1)[0] if "@" in after else ""
        if ":" in login:
            found.append(login.split(":", 1)[1])
    else:
        if parts.password:
            found.append(parts.password)
        for option in parts.query.split("&") if parts.query else []:
            key, _, value = option.partition("=")
            if _secret_key(key) and value:
                found.append(value)
    return [s for secret in found for s in {secret, unquote(secret), unquote_plus(secret)} if s]


def redact(text: str, *locations: str | os.PathLike[str]) -> str:
    """`text` with every password of the given addresses replaced by `***`."""
    for location in locations:
        for secret in sorted(secrets_of(location), key=len, reverse=True):
            text = text.replace(secret, "***")
    return text
