"""Guards for files from strangers: size, XML tricks and zip bombs are refused before parsing.

A planner imports files mailed by partners or downloaded from portals. A hostile or broken
file must end in a clear `FormatError` in bounded time and memory, never in a frozen app:
sizes are checked before anything is read, XML is parsed with DTDs and entities forbidden
(no billion laughs, no reading /etc/passwd through an external entity), and an XLSX
archive is inspected before openpyxl decompresses anything.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import iterparse

from ..i18n import N_, _
from . import limits
from .errors import FormatError
from .sheet_scan import scan_worksheets

MAX_XML_BYTES = 200 * 1024 * 1024
"""Largest GraphML/GEXF file read; a 10,000-actor design is a few megabytes."""

MAX_XLSX_BYTES = 50 * 1024 * 1024
"""Largest workbook file (compressed) read."""

MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024
"""Largest total size of a workbook's parts once unpacked."""

MAX_COMPRESSION_RATIO = 100
"""Real workbooks compress about 5–20 times; a zip bomb thousands of times."""

MAX_ZIP_MEMBERS = 10_000

# Translated where shown.
ENCODING_HINT = N_("save it as UTF-8 and try again")


def check_file_size(path: Path, limit: int) -> int:
    """Refuse a missing or too large file before a byte of it is read; return its size."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FormatError.at(path.name, _("the file does not exist")) from None
    except OSError as error:
        raise FormatError.at(
            path.name, _("the file cannot be read ({strerror})").format(strerror=error.strerror)
        ) from None
    if not path.is_file():
        raise FormatError.at(path.name, _("is not a file"))
    if size > limit:
        raise FormatError.at(
            path.name,
            _("the file is too large ({size:.0f} MB; at most {limit} MB is accepted)").format(
                size=size / 1024 / 1024, limit=limit // 1024 // 1024
            ),
        )
    return size


class LimitedReader:
    """A binary file that fails once more than `limit` bytes were read (a file that grows)."""

    def __init__(self, handle: IO[bytes], limit: int, file_name: str) -> None:
        self._handle = handle
        self._left = limit
        self._file_name = file_name

    def read(self, size: int | None = -1) -> bytes:
        chunk_size = 64 * 1024 if size is None or size < 0 else size
        data = self._handle.read(min(chunk_size, self._left + 1))
        self._left -= len(data)
        if self._left < 0:
            raise FormatError.at(
                self._file_name, _("the file is too large (it grew while being read)")
            )
        return data


def iter_xml(
    path: Path, events: tuple[str, ...] = ("start", "end")
) -> Iterator[tuple[str, Element]]:
    """Parse an XML file as a stream with DTDs, entities and external references forbidden.

    Every parser problem becomes a `FormatError` naming the file and, when known, the line.
    """
    check_file_size(path, MAX_XML_BYTES)
    name = path.name
    try:
        with path.open("rb") as handle:
            reader: Any = LimitedReader(handle, MAX_XML_BYTES, name)
            parser = iterparse(
                reader, events=events, forbid_dtd=True, forbid_entities=True, forbid_external=True
            )
            yield from parser
    except DTDForbidden:
        raise FormatError.at(
            name,
            _(
                "the file contains a document type declaration (<!DOCTYPE …>), which is refused "
                "for safety; remove it and try again"
            ),
        ) from None
    except EntitiesForbidden:
        raise FormatError.at(
            name, _("the file declares XML entities, which are refused for safety")
        ) from None
    except ExternalReferenceForbidden:
        raise FormatError.at(
            name, _("the file refers to external resources, which are refused for safety")
        ) from None
    except DefusedXmlException as error:
        raise FormatError.at(
            name, _("the file was refused for safety ({error})").format(error=error)
        ) from None
    except ParseError as error:
        raise xml_syntax_error(name, error) from None
    except ValueError as error:  # expat: "multi-byte encodings are not supported"
        raise FormatError.at(
            name,
            _("the text encoding cannot be read ({error}); {encoding_hint}").format(
                error=error, encoding_hint=_(ENCODING_HINT)
            ),
        ) from None
    except OSError as error:
        raise FormatError.at(
            name, _("the file cannot be read ({value})").format(value=error.strerror or error)
        ) from None


def bounded_xml(
    path: Path, containers: frozenset[str], records: frozenset[str]
) -> Iterator[tuple[str, str, Element]]:
    """`iter_xml` as (event, local tag, element), within the limits of io/limits.py.

    A finished element whose parent is one of `containers` (elements that read nothing of
    their children at their own end: the document, the graph, a list of nodes) is dropped
    from its parent once the caller has handled it, so memory holds only the records being
    read. Refused, in one line: elements nested deeper than MAX_XML_DEPTH, more than
    MAX_HELD_ELEMENTS elements held at once (a node or an attribute with a huge subtree), and
    more than MAX_OTHER_ELEMENTS elements outside `records` (nodes and edges) — what a file
    of nothing but ports, comments or unknown elements would make the reader walk for minutes.
    """
    name = path.name
    stack: list[Element] = []
    sizes: list[int] = []  # elements held in each open element's subtree, itself included
    held = 0
    outside = 0
    open_records = 0
    for event, element in iter_xml(path):
        tag = local_name(element.tag)
        if event == "start":
            if len(stack) >= limits.MAX_XML_DEPTH:
                raise FormatError.at(
                    name,
                    _("elements are nested more than {limit} deep").format(
                        limit=limits.MAX_XML_DEPTH
                    ),
                )
            held += 1
            if held > limits.MAX_HELD_ELEMENTS:
                raise FormatError.at(
                    name,
                    _("more than {limit:,} elements inside <{tag}>").format(
                        limit=limits.MAX_HELD_ELEMENTS, tag=local_name(stack[-1].tag)
                    ),
                )
            if tag in records:
                open_records += 1
            elif not open_records:
                outside += 1
                if outside > limits.MAX_OTHER_ELEMENTS:
                    raise FormatError.at(
                        name,
                        _("more than {limit:,} elements outside nodes and edges").format(
                            limit=limits.MAX_OTHER_ELEMENTS
                        ),
                    )
            stack.append(element)
            sizes.append(1)
            yield event, tag, element
            continue
        yield event, tag, element
        stack.pop()
        size = sizes.pop()
        if tag in records:
            open_records -= 1
        if stack and local_name(stack[-1].tag) in containers:
            # The parser runs ahead (it hands events over in batches), so later siblings
            # may be attached already; every earlier one was dropped: this one is first.
            parent = stack[-1]
            if len(parent) and parent[0] is element:
                del parent[0]
                held -= size
                continue
        if sizes:
            sizes[-1] += size


def too_many_attributes(file: str, domain: str) -> FormatError:
    """More attributes declared for nodes (or edges) than `limits.MAX_ATTRIBUTES`."""
    if domain == "edge":
        text = _("more than {limit:,} edge attributes are declared")
    else:
        text = _("more than {limit:,} node attributes are declared")
    return FormatError.at(file, text.format(limit=limits.MAX_ATTRIBUTES))


def too_many_values(file: str) -> FormatError:
    """More attribute values over all nodes and edges than `limits.MAX_ATTRIBUTE_VALUES`."""
    return FormatError.at(
        file,
        _(
            "the nodes and edges hold more than {limit:,} attribute values, declared defaults "
            "included"
        ).format(limit=limits.MAX_ATTRIBUTE_VALUES),
    )


def xml_syntax_error(name: str, error: ParseError) -> FormatError:
    """`plan.graphml line 3: not well-formed XML (invalid token); …` with an encoding hint."""
    line = error.position[0] if getattr(error, "position", None) else None
    reason = str(error).split(":")[0].strip() or "syntax error"
    hint = ""
    if "invalid token" in reason or "encoding" in reason:
        hint = _(" — if it has Japanese text, {encoding_hint}").format(
            encoding_hint=_(ENCODING_HINT)
        )
    return FormatError.at(
        name, _("not well-formed XML ({reason}){hint}").format(reason=reason, hint=hint), line=line
    )


def local_name(tag: Any) -> str:
    """`{http://graphml.graphdrawing.org/xmlns}node` → `node` (tools differ in namespaces)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


