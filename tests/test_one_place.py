"""What issue 14 merged stays merged: each rule below fails when one of the duplicates it
names is written again (the workplace tool `duplicates` found them; this is its memory).

- actor and tie field lists: only cluster_designer/model/fields.py spells them out
  (tests/model/test_fields.py checks that every format derives its columns from there);
- the "a tag contains ;" check, sector plurals and the number text: one definition each;
- the GEXF and GraphML writers share their setup (io/graph_records.py);
- the repository dialog copies designs through storage.store_copy, as copy_design does;
- the tests share their sample designs;
- and, more generally, no two functions of the package have the same body.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cluster_designer"
ACTOR_FIELDS = {"id", "name", "sector", "subtype", "location", "staff", "budget", "tags", "notes"}
TIE_FIELDS = {"source", "target", "kind", "weight", "notes"}


def _modules(folder: Path = PACKAGE) -> list[tuple[str, ast.Module]]:
    return [
        (str(path.relative_to(ROOT)), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(folder.rglob("*.py"))
        if "migrations/versions" not in path.as_posix()
    ]


def _strings(node: ast.AST) -> set[str]:
    if not isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return set()
    return {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}


def test_field_lists_are_written_only_in_the_field_table() -> None:
    found = [
        f"{name}:{node.lineno}"
        for name, tree in _modules()
        if name != "cluster_designer/model/fields.py"
        for node in ast.walk(tree)
        if len(_strings(node) & ACTOR_FIELDS) >= 5 or _strings(node) >= TIE_FIELDS
    ]
    assert found == []


def _definitions(names: set[str]) -> list[str]:
    found = []
    for module, tree in _modules():
        for node in ast.walk(tree):
            defined: list[str] = []
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                defined = [node.name]
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                defined = [t.id for t in targets if isinstance(t, ast.Name)]
            found += [f"{module} {name}" for name in defined if name in names]
    return sorted(found)


def test_sector_plurals_number_text_and_the_tag_check_are_defined_once() -> None:
    assert _definitions({"SECTOR_PLURALS", "format_number", "number_text"}) == [
        "cluster_designer/gui/panels/fields.py format_number",
        "cluster_designer/model/enums.py SECTOR_PLURALS",
        "cluster_designer/model/fields.py number_text",
    ]
    plurals = [
        f"{module}:{node.lineno}"
        for module, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value == "support organizations"
    ]
    assert [place.split(":")[0] for place in plurals] == ["cluster_designer/model/enums.py"]
    semicolon_checks = [
        f"{module}:{node.lineno}"
        for module, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Constant)
        and node.left.value == ";"
        and isinstance(node.ops[0], ast.In)
    ]
    assert [place.split(":")[0] for place in semicolon_checks] == ["cluster_designer/io/records.py"]


def _calls(module: str) -> set[str]:
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    return {
        node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
    }


def test_graph_writers_share_their_setup() -> None:
    for modules in (
        ("cluster_designer/io/gexf_format.py",),
        ("cluster_designer/io/graphml_format.py", "cluster_designer/io/graphml_writer.py"),
    ):
        calls = set().union(*(_calls(module) for module in modules))
        assert {"write_graph_file", "xml_document", "extra_attribute_names"} <= calls, modules
        assert not {"atomic_path", "atomic_writers", "ElementTree"} & calls, modules


def test_the_repository_dialog_copies_through_storage() -> None:
    calls = _calls("cluster_designer/gui/repository_dialogs.py")
    assert "store_copy" in calls
    assert not {"add_actors", "add_ties", "make_actor", "make_tie", "import_design"} & calls


def test_the_tests_share_their_sample_designs() -> None:
    assert [
        module
        for module, tree in _modules(ROOT / "tests")
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == "sample_design"
    ] == ["tests/gui/window_fixtures.py", "tests/io/io_samples.py"]


def test_no_two_functions_have_the_same_body() -> None:
    bodies: defaultdict[str, list[str]] = defaultdict(list)
    for module, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            body = node.body
            if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                body = body[1:]  # the docstring
            if sum(isinstance(n, ast.stmt) for b in body for n in ast.walk(b)) < 5:
                continue
            shape = ast.dump(ast.Module(body=body, type_ignores=[]), annotate_fields=False)
            bodies[shape].append(f"{module}:{node.lineno} {node.name}")
    assert [places for places in bodies.values() if len(places) > 1] == []


def test_sector_pair_densities_are_listed_once() -> None:
    found = [
        f"{module}:{node.lineno}"
        for module, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value == "density.sector_blocks.support-support"
    ]
    assert found == []  # the list is written once, from its pairs, in analysis/metric_info.py
