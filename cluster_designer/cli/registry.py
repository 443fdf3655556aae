"""How a command joins the command line: a name, a parser builder and a handler.

Each module of this package lists its commands in a `COMMANDS` tuple; `__init__` gathers
the modules in `COMMAND_MODULES`. Adding a command is one entry there and one module here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

# argparse's sub-parser action: its class is private, but typeshed describes it exactly.
if TYPE_CHECKING:
    from .common import Parser

    Commands: TypeAlias = argparse._SubParsersAction[Parser]
else:
    Commands = argparse._SubParsersAction


@dataclass(frozen=True)
class Command:
    name: str
    add_parser: Callable[[Commands], argparse.ArgumentParser]
    run: Callable[[argparse.Namespace], int]
