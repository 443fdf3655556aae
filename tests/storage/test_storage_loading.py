"""Loading reads each row into the model as it comes: the design's order is the stored one
even when the database returns rows out of it, and ties share their ends' id texts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cluster_designer.model import Design, make_actor, make_tie
from cluster_designer.storage import Project
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