# --- XLSX ---------------------------------------------------------------------------------

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PROLOG_SCAN_BYTES = 1024 * 1024


def check_xlsx_archive(path: Path) -> bool:
    """Inspect the workbook's zip directory and XML parts before openpyxl touches it.

    Python's zipfile never inflates an entry past its declared size, so checking the declared
    sizes bounds the memory and time any later reading can take. Returns whether any
    worksheet holds a formula or an error cell (`t="e"`, such as #DIV/0!): only then must a
    reader look at every cell's kind, and only then do the readers use openpyxl instead of
    the fast python-calamine (which reads both as empty cells).
    """
    name = path.name
    check_file_size(path, MAX_XLSX_BYTES)
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic == _OLE_MAGIC:
        raise FormatError.at(
            name,
            _(
                "is an old-style .xls workbook or a password-protected one; open it in Excel, "
                "remove the password if any, and save it as .xlsx"
            ),
        )
    if not magic.startswith(b"PK"):
        raise FormatError.at(name, _("is not an Excel workbook (.xlsx)"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_members(name, members)
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    _check_prolog(name, archive, member)
            exact = scan_worksheets(name, archive)
    except zipfile.BadZipFile as error:
        raise FormatError.at(
            name, _("is not a readable Excel workbook ({error})").format(error=error)
        ) from None
    except (
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        OSError,
        EOFError,
        zlib.error,
    ) as error:
        raise FormatError.at(
            name, _("is not a readable Excel workbook ({error})").format(error=error)
        ) from None
    return exact


def _check_members(name: str, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise FormatError.at(
            name, _("the workbook has too many parts ({count})").format(count=len(members))
        )
    total = 0
    total_compressed = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise FormatError.at(name, _("the workbook is encrypted; save it without a password"))
        total += member.file_size
        total_compressed += member.compress_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
            raise FormatError.at(
                name,
                _(
                    "the workbook part '{filename}' unpacks {ratio:.0f} times larger than it is "
                    "stored (a zip bomb?); it was not opened"
                ).format(filename=member.filename, ratio=ratio),
            )
    if total > MAX_XLSX_UNCOMPRESSED:
        raise FormatError.at(
            name,
            _(
                "the workbook unpacks to {size:.0f} MB (at most {limit} MB is accepted); it was "
                "not opened"
            ).format(size=total / 1024 / 1024, limit=MAX_XLSX_UNCOMPRESSED // 1024 // 1024),
        )
    if total > 10 * 1024 * 1024 and total / max(total_compressed, 1) > MAX_COMPRESSION_RATIO:
        raise FormatError.at(
            name,
            _("the workbook unpacks far larger than it is stored (a zip bomb?); it was not opened"),
        )


def _check_prolog(name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse a DTD in any XML part: workbooks never need one and they enable entity tricks."""
    with archive.open(member) as stream:
        head = stream.read(_PROLOG_SCAN_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    if _prolog_has_doctype(text):
        raise FormatError.at(
            name,
            _(
                "the workbook part '{filename}' contains a document type declaration, which is "
                "refused for safety"
            ).format(filename=member.filename),
        )


def _prolog_has_doctype(text: str) -> bool:
    """Walk the XML prolog up to the root element; a prolog longer than the scan counts as bad."""
    i = 0
    n = len(text)
    while i < n:
        if text[i] in " \t\r\n\ufeff":
            i += 1
        elif text.startswith("<?", i):
            end = text.find("?>", i)
            if end < 0:
                return True
            i = end + 2
        elif text.startswith("<!--", i):
            end = text.find("-->", i)
            if end < 0:
                return True
            i = end + 3
        else:
            return text.startswith("<!", i)
    return False
