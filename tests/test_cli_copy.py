"""`cluster-designer copy` and database URLs as PROJECT, as a planner would type them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from cluster_designer.cli import main
from cluster_designer.io import write_json
from cluster_designer.model import Design, make_actor, make_tie
from cluster_designer.storage import Project
from tests.storage.pg_databases import fresh_database


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def _design(name: str = "現状") -> Design:
    design = Design(name, region="浜松", description="産学官")
    design.add_actors(
        [
            make_actor(id="U1", name="静岡大学", sector="university", x=1.5, y=-2.25, tags="光;AI"),
            make_actor(id="C1", name="浜松ホトニクス", sector="company", x=30, y=40, staff=5000),
            make_actor(id="S1", name="浜松市", sector="support", subtype="municipality"),
        ]
    )
    design.add_ties(
        [
            make_tie(source="U1", target="C1", kind="collaboration", weight=3),
            make_tie(source="S1", target="C1", kind="funding", weight=2.5e6, notes="補助金"),
        ]
    )
    return design


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    """A planner's own file with one design."""
    path = tmp_path / "手元.cluster"
    with Project.open(path, create=True) as project:
        project.save_design(_design())
    return path


@pytest.fixture
def repository() -> Iterator[str]:
    """An empty team database, its URL with a password (trust auth ignores it)."""
    with fresh_database() as url:
        yield make_url(url).set(password="s3cret").render_as_string(hide_password=False)


def _same(a: str | Path, name_a: str, b: str | Path, name_b: str) -> None:
    with Project.open(a) as pa, Project.open(b) as pb:
        one, two = pa.load_design(name_a), pb.load_design(name_b)
    assert two.same_content(one.copy(name_b))
    assert (two.created, two.updated) == (one.created, one.updated)


def test_copy_between_files_with_a_new_name(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path
) -> None:
    other = tmp_path / "共有.cluster"
    status, out, err = run(capsys, "copy", laptop, other, "--as", "目標")
    assert (status, err) == (0, "")
    assert out == f"Copied design '現状' from {laptop} to {other} as '目標': 3 actors, 2 ties\n"
    _same(laptop, "現状", other, "目標")


def test_copy_refuses_an_existing_design_unless_replacing(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path
) -> None:
    other = tmp_path / "共有.cluster"
    assert run(capsys, "copy", laptop, other)[0] == 0
    status, out, err = run(capsys, "copy", laptop, other, "--design", "現状")
    assert (status, out) == (2, "")
    assert err == (
        f"cluster-designer: error: {other} already holds a design named '現状'; add --replace to replace it\n"
    )
    assert run(capsys, "copy", laptop, other, "--replace")[0] == 0
    with Project.open(other) as project:
        assert project.design_names() == ["現状"]


def test_copy_errors_are_one_line_and_create_nothing(
    capsys: pytest.CaptureFixture[str], laptop: Path, tmp_path: Path
) -> None:
    target = tmp_path / "new.cluster"
    status, _, err = run(capsys, "copy", tmp_path / "missing.cluster", target)
    assert status == 2 and "missing.cluster: no such project file" in err
    status, _, err = run(capsys, "copy", laptop, target, "--design", "nope")
    assert status == 2 and "has no design named 'nope' (it holds: 現状)" in err
    status, _, err = run(capsys, "copy", laptop, laptop)
    assert status == 2 and "into the same project needs a new name" in err
    assert not target.exists()


def test_round_trip_through_the_repository_gives_an_identical_design(
    capsys: pytest.CaptureFixture[str], laptop: Path, repository: str, tmp_path: Path
) -> None:
    masked = make_url(repository).render_as_string(hide_password=True)
    status, out, err = run(capsys, "copy", laptop, repository)
    assert (status, err) == (0, "")
    assert out == f"Copied design '現状' from {laptop} to {masked}: 3 actors, 2 ties\n"
    assert "s3cret" not in out and ":***@" in out
    back = tmp_path / "戻り.cluster"
    assert run(capsys, "copy", repository, back, "--design", "現状")[0] == 0
    _same(laptop, "現状", back, "現状")
    _same(laptop, "現状", repository, "現状")


def test_every_command_takes_a_url(
    capsys: pytest.CaptureFixture[str], repository: str, tmp_path: Path
) -> None:
    design_file = tmp_path / "design.json"
    write_json(_design("目標"), design_file)
    status, out, _ = run(capsys, "import", repository, design_file)
    assert (
        status == 0
        and "Imported design '目標' in postgresql+psycopg://" in out
        and "s3cret" not in out
    )
    status, out, _ = run(capsys, "designs", repository, "--json")
    assert status == 0 and [d["name"] for d in json.loads(out)] == ["目標"]
    status, out, _ = run(capsys, "evaluate", repository, "--json")
    assert status == 0 and json.loads(out)["actors"]["total"] == 3
    status, _, _ = run(capsys, "export", repository, tmp_path / "out.json")
    assert (
        status == 0
        and json.loads((tmp_path / "out.json").read_text("utf-8"))["design"]["name"] == "目標"
    )
    status, _, err = run(capsys, "designs", repository.rsplit("/", 1)[0] + "/cd_no_such_db")
    assert status == 2 and 'database "cd_no_such_db" does not exist' in err and "s3cret" not in err
