"""Organizations the key cannot tell are the same but probably are: offered, never merged.

「静大」 and 「静岡大学」, "Hamamatsu Photonics" and 「浜松ホトニクス」, 「浜松ホトニクス」 and
「浜松フォトニクス」 have different keys. A person decides; these rules only find the pairs
worth asking about, each with its reason:

- `similar`: keys that differ by a few characters (RapidFuzz's normalized Indel similarity
  of at least 80 %), looked for among neighbours when keys are sorted from the front and from
  the back (the sorted-neighbourhood method: fast on long lists; variants that differ at both
  ends at once are missed).
- `contains`: one key (3 characters or more) begins or ends the other (静岡大学 / 静岡大学工学部).
- `abbreviation`: a short Japanese name whose characters appear in order in a longer one
  starting with the same character (静大 / 静岡大学, 浜ホト / 浜松ホトニクス).
- `initials`: a Latin acronym and the initials of a Latin name (JST / Japan Science and
  Technology Agency).
- `romanized`: a Latin name and the Hepburn reading of a Japanese one (pykakasi) at least 80 %
  alike, with a few common words translated (University ↔ 大学, Bank ↔ 銀行 …).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from .names import name_key, without_legal_forms

SIMILAR_MIN = 80.0
ROMANIZED_MIN = 80.0
WINDOW = 8
MAX_PER_NAME = 12
MAX_CANDIDATES = 2000

# Reasons as they appear in files and JSON; the window translates them for display.
SIMILAR, CONTAINS, ABBREVIATION, INITIALS, ROMANIZED = (
    "similar",
    "contains",
    "abbreviation",
    "initials",
    "romanized",
)

# English words of organization names, in the reading of the Japanese word they translate.
_ENGLISH_WORDS = {
    "university": "daigaku",
    "univ": "daigaku",
    "college": "daigaku",
    "graduate": "daigakuin",
    "bank": "ginkou",
    "prefecture": "ken",
    "prefectural": "kenritsu",
    "city": "shi",
    "industries": "kougyou",
    "industry": "kougyou",
    "industrial": "kougyou",
    "institute": "kenkyuusho",
    "research": "kenkyuu",
    "laboratory": "kenkyuusho",
    "chamber": "kaigisho",
    "commerce": "shoukou",
    "medical": "ika",
    "manufacturing": "seisakusho",
    "electric": "denki",
    "electronics": "denshi",
    "motor": "hatsudouki",
    "foundation": "zaidan",
    "association": "kyoukai",
    "center": "sentaa",
    "centre": "sentaa",
}
_STOPWORDS = {"of", "and", "the", "for", "&", "in", "at"}
_LATIN = re.compile(r"^[\x20-\x7e]+$")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'.]*")


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two actors (by their index in the list given) that are probably the same."""

    a: int
    b: int
    reason: str
    score: float


@dataclass(frozen=True, slots=True)
class Named:
    """What the rules look at for one actor: its index, its name and all its spellings."""

    index: int
    name: str
    spellings: tuple[str, ...]


def find_candidates(
    actors: Sequence[Named],
    skip: Callable[[int, int], bool] = lambda a, b: False,
    romanize: Callable[[str], str] | None = None,
) -> list[Candidate]:
    """Pairs worth asking about, best first; `skip(a, b)` drops pairs already decided."""
    found: dict[tuple[int, int], Candidate] = {}

    def offer(a: int, b: int, reason: str, score: float) -> None:
        if a == b:
            return
        pair = (a, b) if a < b else (b, a)
        if skip(*pair):
            return
        known = found.get(pair)
        if known is None or score > known.score:
            found[pair] = Candidate(pair[0], pair[1], reason, score)

    keyed = _keys(actors)
    _similar_and_contained(keyed, offer)
    _abbreviations(keyed, offer)
    _initials(actors, offer)
    _romanized(actors, offer, romanize)
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.a, c.b))
    return ranked[:MAX_CANDIDATES]


def _keys(actors: Sequence[Named]) -> list[tuple[str, int]]:
    """(key, actor index) for every distinct key of every spelling."""
    seen: set[tuple[str, int]] = set()
    for actor in actors:
        for spelling in actor.spellings:
            seen.add((name_key(spelling), actor.index))
    return sorted(seen)


def _similar_and_contained(
    keyed: list[tuple[str, int]], offer: Callable[[int, int, str, float], None]
) -> None:
    for order in (keyed, sorted(((k[::-1], i) for k, i in keyed))):
        reversed_keys = order is not keyed
        for n, (key, index) in enumerate(order):
            if len(key) < 3:
                continue
            contained = 0
            for other, other_index in order[n + 1 : n + 1 + WINDOW]:
                if other_index == index:
                    continue
                score = fuzz.ratio(key, other, score_cutoff=SIMILAR_MIN)
                if score:
                    offer(index, other_index, SIMILAR, score)
            # Keys that start with this one follow it directly in sorted order.
            for other, other_index in order[n + 1 :]:
                if not other.startswith(key) or contained >= MAX_PER_NAME:
                    break
                if other_index != index and len(other) > len(key):
                    contained += 1
                    longer = other[::-1] if reversed_keys else other
                    offer(index, other_index, CONTAINS, _containment_score(key, longer))


