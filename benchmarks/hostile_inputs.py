"""Print the CPU time and peak memory each hostile input of issue 23 costs (not a test).

Run: uv run python benchmarks/hostile_inputs.py [--scale 1.0] [--only NAME] [--keep DIR]

Each input is built in a temporary folder at the size the fault-injection probe used (scale
1.0: the XLSX empty-row bomb of 7 KB, GraphML and GEXF of about 1.3 and 1.7 MB whose
attribute defaults multiply over every node, 190 MB of nested GraphML elements, 200 MB of
elements that are not nodes, CSV files of 200 MB of short rows, a 200 MB JSON file of small
values), then imported by `cluster-designer import` (or `import-list`) in a fresh process.
The table shows the exit status, the process's CPU seconds (user + system) and its peak
resident memory, and the first words of its one line on stderr. The target: every input of
up to 200 MB read or refused within 60 s and 2 GB (docs/performance.md, "Hostile inputs").
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024
LIMIT_SECONDS = 60.0
LIMIT_BYTES = 2 * 1024 * MB

_GRAPHML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
_GEXF_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
)


def _write_repeated(path: Path, head: str, unit: str, tail: str, size: int) -> None:
    """head + unit × n + tail, about `size` bytes, written in large blocks."""
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    block = unit * max(1, min(count, MB // len(unit)))
    per_block = block.count(unit) if unit else 1
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        written = 0
        while written + per_block <= count:
            out.write(block)
            written += per_block
        out.write(unit * (count - written))
        out.write(tail)


def xlsx_empty_row_bomb(folder: Path, scale: float) -> list[str]:
    """7 KB: an actors sheet claiming the whole grid, an empty row at the very bottom and a
    few thousand empty rows before it (what made a reader walk a million rows per sheet)."""
    from tests.io.hostile_files import ACTOR_ROWS, TIE_ROWS, workbook

    empty = "".join(f'<row r="{n}"/>' for n in range(10, 10 + int(3000 * min(scale, 1.0))))
    path = workbook(
        folder / "bomb.xlsx",
        actors=ACTOR_ROWS + empty + '<row r="1048576" spans="1:16384"/>',
        ties=TIE_ROWS + '<row r="1048576"/>',
        dimensions=("A1:XFD1048576", "A1:XFD1048576"),
    )
    return [str(path)]


def xlsx_many_cells(folder: Path, scale: float) -> list[str]:
    """A workbook of as many ties as a design file may hold (limits.MAX_TIES)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from cluster_designer.io import limits

    rows = int(limits.MAX_TIES * min(scale, 1.0))
    path = folder / "big.xlsx"
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    header = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>name</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>sector</t></is></c></row>'
    )
    actors = [header]
    for n in range(2000):
        r = n + 2
        actors.append(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>a{n}</t></is></c>'
            f'<c r="B{r}" t="inlineStr"><is><t>n{n}</t></is></c>'
            f'<c r="C{r}" t="inlineStr"><is><t>company</t></is></c></row>'
        )
    from tests.io import hostile_files

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in hostile_files.workbook_parts().items():
            archive.writestr(name, text)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><sst {ns} count="0" uniqueCount="0"/>',
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>'
            + "".join(actors)
            + "</sheetData></worksheet>",
        )
        with archive.open("xl/worksheets/sheet2.xml", "w") as sheet:
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>'
                '<row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>target</t></is></c>'
                '<c r="C1" t="inlineStr"><is><t>kind</t></is></c></row>'.encode()
            )
            lines = []
            for n in range(rows):
                r = n + 2
                lines.append(
                    f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>a{n % 2000}</t></is></c>'
                    f'<c r="B{r}" t="inlineStr"><is><t>a{(n // 2000 + n % 2000 + 1) % 2000}'
                    f'</t></is></c><c r="C{r}" t="inlineStr"><is><t>information</t></is></c></row>'
                )
                if len(lines) == 10_000:
                    sheet.write("".join(lines).encode())
                    lines = []
            sheet.write(("".join(lines) + "</sheetData></worksheet>").encode())
    return [str(path)]


def graphml_key_defaults(folder: Path, scale: float) -> list[str]:
    """1.25 MB: 1,000 node keys with defaults, and 40,000 empty nodes that each get them all."""
    keys = "".join(
        f'<key id="k{n}" for="node" attr.name="a{n}" attr.type="string">'
        "<default>v</default></key>\n"
        for n in range(1000)
    )
    nodes = int(40_000 * scale)
    path = folder / "defaults.graphml"
    path.write_text(
        _GRAPHML_HEAD
        + keys
        + '<graph edgedefault="undirected">\n'
        + "".join(f'<node id="n{n}"/>' for n in range(nodes))
        + "</graph></graphml>\n",
        encoding="utf-8",
    )
    return [str(path), "--sector", "company"]


