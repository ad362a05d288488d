"""Write data/commune_positions.csv (and data/commune_positions_unplaced.csv) from the coordinates
bundled with the `vietnamadminunits` package (MIT licence), matched to the official 2025 units of
`vietnam-provinces` that the database is built from.

    python scripts/make_positions.py                      # fetches the pinned wheel with pip
    python scripts/make_positions.py --wheel PATH.whl     # or uses one already downloaded

The package is not a runtime dependency: the script reads the SQLite database inside its wheel
(table admin_units: 34 provinces, 3,321 units, wardCode/wardLat/wardLon) without installing it.

Matching, one package unit per official unit at most:
1. by code: same 5-digit code, same province, and the same name once folded (kpi.geo.fold_name).
   A code whose names disagree is NOT trusted: the two sources sometimes give a merged unit a
   different one of its predecessors' codes, so the code points at a neighbour.
2. by name: among the package units of the same province not used in step 1, the one whose folded
   name equals the unit's (the unit type breaks a tie; still ambiguous: unplaced).
3. every point must lie in kpi.geo's sanity box (lat 8.0-23.5, lon 102.0-110.0); outside: unplaced.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kpi import config, geo
from kpi.sources import load_units

DB_MEMBER = "vietnamadminunits/data/dataset.db"
LICENCE_MEMBER = f"vietnamadminunits-{geo.SOURCE_VERSION}.dist-info/licenses/LICENSE"


@dataclass(frozen=True)
class Unit:
    code: str
    province_code: str
    name: str
    unit_type: str
    latitude: float
    longitude: float


def fetch_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q", "-d", str(folder),
         f"{geo.SOURCE_PACKAGE}=={geo.SOURCE_VERSION}"],
        check=True,
    )
    return next(folder.glob(f"{geo.SOURCE_PACKAGE}-{geo.SOURCE_VERSION}-*.whl"))


def read_package(wheel: Path, folder: Path) -> list[Unit]:
    with zipfile.ZipFile(wheel) as zf:
        licence = zf.read(LICENCE_MEMBER).decode("utf-8")
        if not licence.startswith("MIT License"):
            sys.exit(f"{wheel.name}: the licence is no longer MIT; check it before using the data:\n{licence[:200]}")
        db = Path(zf.extract(DB_MEMBER, folder))
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT wardCode, provinceCode, ward, wardType, wardLat, wardLon FROM admin_units ORDER BY wardCode"
        ).fetchall()
    return [Unit(c, p, n, (t or "").lower(), float(lat), float(lon)) for c, p, n, t, lat, lon in rows if lat is not None and lon is not None]


def match(communes: list, package: list[Unit]) -> tuple[list[dict[str, object]], list[dict[str, str]], list[str]]:
    """(positions, unplaced, notes): see the module docstring."""
    by_code = {u.code: u for u in package}
    used: set[str] = set()
    placed: dict[str, tuple[Unit, str]] = {}
    notes: list[str] = []
    for c in communes:
        u = by_code.get(c.commune_code)
        if u is None or u.province_code != c.province_code:
            continue
        if geo.fold_name(u.name) == geo.fold_name(c.name):
            placed[c.commune_code] = (u, "code")
            used.add(u.code)
        else:
            notes.append(f"code {c.commune_code}: official '{c.name}', package '{u.name}': code match rejected")
    reasons: dict[str, str] = {}
    for c in communes:
        if c.commune_code in placed:
            continue
        key = geo.fold_name(c.name)
        candidates = [u for u in package if u.province_code == c.province_code and u.code not in used and geo.fold_name(u.name) == key]
        if len(candidates) > 1:
            candidates = [u for u in candidates if u.unit_type == c.unit_type]
        if len(candidates) == 1:
            placed[c.commune_code] = (candidates[0], "name")
            used.add(candidates[0].code)
        else:
            reasons[c.commune_code] = "ambiguous name in the province" if candidates else "no unit of that name in the province"
    rows: list[dict[str, object]] = []
    for c in communes:
        if c.commune_code not in placed:
            continue
        u, how = placed[c.commune_code]
        if not geo.inside_box(u.latitude, u.longitude):
            reasons[c.commune_code] = f"position {u.latitude}, {u.longitude} outside the sanity box (lat {geo.LAT_MIN}-{geo.LAT_MAX}, lon {geo.LON_MIN}-{geo.LON_MAX})"
            del placed[c.commune_code]
            continue
        rows.append({
            "commune_code": c.commune_code, "province_code": c.province_code, "latitude": u.latitude, "longitude": u.longitude,
            "matched_by": how, "source": f"{geo.SOURCE} admin_units {u.code}",
        })
    unplaced = [
        {"commune_code": c.commune_code, "province_code": c.province_code, "name": c.name, "reason": reasons[c.commune_code]}
        for c in communes if c.commune_code in reasons
    ]
    return rows, unplaced, notes


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"a downloaded {geo.SOURCE_PACKAGE}-{geo.SOURCE_VERSION} wheel")
    args = parser.parse_args()
    provinces, communes = load_units()
    province_names = {p.province_code: p.name for p in provinces}
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        package = read_package(wheel, Path(tmp))
    rows, unplaced, notes = match(communes, package)
    for row in unplaced:
        row["province_name"] = province_names[str(row["province_code"])]
    write_csv(config.DATA_DIR / geo.POSITIONS_FILE, geo.POSITION_COLUMNS, sorted(rows, key=lambda r: str(r["commune_code"])))
    write_csv(config.DATA_DIR / geo.UNPLACED_FILE, geo.UNPLACED_COLUMNS, unplaced)
    geo.load_positions(communes={c.commune_code: c.province_code for c in communes})  # what we wrote must load
    by = {how: sum(r["matched_by"] == how for r in rows) for how in ("code", "name")}
    print(f"{len(package)} units in {geo.SOURCE}; official units: {len(communes)}")
    print(f"placed {len(rows)} (by code {by['code']}, by name {by['name']}); unplaced {len(unplaced)}")
    for note in notes:
        print("  note:", note)
    for row in unplaced:
        print(f"  unplaced: {row['commune_code']} {row['province_name']}: {row['name']}: {row['reason']}")


if __name__ == "__main__":
    main()
