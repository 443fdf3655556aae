"""The core must stay usable without Qt, and only storage may talk to the database library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cluster_designer"
CORE = ("model", "analysis", "storage", "io")

BLOCK_QT = """
import sys, importlib.abc

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'shiboken6', 'pyqtgraph'}:
            raise ImportError(f'Qt is blocked in the core: {name}')
        return None

sys.meta_path.insert(0, BlockQt())
import cluster_designer.model, cluster_designer.analysis, cluster_designer.storage
import cluster_designer.io, cluster_designer.cli
print('core imported without Qt')
"""


def test_core_and_cli_import_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "core imported without Qt" in result.stdout


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_storage_imports_sqlalchemy() -> None:
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "storage" not in p.relative_to(PACKAGE).parts[:1]
        and {"sqlalchemy", "alembic"} & _imported_modules(p)
    ]
    assert offenders == []


def test_core_never_imports_the_gui() -> None:
    offenders = []
    for part in CORE:
        for p in (PACKAGE / part).rglob("*.py"):
            text = p.read_text(encoding="utf-8")
            mods = _imported_modules(p)
            if {"PySide6", "shiboken6", "pyqtgraph"} & mods or "cluster_designer.gui" in text:
                offenders.append(str(p.relative_to(PACKAGE)))
    assert offenders == []
