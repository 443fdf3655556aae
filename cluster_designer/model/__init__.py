"""The data model of docs/reference/data-model.md: plain Python, no Qt, no database."""

from .design import ChangeJournal, Design, RemovedActors, now_utc
from .entities import (
    ACTOR_FIELDS,
    TIE_FIELDS,
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

__all__ = [
    "ACTOR_FIELDS",
    "SUBTYPE_SUGGESTIONS",
    "TIE_FIELDS",
    "Actor",
    "ChangeJournal",
    "ClusterError",
    "Design",
    "DesignEvent",
    "Emitter",
    "EventKind",
    "Location",
    "RemovedActors",
    "Sector",
    "Tie",
    "TieKind",
    "ValidationError",
    "make_actor",
    "make_tie",
    "normalize_actor_value",
    "normalize_tie_value",
    "now_utc",
]
