"""Where the project's files live, built from this module's location.

The package is installed in editable mode from the repository (``make`` does this), so the
repository root is three levels above this file (``src/zzreport/data``). Every path in the project comes from here,
which is why notebooks and tests work from any working directory.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parents[3]
DATA_DIR: Path = PROJECT_ROOT / "data"
RAW_DIR: Path = DATA_DIR / "raw"
RAW_REPORT: Path = RAW_DIR / "zhengzhou-2024-report.txt"
RAW_REPORT_META: Path = RAW_DIR / "zhengzhou-2024-report.meta.json"
INDICATORS_CSV: Path = DATA_DIR / "indicators.csv"
EXTERNAL_DIR: Path = DATA_DIR / "external"
EXTERNAL_CSV: Path = EXTERNAL_DIR / "external_figures.csv"
DATAPACKAGE: Path = DATA_DIR / "datapackage.json"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
BUILD_DIR: Path = PROJECT_ROOT / "build"
