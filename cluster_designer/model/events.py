"""Change notifications: the design announces, views listen. Plain Python, no Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum, auto


class EventKind(Enum):
    ACTORS_ADDED = auto()
    ACTORS_REMOVED = auto()
    ACTORS_CHANGED = auto()
    ACTOR_RENAMED = auto()
    TIES_ADDED = auto()
    TIES_REMOVED = auto()
    TIES_CHANGED = auto()
    META_CHANGED = auto()
    GROUPS_CHANGED = auto()


@dataclass(frozen=True, slots=True)
class DesignEvent:
    kind: EventKind
    actor_ids: tuple[str, ...] = ()
    tie_uids: tuple[int, ...] = ()
    group_ids: tuple[str, ...] = ()
    fields: frozenset[str] = field(default_factory=frozenset)
    renamed: tuple[str, str] | None = None  # (old id, new id) for ACTOR_RENAMED


Listener = Callable[[DesignEvent], None]


class Emitter:
    """A list of callbacks. Listeners are called in the order they subscribed."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self.emitted = 0  # events sent so far (whether anyone listened or not)

    def connect(self, listener: Listener) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def disconnect(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def emit(self, event: DesignEvent) -> None:
        self.emitted += 1
        for listener in list(self._listeners):
            listener(event)
