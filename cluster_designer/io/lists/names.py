"""How a list's cells are read: the name key, an actor's location from its address, amounts.

These are the exact rules of the list import (docs/reference/lists.md): the same organization
spelled 「国立大学法人静岡大学」, 「静岡大学」 and 「静岡大学 」 gets one key; an address decides
whether an actor is in the region, elsewhere in Japan or abroad; 「１，０００」 is the number 1000.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from cluster_designer.model import Location

LEGAL_FORMS: tuple[str, ...] = (
    "株式会社",
    "有限会社",
    "合同会社",
    "(株)",
    "(有)",
    "㈱",
    "㈲",
    "国立大学法人",
    "公立大学法人",
    "学校法人",
    "独立行政法人",
    "地方独立行政法人",
    "一般社団法人",
    "一般財団法人",
    "公益社団法人",
    "公益財団法人",
    "Co., Ltd.",
    "Co.,Ltd.",
    "Inc.",
    "Ltd.",
    "K.K.",
)
"""Words removed from a name wherever they stand before names are compared (Latin ones in any
letter case). Matched after NFKC, so （株） and ㈱ are the same as (株)."""


def _legal_form_pattern() -> re.Pattern[str]:
    # NFKC first (㈱ → (株)), then longest first, so 地方独立行政法人 is not cut to 地方.
    forms = sorted({unicodedata.normalize("NFKC", f) for f in LEGAL_FORMS}, key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms), re.IGNORECASE)


_LEGAL_FORM = _legal_form_pattern()
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The key that decides which spellings name the same organization.

    NFKC, the legal-form words removed, all white space removed, case-folded. A name that is
    nothing but a legal form ("株式会社") keeps its own text as the key instead of an empty one.
    """
    text = unicodedata.normalize("NFKC", name)
    stripped = _SPACE.sub("", _LEGAL_FORM.sub("", text)).casefold()
    return stripped or _SPACE.sub("", text).casefold()


def without_legal_forms(name: str) -> str:
    """The name after NFKC with legal-form words removed, spaces kept (for word-based rules)."""
    text = _LEGAL_FORM.sub(" ", unicodedata.normalize("NFKC", name))
    return " ".join(text.split()).strip(" ,")


# --- location ------------------------------------------------------------------------------

PREFECTURES: tuple[str, ...] = (
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
)
"""The 47 prefectures. An address naming one, with or without 都/府/県, is in Japan. Hokkaido
is recognised by 北海道 only: 北海 alone is also a city in China (北海市)."""


def _prefecture_words() -> tuple[str, ...]:
    words = set(PREFECTURES)
    for name in PREFECTURES:
        if name != "北海道":
            words.add(name[:-1])
    return tuple(sorted(words, key=len, reverse=True))


_JAPAN = re.compile(
    "|".join(re.escape(w) for w in (*_prefecture_words(), "日本", "japan")), re.IGNORECASE
)


def fold_text(text: str) -> str:
    """NFKC and case-folded: how addresses and places are compared."""
    return unicodedata.normalize("NFKC", text).casefold()


class LocationRule:
    """`region` when an address contains a place of the region; `domestic` when it names a
    prefecture or Japan; `overseas` when it says anything else; the default when empty."""

    def __init__(self, places: Sequence[str], default: Location) -> None:
        self.places = tuple(p for p in (fold_text(p).strip() for p in places) if p)
        self.default = default

    def __call__(self, address: str) -> Location:
        text = fold_text(address).strip()
        if not text:
            return self.default
        if any(place in text for place in self.places):
            return Location.REGION
        if _JAPAN.search(text):
            return Location.DOMESTIC
        return Location.OVERSEAS


_MUNICIPALITY = re.compile(
    r"(?:(?:北海道|東京都|(?:京都|大阪)府|.{2,3}県))?"
    r"((?:[^\s\d都道府県市区町村]{1,6}郡)?[^\s\d都道府県市区町村]{1,6}?[市町村])"
)


def municipality(address: str) -> str:
    """The city, town or village an address names (「静岡県浜松市中区…」 → 「浜松市」), or ""."""
    text = unicodedata.normalize("NFKC", address).strip()
    match = _MUNICIPALITY.match(text)
    if not match:
        return ""
    place = match.group(1)
    return place.split("郡", 1)[-1] if "郡" in place else place


# --- amounts -------------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_CURRENCY_PREFIX = ("¥", "\\", "$", "€", "£")


class NotANumber(ValueError):
    """A cell that should hold an amount but does not; the message shows the cell's text."""


@lru_cache(maxsize=1 << 14)
def parse_amount(text: str) -> float:
    """A number as planners type it: 「１，０００」, "1,000", "¥1,000", "1000円", " 12.5 ".

    NFKC turns full-width digits and commas into ASCII; commas are accepted only as thousands
    separators (so "1,5" is refused rather than read as 15). Unit words are dropped, never
    applied: "5万円" is refused, since 5 and 50,000 would both be guesses.
    """
    body = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    for prefix in _CURRENCY_PREFIX:
        if body.startswith(prefix):
            body = body[len(prefix) :]
            break
    if body.endswith("円") and not body.endswith(("千円", "万円", "億円")):
        body = body[:-1]
    if "_" in body:  # float() would read "1_000"; a planner never means that
        raise NotANumber(text)
    if _NUMBER.fullmatch(body):
        value = float(body.replace(",", ""))
    else:
        try:
            value = float(body)
        except ValueError:
            raise NotANumber(text) from None
    if not math.isfinite(value):
        raise NotANumber(text)
    return value
