"""A password in a repository address never shows: not in messages, files, or settings.

Every form of address is covered: `user:pw@host`, `?password=`, `&password=` among other
options, upper case, quoted characters, and addresses too broken to parse.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cluster_designer.cli import main
from cluster_designer.storage import Project, ProjectError, mask_password
from cluster_designer.storage.locations import redact, without_password

SECRET = "s3cret-パス"
QUOTED = "s3cret-%E3%83%91%E3%82%B9"
ADDRESSES = [
    f"postgresql+psycopg://planner:{QUOTED}@127.0.0.1:1/cluster",
    f"postgresql+psycopg://planner@127.0.0.1:1/cluster?password={QUOTED}",
    f"postgresql://planner@127.0.0.1:1/cluster?sslmode=disable&password={QUOTED}&connect_timeout=2",
    f"postgresql+psycopg://planner@127.0.0.1:1/cluster?PASSWORD={QUOTED}",
    f"postgresql+psycopg://planner:{QUOTED}@127.0.0.1:1/cluster?password={QUOTED}",
    f"postgresql+psycopg://planner@127.0.0.1:1/cluster?password={SECRET}",
    f"postgresql+psycopg://planner@127.0.0.1:1/cluster?sslpassword={QUOTED}",
]


def _secret_free(text: str) -> bool:
    return SECRET not in text and QUOTED not in text and "s3cret" not in text


@pytest.mark.parametrize("url", ADDRESSES)
def test_every_address_form_is_masked(url: str) -> None:
    shown = mask_password(url)
    assert _secret_free(shown), shown
    assert "***" in shown and "planner" in shown and "127.0.0.1:1/cluster" in shown
    stored = without_password(url)
    assert _secret_free(stored) and "***" not in stored, stored
    assert redact(f"could not connect to {url} ({SECRET})", url).count("***") >= 2


def test_addresses_without_a_password_are_left_alone() -> None:
    for url in (
        "postgresql+psycopg://planner@db.example.org/cluster?sslmode=require",
        "/home/静岡/a.cluster",
        "sqlite:///a.cluster",
    ):
        assert mask_password(url) == url == without_password(url)


def test_an_unparsable_address_shows_nothing_of_itself() -> None:
    broken = f"postgresql://planner:{SECRET}@[::1/cluster"
    assert _secret_free(mask_password(broken))
    assert _secret_free(without_password(broken))


@pytest.mark.parametrize("url", ADDRESSES)
def test_opening_fails_without_showing_the_password(url: str) -> None:
    with pytest.raises(ProjectError) as caught:
        Project.open(url)
    message = str(caught.value)
    assert _secret_free(message) and "\n" not in message, message


@pytest.mark.parametrize("url", ADDRESSES[:3])
def test_the_command_line_never_prints_the_password(
    url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for argv in (
        ["designs", url],
        ["copy", url, str(tmp_path / "x.cluster"), "--design", "a"],
        ["designs", url, "--no-such-option"],
    ):
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert _secret_free(out + err), err
        assert err.count("\n") == 1


def test_a_url_with_a_password_in_a_recovery_key_is_masked() -> None:
    from cluster_designer.gui.recovery_ops import recovery_key

    for url in ADDRESSES:
        assert _secret_free(str(recovery_key(url)))


def test_recovery_files_hold_no_password(tmp_path: Path) -> None:
    from cluster_designer.gui.recovery import RecoveryStore
    from cluster_designer.gui.recovery_ops import recovery_key
    from cluster_designer.model import Design

    store = RecoveryStore(tmp_path)
    for url in ADDRESSES:
        store.write(recovery_key(url), Design("d"), "d")
    for path in tmp_path.iterdir():
        text = path.read_text(encoding="utf-8")
        assert _secret_free(text), path.name
        if path.name.endswith(".info.json"):
            assert "***" in json.loads(text)["project"]