def _containment_score(short: str, long: str) -> float:
    return 70.0 + 15.0 * len(short) / len(long)


def _is_japanese(text: str) -> bool:
    return all(_JAPANESE.match(c) for c in text)


def _abbreviations(
    keyed: list[tuple[str, int]], offer: Callable[[int, int, str, float], None]
) -> None:
    """Short keys whose characters appear in order in a longer key starting alike. The longer
    keys holding every character of the short one are found with a character index first."""
    longer = [(k, i) for k, i in keyed if 4 <= len(k) <= 16 and _JAPANESE.match(k[0])]
    first: dict[str, set[int]] = defaultdict(set)
    holding: dict[str, set[int]] = defaultdict(set)
    for n, (key, _index) in enumerate(longer):
        first[key[0]].add(n)
        for char in set(key):
            holding[char].add(n)
    for key, index in keyed:
        if not (2 <= len(key) <= 4 and _is_japanese(key)) or key[0] not in first:
            continue
        found = set(first[key[0]])
        for char in key[1:]:
            found &= holding.get(char, set())
            if not found:
                break
        matches = []
        for n in sorted(found):
            other, other_index = longer[n]
            if (
                other_index != index
                and len(key) + 2 <= len(other) <= 4 * len(key)
                and _subsequence(key, other)
            ):
                matches.append((other, other_index))
        if len(matches) > MAX_PER_NAME:
            continue  # too common a pattern to mean anything
        for other, other_index in matches:
            offer(index, other_index, ABBREVIATION, 70.0 + 10.0 * len(key) / len(other))


def _subsequence(short: str, long: str) -> bool:
    position = 0
    for char in short:
        position = long.find(char, position) + 1
        if position == 0:
            return False
    return True


def _latin_words(name: str) -> list[str]:
    text = without_legal_forms(name)
    if not _LATIN.match(text):
        return []
    return _WORD.findall(text)


def _initials(actors: Sequence[Named], offer: Callable[[int, int, str, float], None]) -> None:
    by_initials: dict[str, list[int]] = defaultdict(list)
    acronyms: list[tuple[str, int]] = []
    for actor in actors:
        for spelling in actor.spellings:
            words = _latin_words(spelling)
            if len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0].isupper():
                acronyms.append((words[0].replace(".", ""), actor.index))
            significant = [w for w in words if w.lower() not in _STOPWORDS]
            if len(significant) >= 2:
                initials = "".join(w[0] for w in significant).upper()
                by_initials[initials].append(actor.index)
                by_initials[initials[:-1]].append(actor.index)  # "JST" for "… Agency"
    for acronym, index in acronyms:
        for other in dict.fromkeys(by_initials.get(acronym, ())):
            offer(index, other, INITIALS, 75.0)


def _romanized(
    actors: Sequence[Named],
    offer: Callable[[int, int, str, float], None],
    romanize: Callable[[str], str] | None,
) -> None:
    latin: list[tuple[str, int]] = []
    japanese: list[tuple[str, int]] = []
    for actor in actors:
        words = _latin_words(actor.name)
        if words:
            text = "".join(_ENGLISH_WORDS.get(w.lower().strip("."), w.lower()) for w in words)
            latin.append((re.sub(r"[^a-z]", "", text), actor.index))
        elif _JAPANESE.search(actor.name):
            japanese.append((without_legal_forms(actor.name), actor.index))
    if not latin or not japanese:
        return
    reading = romanize or hepburn
    # Blocking: only names whose first two characters read like the Latin name's start are
    # romanized in full (pykakasi takes a few milliseconds a name on a long list).
    heads: dict[str, str] = {}
    by_start: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name, index in japanese:
        head = name[:2]
        if head not in heads:
            heads[head] = reading(head)
        by_start[heads[head][:3]].append((name, index))
    full: dict[str, str] = {}
    for text, index in latin:
        if len(text) < 4:
            continue
        for name, other_index in by_start.get(text[:3], ()):
            other = full.get(name)
            if other is None:
                other = full[name] = reading(name)
            score = fuzz.ratio(text, other, score_cutoff=ROMANIZED_MIN)
            if score:
                offer(index, other_index, ROMANIZED, score)


@lru_cache(maxsize=1)
def _kakasi() -> Any:
    import pykakasi  # loaded only when a list mixes Latin and Japanese names (about 1 s)

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


def hepburn(name: str) -> str:
    """The Hepburn reading of a Japanese name, lower-case letters only (浜松 → hamamatsu)."""
    text = unicodedata.normalize("NFKC", name)
    parts = _kakasi().convert(text)
    return re.sub(r"[^a-z]", "", "".join(p["hepburn"] for p in parts).lower())


def named_actors(items: Iterable[tuple[int, str, Sequence[str]]]) -> list[Named]:
    return [Named(index, name, tuple(spellings)) for index, name, spellings in items]
