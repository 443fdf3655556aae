"""The words accepted for sectors, locations and tie kinds, in English and Japanese.

One table serves every way a value comes in — CSV and XLSX cells, JSON, GraphML and GEXF
attributes, the value maps of `import --sector-map`, and the window's forms — so a file that
says 大学 or "Univ." reads the same whatever its format (docs/reference/formats.md lists
the words). Matching ignores letter case, surrounding spaces, a trailing full stop, full-width
forms (Unicode NFKC), and treats `_` and `-` as spaces.
"""

from __future__ import annotations

import unicodedata
from typing import Any, TypeVar

from .enums import Location, Origin, Sector, TieKind

_T = TypeVar("_T")

SECTOR_WORDS: dict[Sector, tuple[str, ...]] = {
    Sector.UNIVERSITY: (
        "university", "universities", "univ", "uni", "college", "technical college",
        "national university", "public university", "private university", "academia",
        "academic", "higher education", "research university", "大学", "国立大学", "公立大学",
        "私立大学", "大学院", "短期大学", "短大", "高専", "高等専門学校", "高等教育機関", "学",
    ),
    Sector.COMPANY: (
        "company", "companies", "firm", "firms", "business", "enterprise", "corporation", "corp",
        "industry", "private", "private sector", "large firm", "sme", "smes", "start up",
        "startup", "venture", "企業", "会社", "民間", "民間企業", "大企業", "中小企業",
        "中堅企業", "ベンチャー", "スタートアップ", "産業界", "産",
    ),
    Sector.SUPPORT: (
        "support", "support organization", "support organisation", "supporting organization",
        "supporting organisation", "supporter", "government", "gov", "govt", "public",
        "public sector", "municipality", "local government", "agency", "public agency",
        "public research institute", "research institute", "financial institution", "bank",
        "incubator", "industry association", "association", "chamber of commerce", "ngo", "npo",
        "支援機関", "支援組織", "行政", "政府", "自治体", "地方自治体", "官", "公設試",
        "公設試験研究機関", "公的研究機関", "金融機関", "銀行", "インキュベータ",
        "インキュベーター", "業界団体", "商工会議所", "財団", "官公庁",
    ),
}  # fmt: skip
"""Sector words; the 産・学・官 shorthand included."""

LOCATION_WORDS: dict[Location, tuple[str, ...]] = {
    Location.REGION: (
        "region", "in the region", "inside", "local", "regional", "地域内", "域内", "地域",
        "地元", "圏内",
    ),
    Location.DOMESTIC: (
        "domestic", "domestic (outside the region)", "outside the region", "national",
        "国内", "国内（地域外）", "国内(地域外)", "地域外", "域外", "圏外", "県外",
    ),
    Location.OVERSEAS: (
        "overseas", "abroad", "foreign", "international", "海外", "国外", "外国",
    ),
}  # fmt: skip
"""Location words. An empty value means `region`, the default."""

KIND_WORDS: dict[TieKind, tuple[str, ...]] = {
    TieKind.COLLABORATION: (
        "collaboration", "joint research", "partnership", "cooperation", "co-operation",
        "共同研究・連携", "共同研究", "連携", "協力", "共同開発", "産学連携", "産学官連携",
    ),
    TieKind.INFORMATION: (
        "information", "information exchange", "exchange", "communication", "情報交流",
        "情報", "交流", "情報交換", "意見交換",
    ),
    TieKind.FUNDING: (
        "funding", "fund", "funds", "finance", "financing", "investment", "grant", "subsidy",
        "loan", "資金提供", "資金", "出資", "融資", "投資", "補助", "補助金", "助成",
        "助成金", "委託費",
    ),
    TieKind.HUMAN_RESOURCES: (
        "human resources", "human resource", "hr", "people", "personnel", "staff",
        "secondment", "人材", "人材の流れ", "人材交流", "人材育成", "出向", "派遣", "人事交流",
    ),
    TieKind.TECHNOLOGY_TRANSFER: (
        "technology transfer", "tech transfer", "licence", "license", "licensing", "licencing",
        "技術移転", "技術供与", "ライセンス", "ライセンス供与", "特許実施許諾",
    ),
}  # fmt: skip
"""Tie-kind words. The stored values (`human_resources`) match too: `_` counts as a space."""


ORIGIN_WORDS: dict[Origin, tuple[str, ...]] = {
    Origin.LOCAL: (
        "local", "founded locally", "home grown", "homegrown", "native", "地元", "地場",
        "地元企業", "地場企業", "域内創業", "地元創業", "創業", "域内",
    ),
    Origin.SPIN_OFF: (
        "spin off", "spinoff", "spin out", "spinout", "carve out", "university spin off",
        "スピンオフ", "スピンアウト", "カーブアウト", "大学発", "大学発ベンチャー", "分社",
    ),
    Origin.DOMESTIC: (
        "domestic", "moved in", "relocated", "relocation", "branch",
        "moved in from elsewhere in the country",
        "国内", "国内から進出", "県外から進出", "域外から進出", "進出", "移転", "誘致", "国内進出",
    ),
    Origin.OVERSEAS: (
        "overseas", "abroad", "foreign", "moved in from abroad", "foreign affiliated",
        "海外", "海外から進出", "外資", "外資系", "海外進出", "外国",
    ),
}  # fmt: skip
"""Origin words. Empty, 'unknown' and 不明 mean unknown (no origin)."""

ORIGIN_UNKNOWN_WORDS: tuple[str, ...] = ("", "unknown", "n/a", "none", "-", "不明", "未詳", "なし")


def fold_word(value: Any) -> str:
    """The form words are compared in: NFKC, case-folded, `_`/`-` as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    text = text.replace("_", " ").replace("-", " ")
    return " ".join(text.split()).rstrip(".")


def _index(table: dict[_T, tuple[str, ...]]) -> dict[str, _T]:
    index: dict[str, _T] = {}
    for value, words in table.items():
        for word in (str(value), *words):
            index.setdefault(fold_word(word), value)
    return index


_SECTORS = _index(SECTOR_WORDS)
_LOCATIONS = _index(LOCATION_WORDS)
_KINDS = _index(KIND_WORDS)
_ORIGINS = _index(ORIGIN_WORDS)
_ORIGIN_UNKNOWN = frozenset(fold_word(w) for w in ORIGIN_UNKNOWN_WORDS)


def sector_word(value: Any) -> Sector | None:
    """The sector a word names ('University', 'firm', '支援機関'), or None."""
    if isinstance(value, Sector):
        return value
    return None if value is None else _SECTORS.get(fold_word(value))


def location_word(value: Any) -> Location | None:
    """The location a word names ('abroad', '地域内'), or None; empty is not a word here."""
    if isinstance(value, Location):
        return value
    return None if value is None else _LOCATIONS.get(fold_word(value))


def kind_word(value: Any) -> TieKind | None:
    """The tie kind a word names ('human resources', '資金提供'), or None."""
    if isinstance(value, TieKind):
        return value
    return None if value is None else _KINDS.get(fold_word(value))


def origin_word(value: Any) -> Origin | bool | None:
    """The origin a word names ('spin-off', '外資'); `None` for a word meaning unknown (or an
    empty value); `False` when the word is not known at all."""
    if isinstance(value, Origin):
        return value
    if value is None:
        return None
    folded = fold_word(value)
    if folded in _ORIGIN_UNKNOWN:
        return None
    return _ORIGINS.get(folded, False)
