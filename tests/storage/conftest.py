"""Fixtures for the storage tests (no Qt here).

Most tests take `project` / `project_factory` and run twice: on a `.cluster` file and on a
fresh PostgreSQL database (skipped, with the reason, when no server is configured). Tests of
things only a file has take `project_path` / `file_project`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cluster_designer.storage import Project
from tests.storage.pg_databases import fresh_database
from tests.storage.storage_samples import ProjectFactory


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "クラスター.cluster"


@pytest.fixture
def file_project(project_path: Path) -> Iterator[Project]:
    with Project.open(project_path, create=True) as opened:
        yield opened


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (our tables not yet created)."""
    with fresh_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, project_path: Path) -> str | Path:
    """Where the test's project lives: a new file path, or an empty database's URL."""
    if request.param == "sqlite":
        return project_path
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def project_factory(location: str | Path) -> Iterator[ProjectFactory]:
    """Opens the test's project (another window or planner on it); all closed at the end."""
    opened: list[Project] = []

    def open_project(create: bool = False) -> Project:
        project = Project.open(location, create=create)
        opened.append(project)
        return project

    yield open_project
    for project in opened:
        project.close()


@pytest.fixture
def project(project_factory: ProjectFactory) -> Project:
    return project_factory(create=True)