def graphml_defaults_below_limit(folder: Path, scale: float) -> list[str]:
    """As many default values as the limit lets through: 1,000 keys over 5,000 nodes."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from cluster_designer.io import limits

    keys = "".join(
        f'<key id="k{n}" for="node" attr.name="a{n}" attr.type="string">'
        "<default>v</default></key>\n"
        for n in range(limits.MAX_ATTRIBUTES)
    )
    nodes = int(limits.MAX_ATTRIBUTE_VALUES // limits.MAX_ATTRIBUTES * min(scale, 1.0)) - 1
    path = folder / "defaults.graphml"
    path.write_text(
        _GRAPHML_HEAD
        + keys
        + '<graph edgedefault="undirected">\n'
        + "".join(f'<node id="n{n}"/>' for n in range(nodes))
        + "</graph></graphml>\n",
        encoding="utf-8",
    )
    return [str(path), "--sector", "company"]


def gexf_attribute_defaults(folder: Path, scale: float) -> list[str]:
    """1.7 MB: 1,000 node attributes with defaults, and 80,000 nodes that each get them all."""
    attributes = "".join(
        f'<attribute id="{n}" title="a{n}" type="string"><default>v</default></attribute>'
        for n in range(1000)
    )
    nodes = int(80_000 * scale)
    path = folder / "defaults.gexf"
    path.write_text(
        _GEXF_HEAD
        + '<graph defaultedgetype="undirected"><attributes class="node">'
        + attributes
        + "</attributes><nodes>"
        + "".join(f'<node id="n{n}"/>' for n in range(nodes))
        + "</nodes><edges/></graph></gexf>\n",
        encoding="utf-8",
    )
    return [str(path), "--sector", "company"]


def graphml_deep(folder: Path, scale: float) -> list[str]:
    """189 MB: elements inside each other, 27 million deep, inside a node's data."""
    depth = int(189 * MB * scale) // 7
    path = folder / "deep.graphml"
    with path.open("w", encoding="utf-8") as out:
        out.write(
            _GRAPHML_HEAD
            + '<key id="d" for="node" attr.name="sector" attr.type="string"/>'
            + '<graph><node id="a"><data key="d">'
        )
        for tag in ("<x>", "</x>"):
            left = depth
            block = tag * (MB // 4)
            while left >= MB // 4:
                out.write(block)
                left -= MB // 4
            out.write(tag * left)
        out.write("</data></node></graph></graphml>\n")
    return [str(path)]


def graphml_other_elements(folder: Path, scale: float) -> list[str]:
    """200 MB of elements that are not nodes or edges, one after another in the graph."""
    path = folder / "other.graphml"
    _write_repeated(
        path,
        _GRAPHML_HEAD + '<graph edgedefault="undirected">',
        '<port name="p"/>\n',
        "</graph></graphml>\n",
        int(200 * MB * scale),
    )
    return [str(path)]


def gexf_other_elements(folder: Path, scale: float) -> list[str]:
    """200 MB of elements that GEXF readers skip, one after another in the graph."""
    path = folder / "other.gexf"
    _write_repeated(
        path,
        _GEXF_HEAD + '<graph defaultedgetype="undirected">',
        '<parents p="p"/>\n',
        "</graph></gexf>\n",
        int(200 * MB * scale),
    )
    return [str(path)]


def _numbered(path: Path, header: str, make: Callable[[int], str], size: int) -> None:
    """header + make(0) + make(1) + … up to about `size` bytes."""
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        written, n = len(header), 0
        while written < size:
            block = "".join(make(k) for k in range(n, n + 100_000))
            out.write(block)
            written += len(block)
            n += 100_000


def csv_short_rows_actors(folder: Path, scale: float) -> list[str]:
    """199 MB of short actor rows (about 12 million)."""
    actors = folder / "actors.csv"
    # unique ids: a repeated id would be refused on its second row, before any limit mattered
    _numbered(actors, "id,name,sector\n", lambda n: f"a{n},b,company\n", int(199 * MB * scale))
    return ["--actors", str(actors), "--ties", str(_no_ties(folder))]


def csv_short_rows_ties(folder: Path, scale: float) -> list[str]:
    """199 MB of short tie rows between 3,000 actors (about 6 million distinct ties)."""
    actors = folder / "actors.csv"
    actors.write_text(
        "id,name,sector\n" + "".join(f"a{n},n,company\n" for n in range(3000)), encoding="utf-8"
    )
    ties = folder / "ties.csv"
    _numbered(
        ties,
        "source,target,kind\n",
        lambda n: f"a{n % 3000},a{(n // 3000 + n % 3000 + 1) % 3000},information\n",
        int(199 * MB * scale),
    )
    return ["--actors", str(actors), "--ties", str(ties)]


def csv_blank_lines(folder: Path, scale: float) -> list[str]:
    """200 MB of empty lines after a header (about 200 million records)."""
    actors = folder / "actors.csv"
    _write_repeated(actors, "id,name,sector\n", "\n", "", int(200 * MB * scale))
    return ["--actors", str(actors), "--ties", str(_no_ties(folder))]


def _no_ties(folder: Path) -> Path:
    ties = folder / "ties.csv"
    ties.write_text("source,target,kind\n", encoding="utf-8")
    return ties


def list_short_rows(folder: Path, scale: float) -> list[str]:
    """199 MB of short rows for the list import (`import-list`)."""
    table = folder / "list.csv"
    _numbered(table, "buyer,supplier\n", lambda n: f"b{n % 500},s{n}\n", int(199 * MB * scale))
    mapping = folder / "map.toml"
    mapping.write_text(
        '[[ends]]\nname = "buyer"\nsector = "support"\n\n'
        '[[ends]]\nname = "supplier"\nsector = "company"\n\n'
        '[tie]\nkind = "funding"\n',
        encoding="utf-8",
    )
    return ["import-list", "--mapping", str(mapping), str(table)]


def list_rows_at_limit(folder: Path, scale: float) -> list[str]:
    """As many list rows as the limit lets through, each naming a new supplier."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from cluster_designer.io import limits

    args = list_short_rows(folder, 0.0)
    table = folder / "list.csv"
    rows = int(limits.MAX_LIST_ROWS * min(scale, 1.0))
    table.write_text(
        "buyer,supplier\n" + "".join(f"b{n % 500},s{n}\n" for n in range(rows)), encoding="utf-8"
    )
    return args


def json_small_values(folder: Path, scale: float) -> list[str]:
    """200 MB of JSON: tens of millions of short texts in one list."""
    path = folder / "d.json"
    _write_repeated(
        path,
        '{"format": "cluster-designer", "version": 1, "design": {"name": "d"}, "x": [',
        '"ab",',
        '"ab"]}',
        int(200 * MB * scale),
    )
    return [str(path)]


def json_values_below_limit(folder: Path, scale: float) -> list[str]:
    """As many short texts as the value limit lets through (their Python objects are what
    costs memory)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from cluster_designer.io import limits

    count = int((limits.MAX_JSON_VALUES - 10) * min(scale, 1.0))
    path = folder / "d.json"
    _write_repeated(
        path,
        '{"format": "cluster-designer", "version": 1, "design": {"name": "d"}, "x": [',
        '"ab",',
        '"ab"]}',
        count * 5,
    )
    return [str(path)]


INPUTS: dict[str, Callable[[Path, float], list[str]]] = {
    "xlsx-empty-row-bomb": xlsx_empty_row_bomb,
    "xlsx-ties-at-limit": xlsx_many_cells,
    "graphml-key-defaults": graphml_key_defaults,
    "graphml-defaults-at-limit": graphml_defaults_below_limit,
    "gexf-attribute-defaults": gexf_attribute_defaults,
    "graphml-deeply-nested": graphml_deep,
    "graphml-other-elements": graphml_other_elements,
    "gexf-other-elements": gexf_other_elements,
    "csv-short-actor-rows": csv_short_rows_actors,
    "csv-short-tie-rows": csv_short_rows_ties,
    "csv-blank-lines": csv_blank_lines,
    "list-short-rows": list_short_rows,
    "list-rows-at-limit": list_rows_at_limit,
    "json-small-values": json_small_values,
    "json-values-below-limit": json_values_below_limit,
}


def measure(args: list[str], folder: Path) -> tuple[int, float, float, int, str]:
    """(exit status, CPU seconds, wall seconds, peak RSS bytes, first stderr line)."""
    project = folder / "p.cluster"
    if args[0] == "import-list":
        argv = ["import-list", str(project), "--design", "d", *args[1:]]
    else:
        argv = ["import", str(project), "--design", "d", *args]
    runner = "import sys; from cluster_designer.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", runner, *argv]
    err = folder / "stderr.txt"
    start = time.monotonic()
    with err.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss * 1024  # kilobytes on Linux
    lines = err.read_text(encoding="utf-8", errors="replace").splitlines()
    return (
        process.returncode,
        cpu,
        wall,
        peak,
        (lines[0] if lines else "") + (f" (+{len(lines) - 1} lines)" if len(lines) > 1 else ""),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size factor (1.0: the issue's)")
    parser.add_argument("--only", action="append", choices=sorted(INPUTS), help="one input")
    parser.add_argument("--keep", type=Path, help="build the inputs in this folder and keep them")
    options = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    os.chdir(root)
    print(f"{'input':26} {'size':>9} {'exit':>4} {'CPU s':>7} {'wall s':>7} {'peak MB':>8}  stderr")
    worst_ok = True
    for name in options.only or INPUTS:
        with tempfile.TemporaryDirectory(dir=options.keep) as temp:
            folder = Path(temp)
            args = INPUTS[name](folder, options.scale)
            size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
            status, cpu, wall, peak, line = measure(args, folder)
            ok = status in (0, 2) and cpu <= LIMIT_SECONDS and peak <= LIMIT_BYTES
            worst_ok = worst_ok and ok
            shown = f"{size / MB:.2f} MB" if size >= MB else f"{size / 1024:.1f} KB"
            print(
                f"{name:26} {shown:>9} {status:>4} {cpu:7.1f} {wall:7.1f} {peak / MB:8.0f}  "
                f"{line[:110]}{'' if ok else '  <-- over the target'}",
                flush=True,
            )
    return 0 if worst_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
