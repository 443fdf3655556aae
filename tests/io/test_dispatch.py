"""Choosing a reader or writer by file extension."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cluster_designer.io import (
    FORMATS,
    FormatError,
    read_design_file,
    write_csv_pair,
    write_design_file,
)
from cluster_designer.model import Design, make_actor


def test_json_by_extension_in_any_case(tmp_path: Path) -> None:
    design = Design("静岡")
    design.add_actor(make_actor(id="U1", name="静岡大学", sector="university"))
    write_design_file(design, tmp_path / "d.JSON")
    assert read_design_file(tmp_path / "d.JSON").same_content(design)
    assert read_design_file(tmp_path / "d.JSON", design_name="other").name == "other"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("map.xyz", "map.xyz: unsupported file type '.xyz' (use .json"),
        ("map", "map: unsupported file type (no extension) (use .json"),
        (
            "actors.csv",
            "actors.csv: a CSV design is two files, actors and ties; import them as a pair (single files: .json",
        ),
    ],
)
def test_unknown_types_are_refused_naming_the_supported_ones(
    tmp_path: Path, name: str, message: str
) -> None:
    with pytest.raises(FormatError) as caught:
        read_design_file(tmp_path / name)
    assert str(caught.value).startswith(message)
    assert all(suffix in str(caught.value) for suffix in FORMATS)
    with pytest.raises(FormatError):
        write_design_file(Design("d"), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_io_and_the_command_line_load_without_qt_or_a_database() -> None:
    code = (
        "import sys, cluster_designer.io, cluster_designer.cli;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy'));"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".graphml", ".gexf"])
def test_every_format_that_joins_tags_refuses_a_tag_holding_the_separator(
    tmp_path: Path, suffix: str
) -> None:
    """CSV, XLSX and the graph formats keep tags as one ';'-separated text: 'a;b' would come
    back as two tags, so each refuses it with the same message and leaves the old file."""
    design = Design("静岡")
    design.add_actor(make_actor(id="U1", name="静岡大学", sector="university", tags=["a;b"]))
    target = tmp_path / f"design{suffix}"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(FormatError) as refused:
        if suffix == ".csv":
            write_csv_pair(design, target, tmp_path / "ties.csv")
        else:
            write_design_file(design, target)
    assert str(refused.value) == (
        f"design{suffix}: cannot write actor 'U1': its tag 'a;b' contains ';', which separates tags"
    )
    assert target.read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "ties.csv").exists()
    # JSON keeps tags as a list, so there the tag is fine
    write_design_file(design, tmp_path / "design.json")
    assert read_design_file(tmp_path / "design.json").actor("U1").tags == ("a;b",)
