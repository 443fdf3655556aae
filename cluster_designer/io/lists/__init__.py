"""Lists planners already have (contracts, awards, council rolls) turned into designs.

`read_mapping` reads the TOML mapping, `read_list_table` the CSV file or workbook sheet,
`build_list` the rows (actors, ties, merged spellings, skipped rows), `list_candidates` the
pairs that are probably the same organization, and `make_design` / `plan_merge` the design.
The exact rules are in docs/reference/lists.md. No Qt here.
"""

from .build import KIND_WORDS, ListActor, ListResult, ListTie, NameResolver, Skipped, build_list
from .candidates import hepburn
from .design import (
    ID_PREFIX,
    MergePlan,
    NamePair,
    existing_idents,
    list_candidates,
    make_design,
    plan_merge,
)
from .guess import guess_mapping, guess_places, place_counts, sector_like
from .mapping import (
    ENCODINGS,
    End,
    ListMapping,
    NameDecisions,
    TieRule,
    mapping_from_dict,
    mapping_to_toml,
    read_mapping,
    write_mapping,
)
from .names import LEGAL_FORMS, PREFECTURES, LocationRule, municipality, name_key, parse_amount
from .table import ENCODING_LABELS, ListTable, is_workbook, list_sheets, read_list_table

__all__ = [
    "ENCODINGS",
    "ENCODING_LABELS",
    "ID_PREFIX",
    "KIND_WORDS",
    "LEGAL_FORMS",
    "PREFECTURES",
    "End",
    "ListActor",
    "ListMapping",
    "ListResult",
    "ListTable",
    "ListTie",
    "LocationRule",
    "MergePlan",
    "NameDecisions",
    "NamePair",
    "NameResolver",
    "Skipped",
    "TieRule",
    "build_list",
    "existing_idents",
    "guess_mapping",
    "guess_places",
    "hepburn",
    "is_workbook",
    "list_candidates",
    "list_sheets",
    "make_design",
    "mapping_from_dict",
    "mapping_to_toml",
    "municipality",
    "name_key",
    "parse_amount",
    "place_counts",
    "plan_merge",
    "read_list_table",
    "read_mapping",
    "sector_like",
    "write_mapping",
]
