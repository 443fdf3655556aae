"""Build the translation catalogue: extract texts, merge the `.po` sources, compile the `.mo`.

    uv run python -m cluster_designer.i18n_build            # compile every language's .mo
    uv run python -m cluster_designer.i18n_build --check    # exit 1 when a .mo is out of date
    uv run python -m cluster_designer.i18n_build --missing  # list texts without a translation
    uv run python -m cluster_designer.i18n_build --unused   # list entries the code no longer uses

Sources: every `locale/<lang>/*.po` file (one per area of the program; a message may be in
only one of them). Texts are found in the code by Babel's Python extractor looking for
`_()`, `N_()`, `ngettext()` and `pgettext()`.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .i18n import DOMAIN, LANGUAGES, LOCALE_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # keeps the .mo reproducible
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sdifr]|%[sdifr]")


def extracted() -> Iterator[tuple[str | tuple[str, str], str | None, str]]:
    """(msgid or (singular, plural), context, 'file:line') for every marked text in the code."""
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
    ):
        if isinstance(message, tuple):
            yield (message[0], message[1]), context, f"{filename}:{lineno}"
        else:
            yield message, context, f"{filename}:{lineno}"


def sources(language: str) -> list[Path]:
    return sorted((LOCALE_DIR / language).glob("*.po"))


class _CompiledCatalog(Catalog):
    """A catalogue whose header says only what is true and never changes by itself.

    Babel's own header carries template placeholders ("FULL NAME <EMAIL@ADDRESS>", "VERSION")
    and the Babel version, which would make the compiled file differ between machines.
    """

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        return [
            ("Project-Id-Version", "Cluster Designer"),
            ("Language", str(self.locale)),
            ("Language-Team", "Cluster Designer translators"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            ("Plural-Forms", self.plural_forms),
        ]

    @mime_headers.setter
    def mime_headers(self, headers: object) -> None:
        pass  # the header is fixed above; read_po's header is not copied into the build


def merged(language: str) -> Catalog:
    """All of a language's `.po` sources as one catalogue (duplicates are an error)."""
    catalog = _CompiledCatalog(
        locale=language,
        domain=DOMAIN,
        project="Cluster Designer",
        fuzzy=False,
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
    )
    seen: dict[object, Path] = {}
    for path in sources(language):
        with path.open("rb") as handle:
            part = read_po(handle, locale=language)
        for message in part:
            if not message.id:
                continue
            key = (message.id, message.context)
            if key in seen:
                raise SystemExit(f"{path.name}: {message.id!r} is also in {seen[key].name}")
            seen[key] = path
            catalog[message.id] = Message(
                message.id, message.string, context=message.context, flags=message.flags
            )
    return catalog


def compiled(language: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, merged(language), use_fuzzy=False)
    return buffer.getvalue()


def mo_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def missing(language: str) -> list[str]:
    """Texts in the code with no translation, or whose translation has other placeholders."""
    catalog = merged(language)
    problems: list[str] = []
    for message_id, context, where in extracted():
        key = message_id[0] if isinstance(message_id, tuple) else message_id
        entry = catalog.get(key, context=context)
        strings = entry.string if entry is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)):
            problems.append(f"{where}: no {language} translation for {key!r}")
            continue
        # a plural's forms may leave out the count the singular does not show ("Pin actor",
        # "Pin {count} actors"); each form must match the singular's or the plural's
        wanted = [placeholders(key)]
        if isinstance(message_id, tuple):
            wanted.append(placeholders(message_id[1]))
        for text in (strings,) if isinstance(strings, str) else strings:
            if placeholders(text) not in wanted:
                problems.append(f"{where}: placeholders differ in the {language} text of {key!r}")
    return problems


def unused(language: str) -> list[str]:
    """Catalogue entries whose text no longer appears in the code (`file.po: text`)."""
    in_code = {
        (message_id[0] if isinstance(message_id, tuple) else message_id, context)
        for message_id, context, _where in extracted()
    }
    found: list[str] = []
    for path in sources(language):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=language):
                key = message.id[0] if isinstance(message.id, tuple) else message.id
                if key and (key, message.context) not in in_code:
                    found.append(f"{path.name}: {key!r}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster_designer.i18n_build")
    parser.add_argument(
        "--check",
        action="store_true",
        help="fail when a .mo is out of date",  # untranslated: a developer tool
    )
    parser.add_argument(
        "--missing",
        action="store_true",
        help="list untranslated texts",  # untranslated: a developer tool
    )
    parser.add_argument(
        "--unused",
        action="store_true",
        help="list catalogue entries the code no longer uses",  # untranslated: a developer tool
    )
    args = parser.parse_args(argv)
    status = 0
    for language in LANGUAGES:
        if language == "en":
            continue
        if args.unused:
            for line in unused(language):
                print(line)
                status = 1
            continue
        if args.missing:
            for line in missing(language):
                print(line)
                status = 1
            continue
        data = compiled(language)
        target = mo_path(language)
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                print(f"{target} is out of date: run python -m cluster_designer.i18n_build")
                status = 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"wrote {target} ({len(merged(language))} texts)")
    return status


if __name__ == "__main__":
    sys.exit(main())
