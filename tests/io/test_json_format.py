"""The one-design JSON file: lossless round trip and messages that point into the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cluster_designer.io import FormatError, design_to_dict, read_json, write_json
from cluster_designer.io.files import atomic_writer
from cluster_designer.io.json_format import design_json_chunks
from cluster_designer.model import Design, make_group
from tests.io.io_samples import sample_design


def document(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "format": "cluster-designer",
        "version": 1,
        "design": {"name": "d"},
        "actors": [
            {"id": "U1", "name": "Uni", "sector": "university"},
            {"id": "C1", "name": "Firm", "sector": "company"},
        ],
        "ties": [{"source": "U1", "target": "C1", "kind": "collaboration"}],
    }
    base.update(changes)
    return base


def json_error(tmp_path: Path, content: Any) -> str:
    path = tmp_path / "design.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_json(path)
    return str(caught.value)


def test_round_trip_keeps_everything_including_metadata_and_times(tmp_path: Path) -> None:
    design = sample_design()
    design.update_actor("U1", tags=("光学", "a;b"))  # a list in JSON: ';' is no separator here
    write_json(design, tmp_path / "d.json")
    again = read_json(tmp_path / "d.json")
    assert again.same_content(design)
    assert (again.created, again.updated) == (design.created, design.updated)
    assert again.actor("U1").tags == ("光学", "a;b")


def test_file_is_readable_utf8_with_japanese_unescaped(tmp_path: Path) -> None:
    write_json(sample_design(), tmp_path / "d.json")
    text = (tmp_path / "d.json").read_text(encoding="utf-8")
    assert "静岡大学" in text
    data = json.loads(text)
    assert data["format"] == "cluster-designer" and data["version"] == 1
    assert data["actors"][2] == {
        "id": "S1",
        "name": "浜松市",
        "sector": "support",
        "subtype": "",
        "location": "overseas",
        "x": None,
        "y": None,
        "staff": None,
        "budget": 12.5,
        "tags": [],
        "notes": "",
        "origin": None,
        "arrived": None,
        "parent": "",
        "extra": {"代表": "佐藤"},
    }
    assert data["ties"][3]["kind"] == "human_resources"


def test_design_name_can_be_overridden_on_read(tmp_path: Path) -> None:
    write_json(sample_design(), tmp_path / "d.json")
    assert read_json(tmp_path / "d.json", design_name="別名").name == "別名"


def test_minimal_document_uses_defaults_and_keeps_unknown_keys(tmp_path: Path) -> None:
    doc = document()
    doc["actors"][0]["colour"] = "red"
    doc["actors"][0]["rank"] = 3
    path = tmp_path / "design.json"
    path.write_text(json.dumps(doc), encoding="utf-8-sig")
    design = read_json(path)
    assert design.actor("U1").extra == {"colour": "red", "rank": "3"}
    assert next(iter(design.ties.values())).weight == 1.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "{",
            "design.json line 1, column 2: not valid JSON (Expecting property name enclosed in double quotes)",
        ),
        (
            {"actors": []},
            'design.json: not a Cluster Designer file (no "format": "cluster-designer")',
        ),
        (
            document(version=2),
            "design.json: written by a newer Cluster Designer (format version 2); this one reads version 1",
        ),
        (document(version="1"), "design.json: 'version' must be a whole number, not '1'"),
        (document(actors={}), "design.json: actors: must be a list"),
        (document(design={"name": ""}), "design.json: design.name: must not be empty"),
        (
            document(design={"name": "d", "created": "yesterday"}),
            "design.json: design.created: 'yesterday' is not an ISO-8601 date and time",
        ),
        (
            document(
                actors=[
                    {"id": "U1", "name": "Uni", "sector": "university"},
                    {"id": "C1", "name": "F", "sector": "x"},
                ]
            ),
            "design.json: actors[1].sector: unknown sector 'x' (use university, company, support)",
        ),
        (
            document(actors=[{"id": "U1", "name": "Uni"}]),
            "design.json: actors[0].sector: is required",
        ),
        (document(actors=["U1"]), "design.json: actors[0]: must be an object"),
        (
            document(
                actors=[
                    {"id": "U1", "name": "a", "sector": "company"},
                    {"id": "U1", "name": "b", "sector": "company"},
                ]
            ),
            "design.json: actors[1]: duplicate actor id 'U1' (first on actors[0])",
        ),
        (
            document(ties=[{"source": "U1", "target": "X9", "kind": "funding"}]),
            "design.json: ties[0]: unknown actor id 'X9'",
        ),
        (
            document(ties=[{"source": "U1", "target": "C1", "kind": "funding", "weight": -1}]),
            "design.json: ties[0].weight: must be greater than 0 (got -1)",
        ),
        (
            document(ties=[{"source": "U1", "target": "C1", "kind": "funding", "weight": True}]),
            "design.json: ties[0].weight: 'True' is not a number",
        ),
        (
            document(ties=[{"source": "U1", "target": "U1", "kind": "funding"}]),
            "design.json: ties[0]: a tie must join two different actors (both ends are 'U1')",
        ),
        (
            document(
                ties=[
                    {"source": "U1", "target": "C1", "kind": "information"},
                    {"source": "C1", "target": "U1", "kind": "information"},
                ]
            ),
            "design.json: ties[1]: an information tie C1 – U1 appears twice (first on ties[0])",
        ),
        (
            document(ties=[{"source": "U1", "target": "C1", "kind": "funding", "extra": []}]),
            "design.json: ties[0].extra: must be an object",
        ),
        (
            document(actors=[{"id": "U1", "name": "Uni", "sector": "university", "tags": [1]}]),
            "design.json: actors[0].tags: must be a list of text",
        ),
        # extra attribute names no other format could write back (found by the fuzz test:
        # such a design imported, then refused every GraphML export)
        *(
            (
                document(
                    actors=[{"id": "U1", "name": "Uni", "sector": "university", "extra": extra}]
                ),
                (
                    f"design.json: actors[0].extra: '{shown}' cannot be an attribute name: it is "
                    "empty, holds a control character, or is the name of another attribute"
                ),
            )
            for extra, shown in (
                ({"": None}, ""),
                ({" ": 1}, " "),
                ({"Name": "x"}, "Name"),
                ({"x": 1}, "x"),
                ({"note": 1, "NOTE": 2}, "NOTE"),
                ({"a\x01": 1}, "a\\x01"),
            )
        ),
        (
            document(
                ties=[{"source": "U1", "target": "C1", "kind": "funding", "extra": {"Kind": 1}}]
            ),
            (
                "design.json: ties[0].extra: 'Kind' cannot be an attribute name: it is empty, holds "
                "a control character, or is the name of another attribute"
            ),
        ),
    ],
)
def test_bad_documents_are_refused_with_a_path_into_the_file(
    tmp_path: Path, content: Any, message: str
) -> None:
    assert json_error(tmp_path, content) == message


def test_non_utf8_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "design.json"
    path.write_bytes(
        json.dumps(document(), ensure_ascii=False).replace("Uni", "静岡").encode("cp932")
    )
    with pytest.raises(
        FormatError,
        match=r"^design\.json line 1: the text is not in an encoding that can be told safely \(tried UTF-8, UTF-16\);",
    ):
        read_json(path)


def test_design_to_dict_is_what_the_file_holds(tmp_path: Path) -> None:
    design = sample_design()
    write_json(design, tmp_path / "d.json")
    assert json.loads((tmp_path / "d.json").read_text("utf-8")) == design_to_dict(design)


def test_a_write_that_fails_midway_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "d.json"
    write_json(sample_design(), target)
    before = target.read_bytes()
    with pytest.raises(RuntimeError), atomic_writer(target, encoding="utf-8") as handle:
        handle.write("{ half a file")
        raise RuntimeError("disk full")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["d.json"]


def test_an_unwritable_design_leaves_no_temporary_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_json(sample_design(), tmp_path / "missing" / "d.json")
    assert list(tmp_path.iterdir()) == []


def test_json_pieces_are_the_text_of_the_whole_document() -> None:
    """Autosave writes `design_json_chunks` (records made as they are encoded): the same text,
    character for character, as the whole document dumped at once — groups, extra columns,
    Japanese text, lineage and year included, and for an empty design."""
    design = sample_design()
    design.lineage, design.year = "lineage-1", 2030
    design.add_group(make_group(id="G1", name="浜松コンソーシアム", members=["U1", "C1"]))
    for case in (design, Design("空")):
        whole = json.dumps(design_to_dict(case), ensure_ascii=False, indent=2)
        assert "".join(design_json_chunks(case)) == whole
