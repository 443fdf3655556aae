"""Print how long `import-list` takes for a 20,000-row list, CP932 CSV and XLSX.

Run with `uv run python benchmarks/import_list.py [--rows N] [--json]`. The list is
generated like a prefecture's multi-year register of joint-research contracts: 40
universities and 4,000 partners (companies, a few support organizations and overseas
partners with Latin names), each written in up to three spellings, addresses inside and
outside the region, amounts with thousands separators, a few empty cells. Each run is the
whole command in one process (`cli.main`): mapping, list, names, probable duplicates, the
design and its layout, storing into a new project file. The first run also pays for loading
the libraries (SQLAlchemy, openpyxl, pykakasi's dictionary); the median is of warm runs as
well. Target: ≤ 5 s at 20,000 rows. `--cold` times one `cluster-designer import-list`
process instead (Python's start and every import included).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook

from cluster_designer.cli import main

TARGET_S = 5.0
HEADER = [
    "年度",
    "大学名",
    "大学所在地",
    "相手先",
    "相手先所在地",
    "区分",
    "金額（千円）",
    "研究題目",
]
MAPPING = """\
[list]
{sheet}
[[ends]]
name = "大学名"
sector = "university"
location_column = "大学所在地"

[[ends]]
name = "相手先"
sector = "company"
location_column = "相手先所在地"

[tie]
kind = "collaboration"
kind_column = "区分"
weight_column = "金額（千円）"
notes_columns = ["研究題目"]

[region]
places = ["浜松市", "磐田市", "湖西市"]
"""
PLACES = ["静岡県浜松市中区", "静岡県磐田市", "静岡県湖西市", "静岡県静岡市葵区", "愛知県豊田市",
          "東京都千代田区", "大阪府大阪市", "神奈川県川崎市"]  # fmt: skip
ABROAD = ["Aachen, Germany", "Boston, USA", "Taipei, Taiwan", "Lyon, France"]
SYLLABLES = "浜松磐田湖西天竜遠州静岡精機工業電子光学技研化成部品金属医療製作所"
FORMS = ("株式会社{}", "{}株式会社", "(株){}")


def _partners(rng: random.Random, count: int) -> list[tuple[list[str], str]]:
    """(spellings, address) per partner: Japanese firms in up to three forms, some abroad."""
    partners = []
    seen: set[str] = set()
    while len(partners) < count:
        if rng.random() < 0.03:
            core = f"{rng.choice(['Nova', 'Apex', 'Lumen', 'Vector'])} {rng.randrange(10_000)} GmbH"
            spellings, address = [core], rng.choice(ABROAD)
        else:
            core = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 7)))
            spellings = [form.format(core) for form in FORMS[: rng.randint(1, 3)]]
            address = rng.choice(PLACES) + f"{rng.randint(1, 9)}-{rng.randint(1, 30)}"
        if core not in seen:
            seen.add(core)
            partners.append((spellings, address))
    return partners


def make_rows(count: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    universities = [(f"国立大学法人第{n}大学", f"静岡県浜松市中区{n}") for n in range(1, 41)]
    partners = _partners(rng, 4000)
    rows = []
    for n in range(count):
        university, u_address = rng.choice(universities)
        if rng.random() < 0.5:
            university = university.removeprefix("国立大学法人")
        spellings, address = rng.choice(partners)
        partner = "" if rng.random() < 0.002 else rng.choice(spellings)
        amount = "" if rng.random() < 0.05 else f"{rng.randint(1, 9000):,}"
        kind = rng.choice(["共同研究"] * 8 + ["技術移転", "人材"])
        where = "" if rng.random() < 0.05 else address
        rows.append(
            [str(2015 + n % 10), university, u_address, partner, where, kind, amount, f"研究 {n}"]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().replace("人材", "人材交流").encode("cp932"))


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("契約一覧")
    sheet.append(HEADER)
    for row in rows:
        amount = int(row[6].replace(",", "")) if row[6] else None
        sheet.append([*row[:6], amount, row[7]])
    book.save(path)


def time_import(
    folder: Path, listing: Path, mapping: Path, runs: int
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds per run (the machine is shared: CPU time shows the work)."""
    times, cpu = [], []
    for n in range(runs):
        project = folder / f"p{listing.suffix}{n}.cluster"
        args = ["import-list", str(project), "--design", "d", str(listing), "--mapping",
                str(mapping), "--json"]  # fmt: skip
        with contextlib.redirect_stdout(io.StringIO()) as out:
            start, start_cpu = time.perf_counter(), time.process_time()
            status = main(args)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        if status != 0:
            raise SystemExit(f"import-list failed with status {status}")
        report = json.loads(out.getvalue())
    print(
        f"  {listing.name}: {report['rows']:,} rows → {report['actors']:,} actors, "
        f"{report['ties']:,} ties, {len(report['merged']):,} merged groups, "
        f"{len(report['candidates']):,} probable duplicates",
        file=sys.stderr,
    )
    return times, cpu


def time_process(
    folder: Path, listing: Path, mapping: Path, runs: int
) -> tuple[list[float], list[float]]:
    """A new `python -m cluster_designer import-list` process per run; CPU of the child."""
    times, cpu = [], []
    for n in range(runs):
        project = folder / f"cold{listing.suffix}{n}.cluster"
        args = [sys.executable, "-m", "cluster_designer", "import-list", str(project),
                "--design", "d", str(listing), "--mapping", str(mapping), "--json"]  # fmt: skip
        before = os.times()
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        after = os.times()
        cpu.append(
            after.children_user
            - before.children_user
            + after.children_system
            - before.children_system
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr)
    return times, cpu


def main_benchmark() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--cold", action="store_true", help="time a fresh process per run")
    options = parser.parse_args()
    rows = make_rows(options.rows)
    results = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        csv_path, xlsx_path = folder / "contracts.csv", folder / "contracts.xlsx"
        write_csv(csv_path, rows)
        write_xlsx(xlsx_path, rows)
        for listing, sheet in ((csv_path, ""), (xlsx_path, 'sheet = "契約一覧"')):
            mapping = folder / f"{listing.suffix[1:]}.toml"
            mapping.write_text(MAPPING.format(sheet=sheet), encoding="utf-8")
            timer = time_process if options.cold else time_import
            times, cpu = timer(folder, listing, mapping, options.runs)
            results[listing.suffix[1:]] = {
                "median_s": round(statistics.median(times), 3),
                "max_s": round(max(times), 3),
                "median_cpu_s": round(statistics.median(cpu), 3),
                "runs": [round(t, 3) for t in times],
            }
    if options.json:
        print(json.dumps({"rows": options.rows, "target_s": TARGET_S, **results}, indent=2))
        return
    print(f"import-list of a {options.rows:,}-row list (target ≤ {TARGET_S} s)")
    for kind, figures in results.items():
        verdict = "met" if figures["median_s"] <= TARGET_S else "MISSED"
        print(
            f"  {kind:5} median {figures['median_s']:.2f} s (CPU {figures['median_cpu_s']:.2f} s),"
            f" max {figures['max_s']:.2f} s  {verdict}"
        )


if __name__ == "__main__":
    main_benchmark()
