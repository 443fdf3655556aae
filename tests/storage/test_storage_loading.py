"""Loading reads the rows into the model a batch at a time: the design's order is the stored
one even when the database returns rows out of it, ties share their ends' id texts, and a
row the model cannot take is named in one line whichever batch it is in."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cluster_designer.model import ClusterError, Design, make_actor, make_tie
from cluster_designer.storage import Project
from cluster_designer.storage import project as project_module
from cluster_designer.storage.rows import read_in_order


def test_read_in_order_sorts_by_seq_and_keeps_each_keys_seq() -> None:
    rows = [("b", "built b", 2.0), ("a", "built a", 1.0), ("c", "built c", 2.5), ("d", "d", 0.5)]
    built, seqs = read_in_order(iter(rows), lambda row: row[1])
    assert built == ["d", "built a", "built b", "built c"]
    assert seqs == {"b": 2.0, "a": 1.0, "c": 2.5, "d": 0.5}
    assert read_in_order(iter([]), lambda row: row) == ([], {})


def _design() -> Design:
    design = Design("Order")
    design.load(
        [make_actor(id=f"A{n}", name=f"Actor {n}", sector="company") for n in range(6)],
        [
            make_tie(source=f"A{n}", target=f"A{(n + 1) % 6}", kind="funding", weight=n + 1)
            for n in range(6)
        ],
    )
    return design


def test_a_design_stored_out_of_row_order_loads_in_its_own_order(project_path: Path) -> None:
    design = _design()
    with Project.open(project_path, create=True) as project:
        project.save_design(design)
    # Order numbers turned around: the rows come back in the opposite of the design's order.
    conn = sqlite3.connect(project_path)
    for table in ("actors", "ties"):
        conn.execute(f"UPDATE {table} SET seq = 100 - seq")
    conn.commit()
    conn.close()
    with Project.open(project_path) as project:
        loaded = project.load_design("Order")
        assert list(loaded.actors) == list(reversed(design.actors))
        assert [t.weight for t in loaded.ties.values()] == [6, 5, 4, 3, 2, 1]
        for tie in loaded.ties.values():
            assert tie.source is loaded.actor(tie.source).id
            assert tie.target is loaded.actor(tie.target).id
        loaded.update_actor("A2", name="Renamed")  # saving only the change still works
        project.save_design(loaded)
        again = project.load_design("Order")
        assert again.actor("A2").name == "Renamed"
        assert list(again.actors) == list(loaded.actors)


def _stored_ties_out_of_order(project_path: Path, design):
    """`design` saved, its even ties' stored order reversed behind its back, and read back."""
    with Project.open(project_path, create=True) as project:
        project.save_design(design)
    conn = sqlite3.connect(project_path)
    conn.execute("UPDATE ties SET seq = 100 - seq WHERE uid % 2 = 0")
    conn.commit()
    conn.close()
    with Project.open(project_path) as project:
        return project.load_design("Order")


def test_rows_read_a_batch_at_a_time_give_the_same_design(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches that split the design's rows anywhere (here every 4 rows), stored out of order."""
    monkeypatch.setattr(project_module, "ROWS_AT_ONCE", 4)
    design = _design()
    design.update_actor("A1", tags=("ev", "電池"), extra={"url": "https://example.jp"})
    loaded = _stored_ties_out_of_order(project_path, design)
    assert loaded.same_content(design) and list(loaded.actors) == list(design.actors)
    assert loaded.actor("A1").tags == ("ev", "電池")
    assert loaded.actor("A1").extra == {"url": "https://example.jp"}
    assert [t.weight for t in loaded.ties.values()] == [1, 3, 5, 6, 4, 2]


@pytest.mark.parametrize(
    ("table", "change", "message"),
    [
        ("ties", "kind = 'gossip'", "tie A4 – A5 has a value the program does not know"),
        ("ties", "extra = '{oops'", "tie A4 – A5 has a value the program does not know"),
        ("actors", "location = 'moon'", "actor 'A4' has a value the program does not know"),
        ("actors", "tags = '[1'", "actor 'A4' has a value the program does not know"),
        ("ties", "target = 'A9'", "target: unknown actor id 'A9'"),
        ("ties", "target = 'A4'", "target: a tie must join two different actors"),
        ("ties", "source = 'A3', target = 'A4'", "kind: a funding tie A3 → A4 appears twice"),
    ],
)
def test_a_bad_row_in_a_later_batch_is_named_in_one_line(
    project_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, change: str, message: str
) -> None:
    monkeypatch.setattr(project_module, "ROWS_AT_ONCE", 4)
    with Project.open(project_path, create=True) as project:
        project.save_design(_design())
    where = "actor_id = 'A4'" if table == "actors" else "source = 'A4'"
    conn = sqlite3.connect(project_path)
    conn.execute(f"UPDATE {table} SET {change} WHERE {where}")
    conn.commit()
    conn.close()
    with Project.open(project_path) as project:
        with pytest.raises(ClusterError) as caught:
            project.load_design("Order")
        assert project.design_names() == ["Order"]
    text = str(caught.value)
    assert "design 'Order' is damaged: " + message in text and "\n" not in text


def test_rows_without_extra_columns_share_one_empty_extra_and_edits_stay_apart(
    project_path: Path,
) -> None:
    """Loaded actors and ties with no extra columns share one empty `extra` (memory); an edit
    gives the edited actor its own, and the others stay empty."""
    design = _design()
    with Project.open(project_path, create=True) as project:
        project.save_design(design)
        loaded = project.load_design("Order")
    a0, a1 = loaded.actor("A0"), loaded.actor("A1")
    tie = next(iter(loaded.ties.values()))
    assert a0.extra == {} and a0.extra is a1.extra is tie.extra
    loaded.update_actor("A0", extra={**a0.extra, "pinned": "1"})
    assert loaded.actor("A0").extra == {"pinned": "1"}
    assert loaded.actor("A1").extra == {} and tie.extra == {}


def test_a_database_error_while_reading_rows_is_one_line_naming_the_file(
    project_path: Path,
) -> None:
    """Rows are read from SQLite's own cursor (not through SQLAlchemy's rows): its errors
    still become the project's one-line message."""
    with Project.open(project_path, create=True) as project:
        project.save_design(_design())
    conn = sqlite3.connect(project_path)
    conn.execute("ALTER TABLE ties RENAME COLUMN weight TO heft")
    conn.commit()
    conn.close()
    with Project.open(project_path) as project, pytest.raises(ClusterError) as caught:
        project.load_design("Order")
    text = str(caught.value)
    assert project_path.name in text and "weight" in text and "\n" not in text


def test_loading_gives_each_ties_end_rows_in_the_designs_order(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Storage looks each tie's ends up once while converting rows, and `Design.load` keeps
    where they come among the actors for the first drawing: right also when the rows come
    back out of the design's order (put back in order with the ties) and in batches."""
    monkeypatch.setattr(project_module, "ROWS_AT_ONCE", 4)
    loaded = _stored_ties_out_of_order(project_path, _design())
    place = {actor_id: n for n, actor_id in enumerate(loaded.actors)}
    ties = list(loaded.ties.values())
    assert loaded.take_loaded_tie_rows() == (
        [place[t.source] for t in ties],
        [place[t.target] for t in ties],
    )
