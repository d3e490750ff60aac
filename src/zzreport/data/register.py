"""Bring a new edition of the sources register into the data set.

``python -m zzreport.data.register [SOURCES_DIR]`` (what ``make register`` runs) copies
``external_figures.csv`` and its README from the register (``../shared/sources`` by default)
byte for byte into ``data/raw/``, updates their sidecar and the data package's checksums, and
rewrites the tidy table ``data/external/external_figures.csv``: the raw rows unchanged, plus

- ``indicator`` and ``section``, joined by the row's names through
  ``data/external/indicator_map.csv`` (one line per name pair, written by hand when a new
  indicator arrives: the command stops and lists the names it cannot place);
- ``direction``, read from the wording of each target by ``provenance.read_direction``;
- ``release``, read from the quote and note of each outcome by ``provenance.read_release``
  (projection, first, revised or unknown).

Nothing is written unless every row can be placed and every address is a plain http(s) URL
(``provenance.is_url``): the register's text comes from third parties' pages.

Every file is written to a temporary name and moved into place, so an interrupted run leaves
the previous edition whole.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import io
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from zzreport.data import paths, schema
from zzreport.data.provenance import is_url, read_direction, read_release

DEFAULT_SOURCES = paths.PROJECT_ROOT.parent / "shared" / "sources"
RAW_CSV = paths.RAW_DIR / "external_figures.csv"
RAW_README = paths.RAW_DIR / "external_figures.README.md"
RAW_META = paths.RAW_DIR / "external_figures.meta.json"
TIDY_META = paths.EXTERNAL_DIR / "external_figures.meta.json"
INDICATOR_MAP = paths.EXTERNAL_DIR / "indicator_map.csv"
ADDED_COLUMNS: tuple[str, ...] = ("indicator", "section", "direction", "release")


class RegisterError(ValueError):
    """The register cannot be brought in: names the file, the row and what is missing."""


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def indicator_map(path: Path = INDICATOR_MAP) -> dict[tuple[str, str], tuple[str, str]]:
    """(name_zh, name_en) → (indicator, section), from the hand-written map."""
    return {
        (row["name_zh"], row["name_en"]): (row["indicator"], row["section"])
        for row in read_csv(path)
    }


def tidy_rows(
    raw: list[dict[str, str]],
    mapping: dict[tuple[str, str], tuple[str, str]],
    source: Path = RAW_CSV,
) -> list[dict[str, str]]:
    """The raw rows with ``indicator``, ``section``, ``direction`` and ``release`` added, in
    the tidy table's column order. Raises ``RegisterError`` listing every row whose names the
    map lacks, and every row whose address is not a plain http(s) URL."""
    unplaced = [
        f"{source}, line {number}: {row['name_zh']} / {row['name_en']}"
        for number, row in enumerate(raw, start=2)
        if (row["name_zh"], row["name_en"]) not in mapping
    ]
    if unplaced:
        raise RegisterError(
            "no indicator for these names; add a line (name_zh, name_en, "
            f"indicator, section) to {INDICATOR_MAP}:\n" + "\n".join(unplaced)
        )
    bad_urls = [
        f"{source}, line {number}, column source_url: {row['source_url']!r}"
        for number, row in enumerate(raw, start=2)
        if not is_url(row["source_url"])
    ]
    if bad_urls:
        raise RegisterError(
            "not an address; expected an http(s) URL without spaces, quotes or angle "
            "brackets:\n" + "\n".join(bad_urls)
        )
    tidy = []
    for row in raw:
        indicator, section = mapping[(row["name_zh"], row["name_en"])]
        direction = ""
        if row["status"] == "target" and row["value"].strip():
            direction = read_direction(
                row["quote"], float(row["value"]), row["bound"], row["name_zh"]
            )
        release = read_release(row["quote"], row["note"]) if row["status"] == "actual" else ""
        added = {
            "indicator": indicator,
            "section": section,
            "direction": direction,
            "release": release,
        }
        tidy.append({column: {**row, **added}[column] for column in schema.EXTERNAL.columns})
    return tidy


def render_csv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_atomically(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def expected_tidy() -> bytes:
    """What ``data/external/external_figures.csv`` must hold for the raw copy in ``data/raw``."""
    return render_csv(tidy_rows(read_csv(RAW_CSV), indicator_map()), schema.EXTERNAL.columns)


def bring_in(sources: Path, today: str | None = None) -> list[str]:
    """Copy the register from ``sources`` and rewrite everything derived from it; return what
    changed, one line each."""
    csv_bytes = (sources / "external_figures.csv").read_bytes()
    readme_bytes = (sources / "README.md").read_bytes()
    mapping = indicator_map()
    raw_rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8"), newline="")))
    tidy = render_csv(
        tidy_rows(raw_rows, mapping, sources / "external_figures.csv"), schema.EXTERNAL.columns
    )  # fails before anything is written
    today = today or datetime.date.today().isoformat()
    changed = []
    for path, content in (
        (RAW_CSV, csv_bytes),
        (RAW_README, readme_bytes),
        (paths.EXTERNAL_CSV, tidy),
    ):
        if not path.exists() or path.read_bytes() != content:
            write_atomically(path, content)
            changed.append(f"{path.relative_to(paths.PROJECT_ROOT)}: {len(content)} bytes")
    meta = json.loads(RAW_META.read_text(encoding="utf-8"))
    if meta["sha256"] != sha256(csv_bytes) or meta.get("readme_sha256") != sha256(readme_bytes):
        edition, note = edition_of(readme_bytes.decode("utf-8"))
        meta.update(
            bytes=len(csv_bytes),
            sha256=sha256(csv_bytes),
            readme_sha256=sha256(readme_bytes),
            date_accessed=today,
            edition=edition,
            edition_note=note,
        )
        _write_json(RAW_META, meta)
        tidy_meta = json.loads(TIDY_META.read_text(encoding="utf-8"))
        tidy_meta.update(derived_from_sha256=sha256(csv_bytes), date_processed=today)
        _write_json(TIDY_META, tidy_meta)
        package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
        for resource in package["resources"]:
            if resource["name"] == "external_raw":
                resource.update(bytes=len(csv_bytes), hash=f"sha256:{sha256(csv_bytes)}")
        _write_json(paths.DATAPACKAGE, package)
        changed.append("sidecars and data/datapackage.json: new checksums")
    return changed


ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
EDITION_LINE = re.compile(r"^- (\w+) edition \(([^)]*)\)", re.M | re.I)


def edition_of(readme: str) -> tuple[int, str]:
    """The newest edition the register's README lists under Changes (its first entry), and
    that entry's summary in brackets: ``(3, "189 rows added, 274 in all; no column changed")``.
    RegisterError when the README lists none."""
    match = EDITION_LINE.search(readme.partition("## Changes")[2])
    if match is None or match.group(1).lower() not in ORDINALS:
        raise RegisterError(
            "the register's README lists no edition under '## Changes'; expected a line "
            "such as '- Third edition (189 rows added, …): …'"
        )
    number = ORDINALS.index(match.group(1).lower()) + 1
    return number, f"{match.group(1).capitalize()} edition: {match.group(2)}."


def _write_json(path: Path, content: dict) -> None:
    write_atomically(path, (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m zzreport.data.register", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "sources",
        nargs="?",
        type=Path,
        default=DEFAULT_SOURCES,
        help=f"the register's folder (default: {DEFAULT_SOURCES})",
    )
    args = parser.parse_args(argv)
    if not (args.sources / "external_figures.csv").is_file():
        print(
            f"error: {args.sources / 'external_figures.csv'} not found; expected the sources "
            "register's folder (external_figures.csv and README.md)",
            file=sys.stderr,
        )
        return 2
    try:
        changed = bring_in(args.sources)
    except RegisterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("\n".join(changed) if changed else "the register in data/ is already this edition")
    return 0


if __name__ == "__main__":
    sys.exit(main())
