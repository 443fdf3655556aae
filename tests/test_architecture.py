"""The layers hold: the window sits on the core, the core imports no Qt, only storage talks to
the database library.

The rules are import-linter contracts in pyproject.toml (`uv run lint-imports`, run by CI).
They see every module and every import, relative ones and those inside functions. The
tests below plant violations in a copy of the package and check each is caught, and import
every core module with Qt blocked, as a planner's headless script would.
"""

from __future__ import annotations

import ast
import pkgutil
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import cluster_designer

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cluster_designer"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CORE = ("model", "analysis", "storage", "io", "cli")


def _lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of pyproject.toml on the package found in `package_parent`."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=package_parent,
        env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_contracts_hold_for_the_package() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "broken"),
    [
        (  # a relative import from the core up into the window, at module level
            "model/entities.py",
            "from ..gui.main_window import MainWindow\n",
            "Layers",
        ),
        (  # the bottom layer reaching up, hidden inside a function
            "i18n.py",
            "def _late():\n    from cluster_designer.cli import main\n",
            "Layers",
        ),
        (  # Qt in the core, inside a function
            "io/csv_format.py",
            "def _qt():\n    from PySide6 import QtCore\n",
            "The core imports no Qt",
        ),
        (  # Qt reached through a helper module of the command line
            "cli/common.py",
            "import pyqtgraph\n",
            "The core imports no Qt",
        ),
        (  # the database library outside storage
            "analysis/compare.py",
            "from sqlalchemy import select\n",
            "Only storage imports SQLAlchemy and Alembic",
        ),
    ],
)
def test_a_planted_violation_is_caught(
    tmp_path: Path, module: str, planted: str, broken: str
) -> None:
    copy = tmp_path / "cluster_designer"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "locale"))
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + planted, encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    verdicts = [line for line in result.stdout.splitlines() if re.search(r" (KEPT|BROKEN)\b", line)]
    assert any(v.startswith(broken) and "BROKEN" in v for v in verdicts), verdicts
    planted_in = "cluster_designer." + module.removesuffix(".py").replace("/", ".")
    assert f"{planted_in} -> " in result.stdout, result.stdout


# Alembic runs env.py itself, with its own context; import-linter checks its imports.
NOT_IMPORTABLE_ALONE = {"cluster_designer.storage.migrations.env"}


def _core_modules() -> list[str]:
    names = ["cluster_designer.i18n"]
    for part in CORE:
        package = __import__(f"cluster_designer.{part}", fromlist=["__path__"])
        names.append(package.__name__)
        names.extend(
            info.name
            for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
        )
    return [name for name in names if name not in NOT_IMPORTABLE_ALONE]


BLOCK_QT = """
import importlib, importlib.abc, sys

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'shiboken6', 'pyqtgraph'}:
            raise ImportError(f'Qt is blocked in the core: {name}')
        return None

sys.meta_path.insert(0, BlockQt())
for name in sys.argv[1:]:
    importlib.import_module(name)
print(f'{len(sys.argv) - 1} core modules imported without Qt')
"""


def test_every_core_module_imports_without_qt() -> None:
    modules = _core_modules()
    assert {"cluster_designer.model.design", "cluster_designer.cli.design_commands"} <= set(modules)
    assert "cluster_designer.storage.migrations" in modules
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, *modules],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"{len(modules)} core modules imported without Qt" in result.stdout


def test_the_package_is_the_one_under_test() -> None:
    """The planted copies are found through PYTHONPATH; the real run must see this tree."""
    assert Path(cluster_designer.__file__).resolve().parent == PACKAGE


# --- what the package imports is what it declares ----------------------------------------

# Programs for developers inside the package: they may use the dev group.
DEV_TOOLS = {"cluster_designer.i18n_build"}
# Imported by name, installed by a declared distribution.
PROVIDED_BY = {"shiboken6": "pyside6-essentials"}


def _third_party_imports() -> dict[str, set[str]]:
    """Top-level names of every non-standard module the package imports (inside functions
    too), with the modules importing each."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if module in DEV_TOOLS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != "cluster_designer" and top not in sys.stdlib_module_names:
                    found.setdefault(top, set()).add(module)
    return found


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        name = re.split(r"[\s\[<>=!;~]", requirement, maxsplit=1)[0]
        names.add(re.sub(r"[-_.]+", "-", name).lower())
    return names


def test_everything_the_package_imports_is_a_declared_dependency() -> None:
    """An import of a dev-only library (a test dependency) works in every test run and
    fails for a planner who installed the package: the runtime dependencies must cover it."""
    distributions = metadata.packages_distributions()
    declared = _declared()
    missing = {}
    for top, importers in _third_party_imports().items():
        provided = PROVIDED_BY.get(top) or next(iter(distributions.get(top, [top])))
        if re.sub(r"[-_.]+", "-", provided).lower() not in declared:
            missing[top] = sorted(importers)
    assert not missing, f"imported but not in [project] dependencies: {missing}"
