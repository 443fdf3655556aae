"""What one file may hold. Every reader refuses more than this with one line saying which
limit was passed, so that any input of up to 200 MB is read or refused within about a minute
and 2 GB of memory (benchmarks/hostile_inputs.py measures it; docs/reference/formats.md
lists the limits for users).

The limits are far above any real design — a region's map has hundreds or a few thousand
actors; the largest designs the program is tuned for have 50,000 — and low enough that a
small hostile file cannot make the program work for hours or fill the memory. They are read
at call time (`limits.MAX_ROWS`), so tests can lower them instead of building huge files.
"""

from __future__ import annotations

MAX_ACTORS = 200_000
"""Actors (nodes, rows of an actors sheet) in one design file."""

MAX_TIES = 500_000
"""Ties (edges, rows of a ties sheet or file) in one design file (ten times the ties of the
largest design the program is tuned for; a workbook of this many is read and stored in
about 35 s of CPU, docs/performance.md)."""

MAX_ROWS = 1_000_000
"""Lines of one CSV file or rows of one worksheet, empty ones included."""

MAX_LIST_ROWS = 50_000
"""Rows below the header of a list for `import-list` (contracts, awards, rolls: a region's
lists have thousands). Every name is compared with the others' for the review of probable
duplicates, about a second of CPU per 2,000 names: 200,000 rows of new names took minutes."""

MAX_COLUMNS = 1_000
"""Columns of one CSV file or worksheet (a real one has a dozen)."""

MAX_SHEET_CELLS = 12_000_000
"""Rows × columns of a worksheet's used area (a workbook reader lays the area out whole)."""

MAX_ATTRIBUTES = 1_000
"""Attributes declared for nodes, and for edges, in one GraphML or GEXF file."""

MAX_ATTRIBUTE_VALUES = 5_000_000
"""Attribute values of all nodes and edges together, declared defaults included
(a default applies to every node that does not set the attribute itself)."""

MAX_XML_DEPTH = 100
"""Elements inside each other (yEd's nested groups need a few dozen at most)."""

MAX_HELD_ELEMENTS = 200_000
"""XML elements held in memory at once while one node, edge or attribute is read."""

MAX_OTHER_ELEMENTS = 1_000_000
"""XML elements outside nodes and edges (declarations, ports, another tool's data): a real
file has a few hundred."""

MAX_JSON_VALUES = 10_000_000
"""Values (numbers, texts, lists, objects) in one JSON file: a design at the actor and tie
limits has about 7 million; each parsed value costs some 60 bytes of Python objects."""

MAX_JSON_DEPTH = 100
"""Lists and objects inside each other in one JSON file."""

MAX_DIGITS = 300
"""Digits of one number in any file (a float has 17 significant digits; more is a trick)."""
