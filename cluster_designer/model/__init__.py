"""The data model of docs/reference/data-model.md: plain Python, no Qt, no database."""

from .design import (
    ActorIdMaker,
    ChangeJournal,
    Design,
    RemovedActors,
    local_time,
    new_lineage,
    now_utc,
    same_lineage,
)
from .entities import (
    ACTOR_FIELDS,
    ACTOR_TABLE,
    TIE_FIELDS,
    TIE_TABLE,
    Actor,
    Tie,
    make_actor,
    make_tie,
    normalize_actor_value,
    normalize_tie_value,
)
from .enums import SUBTYPE_SUGGESTIONS, Location, Sector, TieKind
from .errors import ClusterError, ValidationError
from .events import DesignEvent, Emitter, EventKind
from .fields import Field

__all__ = [
    "ACTOR_FIELDS",
    "ACTOR_TABLE",
    "SUBTYPE_SUGGESTIONS",
    "TIE_FIELDS",
    "TIE_TABLE",
    "Actor",
    "ActorIdMaker",
    "ChangeJournal",
    "ClusterError",
    "Design",
    "DesignEvent",
    "Emitter",
    "EventKind",
    "Field",
    "Location",
    "RemovedActors",
    "Sector",
    "Tie",
    "TieKind",
    "ValidationError",
    "local_time",
    "make_actor",
    "make_tie",
    "new_lineage",
    "normalize_actor_value",
    "normalize_tie_value",
    "now_utc",
    "same_lineage",
]
