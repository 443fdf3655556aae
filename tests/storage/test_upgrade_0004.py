"""A project made by version 0.1.0 (schema 0003, before origins, groups and years) opens with
today's code: backed up first, upgraded in place, every design, position and number kept."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from cluster_designer.analysis.evaluate import evaluate
from cluster_designer.io import read_design_file
from cluster_designer.model import make_group
from cluster_designer.storage import Project

OLD = Path(__file__).parents[1] / "data" / "old_projects" / "project-0.1.0-schema-0003.cluster"
# The samples as they were when the file was made (0.1.0's resources/sample).
SAMPLES = OLD.parent
MADE_FROM = {
    "知識クラスター計画 2030": "knowledge_cluster-0.1.0.json",
    "Company town (2024)": "company_town-0.1.0.json",
    "企業城下町 複製": "company_town-0.1.0.json",
}


def _revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_the_old_file_is_backed_up_upgraded_and_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "old.cluster"
    shutil.copyfile(OLD, path)
    original = path.read_bytes()
    assert _revision(path) == "0003"
    with Project.open(path) as project:
        assert project.backup_path == path.with_name("old.cluster.bak-0003")
        assert sorted(project.design_names()) == sorted(MADE_FROM)
        for name, sample in MADE_FROM.items():
            design = project.load_design(name)
            expected = read_design_file(SAMPLES / sample, design_name=name)
            assert list(design.actors.items()) == list(expected.actors.items()), name
            assert [t.key for t in design.ties.values()] == [t.key for t in expected.ties.values()]
            assert [t.weight for t in design.ties.values()] == [
                t.weight for t in expected.ties.values()
            ]
            assert evaluate(design).metrics() == evaluate(expected).metrics()
            assert design.year is None and not design.groups
            assert all(a.origin is None and a.arrived is None for a in design.actors.values())
        assert all(info.year is None for info in project.design_infos())
    assert path.with_name("old.cluster.bak-0003").read_bytes() == original
    assert _revision(path) == "0004"


def test_the_upgraded_file_takes_the_new_fields(tmp_path: Path) -> None:
    path = tmp_path / "old.cluster"
    shutil.copyfile(OLD, path)
    with Project.open(path) as project:
        design = project.load_design("Company town (2024)")
        first, second, third = list(design.actors)[:3]
        design.set_meta(year=2024)
        design.update_actor(second, origin="spin_off", parent=first, arrived=2001)
        design.add_group(make_group(id="G1", name="協議会", members=(first, second, third)))
        project.save_design(design)
    with Project.open(path) as again:
        assert again.backup_path is None
        loaded = again.load_design("Company town (2024)")
        assert loaded.same_content(design)
        assert loaded.actor(second).parent == first
        assert [i.year for i in again.design_infos() if i.name == "Company town (2024)"] == [2024]
