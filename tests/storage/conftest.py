"""Fixtures for the storage tests: a fresh project in a folder of its own (no Qt here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cluster_designer.storage import Project


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "クラスター.cluster"


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    with Project.open(project_path, create=True) as opened:
        yield opened
