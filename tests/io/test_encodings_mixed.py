"""Decoding is all or nothing per file: a file mixing UTF-8 and Shift-JIS (CP932) lines is
refused in one line naming the encodings tried, never stored as mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster_designer.cli import main
from cluster_designer.io import FormatError, read_csv_pair
from cluster_designer.io.lists import read_list_table

HEADER = "id,name,sector\n"


def _mixed(path: Path) -> Path:
    """Excel saved one part as CP932, someone appended lines as UTF-8 (or the other way)."""
    path.write_bytes(
        HEADER.encode("ascii")
        + "U1,静岡大学,university\n".encode()
        + "C1,浜松ホトニクス,company\n".encode("cp932")
    )
    return path


def test_a_csv_pair_mixing_utf8_and_cp932_is_refused(tmp_path: Path) -> None:
    actors = _mixed(tmp_path / "actors.csv")
    ties = tmp_path / "ties.csv"
    ties.write_text("source,target,kind\n", encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_csv_pair(actors, ties, "d")
    message = str(caught.value)
    assert message.startswith("actors.csv line 3:") and "\n" not in message
    assert "UTF-8" in message and "Shift-JIS (CP932)" in message
    assert "line 2" in message  # where the UTF-8 part is


def test_the_other_way_round_is_refused_too(tmp_path: Path) -> None:
    actors = tmp_path / "actors.csv"
    actors.write_bytes(
        HEADER.encode("ascii")
        + "C1,浜松ホトニクス,company\n".encode("cp932")
        + "U1,静岡大学,university\n".encode()
    )
    with pytest.raises(FormatError) as caught:
        read_csv_pair(actors, None, "d")
    assert "UTF-8" in str(caught.value) and "Shift-JIS (CP932)" in str(caught.value)


def test_a_whole_cp932_file_is_still_read(tmp_path: Path) -> None:
    actors = tmp_path / "actors.csv"
    actors.write_bytes(
        (HEADER + "U1,静岡大学,university\nC1,ｶﾌﾞｼｷｶﾞｲｼｬ浜松,company\n").encode("cp932")
    )
    design = read_csv_pair(actors, None, "d")
    assert [a.name for a in design.actors.values()] == ["静岡大学", "ｶﾌﾞｼｷｶﾞｲｼｬ浜松"]


def test_the_command_line_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actors = _mixed(tmp_path / "actors.csv")
    ties = tmp_path / "ties.csv"
    ties.write_text("source,target,kind\n", encoding="utf-8")
    project = tmp_path / "p.cluster"
    status = main(
        ["import", str(project), "--design", "d", "--actors", str(actors), "--ties", str(ties)]
    )
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and not project.exists()


def test_a_list_mixing_encodings_is_refused(tmp_path: Path) -> None:
    listing = _mixed(tmp_path / "契約.csv")
    with pytest.raises(FormatError) as caught:
        read_list_table(listing)
    assert "UTF-8" in str(caught.value) and "Shift-JIS (CP932)" in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_a_byte_order_mark_is_still_read(
    tmp_path: Path, encoding: str
) -> None:
    actors = tmp_path / "actors.csv"
    actors.write_text(
        HEADER + "U1,静岡大学,university\nC1,浜松ホトニクス,company\n", encoding=encoding
    )
    design = read_csv_pair(actors, None, "d")
    assert [a.name for a in design.actors.values()] == ["静岡大学", "浜松ホトニクス"]


def test_one_utf8_line_among_many_cp932_lines_is_named(tmp_path: Path) -> None:
    """The line that differs is named, wherever it is (here the UTF-8 line is line 5)."""
    lines = [f"C{n},浜松ホトニクス{n},company\n".encode("cp932") for n in range(1, 4)]
    lines.insert(3, "U1,静岡大学,university\n".encode())
    actors = tmp_path / "actors.csv"
    actors.write_bytes(HEADER.encode("ascii") + b"".join(lines))
    with pytest.raises(FormatError) as caught:
        read_csv_pair(actors, None, "d")
    message = str(caught.value)
    assert message.startswith("actors.csv line 5:") and "line 5 is UTF-8" in message
    assert "line 2 is not" in message
